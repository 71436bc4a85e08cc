//! Closed pipes and exit codes (issue 13, class 11) attacked: standard error read by a reader
//! that has gone away, as in `brief check 2>&1 | head -1`. The messages are lost; the exit code
//! must still be the command's own, never a panic's 101.

use crate::common;

use common::{FACTS, Fixture};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `brief --root <f> ARGS` with standard output and standard error both writing into a
/// pipe whose reading end is already closed; returns the exit code.
fn with_closed_pipes(f: &Fixture, args: &[&str]) -> i32 {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command: Command = f.command(args);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::from(writer.try_clone().unwrap()))
        .stderr(Stdio::from(writer))
        .spawn()
        .unwrap();
    drop(command);
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("brief {args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_closed_standard_error_keeps_each_commands_exit_code() {
    // Invalid data: 65, with the messages lost.
    let f = Fixture::valid();
    f.write(
        "data/facts.yaml",
        &FACTS.replacen("kind: risk", "kind: riskx", 1),
    );
    assert_eq!(with_closed_pipes(&f, &["check"]), 65, "check, invalid data");
    assert_eq!(with_closed_pipes(&f, &["build"]), 65, "build, invalid data");

    // Stale outputs: check --stale lists them on standard error and exits 1.
    let f = Fixture::valid();
    assert_eq!(
        with_closed_pipes(&f, &["check", "--stale"]),
        1,
        "check --stale, nothing built"
    );

    // A missing project: 66.
    let f = Fixture::valid();
    std::fs::remove_dir_all(f.path().join("data")).unwrap();
    assert_eq!(with_closed_pipes(&f, &["check"]), 66, "check, no data/");
}
