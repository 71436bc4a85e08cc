//! The content-based release gate (issue 13, class 9) attacked: internal text brought into an
//! external edition in a form the word shingles of `src/diff/exposure.rs` did not recognise.
//! Each case keeps the internal fact as it is and changes only what the NATO edition shows, so
//! every id keeps its clearance and only the content check can catch it.

use crate::common;

use common::{FACTS, Fixture, SOURCES};

/// The NATO fact's texts, as the fixture has them.
const NATO_ES: &str = "El 15 de septiembre de 2021 los Aliados aprobaron la participación del Perú en Generar Integridad.";
const NATO_EN: &str =
    "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";
const NATO_TITLE_EN: &str = "\"Approval of Peru's participation\"";

/// The NATO non-paper's outputs: where the fixture prints the NATO fact.
const NON_PAPER: &str = "test-brief/test-brief.non-paper.nato.";
/// The NATO MoU's outputs (its Spanish, English and parallel texts): where the fixture prints
/// its clause.
const MOU: &str = "test-brief/test-brief.mou.nato.";

/// Why `diff HEAD --fail-on-release` on the fixture with `facts` (and `sources`) as its data
/// reports no release to the NATO non-paper, if it does not; the change must be valid data.
fn missing_release(facts: &str, sources: Option<&str>, case: &str) -> Option<String> {
    missing_release_to(NON_PAPER, facts, sources, case)
}

/// Why `diff HEAD --fail-on-release` reports no release naming an output that starts with
/// `edition`, if it does not.
fn missing_release_to(
    edition: &str,
    facts: &str,
    sources: Option<&str>,
    case: &str,
) -> Option<String> {
    let f = Fixture::committed();
    f.write("data/facts.yaml", facts);
    if let Some(sources) = sources {
        f.write("data/sources.yaml", sources);
    }
    f.brief(&["check"]).ok();
    let run = f.brief(&["diff", "HEAD", "--fail-on-release", "--format", "json"]);
    if run.code() != 1 {
        return Some(format!(
            "{case}: the internal text reached nato without a release (exit {}):\n{}{}",
            run.code(),
            run.stdout(),
            run.stderr()
        ));
    }
    let report: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let to_nato = report["releases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["what"].as_str().unwrap().contains(edition));
    (!to_nato).then(|| format!("{case}: no release names `{edition}*`: {report:#}"))
}

fn assert_release(facts: &str, sources: Option<&str>, case: &str) {
    if let Some(why) = missing_release(facts, sources, case) {
        panic!("{why}");
    }
}

#[test]
fn a_short_internal_text_inside_a_longer_external_text_is_a_release() {
    // The internal Spanish text has seven words: fewer than a shingle, so it was compared only as
    // a whole text, never as a passage of a longer one.
    let internal = "Socios comerciales podrían desaprobar el acercamiento CANARYSECRETXQ.";
    assert_release(
        &FACTS.replacen(NATO_ES, &format!("{NATO_ES} {internal}"), 1),
        None,
        "seven internal words appended to the NATO text",
    );
}

#[test]
fn internal_text_in_a_clause_of_the_nato_mou_is_a_release() {
    // The MoU is an edition for nato as much as the non-paper: the gate watches every document
    // made for an external audience, not one document type.
    let clause = "The Participants reaffirm their commitment to common values.";
    let leaked = "The Participants note that trade partners could disapprove of the approach CANARYSECRETXQ.";
    let facts = FACTS.replacen(clause, leaked, 1);
    assert_ne!(facts, FACTS);
    if let Some(why) = missing_release_to(MOU, &facts, None, "internal text in an MoU clause") {
        panic!("{why}");
    }
}

#[test]
fn invisible_or_lookalike_characters_do_not_hide_a_release() {
    // The internal English text, as a reader of the PDF sees it, written with characters that
    // the comparison took for other words. (Full-width letters held: the fonts have no glyphs
    // for them, so the build refuses that text.)
    let mut missing = Vec::new();
    for (case, leaked) in [
        (
            "soft hyphen",
            "Trade part\u{AD}ners could disapprove of the approach CANARYSECRETXQ.",
        ),
        (
            "Cyrillic lookalikes",
            "Tr\u{430}de partners could disapprove of the \u{430}pproach CANARYSECRETXQ.",
        ),
    ] {
        missing.extend(missing_release(
            &FACTS.replacen(NATO_EN, leaked, 1),
            None,
            case,
        ));
    }
    // A decomposed accent in the internal Spanish text.
    let decomposed = "Socios comerciales podri\u{301}an desaprobar el acercamiento CANARYSECRETXQ.";
    missing.extend(missing_release(
        &FACTS.replacen(NATO_ES, decomposed, 1),
        None,
        "decomposed accent",
    ));
    assert!(missing.is_empty(), "{}", missing.join("\n\n"));
}

#[test]
fn internal_text_split_between_a_facts_title_and_text_is_a_release() {
    let facts = FACTS
        .replacen(NATO_TITLE_EN, "Trade partners could disapprove", 1)
        .replacen(NATO_EN, "of the approach CANARYSECRETXQ.", 1);
    assert_ne!(facts, FACTS);
    assert_release(&facts, None, "split between title and text");
}

#[test]
fn internal_text_in_the_title_of_a_source_the_nato_edition_cites_is_a_release() {
    let sources = SOURCES.replacen(
        "title: Building Integrity Newsletter",
        "title: Trade partners could disapprove of the approach CANARYSECRETXQ",
        1,
    );
    assert_ne!(sources, SOURCES);
    assert_release(FACTS, Some(&sources), "source title");
}

#[test]
#[ignore = "a bypass left open: shingles match runs of words within one fact, so an internal \
            sentence split between two NATO facts, or with a filler word every few words, is \
            not recognised; needs an edition-wide, order-aware match (see the report)"]
fn internal_text_split_between_two_facts_or_interleaved_is_a_release() {
    let mut missing = Vec::new();
    // Every seventh word a filler: no run of eight internal words survives.
    missing.extend(missing_release(
        &FACTS.replacen(
            NATO_EN,
            "Trade partners could disapprove of the approach, indeed, CANARYSECRETXQ.",
            1,
        ),
        None,
        "a filler word",
    ));
    // First half as the title of the section the NATO fact is in, second half as the fact's
    // text: printed one after the other, read as two parts.
    let brief = common::BRIEF.replacen(
        "{es: Vínculos, en: Record}",
        "{es: Vínculos, en: Trade partners could disapprove}",
        1,
    );
    let f = Fixture::committed();
    f.write("briefs/test.yaml", &brief);
    f.write(
        "data/facts.yaml",
        &FACTS.replacen(NATO_EN, "of the approach CANARYSECRETXQ.", 1),
    );
    f.brief(&["check"]).ok();
    let run = f.brief(&["diff", "HEAD", "--fail-on-release"]);
    if run.code() != 1 {
        missing.push(format!(
            "split between a section title and a fact: exit {}",
            run.code()
        ));
    }
    assert!(missing.is_empty(), "{}", missing.join("\n\n"));
}

#[test]
fn a_nato_fact_citing_a_source_only_internal_facts_cited_is_a_release() {
    // The source's title is in the NATO bibliography and PDF from then on.
    let facts = FACTS.replacen(
        "    sources: [gi-2021a]\n    audiences: [mre, defence, nato]",
        "    sources: [gi-2021a, supplier-2022]\n    audiences: [mre, defence, nato]",
        1,
    );
    assert_ne!(facts, FACTS);
    assert_release(&facts, None, "an internal source cited");
}

#[test]
fn internal_text_in_the_author_of_a_source_the_nato_edition_cites_is_a_release() {
    let sources = SOURCES.replacen(
        "author: {name: NATO Building Integrity Programme}",
        "author:\n  - Trade partners could disapprove of the approach CANARYSECRETXQ",
        1,
    );
    assert_ne!(sources, SOURCES);
    assert_release(FACTS, Some(&sources), "source author");
}
