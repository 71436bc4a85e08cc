//! Stage 6: write outputs. Every file is written atomically (an unnamed temporary file in the
//! same folder, synced, then renamed over the target), so a reader sees either the previous file
//! or the new one, an interrupted run leaves no temporary files, and a symlink at the target is
//! replaced, never written through. A run stages all its files, then checks that every target
//! can be replaced, before it commits any. A run killed during the commit can leave one named
//! temporary file per folder; the next run removes it ([`crate::incremental::temp_names`]).

use crate::error::Failure;
use crate::incremental::temp_names;
use crate::project::io_reason;
use atomic_write_file::AtomicWriteFile;
use atomic_write_file::unix::OpenOptionsExt as _;
use std::io::{ErrorKind, Write};
use std::os::fd::AsFd;
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
/// or an interrupt leaves `out/` exactly as it was, and so does a target that cannot be replaced.
#[derive(Default)]
pub struct Staging {
    files: Vec<Staged>,
}

struct Staged {
    file: AtomicWriteFile,
    /// Where it goes, and the project-relative path shown in messages.
    target: PathBuf,
    shown: PathBuf,
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
        // The crate gives the new file the mode and owner of what it replaces, read without
        // following a link: a symbolic link's are 0777 and whoever made it, so the output
        // replacing one would be writable by everyone. It gets the usual mode instead.
        let over_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let mut file = AtomicWriteFile::options()
            .preserve_mode(!over_link)
            .preserve_owner(!over_link)
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
        self.files.push(Staged {
            file,
            target: path.to_path_buf(),
            shown: shown.to_path_buf(),
        });
        Ok(())
    }

    /// Puts every staged file in place (each renamed over its target), after checking that every
    /// target can be replaced: if one cannot (a folder in its place, its folder gone or not
    /// writable), every staged file is discarded and nothing is replaced. A rename that fails
    /// all the same (rare: the folder changed during the commit) removes the temporary name it
    /// left and says exactly which files were replaced.
    pub fn commit(self) -> Result<(), Failure> {
        for staged in &self.files {
            if let Err(reason) = replaceable(staged) {
                return Err(Failure::CantCreate(format!(
                    "cannot replace {}: {reason}; nothing was replaced",
                    staged.shown.display()
                )));
            }
        }
        let total = self.files.len();
        let mut replaced: Vec<PathBuf> = Vec::new();
        for staged in self.files {
            if let Err(e) = staged.file.commit() {
                // The crate links the file under a temporary name before renaming it: a failed
                // rename leaves that name, which would otherwise stay until the next run.
                temp_names::remove_for(&staged.target);
                return Err(failure(&staged.shown, e).noting(&format!(
                    "{} of {total} files were replaced{}, the others are as they were; \
                     run `brief build` again",
                    replaced.len(),
                    describe(&replaced)
                )));
            }
            replaced.push(staged.shown);
        }
        Ok(())
    }
}

/// Why the staged file cannot be renamed over its target, checked before anything is renamed:
/// a folder in the target's place, its folder gone, replaced, a symbolic link or not writable,
/// or a sticky folder where the target belongs to someone else.
fn replaceable(staged: &Staged) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let folder = staged.target.parent().ok_or("it has no folder")?;
    let here = std::fs::symlink_metadata(folder)
        .map_err(|e| format!("its folder cannot be read ({})", io_reason(&e)))?;
    if here.file_type().is_symlink() {
        return Err("its folder is now a symbolic link".into());
    }
    if !here.is_dir() {
        return Err("its folder is not a folder".into());
    }
    // The staged file lives in the folder the staging opened: it must still be this one.
    let opened = staged
        .file
        .directory()
        .and_then(|d| d.as_fd().try_clone_to_owned().ok())
        .and_then(|fd| std::fs::File::from(fd).metadata().ok());
    if opened.is_some_and(|d| (d.dev(), d.ino()) != (here.dev(), here.ino())) {
        return Err("its folder was replaced while the outputs were written".into());
    }
    let c_folder = std::ffi::CString::new(folder.as_os_str().as_encoded_bytes())
        .map_err(|_| "its folder's name holds a NUL byte")?;
    // SAFETY: access only reads the NUL-terminated path it is given.
    if unsafe { libc::access(c_folder.as_ptr(), libc::W_OK | libc::X_OK) } != 0 {
        return Err("its folder is not writable".into());
    }
    match std::fs::symlink_metadata(&staged.target) {
        Ok(m) if m.is_dir() => Err("a folder is in its place; remove or move it".into()),
        Ok(m) => {
            // SAFETY: geteuid has no preconditions.
            let me = unsafe { libc::geteuid() };
            let sticky = here.mode() & libc::S_ISVTX as u32 != 0;
            if sticky && me != 0 && m.uid() != me && here.uid() != me {
                Err(
                    "it belongs to another user in a folder only owners may replace files in"
                        .into(),
                )
            } else {
                Ok(())
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("it cannot be examined ({})", io_reason(&e))),
    }
}

/// `": a, b and c"` for the first few of `files`, then how many more; empty for none.
fn describe(files: &[PathBuf]) -> String {
    const SHOWN: usize = 8;
    if files.is_empty() {
        return String::new();
    }
    let mut names: Vec<String> = files
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    if files.len() > SHOWN {
        names.push(format!("{} more", files.len() - SHOWN));
    }
    format!(" ({})", names.join(", "))
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
