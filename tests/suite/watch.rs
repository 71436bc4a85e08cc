//! `brief watch` follows saves: a fact edit rebuilds the outputs that include it, an error is
//! shown without stopping, a fix recovers, and Ctrl-C ends it cleanly.

use crate::common;

use common::{FACTS, Fixture};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Waits for a status line containing `needle`, failing after a generous timeout.
fn expect_line(lines: &mpsc::Receiver<String>, needle: &str) -> String {
    loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => continue,
            Err(e) => panic!("no line with {needle:?}: {e}"),
        }
    }
}

/// Waits until a line with each of `needles` has come, in any order: standard output and standard
/// error are read by two threads, so lines from the two streams can arrive in either order.
fn expect_lines(lines: &mpsc::Receiver<String>, needles: &[&str]) {
    let mut missing: Vec<&str> = needles.to_vec();
    while !missing.is_empty() {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => missing.retain(|n| !line.contains(n)),
            Err(e) => panic!("no line with {missing:?}: {e}"),
        }
    }
}

#[test]
fn watch_rebuilds_on_save_survives_errors_and_stops_on_ctrl_c() {
    let f = Fixture::valid();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "--root",
            f.path().to_str().unwrap(),
            "watch",
            "--document",
            "non-paper",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .for_each(|l| drop(tx.send(l)))
    });
    std::thread::spawn(move || {
        BufReader::new(err)
            .lines()
            .map_while(Result::ok)
            .for_each(|l| drop(tx2.send(l)))
    });

    expect_line(&lines, "rebuilt 2");
    // An editor's atomic save: write beside, rename over.
    let edited = FACTS.replace(
        "On 15 September 2021 the Allies approved",
        "On 15 September 2021 NATO Allies approved",
    );
    f.write("data/facts.yaml.swp", &edited);
    std::fs::rename(
        f.path().join("data/facts.yaml.swp"),
        f.path().join("data/facts.yaml"),
    )
    .unwrap();
    let line = expect_line(&lines, "rebuilt 1");
    assert!(
        line.contains("test-brief/test-brief.non-paper.nato.en (fact pe-bi-approval changed)"),
        "{line}"
    );

    f.write(
        "data/facts.yaml",
        &edited.replace("kind: event", "kind: evnt"),
    );
    expect_lines(&lines, &["data/facts.yaml:3:11", "not rebuilt"]);
    f.write(
        "data/facts.yaml",
        &edited.replace("NATO Allies approved", "the Allies of NATO approved"),
    );
    expect_line(&lines, "rebuilt 1");

    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    expect_line(&lines, "stopped");
    assert!(
        child.wait().unwrap().success(),
        "watch did not exit cleanly on Ctrl-C"
    );
    f.brief(&["check", "--stale", "--document", "non-paper"])
        .ok();
}
