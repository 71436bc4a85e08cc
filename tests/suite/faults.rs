//! Faults of the environment (RELIABILITY.md §7 case 25): a read-only `out/`, a full disk, an
//! interrupt. In each, the previous outputs survive byte for byte, no temporary file remains, and
//! the next run succeeds. (A killed run and a concurrent run are in `incremental.rs`.)

use crate::common;

use common::{FACTS, Fixture, assert_snapshot};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const NOBODY: u32 = 65534;

fn edit_every_text(f: &Fixture) {
    f.write(
        "data/facts.yaml",
        &FACTS
            .replace(
                "approved Peru's participation",
                "endorsed Peru's participation",
            )
            .replace("aprobaron la participación", "respaldaron la participación"),
    );
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// `brief build` as a user the file permissions apply to: `nobody` when the tests run as root
/// (root ignores permissions), else the current user.
fn build_as_unprivileged(f: &Fixture) -> Option<common::Run> {
    let mut cmd = f.command(&["build"]);
    if is_root() {
        cmd.uid(NOBODY).gid(NOBODY);
        // nobody must be able to reach the fixture and run the binary.
        set_mode(f.path(), 0o755);
        let probe = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("--version")
            .uid(NOBODY)
            .gid(NOBODY)
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!("skipped: the user nobody cannot run the brief binary here");
            return None;
        }
    }
    Some(f.run(cmd, common::DEADLINE))
}

#[test]
fn c25b_a_read_only_out_folder_fails_with_73_and_keeps_the_outputs() {
    let f = Fixture::built();
    edit_every_text(&f);
    let before = f.out_files();
    // All of out/ read-only: the lock file cannot even be opened for writing.
    set_mode(&f.path().join("out/.brief.lock"), 0o444);
    set_mode(&f.path().join("out/test-brief"), 0o555);
    set_mode(&f.path().join("out"), 0o555);
    let Some(run) = build_as_unprivileged(&f) else {
        return;
    };
    let run = run
        .fails(73)
        .says("error: cannot open out/.brief.lock: Permission denied");
    assert_snapshot("faults/25b-read-only-out", &run.stderr());
    f.assert_out_unchanged(&before, "read-only out/");

    // The lock is writable but the brief's folder is not: staging the first file fails.
    set_mode(&f.path().join("out"), 0o755);
    set_mode(&f.path().join("out/.brief.lock"), 0o666);
    let run = build_as_unprivileged(&f)
        .unwrap()
        .fails(73)
        .says("error: cannot write out/test-brief/style.typ: Permission denied");
    assert_snapshot("faults/25b-read-only-brief-folder", &run.stderr());
    f.assert_out_unchanged(&before, "read-only brief folder");

    set_mode(&f.path().join("out/test-brief"), 0o755);
    f.brief(&["build"]).ok().prints("6 built");
}

/// A tmpfs mounted over a folder for the life of the value.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        let done = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .is_ok_and(|o| o.status.success());
        done.then(|| Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the file system under `dir` until a write fails, then frees `leave` bytes.
fn fill(dir: &Path, leave: u64) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 4096];
    let mut written = 0u64;
    while file.write_all(&chunk).is_ok() {
        written += chunk.len() as u64;
    }
    let _ = file.flush();
    file.set_len(written.saturating_sub(leave)).unwrap();
    file.sync_all().unwrap();
    path
}

#[test]
fn c25c_a_full_disk_fails_with_74_and_keeps_the_outputs() {
    let f = Fixture::valid();
    let Some(_mount) = Mount::tmpfs(&f.path().join("out"), "4m") else {
        eprintln!(
            "skipped: cannot mount a tmpfs here (not root?); the write-failure seam test below still runs"
        );
        return;
    };
    f.brief(&["build"]).ok();
    edit_every_text(&f);
    // No room at all, so the first file staged fails, whatever the outputs' sizes (with 16 KiB
    // left, which file failed moved whenever the style or a note grew or shrank).
    let filler = fill(&f.path().join("out"), 0);
    let before = f.out_files();
    let run = f
        .brief(&["build"])
        .fails(74)
        .says("No space left on device");
    assert_snapshot("faults/25c-disk-full", &run.stderr());
    f.assert_out_unchanged(&before, "full disk");

    std::fs::remove_file(filler).unwrap();
    f.brief(&["build"]).ok().prints("6 built");
    assert!(
        common::squash(&f.pdf_text("out/test-brief/test-brief.non-paper.nato.en.pdf"))
            .contains("endorsed")
    );
}

#[test]
fn c25c_a_failing_write_fails_with_74_and_keeps_the_outputs() {
    // The seam where no tmpfs can be mounted: a file-size limit makes every write past 16 KiB
    // fail (EFBIG), as a full disk would fail it (ENOSPC), on the same code path.
    let f = Fixture::built();
    edit_every_text(&f);
    let before = f.out_files();
    let mut cmd = f.command(&["build"]);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 16 * 1024,
                rlim_max: 16 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let run = f
        .run(cmd, common::DEADLINE)
        .fails(74)
        .says("File too large");
    assert_snapshot("faults/25c-write-fails", &run.stderr());
    f.assert_out_unchanged(&before, "failing write");
    f.brief(&["build"]).ok().prints("6 built");
}

#[test]
fn c25d_an_interrupt_stops_the_build_with_130_and_commits_nothing() {
    let f = Fixture::shipped();
    f.brief(&["build", "--quiet"]).ok();
    let file = "data/peru_nato_links.yaml";
    let edits = [
        (
            "visited NATO Headquarters",
            "paid a visit to NATO Headquarters",
        ),
        (
            "paid a visit to NATO Headquarters",
            "visited NATO Headquarters",
        ),
    ];
    for ((signal, name), (from, to)) in [(libc::SIGINT, "SIGINT"), (libc::SIGTERM, "SIGTERM")]
        .into_iter()
        .zip(edits)
    {
        let text = String::from_utf8(f.read(file)).unwrap();
        assert!(text.contains(from));
        f.write(file, &text.replacen(from, to, 1));
        let before = f.out_files();
        // --force: all nine editions are typeset (seconds), so the interrupt lands well before
        // the commit.
        let child = f
            .command(&["build", "--force"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(700));
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "{name}: {stderr}");
        assert!(stderr.contains("out/ is unchanged"), "{name}: {stderr}");
        f.assert_out_unchanged(&before, name);
        f.brief(&["build", "--quiet"]).ok();
        assert!(
            f.out_files() != before,
            "{name}: the next run did not rebuild"
        );
    }
}
