//! Data is text, never markup, as a property: random strings of Typst markup and code specials,
//! minijinja delimiters, shorthands, URLs, Unicode line separators, no-break spaces, control
//! characters and bidirectional marks are put into a fact, and the NATO edition is built:
//! - a string with a character the validator refuses (controls, bidirectional and zero-width
//!   formatting, private use) fails with exit 65 at the fact's line and column, and writes
//!   nothing;
//! - any other string prints in the PDF exactly as written (compared without white space, as
//!   a PDF's text carries no spaces of its own), and creates no link.
//!
//! 48 cases per run by default (each is a build); `PROPTEST_CASES=1000` for a longer search.

use crate::common;

use brief::policy::chars::forbidden_char;
use brief::render::escape::oracle::HOSTILE;
use common::{FACTS, Fixture, contains, pdf_everything, unquoted};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// A YAML double-quoted scalar holding exactly `text` (everything but printable ASCII escaped).
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// `text` without white space.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The ways the PDF's text may hold the input: as it is, or with a word hyphenated at a line end
/// (the text is justified and hyphenated). A `-` before a line break may be data, so both.
fn readings(extracted: &str) -> [String; 2] {
    [squash(extracted), squash(&extracted.replace("-\n", ""))]
}

const ENGLISH: &str =
    "en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";

#[test]
fn any_string_prints_literally_or_is_refused_at_its_location() {
    let f = Fixture::valid();
    let pdf = "out/test-brief/test-brief.non-paper.nato.en.pdf";
    // A first build, so that a refused string has outputs (and a lock file) to leave alone.
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strings = proptest::collection::vec(proptest::sample::select(HOSTILE), 1..10)
        .prop_map(|atoms| atoms.concat());
    let printed = std::cell::Cell::new(0);
    let rejected = std::cell::Cell::new(0);
    runner
        .run(&strings, |text| {
            let body = format!("QQSTART {text} QQEND");
            f.write(
                "data/facts.yaml",
                &FACTS.replace(ENGLISH, &format!("en: {}", yaml_quoted(&body))),
            );
            if let Some(bad) = text.chars().find(|&c| forbidden_char(c).is_some()) {
                rejected.set(rejected.get() + 1);
                let before = f.out_files();
                let run = f.brief(&["build", "--document", "non-paper", "--lang", "en"]);
                prop_assert_eq!(run.code(), 65, "{:?}: {}", text, run.stderr());
                let needle = format!("U+{:04X}", bad as u32);
                prop_assert!(
                    run.stderr().contains("data/facts.yaml:9:11: error:")
                        && run.stderr().contains(&needle),
                    "{:?} refused without its location or character:\n{}",
                    text,
                    run.stderr()
                );
                prop_assert!(before == f.out_files(), "a refused build wrote to out/");
                return Ok(());
            }
            printed.set(printed.get() + 1);
            let run = f.brief(&["build", "--document", "non-paper", "--lang", "en"]);
            prop_assert_eq!(run.code(), 0, "{:?}: {}", text, run.stderr());
            let bytes = f.read(pdf);
            let raw = common::pdf_text(&bytes);
            let between = |s: &str| {
                let start = s.find("QQSTART")? + "QQSTART".len();
                let end = s.find("QQEND")?;
                s.get(start..end).map(str::to_owned)
            };
            let found: Vec<String> = readings(&raw).iter().filter_map(|r| between(r)).collect();
            prop_assert!(
                !found.is_empty(),
                "{:?}: the markers are not in the PDF text:\n{}",
                text,
                raw
            );
            // Exactly as written, apart from the quote glyphs (typographic in the PDF).
            prop_assert!(
                found
                    .iter()
                    .any(|f| unquoted(f) == unquoted(&squash(&text))),
                "{:?} did not print literally; the PDF has {:?}",
                text,
                found
            );
            prop_assert!(
                !contains(&pdf_everything(&bytes), "/URI"),
                "{:?} made a web link",
                text
            );
            Ok(())
        })
        .unwrap();
    let (printed, rejected) = (printed.get(), rejected.get());
    eprintln!("{printed} strings printed literally, {rejected} refused at their location");
    assert!(printed > 0 && rejected > 0, "the generator missed a branch");
}
