//! Text that does not fit is an error at the fact it comes from: a word that cannot be broken, a
//! link-like token, a table wider than the text area, and a text too long for a PDF string. Each
//! fails with exit 65 at the fact's line and column in data/, and leaves out/ as it was. The
//! shipped project still builds (`pipeline.rs::shipped_project_checks_clean` typesets it all).

use crate::common;

use common::{FACTS, Fixture};

/// The line and column (1-based, in characters) where `needle` starts in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in the fact file");
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].chars().count() + 1;
    (line, col)
}

/// Writes `facts` (and optionally a brief), builds, and asserts exit 65 with a message at the
/// position of `at` in the fact file, naming `fact` if given, with out/ unchanged.
fn refused(facts: &str, brief: Option<&str>, at: &str, fact: Option<&str>, what: &str) -> String {
    let f = Fixture::built();
    let before = f.out_files();
    f.write("data/facts.yaml", facts);
    if let Some(brief) = brief {
        f.write("briefs/test.yaml", brief);
    }
    let (line, col) = line_col(facts, at);
    let mut run = f
        .brief(&["build"])
        .fails(65)
        .says(&format!("data/facts.yaml:{line}:{col}: error: {what}"));
    if let Some(fact) = fact {
        run = run.says(&format!("fact `{fact}`"));
    }
    f.assert_out_unchanged(&before, what);
    run.stderr()
}

#[test]
fn a_long_unbroken_word_in_an_internal_fact_is_located() {
    let word = "x".repeat(200);
    let facts = FACTS.replace(
        "en: Trade partners could disapprove",
        &format!("en: Trade partners {word} could disapprove"),
    );
    let err = refused(
        &facts,
        None,
        "Trade partners x",
        Some("risk-trade"),
        "text does not fit the page",
    );
    assert!(
        err.contains("past the right edge of the text area"),
        "{err}"
    );
    assert!(
        err.contains("test-brief/test-brief.briefing-note.mre.en"),
        "{err}"
    );
}

#[test]
fn a_long_link_like_token_in_a_nato_fact_is_located() {
    // In the text, not the title: the non-paper prints plain paragraphs, without run-in titles.
    let token = format!("https://example.org/{}", "0123456789".repeat(12));
    let facts = FACTS.replace(
        "en: On 15 September 2021 the Allies approved",
        &format!("en: On 15 September 2021 {token} the Allies approved"),
    );
    let err = refused(
        &facts,
        None,
        "On 15 September 2021 https",
        Some("pe-bi-approval"),
        "text does not fit the page",
    );
    assert!(
        err.contains("test-brief/test-brief.non-paper.nato.en"),
        "{err}"
    );
}

#[test]
fn a_table_wider_than_the_page_is_located_at_a_cell() {
    let columns: String = (0..8)
        .map(|i| format!("        - key: c{i}\n          label: {{es: C{i}, en: C{i}}}\n"))
        .collect();
    let cells: String = (0..8)
        .map(|i| format!("          c{i}: {{es: Valor{i}, en: Quantityunbreakable{i}}}\n"))
        .collect();
    let table = format!(
        r#"  - id: wide-table
    kind: table
    title: {{es: Tabla ancha, en: Wide table}}
    text: {{es: Una tabla ancha., en: A wide table.}}
    table:
      columns:
{columns}      rows:
        - {}
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
"#,
        cells.trim_start()
    );
    let facts = format!("{FACTS}{table}");
    let brief = format!(
        "{}  - id: wide\n    title: {{es: Ancha, en: Wide}}\n    layout: table\n    audiences: [nato]\n    facts: [wide-table]\n",
        common::BRIEF
    );
    let err = refused(
        &facts,
        Some(&brief),
        // At the text of the cell that runs past the edge, now that cells keep their places.
        "Quantityunbreakable7}",
        Some("wide-table"),
        "text does not fit the page",
    );
    assert!(err.contains("column `c7`"), "{err}");
}

#[test]
fn a_text_too_long_for_a_pdf_string_is_located() {
    // 18 000 characters pass the length cap, but their UTF-16 form does not fit a PDF string,
    // and a timeline title reaches one: the figure's alternative text.
    let title = "canción ".repeat(2_250);
    let facts = FACTS.replace(
        r#"en: "Approval of Peru's participation""#,
        &format!(r#"en: "{title}""#),
    );
    refused(
        &facts,
        None,
        "\"canción",
        None,
        "`title.en` is too long for a PDF string",
    );
}

#[test]
fn a_timeline_whose_description_is_too_long_for_a_pdf_string_is_located() {
    // Each title fits; the figure's alternative text lists them all and does not.
    let events: String = (0..3)
        .map(|i| {
            format!(
                r#"  - id: ev-{i}
    kind: event
    tags: [timeline-peru]
    date: 202{i}-01-01
    title: {{es: "{t}", en: "{t}"}}
    text: {{es: Evento., en: Event.}}
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
"#,
                t = "word ".repeat(2_400)
            )
        })
        .collect();
    let f = Fixture::built();
    let before = f.out_files();
    f.write("data/facts.yaml", &format!("{FACTS}{events}"));
    let brief = format!(
        "{}  - id: path\n    title: {{es: Trayectoria, en: Path}}\n    layout: timeline\n    tags: [timeline-peru]\n",
        common::BRIEF
    );
    f.write("briefs/test.yaml", &brief);
    let (line, col) = line_col(&brief, "path\n    title: {es: Trayectoria");
    f.brief(&["build"])
        .fails(65)
        .says(&format!("briefs/test.yaml:{line}:{col}: error:"))
        .says("too long for a PDF string");
    f.assert_out_unchanged(&before, "a timeline too long to describe");
}

#[test]
fn a_chart_whose_description_is_too_long_for_a_pdf_string_is_located() {
    // Each label fits; the chart's alternative text lists every row and does not.
    let label = "word ".repeat(180);
    let rows: String = (0..40)
        .map(|i| {
            format!("        - {{name: {{es: \"{label}{i}\", en: \"{label}{i}\"}}, n: {i}}}\n")
        })
        .collect();
    let table = format!(
        r#"  - id: long-chart
    kind: table
    title: {{es: Gráfico, en: Chart}}
    text: {{es: Un gráfico., en: A chart.}}
    table:
      columns:
        - key: name
          label: {{es: Nombre, en: Name}}
        - key: n
          label: {{es: Cantidad, en: Count}}
          numeric: true
      rows:
{rows}    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
"#
    );
    let facts = format!("{FACTS}{table}");
    let brief = format!(
        "{}  - id: chart\n    title: {{es: Gráfico, en: Chart}}\n    layout: chart\n    audiences: [nato]\n    facts: [long-chart]\n",
        common::BRIEF
    );
    refused(
        &facts,
        Some(&brief),
        "long-chart\n",
        Some("long-chart"),
        "the description of the chart of fact `long-chart` (en) is too long for a PDF string",
    );
}

/// Writes `sources` (the fixture's with `from` replaced by `to`), builds, and asserts exit 65
/// with a message at `at` in the sources file, in `what` of the cited source, naming no fact,
/// with out/ unchanged.
fn refused_source(from: &str, to: &str, at: &str, what: &str) {
    let f = Fixture::built();
    let before = f.out_files();
    let sources = common::SOURCES.replacen(from, to, 1);
    assert_ne!(sources, common::SOURCES, "the fixture's source moved");
    f.write("data/sources.yaml", &sources);
    let (line, col) = line_col(&sources, at);
    let err = f
        .brief(&["build"])
        .fails(65)
        .says(&format!(
            "data/sources.yaml:{line}:{col}: error: text does not fit the page"
        ))
        .stderr();
    assert!(
        err.contains(&format!("in {what} of source `gi-2021a`")),
        "{err}"
    );
    assert!(!err.contains("fact `"), "{err}");
    f.assert_out_unchanged(&before, what);
}

#[test]
fn a_long_unbroken_word_in_a_source_title_is_located_at_the_source() {
    // Printed in the reference list, not in a fact: the error is at the source's title in
    // data/sources.yaml, once per edition, and names no fact. The title's word and the full stop
    // after it both leave the text area; the full stop was blamed on the shortest fact holding
    // a full stop.
    let title = format!("Building Integrity {}", "y".repeat(200));
    refused_source(
        "title: Building Integrity Newsletter",
        &format!("title: {title}"),
        &title,
        "the title",
    );
}

#[test]
fn a_long_address_in_a_source_is_located_at_the_address_not_at_another_title() {
    // A long link is the usual overflow in a reference list. It was blamed on the cited title
    // with the longest word, here the only other source's.
    let url = format!("https://www.nato.int/{}", "abcdefghij".repeat(15));
    refused_source(
        "title: Building Integrity Newsletter\n",
        &format!("title: Building Integrity Newsletter\n  url: {url}\n"),
        &url,
        "the address",
    );
}

#[test]
fn a_long_unbroken_word_in_the_brief_title_is_located_at_the_title() {
    // Printed from the brief definition, not from a fact or a source: the error was given with
    // no file position at all. Quote marks print as the language's (“…”), and the title is
    // still found.
    for title in ["Test WORD", "'Test \"WORD\"'"] {
        title_refused(title);
    }
}

fn title_refused(title: &str) {
    let f = Fixture::built();
    let before = f.out_files();
    let word = "z".repeat(200);
    let title = title.replace("WORD", &word);
    let brief = common::BRIEF.replacen("en: Test brief}", &format!("en: {title}}}"), 1);
    assert_ne!(brief, common::BRIEF, "the fixture's title moved");
    f.write("briefs/test.yaml", &brief);
    let (line, col) = line_col(&brief, &title);
    let err = f
        .brief(&["build", "--lang", "en"])
        .fails(65)
        .says(&format!(
            "briefs/test.yaml:{line}:{col}: error: text does not fit the page"
        ))
        .stderr();
    assert!(err.contains("in the brief's `title` (en)"), "{err}");
    assert!(!err.contains("fact `"), "{err}");
    f.assert_out_unchanged(&before, "the brief's title");
}

#[test]
fn a_long_word_on_a_later_line_of_a_folded_text_is_located_at_its_line() {
    // A folded text (`>-`) runs over several lines of the file: the word that does not fit is
    // reported at its own line and column, not at the value's first line.
    let word = "y".repeat(200);
    let facts = FACTS.replace(
        "en: Trade partners could disapprove",
        &format!("en: >-\n        Trade partners\n        could well, in time,\n        {word} disapprove"),
    );
    assert_ne!(facts, FACTS);
    refused(
        &facts,
        None,
        &word,
        Some("risk-trade"),
        "text does not fit the page",
    );
}
