//! PDF strings are bounded: the PDF/A validator refuses a string over 32 767 bytes (so do many
//! readers), and any text can reach one — the document's title, a figure's alternative text, a
//! table's or a timeline's description. Every text is checked against a slightly lower bound in
//! its encoded size (bytes for plain ASCII; UTF-16 with its byte order mark otherwise, and never
//! less than its UTF-8 size, which is what Typst's exporter counts), and so is every description
//! built from several texts.

use crate::diag::{Diagnostic, Diagnostics};
use crate::validate::{Brief, Dataset};
use crate::view::View;

/// The most bytes a text may take in a PDF string: 32 767 less room for what is joined to it
/// (a keyword list's separators, a language tag).
pub const MAX_BYTES: usize = 32_000;

/// The size of `text` as a PDF string.
pub fn encoded_len(text: &str) -> usize {
    if text.bytes().all(|b| (32..=126).contains(&b)) {
        text.len()
    } else {
        text.len().max(2 * text.encode_utf16().count() + 2)
    }
}

/// The descriptions an edition's view builds from several texts (a timeline's, a chart's) that
/// are too long for a PDF string, at the section or fact that asks for them.
pub fn check_view(brief: &Brief, dataset: &Dataset, view: &View) -> Diagnostics {
    let mut errors = Diagnostics::new();
    // Called for single-language editions only: a parallel text's halves are those editions.
    let v = view;
    for section in &v.sections {
        let size = encoded_len(&section.summary);
        if size <= MAX_BYTES {
            continue;
        }
        let Some(def) = brief.def.sections.iter().find(|s| s.id.value == section.id) else {
            continue;
        };
        errors.push(
            Diagnostic::at(
                brief.location(&def.id),
                format!(
                    "the description of section `{}` ({}) is too long for a PDF string: {size} bytes, at most {MAX_BYTES}",
                    section.id, v.lang
                ),
            )
            .with_source_line(&brief.file.text)
            .with_hint("a timeline's alternative text lists every event with its title: shorten the titles or split the section"),
        );
    }
    for fact in v.facts.values() {
        let Some(table) = &fact.table else { continue };
        let size = encoded_len(&table.chart_summary);
        let Some(record) = dataset.fact(&fact.id) else {
            continue;
        };
        if size > MAX_BYTES {
            let id = &record.fact.id;
            let location = crate::diag::Location::of(&record.file, id);
            let mut d = Diagnostic::at(
                location,
                format!(
                    "the description of the chart of fact `{}` ({}) is too long for a PDF string: {size} bytes, at most {MAX_BYTES}",
                    fact.id, v.lang
                ),
            )
            .with_hint("a chart's alternative text lists every row's label and value: shorten the labels or split the table");
            if let Some(source) = dataset.fact_sources.iter().find(|s| s.path == record.file) {
                d = d.with_source_line(&source.text);
            }
            errors.push(d);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_sizes() {
        assert_eq!(encoded_len("plain"), 5);
        assert_eq!(encoded_len("año"), 8, "UTF-16 with a byte order mark");
        assert_eq!(encoded_len("\u{1F600}"), 6, "a surrogate pair");
        assert_eq!(encoded_len(&"中".repeat(10)), 30, "UTF-8 when it is longer");
    }
}
