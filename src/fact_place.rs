//! Where a piece of printed text comes from: the fact, the field and its line and column in the
//! data, found from a place in the generated Typst or from the text itself. Used to report text
//! that does not fit the page at the fact a person edits.

use crate::diag::{Diagnostic, Location};
use crate::model::{Cell, Spanned, Texts};
use crate::render::escape;
use crate::typeset::overflow::Overflow;
use crate::validate::{Dataset, FactRecord};
use crate::view::View;

/// A fact's field, named as in [`crate::view::FactView::texts`], and the text printed.
struct Place {
    fact: String,
    field: String,
    text: String,
}

/// Every (fact, field, text) of a view and, for a parallel edition, of its other language.
fn places(view: &View) -> Vec<Place> {
    std::iter::once(view)
        .chain(view.parallel.as_deref())
        .flat_map(|v| v.facts.values())
        .flat_map(|f| {
            f.texts().into_iter().map(|(field, text)| Place {
                fact: f.id.clone(),
                field,
                text,
            })
        })
        .filter(|p| !p.text.trim().is_empty())
        .collect()
}

/// The place whose text, as printed in `typ` (escaped markup or a string literal), covers byte
/// `offset`.
fn at_offset<'p>(places: &'p [Place], typ: &str, offset: usize) -> Option<&'p Place> {
    places.iter().find(|p| {
        [escape::markup(&p.text), escape::string_literal(&p.text)]
            .iter()
            .any(|printed| {
                typ.match_indices(printed.as_str())
                    .any(|(start, m)| (start..start + m.len()).contains(&offset))
            })
    })
}

/// The place whose text contains `run` (a line of it as typeset), the shortest such text first.
fn holding<'p>(places: &'p [Place], run: &str) -> Option<&'p Place> {
    let run = run.trim().trim_end_matches(['-', '\u{2010}', '\u{AD}']);
    if run.is_empty() {
        return None;
    }
    places
        .iter()
        .filter(|p| p.text.contains(run))
        .min_by_key(|p| p.text.len())
}

/// The line and column of `field` of `record` whose value is `text`, and the field's name as a
/// person reads it.
fn field_location(record: &FactRecord, field: &str, text: &str) -> Option<(String, Location)> {
    let side = |bi: &Texts| -> Option<(&'static str, Spanned<String>)> {
        bi.iter()
            .find(|(_, s)| s.value == text)
            .map(|(lang, s)| (lang.as_str(), s.clone()))
    };
    let at = |s: &Spanned<String>| Location::of(&record.file, s);
    let f = &record.fact;
    let (name, lang, spanned) = if field == "text" {
        side(&f.text).map(|(l, s)| ("`text`".to_owned(), l, s))?
    } else if field == "title" {
        side(f.title.as_ref()?).map(|(l, s)| ("`title`".to_owned(), l, s))?
    } else if let Some(key) = field.strip_prefix("attrs.") {
        side(f.attrs.get(key)?).map(|(l, s)| (format!("`attrs.{key}`"), l, s))?
    } else if let Some(key) = field.strip_prefix("column.") {
        let column = f
            .table
            .as_ref()?
            .columns
            .iter()
            .find(|c| c.key.value == key)?;
        side(&column.label).map(|(l, s)| (format!("the label of column `{key}`"), l, s))?
    } else {
        let mut rc = field.strip_prefix("cell.")?.split('.');
        let (r, c): (usize, usize) = (rc.next()?.parse().ok()?, rc.next()?.parse().ok()?);
        let table = f.table.as_ref()?;
        let key = &table.columns.get(c)?.key.value;
        let row = table.rows.get(r)?;
        let name = format!("the cell of row {} in column `{key}`", r + 1);
        match row.value.get(key).and_then(|cell| match cell {
            // Cells are an untagged enum, whose parts carry no position of their own.
            Cell::Text(bi) if bi.first().is_some_and(|s| s.referenced.line() > 0) => Some(bi),
            _ => None,
        }) {
            Some(bi) => side(bi).map(|(l, s)| (name, l, s))?,
            None => {
                let loc = Location::of(&record.file, row);
                return Some((name, loc));
            }
        }
    };
    Some((format!("{name} ({lang})"), at(&spanned)))
}

/// The longest run of `text` without white space, its line-end hyphen taken off: the word
/// that does not fit.
pub(crate) fn longest_word(text: &str) -> String {
    text.split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap_or_default()
        .trim_end_matches(['-', '\u{2010}', '\u{AD}'])
        .to_owned()
}

/// Text that does not fit the page, reported at the fact field it comes from; `None` when no
/// fact's text is there (the template's own text, or a shape).
pub fn overflow(
    o: &Overflow,
    message: &str,
    view: &View,
    typ: &str,
    dataset: &Dataset,
    output: &str,
) -> Option<Diagnostic> {
    let places = places(view);
    let place = o
        .main_offset
        .and_then(|offset| at_offset(&places, typ, offset))
        .or_else(|| holding(&places, &o.text))?;
    let record = dataset.fact(&place.fact)?;
    let (field, mut location) = field_location(record, &place.field, &place.text)?;
    let source = dataset.fact_sources.iter().find(|s| s.path == record.file);
    if let Some(source) = source {
        location = location.at_word(&source.text, &longest_word(&o.text), place.text.len());
    }
    let mut d = Diagnostic::at(location, message.to_owned())
        .with_hint(format!(
            "in {field} of fact `{}`, as typeset in {output}",
            place.fact
        ))
        .with_hint(
            "a word, link or number that cannot be broken must fit the line: add spaces, \
             shorten it, or (in a table) use fewer or shorter columns",
        );
    if let Some(source) = source {
        d = d.with_source_line(&source.text);
    }
    Some(d)
}
