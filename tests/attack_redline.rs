//! The redline (issue 13, class 10) attacked with hostile texts: a fact text of thousands of
//! one-letter words, changed, made the word diff build a table of (old words × new words)
//! counters: 400 MB for one 20 000-character text.

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

/// The largest resident set of the children this test binary has waited for, in MB.
fn children_peak_mb() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss as f64 / 1024.0
}

#[test]
fn a_redline_of_a_long_rewritten_text_stays_within_the_memory_target() {
    let f = Fixture::valid();
    // The longest text allowed (20 000 characters), as one-letter words.
    let old = vec!["a"; 9_990].join(" ");
    let new = vec!["b"; 9_990].join(" ");
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &old, 1));
    git_in(f.path(), &["init", "-q"]);
    git_in(f.path(), &["add", "-A"]);
    git_in(f.path(), &["commit", "-q", "-m", "facts"]);
    f.write("data/facts.yaml", &FACTS.replacen(NATO_EN, &new, 1));
    let run = f.brief(&["diff", "HEAD", "--redline", "test-brief/nato.en"]);
    let peak = children_peak_mb();
    // Whatever the layout makes of it, the word diff must not be what costs the memory.
    assert!(
        peak < 300.0,
        "peak {peak:.0} MB for a redline (issue 17 target: 300 MB); exit {}:\n{}",
        run.code(),
        run.stderr()
    );
}
