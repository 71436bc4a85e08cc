//! The term base: glossary facts (`kind: term`) list per language the variants never written
//! and the form to write instead (`forbidden: {es: {memorando: memorándum}}`). Every text of
//! every fact is held to it, on text normalised as a reader sees it (so a soft hyphen or a
//! line break cannot hide a variant), as whole words, whatever the case.

use crate::diag::{Diagnostic, Location};
use crate::model::{Cell, Lang, Spanned, Texts};
use crate::policy::normalise::for_matching;
use crate::policy::wording::find_words;
use crate::validate::{Dataset, FactRecord};

/// One forbidden variant: the language, the variant, what to write instead and the term fact
/// that declares it.
pub struct Entry<'d> {
    pub lang: Lang,
    pub variant: &'d str,
    pub instead: &'d Spanned<String>,
    pub term: &'d FactRecord,
}

/// Every forbidden variant the glossary declares.
pub fn base(dataset: &Dataset) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for term in &dataset.facts {
        for (lang, variants) in &term.fact.forbidden {
            for (variant, instead) in variants {
                out.push(Entry {
                    lang: *lang,
                    variant,
                    instead,
                    term,
                });
            }
        }
    }
    out
}

/// Every text of a fact with the name of its field.
fn texts(record: &FactRecord) -> Vec<(String, &Texts)> {
    let mut out: Vec<(String, &Texts)> = super::fields_of(record)
        .into_iter()
        .map(|f| (f.name, f.texts))
        .collect();
    if let Some(table) = &record.fact.table {
        for (r, row) in table.rows.iter().enumerate() {
            for (key, cell) in &row.value {
                if let Cell::Text(t) = cell {
                    out.push((format!("table.rows[{r}].{key}"), t));
                }
            }
        }
    }
    out
}

/// Every forbidden variant in any fact text, each at the place it is written, with the form
/// to write instead.
pub fn check(dataset: &Dataset) -> Vec<Diagnostic> {
    let base = base(dataset);
    if base.is_empty() {
        return Vec::new();
    }
    // Each variant normalised once, not once per text it is looked for in.
    let needles: Vec<String> = base.iter().map(|e| for_matching(e.variant)).collect();
    let mut found = Vec::new();
    for record in &dataset.facts {
        let source = dataset
            .fact_sources
            .iter()
            .find(|s| s.path == record.file)
            .map(|s| s.text.as_str());
        for (field, bi) in texts(record) {
            for (lang, text) in bi.iter() {
                let normalised = for_matching(&text.value);
                for (entry, needle) in base.iter().zip(&needles).filter(|(e, _)| e.lang == lang) {
                    if find_words(false, needle, &normalised).is_none() {
                        continue;
                    }
                    let at = source
                        .and_then(|s| place_in_file(s, &record.file, text, entry.variant))
                        .unwrap_or_else(|| Location::of(&record.file, text));
                    let mut d = Diagnostic::at(
                        at,
                        format!(
                            "fact `{}` `{field}` ({lang}) writes `{}`: the glossary's term is `{}`",
                            record.id(),
                            entry.variant,
                            entry.instead.value
                        ),
                    )
                    .with_hint(format!(
                        "forbidden by term `{}` at {}",
                        entry.term.id(),
                        Location::of(&entry.term.file, entry.instead)
                    ));
                    if let Some(s) = source {
                        d = d.with_source_line(s);
                    }
                    found.push(d);
                }
            }
        }
    }
    found
}

/// Where in the file `variant` is written inside the scalar `text`: its first occurrence,
/// whatever the case, when the scalar writes it on one line.
fn place_in_file(
    file: &str,
    path: &std::path::Path,
    text: &Spanned<String>,
    variant: &str,
) -> Option<Location> {
    let scalar = super::yaml_edit::scalar_at(
        file,
        text.referenced.line() as usize,
        text.referenced.column() as usize,
    )?;
    let written = file.get(scalar.bytes.clone())?;
    let lower = written.to_lowercase();
    if lower.len() != written.len() {
        return None;
    }
    let offset = lower.find(&variant.to_lowercase())?;
    let (line, column) = crate::diag::line_column(file, scalar.bytes.start + offset);
    Some(Location::new(path, line, column))
}
