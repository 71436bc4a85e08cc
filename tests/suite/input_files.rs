//! Every input is a regular file, checked without blocking before it is opened (issue 13,
//! class 4). A FIFO, a broken symbolic link, a socket or a device where an input is expected is
//! refused at its path, promptly, with nothing written; none vanishes silently. A symbolic link
//! to a regular file inside the project keeps working.

use crate::common;

use common::{Fixture, Run};
use std::collections::BTreeMap;
use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Far above the milliseconds a refusal takes; a run that blocks on a FIFO never ends.
const DEADLINE: Duration = Duration::from_secs(20);

/// Replaces the project file `rel` (if any) with a FIFO that nobody writes to.
fn fifo(f: &Fixture, rel: &str) {
    let path = f.path().join(rel);
    let _ = fs::remove_file(&path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo only reads the NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {rel}"
    );
}

/// Every entry under `out/`: a regular file's bytes, or `None` for anything else (a FIFO must
/// not be opened by the test either).
fn out_state(f: &Fixture) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(dir: &Path, base: &Path, found: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            let rel = entry.path().strip_prefix(base).unwrap().to_path_buf();
            if kind.is_dir() {
                walk(&entry.path(), base, found);
            } else if kind.is_file() {
                found.insert(rel, Some(fs::read(entry.path()).unwrap()));
            } else {
                found.insert(rel, None);
            }
        }
    }
    let mut found = BTreeMap::new();
    let out = f.path().join("out");
    walk(&out, &out, &mut found);
    found
}

/// Runs `brief ARGS` on `f` under the short deadline and asserts the refusal: exit 65, the
/// located message, and `out/` exactly as it was.
fn refused(f: &Fixture, args: &[&str], message: &str) -> Run {
    let before = out_state(f);
    let run = f.run(f.command(args), DEADLINE).fails(65).says(message);
    assert!(
        run.elapsed < DEADLINE,
        "took {:?}: {}",
        run.elapsed,
        run.stderr()
    );
    assert_eq!(
        before,
        out_state(f),
        "`brief {}` changed out/",
        args.join(" ")
    );
    run
}

fn fifo_message(rel: &str) -> String {
    format!("{rel}:1:1: error: {rel} is a FIFO (named pipe), not a regular file")
}

#[test]
fn a_fifo_at_a_template_is_refused_at_its_path() {
    for rel in [
        "templates/nato.typ.j2",
        "templates/partials/blocks.j2",
        "templates/style.typ",
    ] {
        let f = Fixture::built();
        fifo(&f, rel);
        for command in ["check", "build"] {
            refused(&f, &[command], &fifo_message(rel));
        }
    }
}

#[test]
fn a_fifo_at_the_manifest_is_refused_at_its_path() {
    let f = Fixture::built();
    fifo(&f, "out/manifest.json");
    refused(&f, &["build"], &fifo_message("out/manifest.json"));
    refused(
        &f,
        &["check", "--stale"],
        &fifo_message("out/manifest.json"),
    );
}

#[test]
fn fifos_in_data_briefs_and_fonts_are_refused_not_skipped() {
    for rel in [
        "data/extra.yaml",
        "data/sources.yaml",
        "briefs/other.yaml",
        "fonts/Extra.ttf",
    ] {
        let f = Fixture::built();
        fifo(&f, rel);
        for command in ["check", "build"] {
            refused(&f, &[command], &fifo_message(rel));
        }
    }
}

#[test]
fn a_broken_symlink_in_data_or_briefs_is_refused_not_skipped() {
    for rel in ["data/facts.yaml", "data/more.yaml", "briefs/test.yaml"] {
        let f = Fixture::built();
        let path = f.path().join(rel);
        let _ = fs::remove_file(&path);
        std::os::unix::fs::symlink("no-such-file.yaml", &path).unwrap();
        for command in ["check", "build"] {
            refused(
                &f,
                &[command],
                &format!("{rel}:1:1: error: {rel} is a broken symbolic link, not a regular file"),
            );
        }
    }
}

#[test]
fn a_socket_or_a_device_or_a_folder_in_data_is_refused() {
    let f = Fixture::built();
    let _socket = std::os::unix::net::UnixListener::bind(f.path().join("data/sock.yaml")).unwrap();
    refused(
        &f,
        &["build"],
        "data/sock.yaml:1:1: error: data/sock.yaml is a socket, not a regular file",
    );

    let f = Fixture::built();
    std::os::unix::fs::symlink("/dev/zero", f.path().join("data/zero.yaml")).unwrap();
    // A link leaving the project is refused as before, without opening the device.
    refused(
        &f,
        &["build"],
        "data/zero.yaml:1:1: error: refusing to read",
    );

    let f = Fixture::built();
    fs::create_dir(f.path().join("data/folder.yaml")).unwrap();
    refused(
        &f,
        &["build"],
        "data/folder.yaml:1:1: error: data/folder.yaml is a folder, not a regular file",
    );
}

#[test]
fn a_fifo_in_templates_does_not_block_diff() {
    let f = Fixture::built();
    fifo(&f, "templates/partials/notes");
    refused(
        &f,
        &["diff", "WORKTREE", "WORKTREE"],
        &fifo_message("templates/partials/notes"),
    );
}

#[test]
fn a_symlink_to_a_regular_file_inside_the_project_keeps_working() {
    let f = Fixture::built();
    let facts = f.read("data/facts.yaml");
    f.write(
        "shared/facts.yaml.txt",
        std::str::from_utf8(&facts).unwrap(),
    );
    fs::remove_file(f.path().join("data/facts.yaml")).unwrap();
    std::os::unix::fs::symlink("../shared/facts.yaml.txt", f.path().join("data/facts.yaml"))
        .unwrap();
    let run = f.run(f.command(&["build"]), DEADLINE).ok();
    assert!(run.stdout().contains("0 built"), "{}", run.stdout());
    f.run(f.command(&["check"]), DEADLINE).ok();
}

#[test]
fn a_fifo_at_the_lock_file_is_refused() {
    let f = Fixture::built();
    fifo(&f, "out/.brief.lock");
    let before = out_state(&f);
    f.run(f.command(&["build"]), DEADLINE)
        .fails(73)
        .says("error: refusing to use out/.brief.lock: it is not a regular file");
    assert_eq!(before, out_state(&f), "`brief build` changed out/");
}
