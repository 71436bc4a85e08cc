//! Translation state: every fact is written in the catalog's source language (Spanish) and
//! translated into the others. [`lock`] records, per fact field and language, a hash of the
//! source text each translation was made from, so a translation whose source has changed since
//! is known to be stale after the change is merged; [`xliff`] exchanges the translations with CAT
//! tools (XLIFF 2.0), [`yaml_edit`] writes imported translations back into the YAML in place,
//! and [`terms`] holds every text to the glossary's term base.

pub mod import;
pub mod lock;
pub mod terms;
pub mod xliff;
pub mod yaml_edit;

use crate::model::{Fact, Lang, Spanned, Texts};
use crate::validate::{Dataset, FactRecord};
use sha2::{Digest, Sha256};

/// A translatable field of a fact: `text`, `title`, `attrs.<key>`, `basis` or
/// `table.columns.<key>.label`, with its text in every language.
pub struct Field<'d> {
    pub record: &'d FactRecord,
    pub name: String,
    pub texts: &'d Texts,
}

impl Field<'_> {
    /// The fact's id.
    pub fn fact(&self) -> &str {
        self.record.id()
    }

    /// The text in `lang`, with its place in the data file.
    pub fn text(&self, lang: Lang) -> Option<&Spanned<String>> {
        self.texts.spanned(lang)
    }
}

/// The translatable fields of one fact, in a fixed order. Table cells are left out: they carry
/// no place in the file of their own (an untagged enum), so an import could not edit them in
/// place, and they are names and figures rather than prose.
pub fn named_texts(f: &Fact) -> Vec<(String, &Texts)> {
    let mut out = Vec::new();
    if let Some(t) = &f.title {
        out.push(("title".to_owned(), t));
    }
    out.push(("text".to_owned(), &f.text));
    for (key, texts) in &f.attrs {
        out.push((format!("attrs.{key}"), texts));
    }
    if let Some(b) = &f.basis {
        out.push(("basis".to_owned(), b));
    }
    if let Some(table) = &f.table {
        for column in &table.columns {
            out.push((
                format!("table.columns.{}.label", column.key.value),
                &column.label,
            ));
        }
    }
    out
}

/// The translatable fields of one fact ([`named_texts`]).
pub fn fields_of(record: &FactRecord) -> Vec<Field<'_>> {
    named_texts(&record.fact)
        .into_iter()
        .map(|(name, texts)| Field {
            record,
            name,
            texts,
        })
        .collect()
}

/// Every translatable field of the dataset, fact by fact in file order.
pub fn fields(dataset: &Dataset) -> Vec<Field<'_>> {
    dataset.facts.iter().flat_map(fields_of).collect()
}

/// The hash the lock file records for a source text: SHA-256 of its UTF-8 bytes, in hex.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a translation stands against its source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The source has changed since the translation was confirmed.
    Stale,
    /// No confirmation is recorded: nobody has said which source the translation was made from.
    Missing,
    /// Confirmed against the current source.
    Confirmed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Stale => "stale",
            State::Missing => "missing",
            State::Confirmed => "confirmed",
        }
    }
}

/// The state of `field`'s translation into `lang`, given the lock file.
pub fn state(lock: &lock::Lock, field: &Field<'_>, source: Lang, lang: Lang) -> State {
    let Some(text) = field.text(source) else {
        return State::Missing;
    };
    match lock.get(field.fact(), &field.name, lang.as_str()) {
        None => State::Missing,
        Some(h) if h == hash(&text.value) => State::Confirmed,
        Some(_) => State::Stale,
    }
}

/// One translation's state: which fact, field and language, and where the translation is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Status {
    pub fact: String,
    pub field: String,
    pub lang: String,
    pub state: State,
    /// `path:line:col` of the translated text.
    pub at: String,
    #[serde(skip)]
    pub location: crate::diag::Location,
}

/// The state of every translation of the dataset, for each language other than the source.
pub fn statuses(dataset: &Dataset, lock: &lock::Lock) -> Vec<Status> {
    let Some(source) = dataset.catalog.source_language() else {
        return Vec::new();
    };
    let targets: Vec<Lang> = dataset
        .catalog
        .languages()
        .map(|l| l.id.value)
        .filter(|&l| l != source)
        .collect();
    let mut out = Vec::new();
    for field in fields(dataset) {
        for &lang in &targets {
            let Some(target) = field.text(lang) else {
                continue;
            };
            out.push(Status {
                fact: field.fact().to_owned(),
                field: field.name.clone(),
                lang: lang.to_string(),
                state: state(lock, &field, source, lang),
                at: crate::diag::Location::of(&field.record.file, target).to_string(),
                location: crate::diag::Location::of(&field.record.file, target),
            });
        }
    }
    out
}

/// A stale translation that an external edition prints: one warning per translated text, at
/// the text, naming the external outputs that print it. `build` warns with these and, under
/// `--strict`, refuses to build.
pub fn stale_in_external(
    dataset: &Dataset,
    lock: &lock::Lock,
    planned: &[crate::pipeline::Planned],
) -> Vec<crate::diag::Diagnostic> {
    use std::collections::BTreeMap;
    let Some(source) = dataset.catalog.source_language() else {
        return Vec::new();
    };
    // (fact, lang) → the external outputs printing the fact in that language.
    let mut printed: BTreeMap<(&str, Lang), Vec<String>> = BTreeMap::new();
    for p in planned {
        if !dataset.catalog.is_external(p.edition.audience) {
            continue;
        }
        let mut view = Some(&p.view);
        while let Some(v) = view {
            if v.lang != source {
                for id in v.facts.keys() {
                    printed
                        .entry((id.as_str(), v.lang))
                        .or_default()
                        .push(p.name());
                }
            }
            view = v.parallel.as_deref();
        }
    }
    let mut out = Vec::new();
    for ((id, lang), outputs) in printed {
        let Some(record) = dataset.fact(id) else {
            continue;
        };
        for field in fields_of(record) {
            if state(lock, &field, source, lang) != State::Stale {
                continue;
            }
            let Some(text) = field.text(lang) else {
                continue;
            };
            out.push(
                crate::diag::Diagnostic::at(
                    crate::diag::Location::of(&record.file, text),
                    format!(
                        "fact `{id}` `{}`: the {lang} translation is stale (its {source} text changed since it was confirmed) and an external edition prints it: {}",
                        field.name,
                        outputs.join(", ")
                    ),
                )
                .with_hint(format!(
                    "update the translation, then `brief translations confirm {id}` (or export it for a CAT tool: `brief translations export --to {lang} --stale-only`)"
                )),
            );
        }
    }
    out
}
