//! Overflow detection (issue 13, class 7) attacked for false positives: what fits the page must
//! not be refused. A redline underlines inserted words; the underline of the last line of a page
//! sits below that line's baseline, inside the descenders' room Typst leaves for every line, and
//! was taken for a shape running past the bottom of the text area.

use crate::common;

use common::{FACTS, Fixture};

const NATO_EN: &str =
    "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";

#[test]
fn a_redline_of_a_changed_text_that_crosses_a_page_break_is_written() {
    let f = Fixture::valid();
    // Long enough to run over the first page of nato.en.
    let long = vec!["Allies"; 600].join(" ");
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &long, 1));
    common::commit_all(f.path());
    // Every other word changed: underlined insertions on every line of both pages.
    let changed = long.replace("Allies Allies", "Allies Partners");
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &changed, 1));
    // The output itself fits.
    f.brief(&["build", "--quiet"]).ok();
    f.brief(&[
        "diff",
        "HEAD",
        "--redline",
        "test-brief/test-brief.non-paper.nato.en",
    ])
    .ok();
    let redline = f.read("out/test-brief/test-brief.non-paper.nato.en.redline.pdf");
    let text = common::pdf_text(&redline);
    assert!(text.contains("Partners"), "{text}");
}
