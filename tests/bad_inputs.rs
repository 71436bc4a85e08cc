//! Every kind of invalid input gives a located error, exit 65, and writes nothing.
//! Each case edits the valid fixture in one place and names the message it must produce.

mod common;

use common::{BRIEF, FACTS, Fixture};

/// Runs `brief check` and `brief build` on a fixture whose `file` has `from` replaced by `to`,
/// and expects exit 65 with `expected` (location and message) on stderr, and `out/` untouched.
fn rejects(file: &str, from: &str, to: &str, expected: &[&str]) {
    let f = Fixture::valid();
    let original = match file {
        "data/facts.yaml" => FACTS,
        "briefs/test.yaml" => BRIEF,
        other => panic!("no original for {other}"),
    };
    assert!(
        original.contains(from),
        "case does not apply: {from:?} not in {file}"
    );
    f.write(file, &original.replacen(from, to, 1));
    let mut run = f.brief(&["check"]).fails(65);
    for needle in expected {
        run = run.says(needle);
    }
    f.brief(&["build"]).fails(65);
    assert!(
        f.out_files()
            .keys()
            .all(|p| p.to_string_lossy().ends_with(".brief.lock")),
        "a failed build wrote {:?}",
        f.out_files().keys()
    );
}

#[test]
fn malformed_yaml() {
    rejects(
        "data/facts.yaml",
        "tags: [peru-record, timeline-peru]",
        "tags: [peru-record, timeline-peru",
        &["data/facts.yaml:"],
    );
}

#[test]
fn missing_translation() {
    rejects(
        "data/facts.yaml",
        "      en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.\n",
        "",
        &["data/facts.yaml:8:", "missing field `en`"],
    );
}

#[test]
fn empty_translation() {
    rejects(
        "data/facts.yaml",
        "en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.",
        "en: \"  \"",
        &["data/facts.yaml:9:11:", "empty translation: `text.en`"],
    );
}

#[test]
fn unknown_field() {
    rejects(
        "data/facts.yaml",
        "      en: On 15",
        "      eng: x\n      en: On 15",
        &["data/facts.yaml:9:", "unknown field `eng`"],
    );
}

#[test]
fn invalid_dates() {
    for bad in [
        "01/03/2025",
        "2025-13-01",
        "2025-02-30",
        "2021-09-15T10:00:00",
    ] {
        rejects(
            "data/facts.yaml",
            "date: 2021-09-15",
            &format!("date: {bad}"),
            &["data/facts.yaml:5:11:", "invalid date"],
        );
    }
}

#[test]
fn yaml_1_1_booleans_are_refused() {
    rejects(
        "data/facts.yaml",
        "  - id: risk-trade",
        "  - id: table-x\n    kind: table\n    text: {es: Tabla, en: Table}\n    table:\n      columns:\n        - {key: n, label: {es: N, en: N}, numeric: yes}\n      rows:\n        - {n: 1}\n    audiences: [mre]\n    sensitivity: internal\n    classification: reservado\n    seed: \"1\"\n  - id: risk-trade",
        &["data/facts.yaml:20:", "boolean"],
    );
}

#[test]
fn unknown_audience() {
    rejects(
        "data/facts.yaml",
        "audiences: [mre, defence, nato, mou]",
        "audiences: [mre, otan]",
        &["data/facts.yaml:11:", "otan"],
    );
}

#[test]
fn fact_without_audiences() {
    rejects(
        "data/facts.yaml",
        "    audiences: [mre, defence, nato, mou]\n",
        "",
        &["data/facts.yaml:13:5:", "missing field `audiences`"],
    );
    rejects(
        "data/facts.yaml",
        "audiences: [mre, defence, nato, mou]",
        "audiences: []",
        &["data/facts.yaml:11:16:", "has no audiences"],
    );
}

#[test]
fn internal_fact_cleared_for_nato() {
    rejects(
        "data/facts.yaml",
        "audiences: [mre, defence]\n    sensitivity: internal",
        "audiences: [mre, defence, nato]\n    sensitivity: internal",
        &[
            "data/facts.yaml:21:31:",
            "internal fact \"risk-trade\" is cleared for `nato`",
        ],
    );
}

#[test]
fn unknown_classification() {
    rejects(
        "data/facts.yaml",
        "classification: reservado",
        "classification: secreto",
        &["data/facts.yaml:23:", "secreto"],
    );
}

#[test]
fn duplicate_fact_id_across_files() {
    let f = Fixture::valid();
    f.write(
        "data/more.yaml",
        &FACTS
            .replace("- id: risk-trade", "- id: risk-other")
            .replace("- id: mou-purpose", "- id: mou-other"),
    );
    f.brief(&["check"]).fails(65).says("data/more.yaml:2:9: error: duplicate fact id \"pe-bi-approval\" (first defined at data/facts.yaml:2:9)");
}

#[test]
fn duplicate_key() {
    rejects(
        "data/facts.yaml",
        "    kind: event\n",
        "    kind: event\n    kind: risk\n",
        &["data/facts.yaml:4:", "duplicate"],
    );
}

#[test]
fn anchors_and_aliases_are_refused() {
    rejects(
        "data/facts.yaml",
        "tags: [peru-record, timeline-peru]",
        "tags: &t [peru-record, timeline-peru]",
        &["data/facts.yaml:4:", "nchor"],
    );
}

#[test]
fn unknown_source_suggests_the_closest() {
    rejects(
        "data/facts.yaml",
        "sources: [gi-2021a]",
        "sources: [gi-2021b]",
        &[
            "data/facts.yaml:10:15:",
            "unknown source `gi-2021b`",
            "did you mean `gi-2021a`?",
        ],
    );
}

#[test]
fn bad_provenance() {
    rejects(
        "data/facts.yaml",
        "seed: \"1734-1742\"",
        "seed: \"1742-1734\"",
        &["data/facts.yaml:14:11:", "invalid seed line reference"],
    );
    rejects(
        "data/facts.yaml",
        "    seed: \"5650-5660\"\n",
        "",
        &["data/facts.yaml:15:9:", "has no `seed` provenance"],
    );
}

#[test]
fn control_characters_are_refused() {
    rejects(
        "data/facts.yaml",
        "es: Socios comerciales podrían desaprobar el acercamiento CANARYSECRETXQ.",
        "es: \"Socios\\u0007 comerciales\"",
        &["data/facts.yaml:19:11:", "U+0007"],
    );
}

#[test]
fn invalid_utf8_is_located() {
    let f = Fixture::valid();
    let mut bytes = FACTS.as_bytes().to_vec();
    let at = FACTS.find("Socios").unwrap();
    bytes[at] = 0xff;
    std::fs::write(f.path().join("data/facts.yaml"), bytes).unwrap();
    f.brief(&["check"])
        .fails(65)
        .says("data/facts.yaml:19:11: error: invalid UTF-8 at byte");
}

#[test]
fn brief_names_an_unknown_fact() {
    rejects(
        "briefs/test.yaml",
        "facts: [pe-bi-approval]",
        "facts: [pe-bi-aproval]",
        &[
            "briefs/test.yaml:12:13:",
            "unknown fact `pe-bi-aproval`",
            "did you mean `pe-bi-approval`?",
        ],
    );
}

#[test]
fn brief_names_a_fact_not_cleared_for_its_audience() {
    rejects(
        "briefs/test.yaml",
        "facts: [pe-bi-approval]",
        "facts: [pe-bi-approval, risk-trade]",
        &[
            "briefs/test.yaml:12:29:",
            "fact `risk-trade` is not cleared for `nato`",
        ],
    );
}

#[test]
fn brief_with_an_unsafe_id() {
    rejects(
        "briefs/test.yaml",
        "id: test-brief",
        "id: ../../etc/cron.d/x",
        &["briefs/test.yaml:1:5:", "invalid brief id"],
    );
}

#[test]
fn brief_declares_a_marking_below_its_content() {
    rejects(
        "briefs/test.yaml",
        "date: 2022-11-30",
        "date: 2022-11-30\nclassification: publico",
        &[
            "briefs/test.yaml:6:17:",
            "declares `publico`",
            "`reservado` content",
        ],
    );
}

#[test]
fn brief_with_a_partial_date_or_unknown_tag() {
    rejects(
        "briefs/test.yaml",
        "date: 2022-11-30",
        "date: 2022-11",
        &["briefs/test.yaml:5:7:", "full day"],
    );
    rejects(
        "briefs/test.yaml",
        "tags: [risks]",
        "tags: [riskz]",
        &["briefs/test.yaml:17:12:", "no fact has the tag `riskz`"],
    );
}

#[test]
fn template_errors_point_at_the_template() {
    let f = Fixture::valid();
    f.write(
        "templates/nato.typ.j2",
        "{% import \"partials/blocks.j2\" as b %}\n{{ b.setup() }}\n{% if %}\n",
    );
    f.brief(&["check"])
        .fails(65)
        .says("templates/nato.typ.j2:3:");

    let f = Fixture::valid();
    f.write(
        "templates/nato.typ.j2",
        "{% import \"partials/blocks.j2\" as b %}\n{{ b.setup() }}\n\n{{ no_such_value }}\n",
    );
    f.brief(&["check"])
        .fails(65)
        .says("templates/nato.typ.j2:4:")
        .says("undefined");
}

#[test]
fn typst_errors_point_at_the_template_line_that_generated_them() {
    let f = Fixture::valid();
    f.write("templates/nato.typ.j2", "{% import \"partials/blocks.j2\" as b %}\n{{ b.setup() }}\n= {{ brief.title }}\n\n#unknown-function(1)\n");
    f.brief(&["check"])
        .fails(65)
        .says("templates/nato.typ.j2:5:1: error: unknown variable: unknown-function")
        .says("in the generated Typst out/test-brief/nato.");
}

#[test]
fn sandbox_refuses_files_outside_and_packages() {
    let cases = [
        (
            "#read(\"/etc/hostname\")",
            "templates/nato.typ.j2:3:2: error: forbidden construct: `read`",
        ),
        (
            "#image(\"../../x.png\", alt: \"x\")",
            "templates/nato.typ.j2:3:1: error: path `\"../../x.png\"` would escape the project root",
        ),
        (
            "#image(\"/etc/x.png\", alt: \"x\")",
            "templates/nato.typ.j2:3:1: error: failed to load file (access denied)",
        ),
        (
            "#import \"@preview/cetz:0.3.0\"",
            "templates/nato.typ.j2:3:10: error: forbidden construct: package imports",
        ),
        (
            "#include \"/secret.typ\"",
            "templates/nato.typ.j2:3:1: error: failed to load file (access denied)",
        ),
    ];
    for (code, expected) in cases {
        let f = Fixture::valid();
        f.write(
            "templates/nato.typ.j2",
            &format!("{{% import \"partials/blocks.j2\" as b %}}\n{{{{ b.setup() }}}}\n{code}\n"),
        );
        f.brief(&["check"]).fails(65).says(expected);
    }
}

#[test]
fn missing_fonts_are_an_error() {
    let f = Fixture::valid();
    std::fs::remove_dir_all(f.path().join("fonts")).unwrap();
    f.brief(&["check"])
        .fails(65)
        .says("fonts/ folder is missing");
    std::fs::create_dir(f.path().join("fonts")).unwrap();
    f.brief(&["check"]).fails(65).says("no fonts available");
}

#[test]
fn invalid_source_date_epoch_is_a_usage_error() {
    let f = Fixture::valid();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--root", f.path().to_str().unwrap(), "build"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--root", dir.path().to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a brief project"));
}

#[test]
fn treaty_language_in_the_mou_is_refused() {
    rejects(
        "data/facts.yaml",
        "en: The Participants reaffirm their commitment",
        "en: The Participants shall reaffirm their commitment",
        &[
            "data/facts.yaml:32:11: error: treaty language in a memorandum of understanding: `shall`",
            "write `will` instead",
        ],
    );
    rejects(
        "data/facts.yaml",
        "es: Los Participantes reafirman",
        "es: Las Partes reafirman",
        &[
            "data/facts.yaml:31:11: error: treaty language in a memorandum of understanding: `Partes`",
        ],
    );
}

#[test]
fn treaty_words_are_allowed_outside_the_mou() {
    // The same word in a fact that only the ministries' briefs use is not an MoU's wording.
    let f = Fixture::valid();
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "the Allies approved Peru's participation",
            "the Allies said Peru shall take part",
        ),
    );
    f.brief(&["check"]).ok();
}

#[test]
fn filters_that_would_unescape_data_do_not_exist() {
    for filter in [
        "e|replace(\"\\\\\", \"\")",
        "safe",
        "lit|replace('\"', '')",
        "string",
        "join",
    ] {
        let f = Fixture::valid();
        f.write("templates/nato.typ.j2", &format!("{{% import \"partials/blocks.j2\" as b %}}\n{{{{ b.setup() }}}}\n{{{{ brief.title|{filter} }}}}\n"));
        let run = f
            .brief(&["check"])
            .fails(65)
            .says("templates/nato.typ.j2:3:");
        // Refused by the lint (`|safe`) or unknown to the environment (the others).
        let stderr = run.stderr();
        assert!(
            stderr.contains("unknown filter") || stderr.contains("forbidden construct"),
            "{stderr}"
        );
    }
}

#[test]
fn eval_under_another_name_is_refused() {
    for code in [
        "#std.eval(\"1 + 1\")",
        "#let e = eval\n#e(\"1\")",
        "#(eval\n(\"1\"))",
    ] {
        let f = Fixture::valid();
        f.write(
            "templates/nato.typ.j2",
            &format!("{{% import \"partials/blocks.j2\" as b %}}\n{{{{ b.setup() }}}}\n{code}\n"),
        );
        f.brief(&["check"])
            .fails(65)
            .says("templates/nato.typ.j2:3:")
            .says("forbidden construct");
    }
}
