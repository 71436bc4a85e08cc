//! The project on disk: its root and the folders the pipeline reads and writes. All reading of
//! inputs goes through here, so every file is size-capped, decoded the same way and named by its
//! project-relative path in messages.

use crate::diag::{Diagnostic, Location, line_column};
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Inputs larger than this are refused before parsing.
pub const MAX_INPUT_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Project {
    root: PathBuf,
}

/// A text file of the project, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Project-relative path, as printed in messages.
    pub path: PathBuf,
    pub text: String,
    /// Its YAML mappings by position, read on the first question a message asks.
    places: OnceLock<crate::yaml_path::Places>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            places: OnceLock::new(),
        }
    }

    /// Which mapping, record and field each place of this YAML file belongs to.
    pub fn places(&self) -> &crate::yaml_path::Places {
        self.places
            .get_or_init(|| crate::yaml_path::Places::of(&self.text))
    }
}

impl Project {
    /// Opens the project at `root`, which must be a folder holding `briefs/` and `data/`.
    pub fn open(root: &Path) -> Result<Self, Diagnostic> {
        let root = fs::canonicalize(root).map_err(|e| {
            Diagnostic::global(format!(
                "cannot open project folder {}: {}",
                root.display(),
                io_reason(&e)
            ))
        })?;
        for dir in ["data", "briefs", "templates"] {
            if !root.join(dir).is_dir() {
                return Err(Diagnostic::global(format!(
                    "{} is not a brief project: it has no {dir}/ folder",
                    root.display()
                ))
                .with_hint("run brief from the project folder or pass --root DIR"));
            }
        }
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    pub fn out_dir(&self) -> PathBuf {
        self.root.join("out")
    }

    /// `path` relative to the root, for messages; never an absolute host path.
    pub fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.file_name().map(PathBuf::from).unwrap_or_default())
    }

    /// The entries directly in `dir` whose names end in one of `extensions`, sorted by name. Every
    /// such entry is listed whatever it is (a FIFO, a broken symbolic link, a folder): reading it
    /// then refuses it at its path, so that no input vanishes silently.
    pub fn list(&self, dir: &str, extensions: &[&str]) -> Result<Vec<PathBuf>, Diagnostic> {
        let folder = self.dir(dir);
        let entries = fs::read_dir(&folder).map_err(|e| {
            Diagnostic::global(if e.kind() == std::io::ErrorKind::NotFound {
                format!("the {dir}/ folder is missing")
            } else {
                format!("cannot read {dir}/: {}", io_reason(&e))
            })
        })?;
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| {
                Diagnostic::global(format!("cannot read {dir}/: {}", io_reason(&e)))
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if extensions.iter().any(|ext| name.ends_with(ext)) {
                files.push(entry.path());
            }
        }
        files.sort();
        Ok(files)
    }

    /// Reads a project file as bytes, refusing files outside the root and files over the cap.
    pub fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, Diagnostic> {
        self.read_capped(path, MAX_INPUT_BYTES)
    }

    /// Like [`read_bytes`](Self::read_bytes) with another size cap (fonts are larger than text).
    /// Only a regular file is read, checked without opening anything else (see [`read_regular`]).
    pub fn read_capped(&self, path: &Path, cap: u64) -> Result<Vec<u8>, Diagnostic> {
        let rel = self.relative(path);
        let located = |msg: String| Diagnostic::at(Location::new(&rel, 1, 1), msg);
        if let Some(kind) = broken_link(path) {
            return Err(Refusal::NotRegular(kind).located(&rel));
        }
        let real = fs::canonicalize(path)
            .map_err(|e| located(format!("cannot read file: {}", io_reason(&e))))?;
        if !real.starts_with(&self.root) {
            return Err(located(
                "refusing to read a file that resolves outside the project (a symlink?)".into(),
            ));
        }
        read_regular(&real, cap).map_err(|r| r.located(&rel))
    }

    /// Reads a project text file: UTF-8, a leading byte-order mark dropped, CRLF kept as written.
    pub fn read_text(&self, path: &Path) -> Result<SourceFile, Diagnostic> {
        let rel = self.relative(path);
        let bytes = self.read_bytes(path)?;
        let text = decode_utf8(&rel, bytes)?;
        Ok(SourceFile::new(rel, text))
    }
}

/// Decodes UTF-8, locating the first invalid byte.
pub fn decode_utf8(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            let (line, column) = line_column(&valid, valid.len());
            Err(Diagnostic::at(
                Location::new(rel, line, column),
                format!("invalid UTF-8 at byte {at}"),
            ))
        }
    }
}

/// The reason of an I/O error without the path it names (callers say which file).
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// Not a regular file: what it is instead ("a FIFO", "a broken symbolic link").
    NotRegular(&'static str),
    /// Larger than the cap, in bytes.
    TooLarge {
        size: u64,
        cap: u64,
    },
    Io(io::Error),
}

impl Refusal {
    /// The refusal as an error at `rel:1:1`.
    pub fn located(&self, rel: &Path) -> Diagnostic {
        let at = Location::new(rel, 1, 1);
        match self {
            Refusal::NotRegular(kind) => Diagnostic::at(
                at,
                format!("{} is {kind}, not a regular file", rel.display()),
            )
            .with_hint(
                "brief reads only regular files (or symbolic links to them inside the project); \
                 replace it with the file itself or remove it",
            ),
            Refusal::TooLarge { size, cap } => Diagnostic::at(
                at,
                format!(
                    "file too large ({:.1} MiB > {} MiB)",
                    *size as f64 / 1048576.0,
                    cap / 1048576
                ),
            ),
            Refusal::Io(e) => Diagnostic::at(at, format!("cannot read file: {}", io_reason(e))),
        }
    }
}

/// What a file type is, when it is not a regular file.
fn not_regular(kind: fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a FIFO (named pipe)")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_char_device() {
        Some("a character device")
    } else if kind.is_block_device() {
        Some("a block device")
    } else {
        Some("not a file")
    }
}

/// `Some` when `path` is a symbolic link whose target does not exist.
fn broken_link(path: &Path) -> Option<&'static str> {
    let link = fs::symlink_metadata(path).ok()?;
    (link.file_type().is_symlink() && fs::metadata(path).is_err())
        .then_some("a broken symbolic link")
}

/// Opens the regular file at `path` for reading with the checks of [`read_regular`] (its type
/// from `stat` before opening, `O_NONBLOCK`, the same file after opening, at most `cap` bytes
/// long when opened); returns it with its length. The caller still bounds what it reads.
pub fn open_regular(path: &Path, cap: u64) -> Result<(fs::File, u64), Refusal> {
    let before = fs::metadata(path).map_err(|e| match broken_link(path) {
        Some(kind) => Refusal::NotRegular(kind),
        None => Refusal::Io(e),
    })?;
    if let Some(kind) = not_regular(before.file_type()) {
        return Err(Refusal::NotRegular(kind));
    }
    if before.len() > cap {
        return Err(Refusal::TooLarge {
            size: before.len(),
            cap,
        });
    }
    let file = fs::File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(Refusal::Io)?;
    let after = file.metadata().map_err(Refusal::Io)?;
    if let Some(kind) = not_regular(after.file_type()) {
        return Err(Refusal::NotRegular(kind));
    }
    if (after.dev(), after.ino()) != (before.dev(), before.ino()) {
        return Err(Refusal::Io(io::Error::other(
            "the file was replaced while it was being read; run brief again",
        )));
    }
    Ok((file, after.len()))
}

/// Reads the regular file at `path` (a symbolic link is followed), at most `cap` bytes, without
/// ever blocking: anything else (a FIFO, a device, a socket, a folder) is refused from its `stat`
/// before it is opened, the file is opened with `O_NONBLOCK` (so a FIFO swapped in after the
/// check cannot block the open) and checked again with `fstat`, which must be the same file. The
/// cap holds even for a file that grows while it is read.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
    let (file, len) = open_regular(path, cap)?;
    let mut bytes = Vec::with_capacity(len.min(cap) as usize);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}
