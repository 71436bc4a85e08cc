//! A document type's `cites:` (templates/catalog.yaml) decides whether its paragraphs cite their
//! sources: the MoU does not, so a cited fact drawn into it prints without a citation instead of
//! failing to typeset, and the non-paper beside it still cites.

use crate::common;

use common::{BRIEF, Fixture};

#[test]
fn a_cited_fact_in_the_mou_prints_without_citations_and_the_non_paper_still_cites() {
    let f = Fixture::valid();
    // The record section, with its cited fact, goes into every document, the MoU included.
    let brief = BRIEF.replacen("    documents: [briefing-note, non-paper]\n", "", 1);
    assert_ne!(brief, BRIEF);
    f.write("briefs/test.yaml", &brief);
    f.brief(&["build"]).ok();
    let out = |edition: &str, ext: &str| format!("out/test-brief/test-brief.{edition}.{ext}");
    for edition in ["mou.nato.es", "mou.nato.en", "mou.nato.es-en"] {
        let typ = String::from_utf8(f.read(&out(edition, "typ"))).unwrap();
        assert!(
            typ.contains("Integ"),
            "positive control: the cited fact is not in {edition}"
        );
        assert!(!typ.contains("#cite("), "{edition} cites: {typ}");
    }
    let typ = String::from_utf8(f.read(&out("non-paper.nato.en", "typ"))).unwrap();
    assert!(typ.contains("#cite("), "the non-paper lost its citations");
    let text = common::squash(&f.pdf_text(&out("non-paper.nato.en", "pdf")));
    assert!(text.contains("2021"), "{text}");
}
