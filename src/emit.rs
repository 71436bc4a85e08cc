//! Stage 6: write outputs. Every file is written atomically (an unnamed temporary file in the
//! same folder, synced, then renamed over the target), so a reader sees either the previous file
//! or the new one, an interrupted run leaves no temporary files, and a symlink at the target is
//! replaced, never written through.

use crate::error::Failure;
use crate::project::io_reason;
use atomic_write_file::AtomicWriteFile;
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically; `shown` is the project-relative path for messages.
pub fn write_atomic(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        let msg = format!("cannot write {}: {}", shown.display(), io_reason(&e));
        match e.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem | ErrorKind::NotFound => {
                Failure::CantCreate(msg)
            }
            _ => Failure::Io(msg),
        }
    };
    // Never write through a symlinked folder: out/ and out/<brief>/ must be real folders.
    for dir in path.ancestors().skip(1).take(2) {
        if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Failure::CantCreate(format!(
                "refusing to write {}: a folder on its path is a symbolic link",
                shown.display()
            )));
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::CantCreate(format!(
                "cannot create {}: {}",
                shown.parent().unwrap_or(shown).display(),
                io_reason(&e)
            ))
        })?;
    }
    let mut file = AtomicWriteFile::options().open(path).map_err(fail)?;
    if let Err(e) = file.write_all(bytes) {
        let _ = file.discard();
        return Err(fail(e));
    }
    file.commit().map_err(fail)
}
