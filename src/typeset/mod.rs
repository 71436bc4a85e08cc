//! Stage 5: typeset generated Typst source into PDF bytes with the embedded compiler.
//!
//! Warnings are errors (an unknown font or a missing glyph would otherwise pass silently), the
//! output conforms to PDF/A-2a and PDF/UA-1 (checked by Typst's exporter), and the PDF's dates
//! and identifiers come from the inputs, so the same inputs give the same bytes.

pub mod fill;
pub mod fonts;
pub mod overflow;
pub mod sections;
pub mod stamp;
pub mod thumbnail;
pub mod world;

use crate::model::FactDate;
use typst::World;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{DiagSpan, DiagSpanKind, FileId};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
pub use world::Shared;
use world::{DocWorld, MAIN, STYLE};

/// One document to typeset.
pub struct Document<'a> {
    pub main: String,
    pub style: &'a str,
    /// The edition's bibliography: its virtual path and its bytes.
    pub bibliography: Option<(String, Bytes)>,
    /// The brief's date: Typst's "today" and, unless overridden, the PDF's date.
    pub date: FactDate,
    /// Seconds since the epoch (`SOURCE_DATE_EPOCH`) for the PDF's date, if set.
    pub epoch: Option<i64>,
    /// A stable identity for the PDF's document id: the output's name.
    pub ident: String,
    /// The classification and languages recorded in the PDF's metadata ([`stamp`]).
    pub stamp: Option<stamp::Stamp>,
    /// Whether to render a thumbnail of the first page (a build does; `check` and the redline
    /// write none).
    pub thumbnail: bool,
}

/// A typeset document.
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Each section's id and the pages it takes, in document order.
    pub sections: Vec<(String, f64)>,
    /// Pages before the last that are more than half empty.
    pub sparse: Vec<fill::Sparse>,
    /// The first page as a small PNG, rendered from the same compiled document as the PDF,
    /// when [`Document::thumbnail`] asks for it.
    pub thumbnail: Option<Vec<u8>>,
}

/// Which file a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InFile {
    Main,
    Style,
    Bibliography,
    Nowhere,
}

/// A Typst error or warning, located in the document's virtual files.
#[derive(Debug, Clone)]
pub struct Problem {
    pub file: InFile,
    /// 1-based line and column in `file`.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hints: Vec<String>,
    /// The text the span covers.
    pub excerpt: String,
    /// The innermost place in the main source that led to a problem elsewhere (a call into the
    /// style file), 1-based line and column.
    pub main_call: Option<(usize, usize)>,
    /// Set when the problem is text that does not fit the page.
    pub overflow: Option<overflow::Overflow>,
}

fn datetime(date: &FactDate) -> Datetime {
    let (y, m, d) = date.first_day();
    Datetime::from_ymd(y, m, d).expect("validated date")
}

fn timestamp(doc: &Document) -> Timestamp {
    let at = match doc.epoch {
        Some(secs) => {
            let days = secs.div_euclid(86_400);
            let rest = secs.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            Datetime::from_ymd_hms(
                y,
                m,
                d,
                (rest / 3600) as u8,
                (rest % 3600 / 60) as u8,
                (rest % 60) as u8,
            )
        }
        None => {
            let (y, m, d) = doc.date.first_day();
            Datetime::from_ymd_hms(y, m, d, 0, 0, 0)
        }
    };
    Timestamp::new_utc(at.expect("valid timestamp"))
}

/// Civil date from days since 1970-01-01 (proleptic Gregorian).
pub(crate) fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

fn locate(world: &DocWorld, span: DiagSpan) -> (InFile, usize, usize, String) {
    let which = |id: FileId| {
        if id == *MAIN {
            InFile::Main
        } else if id == *STYLE {
            InFile::Style
        } else if world.is_bibliography(id) {
            InFile::Bibliography
        } else {
            InFile::Nowhere
        }
    };
    let (id, range) = match span.get() {
        DiagSpanKind::Detached => return (InFile::Nowhere, 1, 1, String::new()),
        DiagSpanKind::Number { id, num, sub_range } => {
            let Some(range) = world.source(id).ok().and_then(|s| s.range(num, sub_range)) else {
                return (which(id), 1, 1, String::new());
            };
            (id, range)
        }
        DiagSpanKind::Range { id, range } => (id, range),
    };
    let text: String = match world.file(id) {
        Ok(bytes) => String::from_utf8_lossy(bytes.as_slice()).into_owned(),
        Err(_) => String::new(),
    };
    let (line, column) = crate::diag::line_column(&text, range.start);
    let excerpt = text.get(range).unwrap_or_default().to_owned();
    (which(id), line, column, excerpt)
}

fn problem(world: &DocWorld, d: &SourceDiagnostic) -> Problem {
    let (file, line, column, excerpt) = locate(world, d.span);
    let main_call = if file == InFile::Main {
        None
    } else {
        d.trace
            .iter()
            .rev()
            .find_map(|t| match locate(world, t.span.into()) {
                (InFile::Main, l, c, _) => Some((l, c)),
                _ => None,
            })
    };
    let mut message = d.message.to_string();
    if d.severity == Severity::Warning {
        message = format!("{message} (a Typst warning, treated as an error)");
    }
    Problem {
        file,
        line,
        column,
        message,
        hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
        excerpt,
        main_call,
        overflow: None,
    }
}

/// An item that does not fit, as a problem at the glyph (or shape) where it leaves the text area.
/// How the message of text that does not fit the page begins.
pub const OVERFLOW: &str = "text does not fit the page";

fn overflow_problem(world: &DocWorld, main: &str, o: &overflow::Overflow) -> Problem {
    use typst::WorldExt;
    let (file, mut line, mut column, _) = locate(world, o.span.into());
    let main_offset = match file {
        InFile::Main => world.range(o.span).map(|r| r.start + o.offset),
        _ => None,
    };
    if let Some(offset) = main_offset {
        (line, column) = crate::diag::line_column(main, offset);
    }
    let what = if o.text.is_empty() {
        "a shape".to_owned()
    } else {
        format!("the text `{}`", snippet(&o.text))
    };
    let edge = if o.below { "bottom" } else { "right edge" };
    Problem {
        file,
        line,
        column,
        message: format!(
            "{OVERFLOW}: {what} runs {:.0} pt past the {edge} of the text area on page {}",
            o.beyond.ceil(),
            o.page
        ),
        hints: Vec::new(),
        excerpt: o.text.clone(),
        main_call: None,
        overflow: Some(overflow::Overflow {
            main_offset,
            ..o.clone()
        }),
    }
}

/// The first 40 characters of `text`, trimmed, with an ellipsis if cut.
fn snippet(text: &str) -> String {
    let text = text.trim();
    let cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Typesets one document.
pub fn typeset(shared: &Shared, doc: &Document) -> Result<Typeset, Vec<Problem>> {
    let world = DocWorld::new(
        shared,
        doc.main.clone(),
        doc.style,
        doc.bibliography
            .as_ref()
            .map(|(path, bytes)| (world::bibliography_id(path), bytes.clone())),
        datetime(&doc.date),
    );
    let warned = typst::compile::<PagedDocument>(&world);
    let document = match warned.output {
        Ok(document) if warned.warnings.is_empty() => document,
        Ok(_) => return Err(warned.warnings.iter().map(|d| problem(&world, d)).collect()),
        Err(errors) => {
            return Err(errors
                .iter()
                .chain(&warned.warnings)
                .map(|d| problem(&world, d))
                .collect());
        }
    };
    let overflows = overflow::find(&document);
    if !overflows.is_empty() {
        return Err(overflows
            .iter()
            .map(|o| overflow_problem(&world, &doc.main, o))
            .collect());
    }
    let options = PdfOptions {
        ident: Smart::Custom(doc.ident.clone()),
        creator: Smart::Custom(Some(format!("brief {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(timestamp(doc)),
        standards: PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
            .expect("PDF/A-2a with PDF/UA-1 is a valid pair"),
        tagged: true,
        ..PdfOptions::default()
    };
    let pages = document.pages().len();
    let sections = sections::extents(&document);
    let sparse = fill::sparse(&document);
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|d| problem(&world, d))
            .collect::<Vec<_>>()
    })?;
    let pdf = match &doc.stamp {
        Some(s) => stamp::apply(&pdf, s).map_err(|why| {
            vec![Problem {
                file: InFile::Nowhere,
                line: 1,
                column: 1,
                message: format!("cannot record the classification in the PDF's metadata: {why}"),
                hints: Vec::new(),
                excerpt: String::new(),
                main_call: None,
                overflow: None,
            }]
        })?,
        None => pdf,
    };
    let thumbnail = match document.pages().first() {
        Some(page) if doc.thumbnail => Some(thumbnail::png(page)),
        _ => None,
    };
    Ok(Typeset {
        pdf,
        pages,
        sections,
        sparse,
        thumbnail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_326), (2022, 11, 30));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
