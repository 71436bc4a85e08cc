//! XLIFF 2.0 for CAT tools: [`export`] writes one unit per translatable fact field (id
//! `<fact>.<field>`, the source and target texts, the state, and notes with the fact's
//! editorial note and provenance), grouped by data file; [`parse`] reads a file back into
//! units, each part at its line and column, refusing anything brief does not write (a DOCTYPE,
//! inline markup, several segments in a unit).

use super::{Field, State, lock::Lock};
use crate::diag::{Diagnostic, Location};
use crate::model::{Audience, Lang};
use crate::validate::Dataset;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use std::path::{Path, PathBuf};

/// The XLIFF 2.0 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The segment state a translation is exported with: `final` once confirmed against the
/// current source, `translated` when a translation exists but no confirmation is recorded,
/// `initial` when the source changed since the translation was confirmed.
pub fn exported_state(state: State) -> &'static str {
    match state {
        State::Confirmed => "final",
        State::Missing => "translated",
        State::Stale => "initial",
    }
}

/// Text for XML content: escaped, and any character XML 1.0 cannot carry (notes are free text)
/// replaced by U+FFFD.
fn content(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            c if crate::policy::chars::forbidden_char(c) == Some("control") => '\u{FFFD}',
            c => c,
        })
        .collect();
    escape(clean.as_str()).into_owned()
}

/// A file id (an XML NMTOKEN) for a data file: its stem, other characters made `_`.
fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The provenance note of a fact: thesis lines, sources and stated basis.
fn provenance(field: &Field<'_>, source: Lang) -> String {
    let f = &field.record.fact;
    let mut parts = Vec::new();
    if let Some(seed) = &f.seed {
        parts.push(format!("thesis lines {}", seed.value));
    }
    if !f.sources.is_empty() {
        let keys: Vec<&str> = f.sources.iter().map(|s| s.value.as_str()).collect();
        parts.push(format!("sources: {}", keys.join(", ")));
    }
    if let Some(basis) = &f.basis {
        parts.push(format!("basis: {}", basis.get(source)));
    }
    if parts.is_empty() {
        parts.push("none recorded".to_owned());
    }
    format!(
        "{} ({})",
        parts.join("; "),
        Location::of(&field.record.file, &f.id)
    )
}

/// The XLIFF 2.0 document for translating the dataset from its source language into `target`:
/// every field (of the facts cleared for `audience`, if given), or with `stale_only` only those
/// whose translation is stale or missing. `None`
/// when no unit would be written (an XLIFF file must hold at least one).
pub fn export(
    dataset: &Dataset,
    lock: &Lock,
    target: Lang,
    stale_only: bool,
    audience: Option<Audience>,
) -> Option<String> {
    let source = dataset.catalog.source_language()?;
    let mut files: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for field in super::fields(dataset) {
        // The clearance rule the editions are selected by: an export for an audience holds
        // only what its documents could print.
        if let Some(a) = audience
            && !crate::select::cleared(&dataset.catalog, field.record, a)
        {
            continue;
        }
        let (Some(src), Some(trg)) = (field.text(source), field.text(target)) else {
            continue;
        };
        let state = super::state(lock, &field, source, target);
        if stale_only && state == State::Confirmed {
            continue;
        }
        let mut unit = format!(
            "    <unit id=\"{}.{}\">\n      <notes>\n",
            field.fact(),
            field.name
        );
        // A fact's `note` is the ministry's editorial record (drafting choices, internal facts
        // it was weighed against): it stays out of an export made for an audience, which may
        // go to a translator outside the ministry.
        if let Some(note) = field
            .record
            .fact
            .note
            .as_ref()
            .filter(|_| audience.is_none())
        {
            unit.push_str(&format!(
                "        <note category=\"note\">{}</note>\n",
                content(note.trim())
            ));
        }
        unit.push_str(&format!(
            "        <note category=\"provenance\">{}</note>\n      </notes>\n",
            content(&provenance(&field, source))
        ));
        unit.push_str(&format!(
            "      <segment state=\"{}\">\n        <source xml:space=\"preserve\">{}</source>\n        <target xml:space=\"preserve\">{}</target>\n      </segment>\n    </unit>\n",
            exported_state(state),
            content(&src.value),
            content(&trg.value)
        ));
        match files.last_mut() {
            Some((path, units)) if *path == field.record.file => units.push(unit),
            _ => files.push((field.record.file.clone(), vec![unit])),
        }
    }
    if files.is_empty() {
        return None;
    }
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        source.as_str(),
        target.as_str()
    );
    for (path, units) in files {
        out.push_str(&format!(
            "  <file id=\"{}\" original=\"{}\" canResegment=\"no\">\n",
            file_id(&path),
            content(&path.to_string_lossy())
        ));
        for unit in units {
            out.push_str(&unit);
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    Some(out)
}

/// A unit as read from an XLIFF file, each part with its place.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub at: Location,
    pub state: String,
    pub state_at: Location,
    pub source: Option<(String, Location)>,
    /// The target text and where it starts.
    pub target: Option<Target>,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub text: String,
    pub at: Location,
    /// The first character no text may hold (a control, invisible bidirectional formatting…),
    /// what it is, and where it is written (as itself or as a character reference).
    pub forbidden: Option<(char, &'static str, Location)>,
}

/// An XLIFF file as read: its languages and units.
#[derive(Debug, Clone)]
pub struct Document {
    pub src_lang: (String, Location),
    pub trg_lang: (String, Location),
    pub units: Vec<Unit>,
}

/// Which element's text is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Source,
    Target,
    Other,
}

/// Reads an XLIFF 2.0 file (`shown` is its path in messages). Malformed XML, a DOCTYPE,
/// another namespace or version, inline markup and units of several segments are errors at
/// their place.
pub fn parse(shown: &Path, text: &str) -> Result<Document, Diagnostic> {
    // Where each line starts, so that a byte offset becomes a line and column in O(log n).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let at = |offset: u64| {
        let offset = (offset as usize).min(text.len());
        let line = starts.partition_point(|&s| s <= offset);
        let from = starts[line - 1];
        let column = text
            .get(from..offset)
            .map_or(offset - from, |t| t.chars().count())
            + 1;
        Location::new(shown, line, column)
    };
    let fail = |offset: u64, message: String| {
        Err(Diagnostic::at(at(offset), message).with_source_line(text))
    };
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut document: Option<Document> = None;
    let mut unit: Option<Unit> = None;
    let mut segments = 0;
    let mut reading = In::Other;
    let mut buffer = String::new();
    let mut bad: Option<(char, &'static str, Location)> = None;
    let mut text_at = at(0);
    loop {
        let start = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return fail(reader.error_position(), format!("malformed XML: {e}")),
        };
        match event {
            Event::Eof => break,
            Event::DocType(_) => {
                return fail(start, "a DOCTYPE is not allowed in an XLIFF file".into());
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if reading != In::Other {
                    return fail(
                        start,
                        format!(
                            "inline markup (`<{name}>`) is not supported: brief's texts are plain"
                        ),
                    );
                }
                let attrs = attributes(e, &reader, text, start, shown)?;
                let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v);
                match (stack.len(), name.as_str()) {
                    (0, "xliff") => {
                        if attr("xmlns").map(String::as_str) != Some(NAMESPACE) {
                            return fail(
                                start,
                                format!(
                                    "not an XLIFF 2 document: the namespace must be `{NAMESPACE}`"
                                ),
                            );
                        }
                        if !attr("version").is_some_and(|v| v.starts_with("2.")) {
                            return fail(start, "brief reads XLIFF version 2.x".into());
                        }
                        let (Some(src), Some(trg)) = (attr("srcLang"), attr("trgLang")) else {
                            return fail(start, "`<xliff>` needs `srcLang` and `trgLang`".into());
                        };
                        document = Some(Document {
                            src_lang: (src.clone(), at(start)),
                            trg_lang: (trg.clone(), at(start)),
                            units: Vec::new(),
                        });
                    }
                    (0, other) => {
                        return fail(
                            start,
                            format!("not an XLIFF document: the root is `<{other}>`"),
                        );
                    }
                    (_, "unit") => {
                        let Some(id) = attr("id") else {
                            return fail(start, "a `<unit>` needs an `id`".into());
                        };
                        segments = 0;
                        unit = Some(Unit {
                            id: id.clone(),
                            at: at(start),
                            state: "initial".into(),
                            state_at: at(start),
                            source: None,
                            target: None,
                        });
                    }
                    (_, "segment") if unit.is_some() => {
                        segments += 1;
                        if segments > 1 {
                            return fail(
                                start,
                                "a unit brief reads has one segment (the file says canResegment=\"no\")".into(),
                            );
                        }
                        if let Some(u) = unit.as_mut() {
                            if let Some(state) = attr("state") {
                                u.state = state.clone();
                            }
                            u.state_at = at(start);
                        }
                    }
                    (_, "ignorable") if unit.is_some() => {
                        return fail(
                            start,
                            "`<ignorable>` is not supported in a unit brief reads".into(),
                        );
                    }
                    (_, "source" | "target") if unit.is_some() => {
                        // One source and one target per segment: a second would be read by one
                        // tool and ignored by another.
                        let seen = unit.as_ref().is_some_and(|u| {
                            if name == "source" {
                                u.source.is_some()
                            } else {
                                u.target.is_some()
                            }
                        });
                        if seen {
                            return fail(
                                start,
                                format!("a segment has one `<{name}>`; this is a second"),
                            );
                        }
                        reading = if name == "source" {
                            In::Source
                        } else {
                            In::Target
                        };
                        buffer.clear();
                        bad = None;
                        text_at = at(start);
                        if empty {
                            finish(&mut unit, reading, &buffer, &bad, &text_at);
                            reading = In::Other;
                        }
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.pop();
                match name.as_str() {
                    "source" | "target" if reading != In::Other => {
                        finish(&mut unit, reading, &buffer, &bad, &text_at);
                        reading = In::Other;
                    }
                    "unit" => {
                        if let (Some(doc), Some(u)) = (document.as_mut(), unit.take()) {
                            doc.units.push(u);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if reading != In::Other => {
                let raw = t.decode().map_err(|e| {
                    Diagnostic::at(at(start), format!("malformed XML: {e}")).with_source_line(text)
                })?;
                for (i, c) in raw.char_indices() {
                    note_forbidden(&mut bad, c, || at(start + i as u64));
                    buffer.push(c);
                }
            }
            Event::CData(ref t) if reading != In::Other => {
                let raw = t.decode().map_err(|e| {
                    Diagnostic::at(at(start), format!("malformed XML: {e}")).with_source_line(text)
                })?;
                for (i, c) in raw.char_indices() {
                    note_forbidden(&mut bad, c, || at(start + 9 + i as u64));
                    buffer.push(c);
                }
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = r.decode().map(|n| n.into_owned()).unwrap_or_default();
                        match predefined(&name) {
                            Some(c) => c,
                            None => {
                                return fail(start, format!("unknown entity `&{name};`"));
                            }
                        }
                    }
                    Err(e) => return fail(start, format!("malformed character reference: {e}")),
                };
                if reading != In::Other {
                    note_forbidden(&mut bad, resolved, || at(start));
                    buffer.push(resolved);
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        return fail(
            text.len() as u64,
            format!(
                "malformed XML: `<{}>` is never closed",
                stack.last().unwrap()
            ),
        );
    }
    match document {
        Some(d) => Ok(d),
        None => fail(0, "not an XLIFF document: no `<xliff>` element".into()),
    }
}

/// The five entities XML predefines.
fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// Records `c` as the text's first forbidden character, if it is one and none was found yet.
fn note_forbidden(
    bad: &mut Option<(char, &'static str, Location)>,
    c: char,
    at: impl FnOnce() -> Location,
) {
    if bad.is_none()
        && let Some(what) = crate::policy::chars::forbidden_char(c)
    {
        *bad = Some((c, what, at()));
    }
}

fn finish(
    unit: &mut Option<Unit>,
    reading: In,
    buffer: &str,
    bad: &Option<(char, &'static str, Location)>,
    at: &Location,
) {
    let Some(u) = unit.as_mut() else { return };
    match reading {
        In::Source => u.source = Some((buffer.to_owned(), at.clone())),
        In::Target => {
            u.target = Some(Target {
                text: buffer.to_owned(),
                at: at.clone(),
                forbidden: bad.clone(),
            })
        }
        In::Other => {}
    }
}

/// An element's attributes, by qualified name (`xmlns`, `xml:space`, `id`), values unescaped;
/// a malformed or duplicate attribute is an error at the element.
fn attributes(
    e: &BytesStart<'_>,
    reader: &quick_xml::Reader<&[u8]>,
    text: &str,
    start: u64,
    shown: &Path,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let located = |message: String| {
        let (line, column) = crate::diag::line_column(text, start as usize);
        Diagnostic::at(Location::new(shown, line, column), message).with_source_line(text)
    };
    let mut out = Vec::new();
    for attr in e.attributes().with_checks(true) {
        let attr = attr.map_err(|err| located(format!("malformed XML: {err}")))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .decode_and_unescape_value(reader.decoder())
            .map_err(|err| located(format!("malformed XML: {err}")))?
            .into_owned();
        out.push((key, value));
    }
    Ok(out)
}
