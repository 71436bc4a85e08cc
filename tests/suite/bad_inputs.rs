//! Every kind of bad input: the 25 cases of RELIABILITY.md §7 (numbered `NN-` in the snapshot
//! names) and more of our own (`own-`). Each case starts from a built valid project, breaks one
//! thing, runs `brief check` and `brief build`, and asserts:
//! - the exit code;
//! - the message with its location (`path:line:col`), and the whole of stderr against its
//!   snapshot in `tests/snapshots/bad_inputs/` (`BRIEF_BLESS=1` rewrites them for review);
//! - no host path in any message;
//! - `out/` byte for byte as it was, with no temporary file.
//!
//! Cases of §7 held elsewhere: 12 (canary leak) in `pipeline.rs` and `clearance_property.rs`;
//! 18 (injection) in `pipeline.rs` and `injection_property.rs`; 25 b–f (read-only out/, full
//! disk, SIGINT, SIGKILL, a concurrent run) in `faults.rs` and `incremental.rs`.

use crate::common;

use common::{BRIEF, FACTS, Fixture, Run, assert_snapshot};
use std::time::Duration;

/// The deadline for the input limits (§7 cases 20–22): far above the milliseconds they take,
/// far below what a stall or exponential expansion would take.
const LIMIT_DEADLINE: Duration = Duration::from_secs(20);

/// One refused input: how to break the project, and what every run must then show.
struct Case<'a> {
    name: &'a str,
    exit: i32,
    expected: &'a [&'a str],
    env: &'a [(&'a str, &'a str)],
    deadline: Duration,
    /// Whether the snapshot keeps only the line of a located error: where in a loop a
    /// template runs out of fuel depends on what the shipped partials spent before it.
    line_only: bool,
}

impl<'a> Case<'a> {
    fn new(name: &'a str, expected: &'a [&'a str]) -> Self {
        Case {
            name,
            exit: 65,
            expected,
            env: &[],
            deadline: common::DEADLINE,
            line_only: false,
        }
    }

    /// A case whose snapshot keeps the line of each error but not its column or caret.
    fn line_only(mut self) -> Self {
        self.line_only = true;
        self
    }

    /// A case with the short deadline of the input limits.
    fn bounded(mut self) -> Self {
        self.deadline = LIMIT_DEADLINE;
        self
    }

    /// Breaks a copy of the built project with `edit`, runs check and build, asserts.
    fn run(self, edit: impl FnOnce(&Fixture)) -> Fixture {
        let f = Fixture::built();
        let before = f.out_files();
        edit(&f);
        let mut transcript = String::new();
        for command in ["check", "build"] {
            let mut cmd = f.command(&[command]);
            cmd.envs(self.env.iter().copied());
            let run = f.run(cmd, self.deadline).fails(self.exit);
            assert!(
                !run.stderr().contains('\u{1b}'),
                "{}: an escape character reached the terminal",
                self.name
            );
            for needle in self.expected {
                assert!(
                    run.stderr().contains(needle),
                    "{}: `brief {command}` does not say {needle:?}:\n{}",
                    self.name,
                    run.stderr()
                );
            }
            transcript.push_str(&record(command, &run));
        }
        f.assert_out_unchanged(&before, self.name);
        if self.line_only {
            transcript = transcript
                .lines()
                .filter(|l| !(l.trim_start().starts_with('|') && l.trim_end().ends_with('^')))
                .map(|l| match l.split_once(".j2:") {
                    Some((file, rest))
                        if rest
                            .split(':')
                            .nth(1)
                            .is_some_and(|c| c.parse::<u32>().is_ok()) =>
                    {
                        let (line, after) = rest.split_once(':').unwrap();
                        let (_, tail) = after.split_once(':').unwrap();
                        format!("{file}.j2:{line}:{tail}")
                    }
                    _ => l.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
        }
        assert_snapshot(&format!("bad_inputs/{}", self.name), &transcript);
        f
    }
}

/// `$ brief <command>`, its stderr and exit code, as a snapshot records them.
fn record(command: &str, run: &Run) -> String {
    format!("$ brief {command}\n{}[exit {}]\n", run.stderr(), run.code())
}

/// Replaces the first `from` by `to` in the fixture's `file`, which must contain it.
fn edit(f: &Fixture, file: &str, from: &str, to: &str) {
    let text = String::from_utf8(f.read(file)).unwrap();
    assert!(
        text.contains(from),
        "case does not apply: {from:?} not in {file}"
    );
    f.write(file, &text.replacen(from, to, 1));
}

/// The common case: one replacement in one file, refused with exit 65.
fn rejects(name: &str, file: &str, from: &str, to: &str, expected: &[&str]) {
    Case::new(name, expected).run(|f| edit(f, file, from, to));
}

/// A template for the NATO non-paper whose third line is `code`.
fn non_paper_template(code: &str) -> String {
    format!("{{% import \"partials/blocks.j2\" as b %}}\n{{{{ b.setup() }}}}\n{code}\n")
}

fn template_rejects(name: &str, code: &str, expected: &[&str]) {
    Case::new(name, expected)
        .run(|f| f.write("templates/non-paper.typ.j2", &non_paper_template(code)));
}

const FACTS_FILE: &str = "data/facts.yaml";
const BRIEF_FILE: &str = "briefs/test.yaml";

// §7.1–7.11: the data and brief files.

#[test]
fn c01_malformed_yaml() {
    rejects(
        "01-malformed-yaml",
        FACTS_FILE,
        "tags: [peru-record, timeline-peru]",
        "tags: [peru-record, timeline-peru\n    date2: x",
        &["data/facts.yaml:5:"],
    );
}

#[test]
fn c02_duplicate_keys_top_level_and_nested() {
    Case::new(
        "02-duplicate-key-top-level",
        &["data/facts.yaml:", "duplicate"],
    )
    .run(|f| f.write(FACTS_FILE, &format!("{FACTS}facts: []\n")));
    rejects(
        "02-duplicate-key-in-a-fact",
        FACTS_FILE,
        "    kind: event\n",
        "    kind: event\n    kind: risk\n",
        &["data/facts.yaml:4:", "duplicate"],
    );
    rejects(
        "02-duplicate-key-in-a-translation",
        FACTS_FILE,
        "      en: On 15",
        "      es: otra\n      en: On 15",
        &["data/facts.yaml:9:", "duplicate"],
    );
}

#[test]
fn c03_duplicate_fact_id_across_files() {
    Case::new(
        "03-duplicate-fact-id",
        &["data/more.yaml:2:9: error: duplicate fact id \"pe-bi-approval\" (first defined at data/facts.yaml:2:9)"],
    )
    .run(|f| {
        f.write(
            "data/more.yaml",
            &FACTS
                .replace("- id: risk-trade", "- id: risk-other")
                .replace("- id: mou-purpose", "- id: mou-other")
                .replace("- id: risk-supplier", "- id: risk-supplier-2"),
        )
    });
}

#[test]
fn c04_missing_or_empty_translation() {
    rejects(
        "04-missing-translation",
        FACTS_FILE,
        "      en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.\n",
        "",
        &[
            "data/facts.yaml:8:",
            "fact `pe-bi-approval`: `text` has no text in English (missing `en`)",
        ],
    );
    rejects(
        "04-empty-translation",
        FACTS_FILE,
        "en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.",
        "en: \"\"",
        &["data/facts.yaml:9:11:", "empty translation: `text.en`"],
    );
    rejects(
        "04-whitespace-translation",
        FACTS_FILE,
        "es: Los Participantes reafirman su compromiso con los valores comunes.",
        "es: \"  \\t \"",
        &["data/facts.yaml:31:11:", "empty translation: `text.es`"],
    );
}

#[test]
fn c05_unknown_field_or_language() {
    rejects(
        "05-unknown-language-key",
        FACTS_FILE,
        "      en: On 15",
        "      eng: x\n      en: On 15",
        &[
            "data/facts.yaml:9:7:",
            "fact `pe-bi-approval`: `text` has a `eng` text, but the catalog declares no language `eng`",
        ],
    );
    rejects(
        "05-unknown-field",
        FACTS_FILE,
        "    sensitivity: shareable\n    classification: publico\n    seed",
        "    sensitivty: shareable\n    classification: publico\n    seed",
        &["data/facts.yaml:12:5:", "unknown field `sensitivty`"],
    );
}

#[test]
fn c06_invalid_dates() {
    for (i, bad) in [
        "01/03/2025",
        "2025-13-01",
        "2025-02-30",
        "2021-09-15T10:00:00",
    ]
    .into_iter()
    .enumerate()
    {
        rejects(
            &format!("06-invalid-date-{}", i + 1),
            FACTS_FILE,
            "date: 2021-09-15",
            &format!("date: {bad}"),
            &["data/facts.yaml:5:11:", "invalid date"],
        );
    }
}

#[test]
fn c07_yaml_1_1_booleans_are_refused() {
    rejects(
        "07-yaml-1-1-boolean",
        FACTS_FILE,
        "  - id: risk-trade",
        "  - id: table-x\n    kind: table\n    text: {es: Tabla, en: Table}\n    table:\n      columns:\n        - {key: n, label: {es: N, en: N}, numeric: yes}\n      rows:\n        - {n: 1}\n    audiences: [mre]\n    sensitivity: internal\n    classification: reservado\n    seed: \"1\"\n  - id: risk-trade",
        &["data/facts.yaml:20:", "boolean"],
    );
}

#[test]
fn c07_strings_that_look_like_other_types_stay_strings() {
    // The Norway problem: in a string field, `NO` stays "NO" and `1.10` stays "1.10".
    let f = Fixture::valid();
    let facts = FACTS.replace(
        "title: {es: Aprobación de la participación del Perú, en: \"Approval of Peru's participation\"}\n    text:\n      es: El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.\n      en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.",
        "title: {es: 1.10, en: NO}\n    text:\n      es: 1.10\n      en: NO",
    );
    assert_ne!(facts, FACTS);
    f.write(FACTS_FILE, &facts);
    f.brief(&["build", "--document", "non-paper"]).ok();
    let es = common::squash(&f.pdf_text("out/test-brief/test-brief.non-paper.nato.es.pdf"));
    let en = common::squash(&f.pdf_text("out/test-brief/test-brief.non-paper.nato.en.pdf"));
    assert!(
        es.contains("1.10") && !es.contains("1.1,") && !es.contains("1,1"),
        "{es}"
    );
    assert!(en.contains("NO") && !en.contains("false"), "{en}");
}

#[test]
fn c08_unknown_audience() {
    rejects(
        "08-unknown-audience",
        FACTS_FILE,
        "audiences: [mre, defence, nato]",
        "audiences: [mre, otan]",
        &["data/facts.yaml:11:", "otan"],
    );
}

#[test]
fn c09_fact_without_audiences_fails_closed() {
    rejects(
        "09-no-audiences-field",
        FACTS_FILE,
        "    audiences: [mre, defence, nato]\n",
        "",
        &["data/facts.yaml:13:5:", "missing field `audiences`"],
    );
    rejects(
        "09-empty-audiences",
        FACTS_FILE,
        "audiences: [mre, defence, nato]",
        "audiences: []",
        &["data/facts.yaml:11:16:", "has no audiences"],
    );
}

#[test]
fn c10_brief_names_an_unknown_fact() {
    rejects(
        "10-unknown-fact-in-brief",
        BRIEF_FILE,
        "facts: [pe-bi-approval]",
        "facts: [pe-bi-aproval]",
        &[
            "briefs/test.yaml:15:13:",
            "unknown fact `pe-bi-aproval`",
            "did you mean `pe-bi-approval`?",
        ],
    );
}

#[test]
fn c11_internal_facts_cannot_be_put_before_nato() {
    rejects(
        "11-brief-names-a-fact-not-cleared",
        BRIEF_FILE,
        "facts: [pe-bi-approval]",
        "facts: [pe-bi-approval, risk-trade]",
        &[
            "briefs/test.yaml:15:29:",
            "fact `risk-trade` is `sensitivity: internal`, so it can never go to `nato`",
        ],
    );
    rejects(
        "11-internal-fact-cleared-for-nato",
        FACTS_FILE,
        "audiences: [mre, defence]\n    sensitivity: internal",
        "audiences: [mre, defence, nato]\n    sensitivity: internal",
        &[
            "data/facts.yaml:21:31:",
            "internal fact \"risk-trade\" is cleared for `nato`",
        ],
    );
}

// §7.13–7.17: templates and the generated Typst.

#[test]
fn c13_template_syntax_error() {
    template_rejects(
        "13-template-syntax-error",
        "{% if %}",
        &["templates/non-paper.typ.j2:3:"],
    );
}

#[test]
fn c14_template_prints_an_undefined_value() {
    template_rejects(
        "14-undefined-value",
        "\n{{ no_such_value }}",
        &["templates/non-paper.typ.j2:4:", "undefined"],
    );
    template_rejects(
        "14-undefined-attribute",
        "{{ brief.no_such_field }}",
        &["templates/non-paper.typ.j2:3:", "undefined"],
    );
}

#[test]
fn c15_template_lint() {
    for (name, code, expected) in [
        (
            "15-lint-safe",
            "{{ brief.title|safe }}",
            "templates/non-paper.typ.j2:3:15: error: forbidden construct: `|safe`",
        ),
        (
            "15-lint-autoescape",
            "{% autoescape false %}{{ brief.title }}{% endautoescape %}",
            "templates/non-paper.typ.j2:3:4: error: forbidden construct: `autoescape`",
        ),
        (
            "15-lint-eval",
            "#eval(\"1 + 1\")",
            "templates/non-paper.typ.j2:3:2: error: forbidden construct: `eval`",
        ),
        (
            "15-lint-read",
            "#read(\"/etc/hostname\")",
            "templates/non-paper.typ.j2:3:2: error: forbidden construct: `read`",
        ),
        (
            "15-lint-plugin",
            "#plugin(\"x.wasm\")",
            "templates/non-paper.typ.j2:3:2: error: forbidden construct: `plugin`",
        ),
        (
            "15-lint-package-import",
            "#import \"@preview/cetz:0.3.0\"",
            "templates/non-paper.typ.j2:3:10: error: forbidden construct: package imports",
        ),
        (
            "15-lint-computed-image-path",
            "#let p = \"/logo.png\"\n#image(p, alt: \"logo\")",
            "templates/non-paper.typ.j2:4:1: error: forbidden construct: `image` needs a literal path",
        ),
        (
            "15-lint-computed-include",
            "#include \"/a\" + \"b.typ\"",
            "forbidden construct: imports and includes need a literal path",
        ),
    ] {
        template_rejects(name, code, &[expected]);
    }
}

#[test]
fn c16_runaway_templates_stop_in_bounded_time() {
    Case::new(
        "16-runaway-loops",
        &["templates/non-paper.typ.j2:3:", "ran out of fuel"],
    )
    .bounded()
    .line_only()
    .run(|f| {
        f.write(
            "templates/non-paper.typ.j2",
            &non_paper_template(
                "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            ),
        )
    });
    Case::new(
        "16-string-multiplication",
        &["templates/non-paper.typ.j2:3:4:", "too large"],
    )
    .bounded()
    .run(|f| {
        f.write(
            "templates/non-paper.typ.j2",
            &non_paper_template("{{ \"ab\" * 1000000000 }}"),
        )
    });
}

#[test]
fn c17_typst_errors_point_at_the_template_line_that_generated_them() {
    template_rejects(
        "17-typst-unclosed-delimiter",
        "= {{ brief.title }}\n#let x = (",
        &[
            "templates/non-paper.typ.j2:4:1: error: unclosed delimiter",
            "in the Typst generated for test-brief/test-brief.non-paper.nato.es, line",
        ],
    );
    template_rejects(
        "17-typst-unknown-variable",
        "= {{ brief.title }}\n\n#unknown-function(1)",
        &["templates/non-paper.typ.j2:5:1: error: unknown variable: unknown-function"],
    );
}

// §7.19–7.22: characters, sizes, anchors, depth.

#[test]
fn c19_invisible_and_control_characters_are_refused() {
    for (name, escaped, expected) in [
        ("19-bell-control", "\\u0007", "control character U+0007"),
        (
            "19-next-line-control",
            "\\u0085",
            "control character U+0085",
        ),
        (
            "19-right-to-left-override",
            "\\u202E",
            "invisible bidirectional formatting character U+202E",
        ),
        (
            "19-right-to-left-isolate",
            "\\u2067",
            "invisible bidirectional formatting character U+2067",
        ),
        (
            "19-zero-width-space",
            "\\u200B",
            "invisible zero-width character U+200B",
        ),
        ("19-private-use", "\\uE000", "private-use character U+E000"),
    ] {
        rejects(
            name,
            FACTS_FILE,
            "es: Socios comerciales podrían desaprobar el acercamiento CANARYSECRETXQ.",
            &format!("es: \"Socios{escaped} comerciales\""),
            &["data/facts.yaml:19:11:", expected],
        );
    }
}

#[test]
fn c19_invalid_utf8_is_located() {
    Case::new(
        "19-invalid-utf8",
        &["data/facts.yaml:19:11: error: invalid UTF-8 at byte"],
    )
    .run(|f| {
        let mut bytes = FACTS.as_bytes().to_vec();
        let at = FACTS.find("Socios").unwrap();
        bytes[at] = 0xff;
        std::fs::write(f.path().join(FACTS_FILE), bytes).unwrap();
    });
}

#[test]
fn c19_a_byte_order_mark_and_crlf_line_ends_change_nothing() {
    let plain = Fixture::valid();
    plain.brief(&["build", "--quiet"]).ok();
    let windows = Fixture::valid();
    for file in [FACTS_FILE, BRIEF_FILE, "data/sources.yaml"] {
        let text = String::from_utf8(windows.read(file)).unwrap();
        windows.write(file, &format!("\u{FEFF}{}", text.replace('\n', "\r\n")));
    }
    windows.brief(&["build", "--quiet"]).ok();
    let pdfs = |f: &Fixture| {
        f.out_files()
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
            .collect::<Vec<_>>()
    };
    assert!(
        pdfs(&plain) == pdfs(&windows),
        "a BOM and CRLF line ends changed the PDFs"
    );
}

#[test]
fn c20_oversized_files_and_strings() {
    Case::new(
        "20-file-too-large",
        &["data/big.yaml:1:1: error: file too large (5.0 MiB > 2 MiB)"],
    )
    .bounded()
    .run(|f| {
        f.write(
            "data/big.yaml",
            &format!("facts: []\n#{}\n", "x".repeat(5 << 20)),
        )
    });
    Case::new(
        "20-string-too-long",
        &["data/facts.yaml:8:11:", "longer than 20000 characters"],
    )
    .bounded()
    .run(|f| {
        edit(
            f,
            FACTS_FILE,
            "es: El 15 de septiembre",
            &format!("es: {} El 15 de septiembre", "palabra ".repeat(3000)),
        )
    });
}

#[test]
fn c21_anchors_aliases_and_merge_keys_are_refused() {
    rejects(
        "21-anchor",
        FACTS_FILE,
        "tags: [peru-record, timeline-peru]",
        "tags: &t [peru-record, timeline-peru]",
        &[
            "data/facts.yaml:4:",
            "anchors (`&name`) and aliases (`*name`) are not allowed",
        ],
    );
    Case::new(
        "21-billion-laughs",
        &[
            "data/laughs.yaml:2:",
            "anchors (`&name`) and aliases (`*name`) are not allowed",
        ],
    )
    .bounded()
    .run(|f| {
        let mut doc = String::from("facts:\n  - id: &a0 lol\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            doc.push_str(&format!("  - id: &a{i} [{refs}]\n"));
        }
        f.write("data/laughs.yaml", &doc);
    });
    rejects(
        "21-merge-key",
        FACTS_FILE,
        "  - id: risk-trade\n",
        "  - <<: {kind: risk}\n    id: risk-trade\n",
        &["data/facts.yaml:15:5:", "merge keys (`<<`) are not allowed"],
    );
}

#[test]
fn c22_deep_nesting_is_refused_in_bounded_time() {
    Case::new(
        "22-deep-flow-sequence",
        &["data/deep.yaml:1:", "recursion limit exceeded"],
    )
    .bounded()
    .run(|f| {
        f.write(
            "data/deep.yaml",
            &format!("facts: {}\n", "[".repeat(100_000)),
        )
    });
    // Block nesting meets the schema before the depth cap: the reader is driven by the types,
    // so it stops at the first level the schema does not allow (`attrs.k0` is a text, keyed by
    // language, and the text of `k1` must be a string, not a mapping).
    Case::new(
        "22-deep-block-mapping",
        &["data/deep.yaml:6:9: error: expected a string here, not a mapping or a list"],
    )
    .bounded()
    .run(|f| {
        let mut doc = String::from("facts:\n  - id: deep\n    attrs:\n");
        for level in 0..500 {
            doc.push_str(&format!("{}k{level}:\n", " ".repeat(6 + level)));
        }
        f.write("data/deep.yaml", &doc);
    });
    // 3 000 levels of block mapping are over the size cap before they are over the depth cap.
    Case::new(
        "22-deeper-block-mapping",
        &["data/deep.yaml:1:1: error: file too large"],
    )
    .bounded()
    .run(|f| {
        let mut doc = String::from("facts:\n");
        for level in 0..3000 {
            doc.push_str(&format!("{}k{level}:\n", "  ".repeat(level + 1)));
        }
        f.write("data/deep.yaml", &doc);
    });
}

// §7.23–7.25: output names, the sandbox, the environment.

#[test]
fn c23_output_names_cannot_leave_out() {
    for (name, id) in [
        ("23-id-traversal", "../../etc/cron.d/x"),
        ("23-id-absolute", "/abs"),
        ("23-id-with-slash", "a/b"),
        ("23-id-dot-dot", "\"..\""),
        ("23-id-hidden", ".hidden"),
        ("23-id-empty", "\"\""),
        ("23-id-nul", "\"a\\0b\""),
        ("23-id-too-long", &"a".repeat(65)),
        ("23-id-uppercase", "Nato"),
    ] {
        rejects(
            name,
            BRIEF_FILE,
            "id: test-brief",
            &format!("id: {id}"),
            &["briefs/test.yaml:1:5:", "invalid brief id"],
        );
    }
    Case::new(
        "23-id-used-twice",
        &["briefs/x-again.yaml:1:5: error: duplicate brief id \"test-brief\" (first defined at briefs/test.yaml:1:5)"],
    )
    .run(|f| f.write("briefs/x-again.yaml", BRIEF));
}

#[test]
fn c23_a_symlink_at_an_output_is_replaced_not_written_through() {
    let f = Fixture::built();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), b"not yours").unwrap();
    let pdf = f
        .path()
        .join("out/test-brief/test-brief.non-paper.nato.en.pdf");
    std::fs::remove_file(&pdf).unwrap();
    std::os::unix::fs::symlink(outside.path(), &pdf).unwrap();
    f.brief(&["build"]).ok();
    assert_eq!(std::fs::read(outside.path()).unwrap(), b"not yours");
    let meta = std::fs::symlink_metadata(&pdf).unwrap();
    assert!(meta.file_type().is_file(), "the link was kept");
    assert!(
        f.read("out/test-brief/test-brief.non-paper.nato.en.pdf")
            .starts_with(b"%PDF-")
    );
}

#[test]
fn c24_the_sandbox_refuses_files_outside_and_packages() {
    for (name, code, expected) in [
        (
            "24-image-escapes-the-root",
            "#image(\"../../x.png\", alt: \"x\")",
            "templates/non-paper.typ.j2:3:1: error: path `\"../../x.png\"` would escape the project root",
        ),
        (
            "24-image-absolute-path",
            "#image(\"/etc/x.png\", alt: \"x\")",
            "templates/non-paper.typ.j2:3:1: error: failed to load file (access denied)",
        ),
        (
            "24-include-a-file",
            "#include \"/secret.typ\"",
            "templates/non-paper.typ.j2:3:1: error: failed to load file (access denied)",
        ),
        (
            "24-import-a-package",
            "#import \"@preview/cetz:0.3.0\"",
            "templates/non-paper.typ.j2:3:10: error: forbidden construct: package imports",
        ),
        (
            "24-import-a-local-package",
            "#import \"@local/x:0.1.0\"",
            "templates/non-paper.typ.j2:3:10: error: forbidden construct: package imports",
        ),
    ] {
        template_rejects(name, code, &[expected]);
    }
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "facts: []\n").unwrap();
    Case::new(
        "24-symlink-out-of-the-project",
        &["data/link.yaml:1:1: error: refusing to read a file that resolves outside the project"],
    )
    .run(|f| std::os::unix::fs::symlink(outside.path(), f.path().join("data/link.yaml")).unwrap());
}

#[test]
fn c24_today_is_the_brief_date_not_the_clock() {
    let f = Fixture::valid();
    f.write(
        "templates/non-paper.typ.j2",
        &non_paper_template("TODAY-IS #datetime.today().display()"),
    );
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = common::squash(&f.pdf_text("out/test-brief/test-brief.non-paper.nato.en.pdf"));
    assert!(text.contains("TODAY-IS2022-11-30"), "{text}");
}

#[test]
fn c25a_missing_or_unknown_fonts() {
    Case::new("25a-no-fonts-folder", &["fonts/ folder is missing"])
        .run(|f| std::fs::remove_dir_all(f.path().join("fonts")).unwrap());
    Case::new("25a-empty-fonts-folder", &["no fonts available"]).run(|f| {
        std::fs::remove_dir_all(f.path().join("fonts")).unwrap();
        std::fs::create_dir(f.path().join("fonts")).unwrap();
    });
    template_rejects(
        "25a-unknown-font-family",
        "#set text(font: \"Comic Sans MS\")\nHola",
        &["templates/non-paper.typ.j2:3:1: error: unknown font family: comic sans ms"],
    );
}

#[test]
fn c25g_invalid_source_date_epoch_is_a_usage_error() {
    let mut case = Case::new("25g-invalid-source-date-epoch", &["SOURCE_DATE_EPOCH"]);
    case.exit = 2;
    case.env = &[("SOURCE_DATE_EPOCH", "yesterday")];
    case.run(|_| {});
}

// Our own cases.

#[test]
fn own_vocabulary_sources_and_provenance() {
    rejects(
        "own-unknown-classification",
        FACTS_FILE,
        "classification: reservado",
        "classification: secreto",
        &["data/facts.yaml:23:", "secreto"],
    );
    rejects(
        "own-unknown-source",
        FACTS_FILE,
        "sources: [gi-2021a]",
        "sources: [gi-2021b]",
        &[
            "data/facts.yaml:10:15:",
            "unknown source `gi-2021b`",
            "did you mean `gi-2021a`?",
        ],
    );
    Case::new(
        "own-hidden-character-in-sources",
        &["data/sources.yaml:3:13: error: the invisible bidirectional formatting character U+202E is not allowed"],
    )
    .run(|f| edit(f, "data/sources.yaml", "Brussels", "Bru\u{202E}ssels"));
    // A correction of the thesis names the words the text now says; words the text does not say
    // would let the provenance check accept any number.
    rejects(
        "own-correction-the-text-does-not-say",
        FACTS_FILE,
        "    seed: \"1734-1742\"\n",
        "    seed: \"1734-1742\"\n    corrections:\n      - {seed: \"2020\", now: \"16 de septiembre\", why: The date was misread.}\n",
        &[
            "data/facts.yaml:16:",
            "the Spanish text does not say \"16 de septiembre\"",
        ],
    );
    // Two facts that restate each other: each would leave the other out, and which one a
    // reader gets would depend on section order alone.
    Case::new(
        "own-restates-circle",
        &[
            "data/facts.yaml:",
            "`restates` goes round in a circle: risk-trade → risk-supplier → risk-trade",
        ],
    )
    .run(|f| {
        edit(
            f,
            FACTS_FILE,
            "  - id: risk-trade\n    kind: risk\n",
            "  - id: risk-trade\n    kind: risk\n    restates: [risk-supplier]\n",
        );
        edit(
            f,
            FACTS_FILE,
            "  - id: risk-supplier\n    kind: risk\n",
            "  - id: risk-supplier\n    kind: risk\n    restates: [risk-trade]\n",
        );
    });
    rejects(
        "own-reversed-seed-range",
        FACTS_FILE,
        "seed: \"1734-1742\"",
        "seed: \"1742-1734\"",
        &["data/facts.yaml:14:11:", "invalid seed line reference"],
    );
    rejects(
        "own-missing-seed",
        FACTS_FILE,
        "    seed: \"5650-5660\"\n",
        "",
        &[
            "data/facts.yaml:15:9:",
            "it has no `seed`, `sources` or `basis`",
        ],
    );
    rejects(
        "own-fact-id-not-a-slug",
        FACTS_FILE,
        "- id: risk-trade",
        "- id: Risk_Trade",
        &["data/facts.yaml:15:9:"],
    );
}

#[test]
fn own_brief_definitions() {
    rejects(
        "own-marking-below-content",
        BRIEF_FILE,
        "date: 2022-11-30",
        "date: 2022-11-30\nclassification: publico",
        &[
            "briefs/test.yaml:6:17:",
            "declares `publico`",
            "`reservado` content",
        ],
    );
    rejects(
        "own-partial-brief-date",
        BRIEF_FILE,
        "date: 2022-11-30",
        "date: 2022-11",
        &["briefs/test.yaml:5:7:", "full day"],
    );
    rejects(
        "own-unknown-tag",
        BRIEF_FILE,
        "tags: [risks]",
        "tags: [riskz]",
        &["briefs/test.yaml:20:12:", "no fact has the tag `riskz`"],
    );
    // Every fact the tag finds is of a kind the section excepts: the tag draws nothing.
    rejects(
        "own-tag-all-excepted",
        BRIEF_FILE,
        "tags: [risks]\n  - id: mou-paragraphs",
        "tags: [risks]\n    except-kinds: [risk]\n  - id: mou-paragraphs",
        &[
            "briefs/test.yaml:20:12:",
            "every fact with the tag `risks` is of a kind the section's `except-kinds` leaves out",
        ],
    );
    rejects(
        "own-unknown-language",
        BRIEF_FILE,
        "languages: [es, en]",
        "languages: [es, fr]",
        &["briefs/test.yaml:6:", "fr"],
    );
}

#[test]
fn own_treaty_language_in_the_mou() {
    rejects(
        "own-mou-shall",
        FACTS_FILE,
        "en: The Participants reaffirm their commitment",
        "en: The Participants shall reaffirm their commitment",
        &[
            "data/facts.yaml:32:11: error: treaty language in a memorandum of understanding: `shall`",
            "write `will` instead",
        ],
    );
    rejects(
        "own-mou-partes",
        FACTS_FILE,
        "es: Los Participantes reafirman",
        "es: Las Partes reafirman",
        &[
            "data/facts.yaml:31:11: error: treaty language in a memorandum of understanding: `Partes`",
        ],
    );
}

#[test]
fn own_treaty_words_are_allowed_outside_the_mou() {
    // The same word in a fact that only the ministries' briefs use is not an MoU's wording.
    let f = Fixture::valid();
    f.write(
        FACTS_FILE,
        &FACTS.replace(
            "the Allies approved Peru's participation",
            "the Allies said Peru shall take part",
        ),
    );
    f.brief(&["check"]).ok();
}

#[test]
fn own_filters_that_would_unescape_data_do_not_exist() {
    for (i, filter) in [
        "e|replace(\"\\\\\", \"\")",
        "lit|replace('\"', '')",
        "string",
        "join",
    ]
    .into_iter()
    .enumerate()
    {
        template_rejects(
            &format!("own-unescaping-filter-{}", i + 1),
            &format!("{{{{ brief.title|{filter} }}}}"),
            &["templates/non-paper.typ.j2:3:", "unknown filter"],
        );
    }
}

#[test]
fn own_eval_under_another_name() {
    for (i, code) in [
        "#std.eval(\"1 + 1\")",
        "#let e = eval\n#e(\"1\")",
        "#(eval\n(\"1\"))",
    ]
    .into_iter()
    .enumerate()
    {
        template_rejects(
            &format!("own-eval-alias-{}", i + 1),
            code,
            &["templates/non-paper.typ.j2:3:", "forbidden construct"],
        );
    }
}

#[test]
fn own_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--root", dir.path().to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(66));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a brief project"), "{stderr}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn own_escape_sequences_in_data_never_reach_the_terminal() {
    // Every case asserts that no escape character reaches stderr; this one puts one in a value.
    Case::new(
        "own-terminal-escape-in-a-value",
        &["data/facts.yaml:3:11:", "[2J"],
    )
    .run(|f| {
        edit(
            f,
            FACTS_FILE,
            "    kind: event\n",
            "    kind: \"event\\e[2J\"\n",
        )
    });
}
