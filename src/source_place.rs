//! Where text printed from a source comes from: the field of `data/sources.yaml` (title, author,
//! address, the work it is part of) that an edition's reference list or a citation prints. Used
//! to report text that does not fit the page at the source a person edits, as
//! [`crate::fact_place`] does for facts.

use crate::bibliography::Bibliography;
use crate::diag::{Diagnostic, Location};
use crate::model::Lang;
use crate::model::source::{Person, Source};
use crate::project::SourceFile;
use crate::typeset::overflow::Overflow;
use crate::view::View;

/// Text that does not fit in an edition's reference list (Typst gives it the span of the
/// `#bibliography` call) or in a citation (the `#cite` in a paragraph), at the field of the
/// cited source it comes from, in the edition's language: the field whose text holds the run;
/// else the field whose longest unbroken word the run holds (a run is often a whole line:
/// "North Atlantic Treaty Organization. 2006. ‘Global…"), the longest such word first; else, in
/// the list, the cited field with the longest unbroken word. `None` for text elsewhere, which
/// [`crate::fact_place::overflow`] places at a fact.
pub fn overflow(
    o: &Overflow,
    message: &str,
    typ: &str,
    view: &View,
    file: &SourceFile,
    sources: &Bibliography,
    output: &str,
) -> Option<Diagnostic> {
    let offset = o.main_offset?;
    let start = typ.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = typ[start..].lines().next().unwrap_or("");
    // The reference list; or a paragraph's citation, which prints a source's author, for a run
    // found in a source (not to be confused with the paragraph's own text).
    let in_list = line.trim_start().starts_with("#bibliography(");
    if !in_list && !line.contains("#cite(") {
        return None;
    }
    let fields: Vec<Printed> = view
        .sources
        .iter()
        .filter_map(|key| sources.get(key).map(|entry| (key, entry)))
        .flat_map(|(key, entry)| printed(key, &entry.value, view.lang, file))
        .collect();
    let run = o
        .text
        .trim()
        .trim_end_matches(['-', '\u{2010}', '\u{AD}'])
        .to_lowercase();
    let longest = |f: &Printed| longest_word(&f.text).chars().count();
    let field = fields
        .iter()
        // In a paragraph, only a run long enough not to be a word of the paragraph's own.
        .filter(|f| {
            run.chars().any(char::is_alphanumeric)
                && (in_list || run.chars().count() >= 8)
                && f.text.to_lowercase().contains(&run)
        })
        .min_by_key(|f| f.text.len())
        .or_else(|| {
            fields
                .iter()
                .filter(|f| longest(f) >= 8 && run.contains(&longest_word(&f.text).to_lowercase()))
                // Two sources with the same long word: the one whose year the line shows.
                .max_by_key(|f| {
                    let year = f.year.as_deref().is_some_and(|y| run.contains(y));
                    (longest(f), year)
                })
        })
        .or_else(|| {
            in_list
                .then(|| fields.iter().max_by_key(|f| longest(f)))
                .flatten()
        })?;
    let place = if in_list {
        "the reference list"
    } else {
        "a citation"
    };
    Some(
        Diagnostic::at(field.at.clone(), message.to_owned())
            .with_source_line(&file.text)
            .with_hint(format!(
                "in {} of source `{}`, as typeset in {place} of {output}",
                field.what, field.key
            ))
            .with_hint(
                "a word, link or number that cannot be broken must fit the line: add spaces or \
                 shorten it",
            ),
    )
}

/// A field of a source as an edition prints it, and where it is written.
struct Printed<'a> {
    key: &'a str,
    what: &'static str,
    at: Location,
    text: String,
    /// The source's year, as the list prints it before the title.
    year: Option<String>,
}

/// The fields of `source` that an edition in `lang` prints: the title (at its text in that
/// language when given per language), the authors and editors, the address and the work it is
/// part of.
fn printed<'a>(key: &'a str, source: &Source, lang: Lang, file: &SourceFile) -> Vec<Printed<'a>> {
    let year = source
        .date
        .as_ref()
        .map(|d| d.value.to_string().chars().take(4).collect::<String>());
    let field = |what, at, text| Printed {
        key,
        what,
        at,
        text,
        year: year.clone(),
    };
    let title = &source.title;
    let mut at = Location::of(&file.path, title);
    if let Some((line, column)) = file.places().value_under(at.line, at.column, lang.as_str()) {
        at = Location::new(&file.path, line, column);
    }
    let mut out = vec![field("the title", at, title.value.text(Some(lang)))];
    for (persons, what) in [(&source.author, "an author"), (&source.editor, "an editor")] {
        let Some(persons) = persons else { continue };
        for person in persons.value.as_slice() {
            let name = match person {
                Person::Written(name) => name.clone(),
                Person::Parts(parts) => match &parts.given_name {
                    Some(given) => format!("{}, {given}", parts.name.text(Some(lang))),
                    None => parts.name.text(Some(lang)),
                },
            };
            out.push(field(what, Location::of(&file.path, persons), name));
        }
    }
    if let Some(url) = &source.url {
        out.push(field(
            "the address",
            Location::of(&file.path, url),
            url.value.clone(),
        ));
    }
    if let Some(parent) = &source.parent {
        for mut part in printed(key, &parent.value, lang, file) {
            part.what = match part.what {
                "the title" => "the title of the work it is part of",
                _ => "the work it is part of",
            };
            out.push(part);
        }
    }
    out
}

/// The longest run of characters without a space in `text`.
fn longest_word(text: &str) -> &str {
    text.split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap_or("")
}
