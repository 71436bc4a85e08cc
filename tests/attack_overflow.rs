//! Overflow detection (issue 13, class 7) attacked for false positives: what fits the page must
//! not be refused. A redline underlines inserted words; the underline of the last line of a page
//! sits below that line's baseline, inside the descenders' room Typst leaves for every line, and
//! was taken for a shape running past the bottom of the text area.

mod common;

use common::{FACTS, Fixture};
use std::path::Path;
use std::process::Command;

fn git_in(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const NATO_EN: &str =
    "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";

#[test]
fn a_redline_of_a_changed_text_that_crosses_a_page_break_is_written() {
    let f = Fixture::valid();
    // Long enough to run over the first page of nato.en.
    let long = vec!["Allies"; 600].join(" ");
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &long, 1));
    git_in(f.path(), &["init", "-q"]);
    git_in(f.path(), &["add", "-A"]);
    git_in(f.path(), &["commit", "-q", "-m", "facts"]);
    // Every other word changed: underlined insertions on every line of both pages.
    let changed = long.replace("Allies Allies", "Allies Partners");
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &changed, 1));
    // The output itself fits.
    f.brief(&["build", "--quiet"]).ok();
    f.brief(&["diff", "HEAD", "--redline", "test-brief/nato.en"])
        .ok();
    let redline = f.read("out/test-brief/nato.en.redline.pdf");
    let text = common::pdf_text(&redline);
    assert!(text.contains("Partners"), "{text}");
}
