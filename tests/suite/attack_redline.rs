//! The redline (issue 13, class 10) attacked with hostile texts: a fact text of thousands of
//! one-letter words, changed, made the word diff build a table of (old words × new words)
//! counters: 400 MB for one 20 000-character text.

use crate::common;

use common::{FACTS, Fixture};

const NATO_EN: &str =
    "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";

#[test]
fn a_redline_of_a_long_rewritten_text_stays_within_the_memory_target() {
    let f = Fixture::valid();
    // The longest text allowed (20 000 characters), as one-letter words.
    let old = vec!["a"; 9_990].join(" ");
    let new = vec!["b"; 9_990].join(" ");
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &old, 1));
    common::commit_all(f.path());
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &new, 1));
    let run = f.brief(&[
        "diff",
        "HEAD",
        "--redline",
        "test-brief/test-brief.non-paper.nato.en",
    ]);
    let peak = common::children_peak_mb();
    // Whatever the layout makes of it, the word diff must not be what costs the memory.
    assert!(
        peak < 300.0,
        "peak {peak:.0} MB for a redline (issue 17 target: 300 MB); exit {}:\n{}",
        run.code(),
        run.stderr()
    );
}
