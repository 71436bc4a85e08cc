//! Attacks on `templates/catalog.yaml`, the new untrusted input of issue 11: what the catalog
//! prints must be what a reviewer reads in it, a number must print with its value, every bad
//! catalog is a located error that writes nothing, and a selection the briefs do not make is
//! not a silent success.

use crate::common;
use common::*;

/// The small project's catalog (see `common`) with `from` replaced by `to`, once.
fn catalog_with(from: &str, to: &str) -> String {
    let catalog = citing_catalog();
    assert!(catalog.contains(from), "the catalog has no {from:?}");
    catalog.replacen(from, to, 1)
}

/// Builds the already built small project with `catalog` and checks that it fails with exit 65,
/// a message located at `templates/catalog.yaml:<line>:` saying `says`, and `out/` untouched.
fn refused(catalog: &str, line: usize, says: &str) {
    let f = Fixture::built();
    let before = f.out_files();
    f.write("templates/catalog.yaml", catalog);
    let run = f.brief(&["build"]);
    assert_eq!(run.code(), 65, "not refused: {says}\n{}", run.stdout());
    run.fails(65)
        .says(&format!("templates/catalog.yaml:{line}:"))
        .says(says);
    f.assert_out_unchanged(&before, "a refused catalog");
}

fn line_of(catalog: &str, needle: &str) -> usize {
    catalog
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
        + 1
}

/// The file-wide scan for hidden characters sees the catalog as written, so a YAML escape
/// (`"\u202E"`) reaches every printed field but `strings:` unseen: a right-to-left override in a
/// month name, a date pattern or a reader's name prints reversed text in every PDF.
#[test]
fn escaped_invisible_characters_in_printed_catalog_fields_are_refused() {
    let cases = [
        (
            "[January,",
            r#"["\u202EJanuary","#,
            "month 1 of language `en` contains the invisible bidirectional formatting character U+202E",
        ),
        (
            "day: \"{day} {month} {year}\"",
            r#"day: "{day} {month}\u2067 {year}""#,
            "the day date pattern of language `en` contains the invisible bidirectional",
        ),
        (
            "en: NATO counterpart}",
            r#"en: "NATO\u202E counterpart"}"#,
            "the en name of audience `nato` contains the invisible bidirectional",
        ),
        (
            "en: Non-paper}",
            r#"en: "Non\u200B-paper"}"#,
            "the en name of `non-paper` contains the invisible zero-width character U+200B",
        ),
        (
            "en: draft under international negotiation (Law 27806, art. 16)",
            r#"en: "draft under\u0007 negotiation""#,
            "the en marking reason of `mou` contains the control character U+0007",
        ),
        (
            "name: English",
            r#"name: "Eng\u202Dlish""#,
            "the name of language `en` contains the invisible bidirectional",
        ),
        (
            "numbers: {decimal: \".\", group: \",\"",
            r#"numbers: {decimal: ".", group: "\u202E""#,
            "contains the invisible bidirectional formatting character U+202E",
        ),
    ];
    for (from, to, says) in cases {
        let catalog = catalog_with(from, to);
        refused(&catalog, line_of(&catalog, to), says);
    }
}

/// A digit as a separator changes the number a reader sees (`group: "0"` prints 80089 as
/// `800089`), and one character for both separators makes `1.234` ambiguous.
#[test]
fn number_separators_that_change_a_numbers_value_are_refused() {
    let english = "numbers: {decimal: \".\", group: \",\"";
    for (to, says) in [
        (
            "numbers: {decimal: \".\", group: \"0\"",
            "the group separator of language `en` is a digit",
        ),
        (
            "numbers: {decimal: \"٫\", group: \"٣\"",
            "the group separator of language `en` is a digit",
        ),
        (
            "numbers: {decimal: \"1\", group: \",\"",
            "the decimal separator of language `en` is a digit",
        ),
        (
            "numbers: {decimal: \".\", group: \".\"",
            "language `en` writes \".\" both between digit groups and before decimals",
        ),
        (
            "numbers: {decimal: \" \", group: \",\"",
            "the decimal separator of language `en` is a space",
        ),
    ] {
        let catalog = catalog_with(english, to);
        refused(&catalog, line_of(&catalog, to), says);
    }
}

/// A 100 000-character catalog string used to surface as a PDF/A or page-overflow error that
/// names a template, not the catalog line; it is now refused where it is written.
#[test]
fn a_huge_catalog_string_is_a_located_error() {
    let long = "D".repeat(100_000);
    for (from, to, says) in [
        (
            "      draft: DRAFT\n",
            format!("      draft: {long}\n"),
            "string `draft` of `en` is longer than 1000 characters",
        ),
        (
            "en: Non-paper}",
            format!("en: {long}}}"),
            "the en name of `non-paper` is longer than 1000 characters",
        ),
    ] {
        let catalog = catalog_with(from, &to);
        refused(&catalog, line_of(&catalog, &long[..50]), says);
    }
}

/// Every id exists, but no brief makes the combination: `--document dossier` of a brief that
/// makes none, `--lang es-en` of a document type with no parallel text. A scheduled job must not
/// report success having built nothing.
#[test]
fn a_selection_no_brief_makes_is_a_usage_error() {
    let f = Fixture::built();
    let before = f.out_files();
    for args in [
        &["build", "--document", "dossier"][..],
        &["build", "--lang", "es-en", "--document", "non-paper"][..],
        &["build", "--audience", "nato", "--document", "briefing-note"][..],
        &["check", "--document", "talking-points"][..],
    ] {
        f.brief(args)
            .fails(2)
            .says("the selection matches no output the briefs make")
            .says("test-brief/test-brief.mou.nato.es-en");
    }
    f.assert_out_unchanged(&before, "an empty selection");
    // A selection that matches something still builds it.
    f.brief(&["build", "--lang", "es-en", "--force"]).ok();
}
