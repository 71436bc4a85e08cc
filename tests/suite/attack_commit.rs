//! The atomic commit (issue 13, class 6) attacked: a symbolic link put at an output's path (a
//! shared out/ cache, a hand edit). The link is replaced, never written through; the file put
//! in its place must not take the link's own mode (0777), which left the new PDF writable by
//! every user of the machine.

use crate::common;

use common::Fixture;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::CommandExt;

#[test]
fn an_output_replacing_a_symlink_is_not_world_writable() {
    let f = Fixture::built();
    let elsewhere = tempfile::tempdir().unwrap();
    let folder = elsewhere.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let file = elsewhere.path().join("file");
    std::fs::write(&file, "keep").unwrap();
    for (output, target) in [
        ("out/test-brief/test-brief.non-paper.nato.en.pdf", &folder),
        ("out/test-brief/test-brief.non-paper.nato.es.pdf", &file),
    ] {
        let at = f.path().join(output);
        std::fs::remove_file(&at).unwrap();
        symlink(target, &at).unwrap();
    }
    let mut command = f.command(&["build"]);
    // SAFETY: umask is async-signal-safe and touches nothing but the child's mask.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    f.run(command, common::DEADLINE).ok();
    for output in [
        "out/test-brief/test-brief.non-paper.nato.en.pdf",
        "out/test-brief/test-brief.non-paper.nato.es.pdf",
    ] {
        let meta = std::fs::symlink_metadata(f.path().join(output)).unwrap();
        assert!(meta.is_file(), "{output} is not a regular file");
        let mode = meta.permissions().mode() & 0o777;
        assert_eq!(mode & 0o022, 0, "{output} has mode {mode:o}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}
