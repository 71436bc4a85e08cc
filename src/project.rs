//! The project on disk: its root and the folders the pipeline reads and writes. All reading of
//! inputs goes through here, so every file is size-capped, decoded the same way and named by its
//! project-relative path in messages.

use crate::diag::{Diagnostic, Location, line_column};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

    /// The files directly in `dir` whose names end in one of `extensions`, sorted by name.
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
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !path.is_file() {
                continue;
            }
            if extensions.iter().any(|ext| name.ends_with(ext)) {
                files.push(path);
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
    pub fn read_capped(&self, path: &Path, cap: u64) -> Result<Vec<u8>, Diagnostic> {
        let rel = self.relative(path);
        let located = |msg: String| Diagnostic::at(Location::new(&rel, 1, 1), msg);
        let real = fs::canonicalize(path)
            .map_err(|e| located(format!("cannot read file: {}", io_reason(&e))))?;
        if !real.starts_with(&self.root) {
            return Err(located(
                "refusing to read a file that resolves outside the project (a symlink?)".into(),
            ));
        }
        let meta = fs::metadata(&real)
            .map_err(|e| located(format!("cannot read file: {}", io_reason(&e))))?;
        if meta.len() > cap {
            return Err(located(format!(
                "file too large ({:.1} MiB > {} MiB)",
                meta.len() as f64 / 1048576.0,
                cap / 1048576
            )));
        }
        fs::read(&real).map_err(|e| located(format!("cannot read file: {}", io_reason(&e))))
    }

    /// Reads a project text file: UTF-8, a leading byte-order mark dropped, CRLF kept as written.
    pub fn read_text(&self, path: &Path) -> Result<SourceFile, Diagnostic> {
        let rel = self.relative(path);
        let bytes = self.read_bytes(path)?;
        let text = decode_utf8(&rel, bytes)?;
        Ok(SourceFile { path: rel, text })
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
