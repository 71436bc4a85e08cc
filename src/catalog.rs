//! The catalog, checked: the languages, audiences and document types of `templates/catalog.yaml`
//! and the lookups every stage makes in it. Whether an audience is external, how a language
//! writes a date, what a document type is called: all of it is read here, from data.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::catalog::{AudienceDef, CatalogFile, DocumentDef, LanguageDef};
use crate::model::{Audience, DocType, Lang, Spanned, Texts};
use crate::project::SourceFile;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The catalog file, under `templates/`: what the project can produce is part of its templates.
pub const FILE: &str = "catalog.yaml";

/// The project-relative path of the catalog, for messages.
pub fn path() -> PathBuf {
    PathBuf::from("templates").join(FILE)
}

/// The longest marking the catalog may declare, in characters (`CONFIDENCIAL (PERÚ)` is 19).
const MAX_MARKING: usize = 32;

/// The strings `brief` itself prints in every language, whatever the templates use: the
/// classification markings, the portion marks, the alternative texts of figures, and the word
/// that joins two authors' names in a reference list.
pub const REQUIRED_STRINGS: &[&str] = &[
    "and",
    "marking.publico",
    "marking.reservado",
    "marking.confidencial",
    "portion.publico",
    "portion.reservado",
    "portion.confidencial",
    "alt.chart",
    "alt.timeline",
];

/// A checked catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub def: CatalogFile,
    pub file: SourceFile,
}

impl Catalog {
    /// Every language, in catalog order.
    pub fn languages(&self) -> impl Iterator<Item = &LanguageDef> {
        self.def.languages.iter()
    }

    /// The language the others are translated from: `source-language`, or the first language.
    pub fn source_language(&self) -> Option<Lang> {
        self.def
            .source_language
            .as_ref()
            .map(|l| l.value)
            .or_else(|| self.def.languages.first().map(|l| l.id.value))
    }

    pub fn language(&self, id: Lang) -> Option<&LanguageDef> {
        self.def.languages.iter().find(|l| l.id.value == id)
    }

    /// A language the catalog is known to declare (checked where the id was read).
    pub fn lang(&self, id: Lang) -> &LanguageDef {
        self.language(id)
            .unwrap_or_else(|| panic!("language `{id}` was checked against the catalog"))
    }

    pub fn audiences(&self) -> impl Iterator<Item = &AudienceDef> {
        self.def.audiences.iter()
    }

    pub fn audience(&self, id: Audience) -> Option<&AudienceDef> {
        self.def.audiences.iter().find(|a| a.id.value == id)
    }

    /// Whether an audience is outside the government. An id the catalog does not declare is
    /// treated as external: the stricter reading, should an unchecked id ever get this far.
    pub fn is_external(&self, id: Audience) -> bool {
        self.audience(id).is_none_or(|a| a.external.value)
    }

    pub fn documents(&self) -> impl Iterator<Item = &DocumentDef> {
        self.def.documents.iter()
    }

    pub fn document(&self, id: DocType) -> Option<&DocumentDef> {
        self.def.documents.iter().find(|d| d.id.value == id)
    }

    /// Whether a fact is research scaffolding (a hypothesis, interview material), which only a
    /// document type with `research: true` shows.
    pub fn is_research(&self, fact: &crate::model::Fact) -> bool {
        let r = &self.def.research;
        r.kinds.iter().any(|k| k.value == fact.kind.value)
            || fact
                .tags
                .iter()
                .any(|t| r.tags.iter().any(|x| x.value == t.value))
    }

    /// A string of `lang` by key, as templates print it.
    pub fn string(&self, lang: Lang, key: &str) -> Option<&str> {
        self.language(lang)?
            .strings
            .get(key)
            .map(|s| s.value.as_str())
    }

    pub fn location<T>(&self, spanned: &Spanned<T>) -> Location {
        Location::of(&self.file.path, spanned)
    }

    /// An unknown language id as a located error in `file`, with the catalog's ids as a hint.
    pub fn unknown_lang(&self, file: &SourceFile, id: &Spanned<Lang>) -> Diagnostic {
        unknown(
            file,
            id,
            "language",
            self.def.languages.iter().map(|l| l.id.value.as_str()),
        )
    }

    pub fn unknown_audience(&self, file: &SourceFile, id: &Spanned<Audience>) -> Diagnostic {
        unknown(
            file,
            id,
            "audience",
            self.def.audiences.iter().map(|a| a.id.value.as_str()),
        )
    }

    pub fn unknown_document(&self, file: &SourceFile, id: &Spanned<DocType>) -> Diagnostic {
        unknown(
            file,
            id,
            "document type",
            self.def.documents.iter().map(|d| d.id.value.as_str()),
        )
    }

    /// Checks that a text carries every language of the catalog and no other: `field` names it
    /// in messages (`text`, `title`, `attrs.lead`). A message names the fact or section the
    /// text belongs to, and one about a missing language points at the mapping's first key.
    pub fn check_texts(
        &self,
        file: &SourceFile,
        field: &str,
        texts: &Texts,
        errors: &mut Diagnostics,
    ) {
        let Some(first) = texts.first() else {
            return;
        };
        let complete = texts.iter().all(|(lang, _)| self.language(lang).is_some())
            && self
                .def
                .languages
                .iter()
                .all(|l| texts.spanned(l.id.value).is_some());
        if complete {
            // The common case asks nothing of the file's layout, which is read only to word an
            // error.
            return;
        }
        let here = Location::of(&file.path, first);
        let place = |t: &Spanned<String>| {
            let at = Location::of(&file.path, t);
            file.places().mapping_of_value(at.line, at.column)
        };
        let first_place = place(first);
        let owner = first_place.as_ref().and_then(|p| p.owner.clone());
        let mapping = first_place.as_ref().map(|p| p.first_key);
        // `fact `x`: `text``, or `text` where the text belongs to no record with an id.
        let named = match &owner {
            Some(o) => format!(
                "{} `{}`: `{}`",
                o.what,
                o.id,
                if o.field.is_empty() { field } else { &o.field }
            ),
            None => format!("`{field}`"),
        };
        for (lang, text) in texts.iter() {
            if self.language(lang).is_none() {
                // At the language key, where the unknown id is written.
                let at = match place(text) {
                    Some(p) => Location::new(&file.path, p.key.0, p.key.1),
                    None => Location::of(&file.path, text),
                };
                errors.push(
                    Diagnostic::at(
                        at,
                        format!(
                            "{named} has a `{lang}` text, but the catalog declares no language `{lang}`"
                        ),
                    )
                    .with_source_line(&file.text)
                    .with_hint(format!(
                        "the catalog's languages are {}; declare `{lang}` in {} or remove this text",
                        self.language_list(),
                        path().display()
                    )),
                );
            }
        }
        let at = match mapping {
            Some((line, column)) => Location::new(&file.path, line, column),
            None => here,
        };
        for language in &self.def.languages {
            if texts.spanned(language.id.value).is_none() {
                let present: Vec<String> = texts.iter().map(|(l, _)| format!("`{l}:`")).collect();
                errors.push(
                    Diagnostic::at(
                        at.clone(),
                        format!(
                            "{named} has no text in {} (missing `{}`)",
                            language.name.value, language.id.value
                        ),
                    )
                    .with_source_line(&file.text)
                    .with_hint(format!(
                        "add `{}:` beside {} with the text in {}; every text is written in each language of the catalog",
                        language.id.value,
                        present.join(" and "),
                        language.name.value
                    )),
                );
            }
        }
    }

    fn language_list(&self) -> String {
        self.def
            .languages
            .iter()
            .map(|l| format!("`{}`", l.id.value))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn unknown<T: std::fmt::Display>(
    file: &SourceFile,
    id: &Spanned<T>,
    what: &str,
    known: impl Iterator<Item = &'static str> + Clone,
) -> Diagnostic {
    let wanted = id.value.to_string();
    let list: Vec<&str> = known.clone().collect();
    let hint = match crate::validate::did_you_mean(&wanted, known) {
        Some(near) => format!("did you mean `{near}`? (declared in {})", path().display()),
        None => format!(
            "the catalog ({}) declares: {}",
            path().display(),
            list.join(", ")
        ),
    };
    Diagnostic::at(
        Location::of(&file.path, id),
        format!("unknown {what} `{wanted}`"),
    )
    .with_source_line(&file.text)
    .with_hint(hint)
}

/// Checks a parsed catalog: ids well-formed and unique, every reference between its parts
/// declared, month names and date patterns complete, texts in every language.
pub fn check(file: SourceFile, def: CatalogFile) -> Result<Catalog, Diagnostics> {
    let mut errors = Diagnostics::new();
    let catalog = Catalog { def, file };
    let c = &catalog;
    let err = |errors: &mut Diagnostics, at: Location, message: String| {
        errors.push(Diagnostic::at(at, message).with_source_line(&c.file.text));
    };
    if c.def.languages.is_empty() {
        errors.push(Diagnostic::global(format!(
            "{} declares no language",
            path().display()
        )));
    }
    unique(
        c,
        "language",
        c.def.languages.iter().map(|l| &l.id),
        &mut errors,
    );
    unique(
        c,
        "audience",
        c.def.audiences.iter().map(|a| &a.id),
        &mut errors,
    );
    unique(
        c,
        "document type",
        c.def.documents.iter().map(|d| &d.id),
        &mut errors,
    );
    for language in &c.def.languages {
        let at = |s| c.location(s);
        let id = language.id.value.as_str();
        if !(2..=3).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_lowercase()) {
            err(
                &mut errors,
                at(&language.id),
                format!(
                    "language id `{id}` is not a BCP 47 primary language subtag (two or three lowercase letters: `es`, `pt`)"
                ),
            );
        }
        let region = &language.region.value;
        let region_ok = (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase()))
            || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()));
        if !region_ok {
            err(
                &mut errors,
                c.location(&language.region),
                format!(
                    "region `{region}` of language `{id}` is not a BCP 47 region subtag (two capital letters: `PE`, `BR`)"
                ),
            );
        }
        if language.months.value.len() != 12
            || language.months.value.iter().any(|m| m.trim().is_empty())
        {
            err(
                &mut errors,
                c.location(&language.months),
                format!(
                    "language `{id}` lists {} month names: write all twelve, January first",
                    language.months.value.len()
                ),
            );
        }
        for (pattern, needs) in [
            (&language.dates.day, &["{day}", "{month}", "{year}"][..]),
            (&language.dates.month, &["{month}", "{year}"][..]),
        ] {
            for part in needs {
                if !pattern.value.contains(part) {
                    err(
                        &mut errors,
                        c.location(pattern),
                        format!(
                            "the date pattern {:?} of language `{id}` has no `{part}`",
                            pattern.value
                        ),
                    );
                }
            }
        }
        for sep in [&language.numbers.decimal, &language.numbers.group] {
            if sep.value.chars().count() != 1 {
                err(
                    &mut errors,
                    c.location(sep),
                    format!("a number separator is one character, not {:?}", sep.value),
                );
            }
        }
        for key in REQUIRED_STRINGS {
            if !language.strings.contains_key(*key) {
                errors.push(
                    Diagnostic::at(
                        c.location(&language.id),
                        format!("language `{id}` has no string `{key}`"),
                    )
                    .with_source_line(&c.file.text)
                    .with_hint(format!(
                        "add `{key}:` under its `strings:`; every language declares the strings brief prints itself ({})",
                        REQUIRED_STRINGS.join(", ")
                    )),
                );
            }
        }
    }
    // Peru's marking toward an external reader is declared in every language or in none: a
    // language without it would print the translated level ("RESTRICTED") to a counterpart.
    let external_keys: BTreeSet<&str> = c
        .def
        .languages
        .iter()
        .flat_map(|l| l.strings.keys())
        .filter(|k| k.starts_with("marking-external."))
        .map(String::as_str)
        .collect();
    for language in &c.def.languages {
        for key in &external_keys {
            if !language.strings.contains_key(*key) {
                errors.push(
                    Diagnostic::at(
                        c.location(&language.id),
                        format!(
                            "language `{}` has no string `{key}`, which another language declares",
                            language.id.value
                        ),
                    )
                    .with_source_line(&c.file.text)
                    .with_hint(format!(
                        "add `{key}:` under its `strings:`: without it this language's documents for an external reader print the translated marking"
                    )),
                );
            }
        }
    }
    // A marking is printed in the banner at the top and foot of every page, twice over in a
    // parallel text: a long one ran off the page and lost the level's own word.
    for language in &c.def.languages {
        for (key, value) in &language.strings {
            let marking = key.starts_with("marking.") || key.starts_with("marking-external.");
            let length = value.value.chars().count();
            if marking && length > MAX_MARKING {
                errors.push(
                    Diagnostic::at(
                        c.location(value),
                        format!(
                            "the marking `{key}` of language `{}` is {length} characters long; a marking has at most {MAX_MARKING}",
                            language.id.value
                        ),
                    )
                    .with_source_line(&c.file.text)
                    .with_hint("it is printed in every page's banner, twice in a parallel text: name the level, and the State where it is read abroad"),
                );
            }
        }
    }
    for document in &c.def.documents {
        if let Some(floor) = &document.marking_floor {
            c.check_texts(&c.file, "marking-floor.reason", &floor.reason, &mut errors);
        }
    }
    for audience in &c.def.audiences {
        check_slug(c, &audience.id, &mut errors);
        c.check_texts(&c.file, "name", &audience.name, &mut errors);
    }
    if let Some(source) = &c.def.source_language
        && c.language(source.value).is_none()
    {
        errors.push(c.unknown_lang(&c.file, source));
    }
    for document in &c.def.documents {
        check_slug(c, &document.id, &mut errors);
        c.check_texts(&c.file, "name", &document.name, &mut errors);
        if document.audiences.is_empty() {
            err(
                &mut errors,
                c.location(&document.id),
                format!("document type `{}` serves no audience", document.id.value),
            );
        }
        for a in &document.audiences {
            if c.audience(a.value).is_none() {
                errors.push(c.unknown_audience(&c.file, a));
            }
        }
        for l in document.languages.iter().flatten() {
            if c.language(l.value).is_none() {
                errors.push(c.unknown_lang(&c.file, l));
            }
        }
        if let Some(parallel) = &document.parallel {
            let langs = &parallel.languages.value;
            for l in langs {
                if c.language(l.value).is_none() {
                    errors.push(c.unknown_lang(&c.file, l));
                }
            }
            let distinct: BTreeSet<Lang> = langs.iter().map(|l| l.value).collect();
            if langs.len() != 2 || distinct.len() != 2 {
                err(
                    &mut errors,
                    c.location(&parallel.languages),
                    "a parallel text sets two different languages side by side".to_owned(),
                );
            }
        }
        for rule in &document.wording {
            if c.language(rule.lang.value).is_none() {
                errors.push(c.unknown_lang(&c.file, &rule.lang));
            }
            if rule.words.value.trim().is_empty() {
                err(
                    &mut errors,
                    c.location(&rule.words),
                    "a wording rule needs the words it forbids".to_owned(),
                );
            }
        }
        if let Some(max) = &document.max_pages
            && max.value == 0
        {
            err(
                &mut errors,
                c.location(max),
                "`max-pages` must be at least 1".to_owned(),
            );
        }
    }
    crate::catalog_printed::check(c, &mut errors);
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}

fn check_slug<T: std::fmt::Display>(c: &Catalog, id: &Spanned<T>, errors: &mut Diagnostics) {
    let value = id.value.to_string();
    if !crate::validate::is_slug(&value, 40) {
        errors.push(
            Diagnostic::at(c.location(id), format!("invalid id {value:?}"))
                .with_source_line(&c.file.text)
                .with_hint("use lowercase ASCII letters, digits and '-', at most 40 characters"),
        );
    }
}

fn unique<'a, T: std::fmt::Display + 'a>(
    c: &Catalog,
    what: &str,
    ids: impl Iterator<Item = &'a Spanned<T>>,
    errors: &mut Diagnostics,
) {
    let mut seen: Vec<(String, &Spanned<T>)> = Vec::new();
    for id in ids {
        let value = id.value.to_string();
        if let Some((_, first)) = seen.iter().find(|(v, _)| *v == value) {
            errors.push(
                Diagnostic::at(c.location(id), format!("duplicate {what} id `{value}`"))
                    .with_source_line(&c.file.text)
                    .with_hint(format!(
                        "first declared at line {}; each id is declared once",
                        first.referenced.line()
                    )),
            );
        } else {
            seen.push((value, id));
        }
    }
}

/// The shipped project's catalog, for unit tests of what reads it.
#[cfg(test)]
pub fn shipped() -> Catalog {
    let file = SourceFile::new(path(), include_str!("../templates/catalog.yaml"));
    let def = crate::load::parse_yaml::<CatalogFile>(&file).expect("the shipped catalog parses");
    check(file, def).expect("the shipped catalog is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct File {
        facts: Vec<Record>,
    }

    #[derive(serde::Deserialize)]
    struct Record {
        #[allow(dead_code)]
        id: String,
        text: Texts,
    }

    /// A file of many texts is read for its layout at most once, and only when a message needs
    /// it: asking where each text is used to read the whole file again per text, which made one
    /// data file of 1,000 facts take 21 s to check.
    #[test]
    fn texts_are_placed_from_one_reading_of_their_file() {
        let catalog = shipped();
        let check = |text: String| {
            let file = SourceFile::new("data/many.yaml", text);
            let parsed: File = crate::load::parse_yaml(&file).unwrap();
            crate::yaml_path::READS.with(|r| r.set(0));
            let mut errors = Diagnostics::new();
            for record in &parsed.facts {
                catalog.check_texts(&file, "text", &record.text, &mut errors);
            }
            (errors, crate::yaml_path::READS.with(|r| r.get()))
        };
        let mut complete = String::from("facts:\n");
        let mut missing = String::from("facts:\n");
        for i in 0..400 {
            complete.push_str(&format!("  - id: f{i}\n    text: {{es: uno, en: one}}\n"));
            missing.push_str(&format!("  - id: f{i}\n    text:\n      es: uno\n"));
        }
        let (errors, reads) = check(complete);
        assert!(errors.is_empty());
        assert_eq!(
            reads, 0,
            "a complete text asks nothing of the file's layout"
        );
        let (errors, reads) = check(missing);
        assert_eq!(errors.len(), 400);
        assert_eq!(reads, 1);
        let last = errors.last().unwrap().to_string();
        assert!(
            last.contains("fact `f399`: `text` has no text in English"),
            "{last}"
        );
        assert!(last.contains("data/many.yaml:1201:7"), "{last}");
    }
}
