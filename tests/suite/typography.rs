//! Typographic quotes per language: texts are written with straight quotes, and print with the
//! language's own — «…“…”…» in Spanish, “…‘…’…” in English, an apostrophe as ’ — in the pages
//! and in the reference lists. Nothing else in a text changes (`injection_property.rs` proves
//! that, quote glyphs aside).

use crate::common;

use common::{Fixture, pdf_text, squash};

const SPANISH: &str = "es: El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.";
const ENGLISH: &str =
    "en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";

#[test]
fn quotations_take_each_languages_quotes_and_nest() {
    let f = Fixture::valid();
    let facts = common::FACTS
        .replace(
            SPANISH,
            r#"es: 'El Perú dijo "sí a la ''cooperación'' práctica" ante los Aliados.'"#,
        )
        .replace(
            ENGLISH,
            r#"en: 'Peru''s envoy said "yes to ''practical'' cooperation" to the Allies.'"#,
        );
    assert_ne!(facts, common::FACTS);
    f.write("data/facts.yaml", &facts);
    f.brief(&["build", "--document", "non-paper"]).ok();
    let read = |lang: &str| {
        squash(&f.pdf_text(&format!(
            "out/test-brief/test-brief.non-paper.nato.{lang}.pdf"
        )))
    };
    let es = read("es");
    assert!(
        es.contains(&squash("dijo «sí a la “cooperación” práctica» ante")),
        "Spanish quotes: {es}"
    );
    let en = read("en");
    assert!(
        en.contains(&squash(
            "Peru’s envoy said “yes to ‘practical’ cooperation” to"
        )),
        "English quotes: {en}"
    );
}

#[test]
fn no_straight_quote_reaches_a_shipped_page() {
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet"]).ok();
    let pdfs = f.pdf_names();
    assert!(pdfs.len() >= 13, "{pdfs:?}");
    let mut guillemets = 0;
    for pdf in &pdfs {
        let name = pdf.to_string_lossy().into_owned();
        let text = pdf_text(&f.read(&format!("out/{name}")));
        let straight: Vec<&str> = text
            .lines()
            .filter(|l| l.contains('"') || l.contains('\''))
            .take(3)
            .collect();
        assert!(
            straight.is_empty(),
            "{name} prints straight quotes: {straight:?}"
        );
        let (open, close) = (text.matches('«').count(), text.matches('»').count());
        if name.ends_with(".en.pdf") {
            assert_eq!(open + close, 0, "{name}: guillemets in English");
            assert!(text.contains("Peru’s"), "{name}: apostrophes are ’");
        } else if name.ends_with(".es.pdf") {
            assert_eq!(open, close, "{name}: unbalanced guillemets");
            guillemets += open;
        }
    }
    assert!(
        guillemets > 0,
        "no Spanish edition quotes anything: the check saw nothing"
    );
}

#[test]
fn a_compound_name_with_inner_capitals_never_breaks_at_a_line_end() {
    // A compound surname is kept on one line. The box once covered only "Kenzie-Mc" of
    // "MacKenzie-McHarg": the line could then break on either side of it, inside the name. The
    // name is repeated after fillers of every length, so some copy meets a line's end.
    let copies: Vec<String> = (1..=60)
        .map(|n| format!("{} MacKenzie-McHarg", "x".repeat(n % 13 + 1)))
        .collect();
    let f = Fixture::valid();
    let facts = common::FACTS.replace(ENGLISH, &format!("en: {}.", copies.join(" ")));
    assert_ne!(facts, common::FACTS);
    f.write("data/facts.yaml", &facts);
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = f.pdf_text("out/test-brief/test-brief.non-paper.nato.en.pdf");
    let lines_ending_inside = text
        .lines()
        .filter(|l| {
            let l = l.trim_end();
            l.ends_with("Mac") || l.ends_with("MacKenzie-Mc") || l.ends_with("MacKenzie-")
        })
        .count();
    assert_eq!(lines_ending_inside, 0, "{text}");
    assert_eq!(text.matches("MacKenzie-McHarg").count(), 60, "{text}");
}
