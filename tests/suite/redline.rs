//! `brief diff --redline` for every place a fact's text can be printed: markup, string
//! arguments (timeline labels, table cells and column labels), titles, a text equal to a word the
//! template itself prints ("Reference"), and Typst specials. Each change must give a valid PDF
//! holding the new words, and the same inputs with the same `SOURCE_DATE_EPOCH` the same bytes.

use crate::common;

use common::Fixture;

const FACTS: &str = r#"facts:
  - id: ev-approval
    kind: event
    tags: [timeline-peru]
    date: 2021-09-15
    title: {es: Aprobación inicial, en: Initial approval}
    text: {es: Los Aliados aprobaron la participación., en: The Allies approved the participation.}
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
  - id: ev-visit
    kind: event
    tags: [timeline-peru]
    date: 2022-03-01
    title: {es: Visita oficial, en: Official visit}
    text: {es: Una visita oficial tuvo lugar., en: An official visit took place.}
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
  - id: tbl-codification
    kind: table
    title: {es: Codificación, en: Codification}
    text: {es: Países y números de catálogo., en: Countries and stock numbers.}
    table:
      columns:
        - key: country
          label: {es: País, en: Country}
        - key: nsn
          label: {es: Números, en: Numbers}
          numeric: true
      rows:
        - country: {es: Argentina, en: Argentina}
          nsn: 4158
        - country: {es: Brasil, en: Brazil}
          nsn: 80089
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
  - id: fn-label
    kind: finding
    text: {es: Texto previo, en: Earlier wording}
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
  - id: fn-specials
    kind: finding
    text: {es: 'Costo # $ " \ fin', en: 'Cost # $ " \ end'}
    audiences: [mre, defence, nato]
    sensitivity: shareable
    classification: publico
    seed: "1-2"
"#;

const BRIEF: &str = r#"id: test-brief
title: {es: Informe de prueba, en: Test brief}
reference: "TEST-0001"
office: {es: Oficina de pruebas, en: Test office}
date: 2022-11-30
languages: [es, en]
documents:
  - {type: briefing-note, audiences: [mre, defence]}
  - {type: non-paper, audiences: [nato]}
sections:
  - id: path
    title: {es: Trayectoria, en: Path}
    layout: timeline
    tags: [timeline-peru]
  - id: numbers
    title: {es: Cifras, en: Figures}
    layout: table
    facts: [tbl-codification]
  - id: findings
    title: {es: Hallazgos, en: Findings}
    facts: [fn-label, fn-specials]
"#;

/// The project above, committed, then `edit` applied to its facts in the working tree.
fn changed(edit: impl Fn(&str) -> String) -> Fixture {
    let f = Fixture::empty();
    f.write("data/facts.yaml", FACTS);
    f.write("briefs/test.yaml", BRIEF);
    common::commit_all(f.path());
    f.write("data/facts.yaml", &edit(FACTS));
    f
}

/// Runs the redline of `output` against HEAD and returns the PDF's squashed text.
fn redline(f: &Fixture, output: &str) -> String {
    let run = f.brief(&["diff", "HEAD", "--redline", output]).ok();
    let file = format!("out/{output}.redline.pdf");
    assert!(
        run.stderr().contains(&format!("wrote {file}")),
        "{}",
        run.stderr()
    );
    common::squash(&f.pdf_text(&file))
}

#[test]
fn a_changed_timeline_title_gives_a_valid_redline() {
    let f = changed(|s| s.replace("en: Initial approval}", "en: Initial formal approval}"));
    let text = redline(&f, "test-brief/test-brief.briefing-note.mre.en");
    assert!(text.contains("Initialformalapproval"), "{text}");
    assert!(text.contains("REDLINE"), "{text}");
    let es = changed(|s| s.replace("es: Visita oficial,", "es: Visita oficial decisiva,"));
    let text = redline(&es, "test-brief/test-brief.briefing-note.mre.es");
    assert!(text.contains("Visitaoficialdecisiva"), "{text}");
}

#[test]
fn a_changed_table_cell_and_column_label_give_a_valid_redline() {
    let f = changed(|s| {
        s.replace("en: Brazil}", "en: Federative Brazil}")
            .replace("en: Numbers}", "en: Stock numbers}")
    });
    let text = redline(&f, "test-brief/test-brief.briefing-note.mre.en");
    assert!(text.contains("FederativeBrazil"), "{text}");
    assert!(text.contains("Stocknumbers"), "{text}");
}

#[test]
fn a_text_equal_to_a_template_word_is_marked_only_where_it_is_printed() {
    // "Reference" is also the title block's label, passed to the style as a string.
    let f = changed(|s| s.replace("en: Earlier wording}", "en: Reference}"));
    let text = redline(&f, "test-brief/test-brief.briefing-note.mre.en");
    let findings = &text[text.find("Findings").expect("the findings section")..];
    assert!(
        findings.contains("ReferenceEarlierwording")
            || findings.contains("EarlierwordingReference"),
        "{findings}"
    );
    let changed_title = changed(|s| s.replace("en: Official visit}", "en: Reference}"));
    let text = redline(&changed_title, "test-brief/test-brief.briefing-note.mre.en");
    assert!(text.contains("Reference"), "{text}");
}

#[test]
fn typst_specials_in_a_changed_text_print_literally() {
    let f = changed(|s| {
        s.replace(
            r#"en: 'Cost # $ " \ end'"#,
            r#"en: 'Cost # $ " \ #[x] final end'"#,
        )
    });
    let text = redline(&f, "test-brief/test-brief.briefing-note.mre.en");
    assert!(text.contains(r#"Cost#$"\#[x]finalend"#), "{text}");
}

#[test]
fn the_redline_keeps_source_date_epoch_and_is_reproducible() {
    let f = changed(|s| s.replace("en: Initial approval}", "en: Initial formal approval}"));
    let pdf = |epoch: &str| {
        let mut command = f.command(&[
            "diff",
            "HEAD",
            "--redline",
            "test-brief/test-brief.briefing-note.mre.en",
        ]);
        command.env("SOURCE_DATE_EPOCH", epoch);
        f.run(command, common::DEADLINE).ok();
        f.read("out/test-brief/test-brief.briefing-note.mre.en.redline.pdf")
    };
    let first = pdf("1700000000");
    assert_eq!(
        first,
        pdf("1700000000"),
        "same inputs, same epoch: same bytes"
    );
    let everything = common::pdf_everything(&first);
    assert!(
        common::contains(&everything, "D:20231114221320")
            || common::contains(&everything, "2023-11-14T22:13:20"),
        "the PDF's date is not SOURCE_DATE_EPOCH"
    );
    assert_ne!(first, pdf("1600000000"), "the epoch changes the PDF's date");
}
