//! The wording rules judge what a reader sees: a soft hyphen, a line break, a decomposed accent
//! or a Cyrillic lookalike inside a forbidden expression does not get it into the MoU.

use crate::common;
use common::*;

const FACTS_FILE: &str = "data/facts.yaml";
const EN: &str = "The Participants reaffirm their commitment to common values.";
const ES: &str = "Los Participantes reafirman su compromiso con los valores comunes.";

/// The valid project with the MoU clause's text `from` replaced by `to`, and the line and
/// column where that text starts.
fn with_clause(from: &str, to: &str) -> (Fixture, String) {
    let f = Fixture::valid();
    let text = String::from_utf8(f.read(FACTS_FILE)).unwrap();
    let start = text.find(from).expect("the clause is in the fixture");
    let line = text[..start].lines().count();
    let column = start - text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
    f.write(FACTS_FILE, &text.replacen(from, to, 1));
    (f, format!("{FACTS_FILE}:{line}:{column}: error:"))
}

fn refused(from: &str, to: &str, words: &str) {
    let (f, at) = with_clause(from, to);
    f.brief(&["build", "--document", "mou"])
        .fails(65)
        .says(&at)
        .says(&format!(
            "treaty language in a memorandum of understanding: `{words}` in fact `mou-purpose`"
        ));
    let written: Vec<_> = f
        .out_files()
        .into_keys()
        .filter(|p| !p.ends_with(".brief.lock"))
        .collect();
    assert!(written.is_empty(), "a refused build wrote {written:?}");
}

#[test]
fn a_soft_hyphen_does_not_hide_shall() {
    refused(
        EN,
        "The Participants sh\u{AD}all reaffirm their commitment.",
        "shall",
    );
}

#[test]
fn extra_space_and_a_line_break_do_not_hide_enter_into_force() {
    refused(
        EN,
        "\"The Participants' commitment will enter  into\\nforce today.\"",
        "enter into force",
    );
}

#[test]
fn a_decomposed_accent_does_not_hide_articulo() {
    refused(
        ES,
        "Conforme al Arti\u{301}culo 2, los Participantes reafirman su compromiso.",
        "Artículo",
    );
}

#[test]
fn cyrillic_lookalikes_do_not_hide_parties() {
    // Cyrillic а (U+0430) and е (U+0435).
    refused(
        EN,
        "The P\u{430}rti\u{435}s reaffirm their commitment.",
        "Parties",
    );
    // Cyrillic ѕ (U+0455).
    refused(EN, "The Participants \u{455}hall reaffirm it.", "shall");
}

#[test]
fn other_invisible_formatting_is_refused_where_it_is_written() {
    // U+2061 FUNCTION APPLICATION: invisible, and not a character any brief needs.
    let (f, at) = with_clause(EN, "The Participants sh\u{2061}all reaffirm it.");
    f.brief(&["build", "--document", "mou"])
        .fails(65)
        .says(&at)
        .says("`text.en` contains the invisible formatting character U+2061");
}

#[test]
fn clean_text_still_passes() {
    let (f, _) = with_clause(
        EN,
        "\"The Participants\u{A0}will\u{AD}ingly reaffirm, with\\nall parties, their commitment.\"",
    );
    f.brief(&["build", "--document", "mou", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text("out/test-brief/test-brief.mou.nato.en.pdf"));
    assert!(text.contains("Participants"), "{text}");
}
