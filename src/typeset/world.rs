//! The sandbox: a Typst `World` that serves only three in-memory files (the generated main
//! source, the shared style and the bibliography) and the project's fonts. Every other path is
//! refused, package imports are refused, and "today" is the brief's date. Typst never touches
//! the disk or the network through it.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("static virtual path"),
    )
    .intern()
}

/// Fixed virtual paths, reused for every document (file ids are interned for the process).
pub static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/main.typ"));
pub static STYLE: LazyLock<FileId> = LazyLock::new(|| file_id("/style.typ"));

/// The virtual path of an edition's bibliography, `/<audience>.<lang>.bib.yaml`: one per edition
/// name, so the ids stay few however many documents a process typesets.
pub fn bibliography_id(path: &str) -> FileId {
    file_id(path)
}

/// What every document of a process shares: the standard library and the fonts.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Shared {
    pub fn new(fonts: Vec<Font>, book: FontBook) -> Self {
        Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
        }
    }
}

/// The world of one document.
pub struct DocWorld<'a> {
    shared: &'a Shared,
    main: Source,
    style: Source,
    bibliography: Option<(FileId, Bytes)>,
    today: Datetime,
}

impl<'a> DocWorld<'a> {
    pub fn new(
        shared: &'a Shared,
        main: String,
        style: &str,
        bibliography: Option<(FileId, Bytes)>,
        today: Datetime,
    ) -> Self {
        Self {
            shared,
            main: Source::new(*MAIN, main),
            style: Source::new(*STYLE, style.to_owned()),
            bibliography,
            today,
        }
    }
}

impl DocWorld<'_> {
    pub fn is_bibliography(&self, id: FileId) -> bool {
        self.bibliography.as_ref().is_some_and(|(b, _)| *b == id)
    }
}

fn refuse(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => FileError::Package(PackageError::Other(Some(
            format!("package imports are disabled ({spec})").into(),
        ))),
        VirtualRoot::Project => FileError::AccessDenied,
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(self.main.clone())
        } else if id == *STYLE {
            Ok(self.style.clone())
        } else if self.bibliography.as_ref().is_some_and(|(b, _)| *b == id) {
            Err(FileError::NotSource)
        } else {
            Err(refuse(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some((b, bytes)) = &self.bibliography
            && *b == id
        {
            Ok(bytes.clone())
        } else if id == *MAIN {
            Ok(Bytes::from_string(self.main.clone()))
        } else if id == *STYLE {
            Ok(Bytes::from_string(self.style.clone()))
        } else {
            Err(refuse(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
