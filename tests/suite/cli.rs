//! The command line as people and scripts expect of a tool like git or cargo: the project found
//! from a subfolder, `--version` naming what is inside, completions and a manual page, and an
//! identical copy of the binary counting as the same tool.

use crate::common;

use common::Fixture;
use std::process::Command;

fn brief_in(dir: &std::path::Path, exe: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(exe)
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

const EXE: &str = env!("CARGO_BIN_EXE_brief");

#[test]
fn the_project_is_found_from_a_subfolder() {
    let f = Fixture::built();
    std::fs::create_dir_all(f.path().join("data/nested")).unwrap();
    for dir in ["data", "data/nested", "out/test-brief"] {
        let out = brief_in(&f.path().join(dir), EXE.as_ref(), &["build"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{dir}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("0 built, 9 up to date"), "{dir}: {stdout}");
    }
    // Outside any project, the message says so (exit 66).
    let nowhere = tempfile::tempdir().unwrap();
    let out = brief_in(nowhere.path(), EXE.as_ref(), &["check"]);
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a brief project"));
}

#[test]
fn version_names_typst_and_the_commit() {
    let out = brief_in(std::env::temp_dir().as_path(), EXE.as_ref(), &["--version"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.starts_with(concat!("brief ", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains("\ntypst 0.15.1\n"), "{text}");
    let commit = text
        .lines()
        .find_map(|l| l.strip_prefix("commit "))
        .unwrap();
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
}

#[test]
fn completions_and_manual_page_come_from_the_command_line() {
    let dir = std::env::temp_dir();
    for shell in ["bash", "zsh", "fish"] {
        let out = brief_in(&dir, EXE.as_ref(), &["completions", shell]);
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{shell}");
        for word in ["build", "diff", "fail-on-release", "redline"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let out = brief_in(&dir, EXE.as_ref(), &["man"]);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH brief 1"), "{page}");
    assert!(page.contains("explain"), "{page}");
    if let Ok(status) = Command::new("man")
        .args(["--warnings", "-l", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&out.stdout)?;
            child.wait()
        })
    {
        assert!(status.success(), "man could not render the page");
    }
}

#[test]
fn an_identical_copy_of_the_binary_rebuilds_nothing() {
    let f = Fixture::built();
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("brief");
    // Copied by another process: a write handle held here could leak into a child that another
    // test thread forks at that moment, and executing the copy would then fail with ETXTBSY.
    assert!(
        Command::new("cp")
            .arg(EXE)
            .arg(&copy)
            .status()
            .unwrap()
            .success()
    );
    let out = brief_in(f.path(), &copy, &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 built, 9 up to date"), "{stdout}");
}
