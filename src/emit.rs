//! Stage 6: write outputs. Every file is written atomically (an unnamed temporary file in the
//! same folder, synced, then renamed over the target), so a reader sees either the previous file
//! or the new one, an interrupted run leaves no temporary files, and a symlink at the target is
//! replaced, never written through. A run stages all its files before it commits any.

use crate::error::Failure;
use crate::project::io_reason;
use atomic_write_file::AtomicWriteFile;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically; `shown` is the project-relative path for messages.
pub fn write_atomic(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut staging = Staging::default();
    staging.stage(path, shown, bytes)?;
    staging.commit()
}

/// Files written in full but not yet in place: each is an unnamed temporary file beside its
/// target. `commit` puts them all in place; dropping the staging discards them all. A build
/// stages every file of a run before committing any, so a write failure (a full disk, a quota)
/// or an interrupt leaves `out/` exactly as it was.
#[derive(Default)]
pub struct Staging {
    files: Vec<(AtomicWriteFile, PathBuf)>,
}

fn failure(shown: &Path, e: std::io::Error) -> Failure {
    let msg = format!("cannot write {}: {}", shown.display(), io_reason(&e));
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem | ErrorKind::NotFound => {
            Failure::CantCreate(msg)
        }
        _ => Failure::Io(msg),
    }
}

impl Staging {
    /// Writes `bytes` into a temporary file for `path`; `shown` is the project-relative path.
    pub fn stage(&mut self, path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), Failure> {
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
        let mut file = AtomicWriteFile::options()
            .open(path)
            .map_err(|e| failure(shown, e))?;
        // Synced here, so that a full disk or a quota shows now, before anything is committed.
        if let Err(e) = file
            .write_all(bytes)
            .and_then(|()| file.as_file().sync_data())
        {
            let _ = file.discard();
            return Err(failure(shown, e));
        }
        self.files.push((file, shown.to_path_buf()));
        Ok(())
    }

    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Puts every staged file in place (each renamed over its target). A failure here (rare:
    /// the data is already on disk) says how many files were already replaced.
    pub fn commit(self) -> Result<(), Failure> {
        let total = self.files.len();
        for (done, (file, shown)) in self.files.into_iter().enumerate() {
            file.commit().map_err(|e| {
                failure(&shown, e).noting(&format!(
                    "{done} of {total} files were already replaced; run `brief build` again"
                ))
            })?;
        }
        Ok(())
    }
}

/// Raises the soft limit on open files to the hard one: a run keeps every staged file open until
/// the commit (a few per output), which a large project's full rebuild can take past the usual
/// soft limit of 1024.
pub fn raise_open_file_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}
