//! Messages that say what is wrong and what to do (issue 14, part 3), and colour on a terminal
//! only (part 4). Each refused case runs `brief check` and `brief build` on a broken copy of the
//! built project and compares stderr with its snapshot in `tests/snapshots/messages/`
//! (`BRIEF_BLESS=1` rewrites them for review); `out/` must be unchanged and no host path shown.

use crate::common;

use common::{BRIEF, FACTS, Fixture, Run, assert_snapshot};

const FACTS_FILE: &str = "data/facts.yaml";
const BRIEF_FILE: &str = "briefs/test.yaml";

/// `$ brief <command>`, its stderr and exit code, as a snapshot records them.
fn record(command: &str, run: &Run) -> String {
    format!("$ brief {command}\n{}[exit {}]\n", run.stderr(), run.code())
}

/// Breaks a copy of the built project with `edits` (replacements in files), runs check and
/// build, and asserts exit 65, every `expected` piece, nothing else in stderr that `absent`
/// names, `out/` unchanged, and the snapshot. Returns the last stderr.
fn refused(name: &str, edits: &[(&str, &str, &str)], expected: &[&str], absent: &[&str]) -> String {
    let f = Fixture::built();
    let before = f.out_files();
    for (file, from, to) in edits {
        let text = String::from_utf8(f.read(file)).unwrap();
        assert!(
            text.contains(from),
            "case does not apply: {from:?} not in {file}"
        );
        f.write(file, &text.replacen(from, to, 1));
    }
    let mut transcript = String::new();
    let mut last = String::new();
    for command in ["check", "build"] {
        let run = f.brief(&[command]).fails(65);
        let stderr = run.stderr();
        for needle in expected {
            assert!(
                stderr.contains(needle),
                "{name}: `brief {command}` does not say {needle:?}:\n{stderr}"
            );
        }
        for needle in absent {
            assert!(
                !stderr.contains(needle),
                "{name}: `brief {command}` says {needle:?}:\n{stderr}"
            );
        }
        transcript.push_str(&record(command, &run));
        last = stderr;
    }
    f.assert_out_unchanged(&before, name);
    assert_snapshot(&format!("messages/{name}"), &transcript);
    last
}

const EN_TEXT: &str = "      en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.\n";

#[test]
fn a_missing_translation_names_the_fact_and_the_field_with_a_hint() {
    refused(
        "missing-translation-block",
        &[(FACTS_FILE, EN_TEXT, "")],
        &[
            "data/facts.yaml:8:7: error: fact `pe-bi-approval`: `text` has no text in English",
            "hint: add `en:` beside `es:`",
        ],
        &[],
    );
    // A flow mapping, in a fact whose `id` comes after the field.
    refused(
        "missing-translation-flow",
        &[(
            FACTS_FILE,
            "  - id: mou-purpose\n    kind: clause\n    tags: [mou]\n    attrs:\n      heading: {es: Propósito, en: Purpose}\n",
            "  - kind: clause\n    tags: [mou]\n    attrs:\n      heading: {en: Purpose}\n    id: mou-purpose\n",
        )],
        &[
            "data/facts.yaml:28:17: error: fact `mou-purpose`: `attrs.heading` has no text in español",
            "hint: add `es:` beside `en:`",
        ],
        &[],
    );
    // A section title in a brief definition.
    refused(
        "missing-translation-section",
        &[(
            BRIEF_FILE,
            "title: {es: Riesgos, en: Risks}",
            "title: {es: Riesgos}",
        )],
        &[
            "briefs/test.yaml:17:13: error: section `risks`: `title` has no text in English",
            "hint: add `en:` beside `es:`",
        ],
        &[],
    );
}

#[test]
fn an_internal_fact_in_an_external_section_says_it_is_internal() {
    let said = refused(
        "internal-fact-in-a-nato-section",
        &[(
            BRIEF_FILE,
            "facts: [pe-bi-approval]",
            "facts: [pe-bi-approval, risk-trade]",
        )],
        &[
            "briefs/test.yaml:15:29: error: fact `risk-trade` is `sensitivity: internal`, so it can never go to `nato`",
            "draw it only in sections for internal audiences",
            "`audiences: [mre, defence]`",
        ],
        &["review the fact's clearance", "cleared for: mre"],
    );
    assert!(!said.contains("nato]"), "{said}");
    // Following the old hint (clearing it for nato) gets the refusal at the fact, and the brief's
    // message does not contradict it by listing nato among its audiences.
    refused(
        "internal-fact-cleared-and-drawn-for-nato",
        &[
            (
                BRIEF_FILE,
                "facts: [pe-bi-approval]",
                "facts: [pe-bi-approval, risk-trade]",
            ),
            (
                FACTS_FILE,
                "audiences: [mre, defence]\n    sensitivity: internal",
                "audiences: [mre, defence, nato]\n    sensitivity: internal",
            ),
        ],
        &[
            "data/facts.yaml:21:31: error: internal fact \"risk-trade\" is cleared for `nato`",
            "fact `risk-trade` is `sensitivity: internal`, so it can never go to `nato`",
        ],
        &[
            "not cleared for `nato`",
            "cleared for: mre, defence, nato",
            "review the fact's clearance",
        ],
    );
}

#[test]
fn a_shareable_fact_not_cleared_still_lists_its_clearance() {
    refused(
        "shareable-fact-not-cleared-for-defence",
        &[(
            BRIEF_FILE,
            "facts: [pe-bi-approval]",
            "facts: [pe-bi-approval, mou-purpose]",
        )],
        &[
            "briefs/test.yaml:15:29: error: fact `mou-purpose` is not cleared for `defence`",
            "it is cleared for: mre, nato",
        ],
        &["sensitivity: internal"],
    );
}

/// `check --stale` after `edit` on a built project: exit 1, its stderr snapshotted.
fn stale_after(name: &str, edit: impl FnOnce(&Fixture)) -> String {
    let f = Fixture::built();
    edit(&f);
    let run = f.brief(&["check", "--stale"]).fails(1);
    assert_snapshot(&format!("messages/{name}"), &record("check --stale", &run));
    run.stderr()
}

#[test]
fn a_data_edit_is_never_called_a_brief_definition_change() {
    // Raising a fact's classification raises the marking of every edition that holds it.
    let said = stale_after("rebuild-reason-marking", |f| {
        f.write(
            FACTS_FILE,
            &FACTS.replacen("classification: publico", "classification: confidencial", 1),
        );
    });
    assert!(!said.contains("brief definition changed"), "{said}");
    assert!(
        said.contains("test-brief/test-brief.non-paper.nato.en: marking changed (reservado → confidencial); fact pe-bi-approval changed"),
        "{said}"
    );
    // A fact that now also carries the tag a section draws by.
    let said = stale_after("rebuild-reason-drawn", |f| {
        f.write(
            FACTS_FILE,
            &FACTS.replacen("tags: [mou]", "tags: [mou, risks]", 1),
        );
    });
    assert!(!said.contains("brief definition changed"), "{said}");
    assert!(
        said.contains(
            "test-brief/test-brief.briefing-note.mre.en: section `risks` draws other facts; fact mou-purpose added"
        ),
        "{said}"
    );
    // An edit to the brief definition is still said to be one.
    let said = stale_after("rebuild-reason-definition", |f| {
        f.write(BRIEF_FILE, &BRIEF.replace("Test brief", "Trial brief"));
    });
    assert!(
        said.contains("test-brief/test-brief.non-paper.nato.en: brief definition changed"),
        "{said}"
    );
}

// Part 4: colour.

/// `brief check` on a project with an invalid fact file, with `args` and `env`.
fn invalid_check(args: &[&str], env: &[(&str, &str)]) -> Run {
    let f = Fixture::valid();
    f.write(FACTS_FILE, &FACTS.replacen(EN_TEXT, "", 1));
    let mut command = f.command(&[]);
    // `--color` is a global option, given before the subcommand.
    command.args(args).arg("check");
    command.env_remove("NO_COLOR").envs(env.iter().copied());
    f.run(command, common::DEADLINE).fails(65)
}

const RED_BOLD_ERROR: &str = "error:\u{1b}[0m";

#[test]
fn errors_are_red_only_when_asked_or_on_a_terminal() {
    let forced = invalid_check(&["--color", "always"], &[]);
    let stderr = forced.stderr();
    assert!(stderr.contains('\u{1b}'), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "data/facts.yaml:8:7: {}",
            colour_of("\u{1b}[31m", RED_BOLD_ERROR)
        )),
        "{stderr:?}"
    );
    // Piped, the default: no escape at all.
    assert!(!invalid_check(&[], &[]).stderr().contains('\u{1b}'));
    assert!(
        !invalid_check(&["--color", "auto"], &[("NO_COLOR", "1")])
            .stderr()
            .contains('\u{1b}')
    );
    assert!(
        !invalid_check(&["--color", "never"], &[])
            .stderr()
            .contains('\u{1b}')
    );
    // `--color always` wins over NO_COLOR, as the person asked for it.
    assert!(
        invalid_check(&["--color", "always"], &[("NO_COLOR", "1")])
            .stderr()
            .contains('\u{1b}')
    );
    // The plain text is the same, colour removed.
    assert_eq!(strip_ansi(&stderr), invalid_check(&[], &[]).stderr());
}

/// Whether the styled `label` starts with bold and `colour`, in either order.
fn colour_of(colour: &str, label: &str) -> String {
    format!("\u{1b}[1m{colour}{label}")
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn warnings_are_yellow_only_when_asked() {
    let f = Fixture::built();
    let path = f.path().join("out/manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let entry = manifest["outputs"]["test-brief/test-brief.non-paper.nato.en"].clone();
    manifest["outputs"]["../elsewhere.en"] = entry;
    let hostile = serde_json::to_vec_pretty(&manifest).unwrap();
    std::fs::write(&path, &hostile).unwrap();
    let mut command = f.command(&[]);
    command
        .args(["--color", "always", "build"])
        .env_remove("NO_COLOR");
    let run = f.run(command, common::DEADLINE).ok();
    assert!(
        run.stderr()
            .contains("\u{1b}[1m\u{1b}[33mwarning:\u{1b}[0m out/manifest.json: ignored 1 entries"),
        "{:?}",
        run.stderr()
    );
    std::fs::write(&path, &hostile).unwrap();
    let run = f.brief(&["build"]).ok();
    assert!(
        run.stderr()
            .contains("warning: out/manifest.json: ignored 1 entries"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains('\u{1b}'), "{:?}", run.stderr());
}

#[test]
fn a_table_cell_without_a_language_is_placed_at_the_cell_and_names_its_fact() {
    // Cells were read through an untagged enum, which drops where each text was written: the
    // error sat at line 1, column 1 and named no fact.
    let f = Fixture::shipped();
    let file = "data/colombia_case.yaml";
    let text = std::fs::read_to_string(f.path().join(file)).unwrap();
    let cell = r#"visitor: {es: "Jorge Enrique Bedoya", en: "Jorge Enrique Bedoya"}"#;
    let line = text.lines().position(|l| l.contains(cell)).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find(cell).unwrap() + "visitor: {".len() + 1;
    f.write(
        file,
        &text.replacen(cell, r#"visitor: {es: "Jorge Enrique Bedoya"}"#, 1),
    );
    f.brief(&["check"])
        .fails(65)
        .says(&format!("{file}:{line}:{column}: error: fact `col-table-3`: `table.rows[1].visitor` has no text in English"));
}

#[test]
fn an_empty_text_is_placed_at_its_fact() {
    // `text: {}` has no language to point at: the message named only the file.
    let f = Fixture::built();
    let facts = std::fs::read_to_string(f.path().join("data/facts.yaml")).unwrap();
    let text = "    text:\n      es: El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.\n      en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.\n";
    assert!(facts.contains(text), "the fixture's first fact moved");
    f.write(
        "data/facts.yaml",
        &facts.replacen(text, "    text: {}\n", 1),
    );
    let line = facts
        .lines()
        .position(|l| l.contains("- id: pe-bi-approval"))
        .unwrap()
        + 1;
    f.brief(&["check"]).fails(65).says(&format!(
        "data/facts.yaml:{line}:9: error: fact `pe-bi-approval`: `text` has no text in any language"
    ));
}
