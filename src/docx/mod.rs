//! DOCX editions: an editable Word document beside the PDF, for the document types that opt in
//! (`docx: true` in the catalog; the MoU, which is negotiated in Word). [`model`] lays out the
//! edition's view (the same clearance-filtered data the PDF is typeset from) as paragraphs in
//! Word's built-in styles, [`redline`] marks the changes between two revisions as tracked
//! changes, [`ooxml`] writes the WordprocessingML parts and [`package`] zips them, with fixed
//! times and order, so the same inputs give the same bytes.

pub mod model;
pub mod ooxml;
pub mod package;
pub mod redline;

use crate::error::Failure;
use crate::pipeline::Planned;
use model::Document;
pub use ooxml::Revision;

/// The DOCX of a planned edition.
pub fn edition(planned: &Planned) -> Result<Vec<u8>, Failure> {
    write(&model::document(planned), None, &planned.name())
}

/// The DOCX of edition `new` with the changes since `old` (the same output at the old
/// revision, if it existed) as tracked changes by `revision`.
pub fn tracked(
    old: Option<&Planned>,
    new: &Planned,
    revision: &Revision,
) -> Result<Vec<u8>, Failure> {
    let before = old.map(model::document);
    let marked = redline::redline(before.as_ref(), &model::document(new));
    write(&marked, Some(revision), &new.name())
}

/// The package of `doc`; `name` is the output's, for the message if a text cannot be written.
pub fn write(doc: &Document, revision: Option<&Revision>, name: &str) -> Result<Vec<u8>, Failure> {
    let unrepresentable = |e: ooxml::Unrepresentable| {
        Failure::Internal(format!(
            "a text of {name} holds U+{:04X}, which a DOCX cannot hold (validation refuses it in \
             every text, so this is a bug in brief)",
            e.0 as u32
        ))
    };
    let parts = package::Parts {
        document: ooxml::document(doc, revision).map_err(unrepresentable)?,
        styles: ooxml::styles(&doc.lang),
        settings: ooxml::settings(&doc.lang),
        header: ooxml::furniture(&doc.header, false).map_err(unrepresentable)?,
        footer: ooxml::furniture(&doc.footer, true).map_err(unrepresentable)?,
        core: ooxml::core(doc).map_err(unrepresentable)?,
        app: ooxml::app(),
        custom: ooxml::custom(doc).map_err(unrepresentable)?,
    };
    Ok(package::zip(&parts))
}
