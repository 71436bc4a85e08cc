//! The pipeline end to end: the binary on small projects, checked through the PDFs it writes.

use crate::common;

use common::{Fixture, contains, pdf_everything, squash, unquoted};

const BRIEF: &str = "out/test-brief";

/// An output of the fixture's brief, by `<document>.<audience>.<lang>`, with its extension.
fn out(edition: &str, ext: &str) -> String {
    format!("{BRIEF}/test-brief.{edition}.{ext}")
}

#[test]
fn build_writes_every_edition_with_its_typst_source() {
    let f = Fixture::valid();
    let run = f.brief(&["build"]).ok();
    let editions = [
        "briefing-note.mre.es",
        "briefing-note.mre.en",
        "briefing-note.defence.es",
        "briefing-note.defence.en",
        "non-paper.nato.es",
        "non-paper.nato.en",
        "mou.nato.es",
        "mou.nato.en",
        "mou.nato.es-en",
    ];
    for edition in editions {
        let pdf = f.read(&out(edition, "pdf"));
        assert!(pdf.starts_with(b"%PDF-"), "{edition} is not a PDF");
        let typ = String::from_utf8(f.read(&out(edition, "typ"))).unwrap();
        assert!(
            typ.contains("#import \"/style.typ\""),
            "{edition}.typ does not import the style"
        );
        assert!(run.stdout().contains(&format!("test-brief.{edition}.pdf")));
    }
    // What the generated sources read sits beside them, so the stock Typst CLI can rebuild them.
    assert_eq!(
        f.read(&format!("{BRIEF}/style.typ")),
        f.read("templates/style.typ")
    );
    let bib = String::from_utf8(f.read(&out("non-paper.nato.en", "bib.yaml"))).unwrap();
    assert!(
        bib.contains("gi-2021a:") && !bib.contains("nac-2021:"),
        "the NATO edition's bibliography holds what it does not cite:\n{bib}"
    );
    let typ = String::from_utf8(f.read(&out("non-paper.nato.en", "typ"))).unwrap();
    // Punctuation inside string literals is written as \u{..} escapes, which keep them inert.
    assert!(
        typ.contains(
            "#bibliography(\"\\u{2f}test\\u{2d}brief\\u{2e}non\\u{2d}paper\\u{2e}nato\\u{2e}en\\u{2e}bib\\u{2e}yaml\""
        ),
        "the source does not read its own bibliography: {:?}",
        typ.lines().find(|l| l.contains("#bibliography"))
    );
}

#[test]
fn the_parallel_mou_holds_both_texts_side_by_side() {
    let f = Fixture::valid();
    f.brief(&["build", "--document", "mou", "--lang", "es-en"])
        .ok();
    let text = squash(&f.pdf_text(&out("mou.nato.es-en", "pdf")));
    assert!(
        text.contains(&squash("Los Participantes reafirman su compromiso")),
        "{text}"
    );
    assert!(
        text.contains(&squash("The Participants reaffirm their commitment")),
        "{text}"
    );
    let pdfs = f.pdf_names();
    assert_eq!(
        pdfs,
        vec![std::path::PathBuf::from(
            "test-brief/test-brief.mou.nato.es-en.pdf"
        )],
        "--lang es-en builds only the parallel text"
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let a = Fixture::valid();
    let b = Fixture::valid();
    a.brief(&["build"]).ok();
    b.brief(&["build"]).ok();
    // The documents and their sources; the manifest also records file times, which differ.
    let documents = |f: &Fixture| {
        let mut files = f.out_files();
        files.retain(|p, _| p.parent().is_some_and(|d| !d.as_os_str().is_empty()));
        files
    };
    let first = documents(&a);
    assert_eq!(
        first,
        documents(&b),
        "two projects with the same inputs built different bytes"
    );
    a.brief(&["build", "--force"]).ok();
    assert_eq!(first, documents(&a), "a rebuild changed the bytes");
    assert!(
        first
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .count()
            == 9
    );
}

#[test]
fn pdfs_carry_language_dates_and_title_in_their_text_and_metadata() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let es = f.pdf_text(&out("briefing-note.mre.es", "pdf"));
    let en = f.pdf_text(&out("briefing-note.mre.en", "pdf"));
    assert!(
        squash(&es).contains(&squash("30 de noviembre de 2022")),
        "{es}"
    );
    assert!(squash(&en).contains(&squash("30 November 2022")), "{en}");
    assert!(squash(&es).contains("Página1de"), "{es}");
    assert!(squash(&en).contains("Page1of"), "{en}");
    let raw = pdf_everything(&f.read(&out("briefing-note.mre.en", "pdf")));
    assert!(contains(&raw, "Test brief"), "title missing from metadata");
    assert!(
        contains(&raw, "Test office"),
        "author missing from metadata"
    );
    assert!(
        contains(&raw, "2022-11-30"),
        "document date missing from metadata"
    );
}

#[test]
fn internal_facts_never_reach_nato_or_mou() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    for lang in ["es", "en"] {
        for audience in ["mre", "defence"] {
            let edition = format!("briefing-note.{audience}.{lang}");
            let text = f.pdf_text(&out(&edition, "pdf"));
            assert!(
                squash(&text).contains("CANARYSECRETXQ"),
                "positive control: the canary is missing from {edition}"
            );
        }
    }
    // Every document made for nato: the non-paper and the MoU, its parallel text included.
    for edition in [
        "non-paper.nato.es",
        "non-paper.nato.en",
        "mou.nato.es",
        "mou.nato.en",
        "mou.nato.es-en",
    ] {
        let bytes = f.read(&out(edition, "pdf"));
        assert!(
            !squash(&common::pdf_text(&bytes)).contains("CANARYSECRETXQ"),
            "{edition} text leaks the canary"
        );
        assert!(
            !contains(&pdf_everything(&bytes), "CANARYSECRETXQ"),
            "{edition} bytes leak the canary"
        );
        let typ = String::from_utf8(f.read(&out(edition, "typ"))).unwrap();
        assert!(!typ.contains("CANARY"), "{edition}.typ holds internal text");
    }
}

#[test]
fn a_template_cannot_reach_facts_outside_its_view() {
    // A hostile NATO non-paper template that asks for the internal fact by id gets an undefined-value
    // error at its line: the fact is not in the view.
    let f = Fixture::valid();
    let nato = String::from_utf8(f.read("templates/non-paper.typ.j2")).unwrap();
    f.write(
        "templates/non-paper.typ.j2",
        &format!("{nato}\n{{{{ facts['risk-trade'].text }}}}\n"),
    );
    let line = nato.lines().count() + 2;
    f.brief(&["build"])
        .fails(65)
        .says(&format!("templates/non-paper.typ.j2:{line}:"))
        .says("undefined");
    assert!(
        f.out_files()
            .keys()
            .all(|p| !p.to_string_lossy().ends_with(".pdf"))
    );
}

#[test]
fn injected_markup_in_facts_prints_literally() {
    let f = Fixture::valid();
    let hostile = r##"#read("/etc/hostname") *bold* _em_ $x$ @ref <lbl> [ ] // c /* d */ \ = - + ~ {{ x }} {% if %} 'q' "dq" -- ... see https://evil.example/x a"##;
    let text = format!("INJ {hostile} FIN\u{2028}siguiente");
    let yaml = serde_json::to_string(&text)
        .unwrap()
        .replace('\u{2028}', "\\u2028");
    let facts = common::FACTS.replace(
        "es: El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.",
        &format!("es: {yaml}"),
    );
    assert_ne!(facts, common::FACTS);
    f.write("data/facts.yaml", &facts);
    f.brief(&["build", "--document", "non-paper", "--lang", "es"])
        .ok();
    let printed = f.pdf_text(&out("non-paper.nato.es", "pdf"));
    let expected = format!("INJ {hostile} FIN");
    assert!(
        unquoted(&squash(&printed)).contains(&unquoted(&squash(&expected))),
        "expected {expected:?} literally in:\n{printed}"
    );
    assert!(
        squash(&printed).contains("siguiente"),
        "the text after U+2028 is missing:\n{printed}"
    );
    // No web link was created from the URL in the data (citations link inside the document only).
    let raw = pdf_everything(&f.read(&out("non-paper.nato.es", "pdf")));
    assert!(!contains(&raw, "/URI"), "data created a web link");
    assert!(
        !contains(&raw, "evil.example/x)"),
        "data created a link target"
    );
}

#[test]
fn check_typesets_everything_and_writes_nothing() {
    let f = Fixture::valid();
    let run = f.brief(&["check"]).ok();
    run.prints("9 output(s)");
    assert!(
        f.out_files().is_empty(),
        "check wrote {:?}",
        f.out_files().keys()
    );
}

#[test]
fn selection_flags_build_only_what_is_asked() {
    let f = Fixture::valid();
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let pdfs = f.pdf_names();
    assert_eq!(
        pdfs,
        vec![std::path::PathBuf::from(
            "test-brief/test-brief.non-paper.nato.en.pdf"
        )]
    );
    f.brief(&["build", "--brief", "nope"])
        .fails(2)
        .says("no brief has the id `nope`");
}

#[test]
fn a_failed_build_leaves_previous_outputs_untouched() {
    let f = Fixture::valid();
    f.brief(&["build"]).ok();
    let before = f.out_files();
    f.write(
        "data/facts.yaml",
        &common::FACTS.replace(
            "classification: publico\n    seed: \"1734-1742\"",
            "classification: secreto\n    seed: \"1734-1742\"",
        ),
    );
    f.brief(&["build"]).fails(65).says("data/facts.yaml:");
    f.assert_out_unchanged(&before, "a failed build");
}

#[test]
fn shipped_project_checks_clean() {
    let f = Fixture::shipped();
    let run = f.brief(&["check"]).ok();
    run.prints("output(s) typeset");
}
