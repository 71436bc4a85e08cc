//! Stage 1: read `data/*.yaml` and `briefs/*.yaml` into typed values. Parsing is strict: unknown
//! fields, duplicate keys, anchors, aliases, merge keys and YAML 1.1 booleans (`yes`, `no`) are
//! errors located at their line and column. Every file is read; every error is reported.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::catalog::CatalogFile;
use crate::model::{BriefDef, FactFile};
use crate::project::{Project, SourceFile};
use serde::de::DeserializeOwned;
use std::path::PathBuf;

/// The bibliography file, in Hayagriva YAML.
pub const BIBLIOGRAPHY: &str = "sources.yaml";

/// Everything the project's YAML says, parsed but not yet cross-checked.
#[derive(Debug)]
pub struct Inputs {
    /// `templates/catalog.yaml`: the languages, audiences and document types.
    pub catalog: (SourceFile, CatalogFile),
    pub fact_files: Vec<(SourceFile, FactFile)>,
    pub briefs: Vec<(SourceFile, BriefDef)>,
    pub bibliography: Option<(SourceFile, Bibliography)>,
}

pub use crate::bibliography::Bibliography;

/// How deeply any project YAML file may nest.
const MAX_DEPTH: usize = 24;

/// The parser settings every project YAML file is read with.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        merge_keys: serde_saphyr::MergeKeyPolicy::Error,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_anchors: 0,
            max_aliases: 0,
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_nodes: 200_000,
        },
    }
}

/// The first character in `file` that no text may hold (a control other than a line end, or
/// invisible formatting), as a located error. A byte-order mark at the start is allowed.
fn hidden_character(file: &SourceFile) -> Option<Diagnostic> {
    let text = file.text.strip_prefix('\u{FEFF}').unwrap_or(&file.text);
    let skipped = file.text.len() - text.len();
    let (offset, c, what) = text.char_indices().find_map(|(i, c)| {
        (c != '\r')
            .then(|| crate::policy::chars::forbidden_char(c))
            .flatten()
            .map(|what| (i, c, what))
    })?;
    let (line, column) = crate::diag::line_column(&file.text, skipped + offset);
    Some(
        Diagnostic::at(
            Location::new(&file.path, line, column),
            format!("the {what} character U+{:04X} is not allowed", c as u32),
        )
        .with_source_line(&file.text),
    )
}

/// Parses one YAML document into `T`, turning parser errors into located diagnostics.
pub fn parse_yaml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(&file.text, options())
        .map_err(|e| yaml_diagnostic(file, &e))
}

fn yaml_diagnostic(file: &SourceFile, err: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = err
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((1, 1));
    let located = Location::new(&file.path, line, column);
    if let serde_saphyr::Error::SerdeMissingField { field, .. } = err.without_snippet() {
        return missing_field(file, located, field);
    }
    Diagnostic::at(located, message(err)).with_source_line(&file.text)
}

/// A required field left out, said with the fact (or section, or brief) and field it is missing
/// from, which the parser does not say; a missing translation says what to add beside what.
fn missing_field(file: &SourceFile, at: Location, field: &str) -> Diagnostic {
    let owner = file.places().owner(at.line, at.column);
    let translation = match field {
        "en" => Some(("English", "es")),
        "es" => Some(("Spanish", "en")),
        _ => None,
    };
    let message = match (&owner, translation) {
        (Some(o), Some((language, _))) if !o.field.is_empty() => format!(
            "{} `{}`: `{}` has no {language} text (missing field `{field}`)",
            o.what, o.id, o.field
        ),
        (Some(o), _) if o.field.is_empty() => {
            format!("{} `{}`: missing field `{field}`", o.what, o.id)
        }
        (Some(o), _) => format!(
            "{} `{}`: `{}` is missing the field `{field}`",
            o.what, o.id, o.field
        ),
        (None, _) => format!("missing field `{field}`"),
    };
    let diagnostic = Diagnostic::at(at, message).with_source_line(&file.text);
    match translation {
        Some((language, beside)) => diagnostic.with_hint(format!(
            "add `{field}:` beside `{beside}:` with the {language} text; every text is written in both languages"
        )),
        None => diagnostic,
    }
}

/// The parser's error in the words of a person editing the file: the refusals our options
/// cause are explained from the error itself; every other message is the parser's own.
fn message(err: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    match err.without_snippet() {
        Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("duplicate key `{key}`: a key may appear once in a mapping")
        }
        Error::DuplicateMappingKey { key: None, .. } => {
            "duplicate key: a key may appear once in a mapping".to_owned()
        }
        Error::MergeKeyNotAllowed { .. } => {
            "YAML merge keys (`<<`) are not allowed: write each field out in full".to_owned()
        }
        Error::Budget {
            breach: BudgetBreach::Anchors { .. } | BudgetBreach::Aliases { .. },
            ..
        } => "YAML anchors (`&name`) and aliases (`*name`) are not allowed: write each value out in full"
            .to_owned(),
        Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => format!("nesting deeper than {MAX_DEPTH} levels is not allowed"),
        Error::Budget { breach, .. } => format!("the file is over a parser limit ({breach:?})"),
        other => {
            let text = plain_message(&other.to_string());
            if text == "recursion limit exceeded" {
                "nesting too deep (recursion limit exceeded): brief data is a few levels deep"
                    .to_owned()
            } else if text == "expected string scalar" {
                // Said where a text (a title, one language of a text) is written as a mapping
                // or a list.
                "expected a string here, not a mapping or a list".to_owned()
            } else {
                text
            }
        }
    }
}

/// serde-saphyr appends " at line N column M" to its messages; the location is printed already.
fn plain_message(text: &str) -> String {
    let first = text.lines().next().unwrap_or(text);
    let trimmed = match first.rfind(" at line ") {
        Some(i) if first[i..].contains("column") => &first[..i],
        _ => first,
    };
    trimmed.trim_start_matches("error: ").to_owned()
}

/// Whether parsed fact files are kept for reuse: only a long-lived process (`watch`) gains from
/// it; a one-shot run would hold a second copy of the whole fact base while it typesets.
static KEEP_PARSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Keeps each parsed fact file for the rest of the process, so that a later load re-parses only
/// the files whose text changed. For long-lived processes only: it costs a copy of the facts.
pub fn keep_parsed_files() {
    KEEP_PARSED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Parses a fact file, reusing the result of an earlier parse of the same text in this process
/// when [`keep_parsed_files`] was called: in `watch`, an edit to one file then re-parses that
/// file only.
fn parse_fact_file(file: &SourceFile) -> Result<FactFile, Diagnostic> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static PARSED: OnceLock<Mutex<HashMap<PathBuf, (String, FactFile)>>> = OnceLock::new();
    if !KEEP_PARSED.load(std::sync::atomic::Ordering::Relaxed) {
        return parse_yaml::<FactFile>(file);
    }
    let cache = PARSED.get_or_init(Default::default);
    if let Some((text, parsed)) = cache.lock().expect("cache lock").get(&file.path)
        && *text == file.text
    {
        return Ok(parsed.clone());
    }
    let parsed = parse_yaml::<FactFile>(file)?;
    cache
        .lock()
        .expect("cache lock")
        .insert(file.path.clone(), (file.text.clone(), parsed.clone()));
    Ok(parsed)
}

/// Reads and parses every input file, reporting all problems found.
pub fn load(project: &Project) -> Result<Inputs, Diagnostics> {
    let mut errors = Diagnostics::new();
    let mut fact_files = Vec::new();
    let mut briefs = Vec::new();
    let mut bibliography = None;

    let catalog_path = project.dir("templates").join(crate::catalog::FILE);
    let catalog = match project.read_text(&catalog_path) {
        Ok(file) => match hidden_character(&file) {
            Some(d) => {
                errors.push(d);
                None
            }
            None => match parse_yaml::<CatalogFile>(&file) {
                Ok(def) => Some((file, def)),
                Err(d) => {
                    errors.push(d);
                    None
                }
            },
        },
        Err(d) if std::fs::symlink_metadata(&catalog_path).is_ok() => {
            errors.push(d);
            None
        }
        Err(_) => {
            errors.push(Diagnostic::global(format!(
                "{} is missing: it declares the languages, audiences and document types the briefs use",
                crate::catalog::path().display()
            )));
            None
        }
    };

    let data_files = project
        .list("data", &[".yaml", ".yml"])
        .map_err(|d| vec![d])?;
    for path in data_files {
        let is_bibliography = path.file_name().is_some_and(|n| n == BIBLIOGRAPHY);
        let file = match project.read_text(&path) {
            Ok(f) => f,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        if is_bibliography {
            // Fact texts are checked field by field in validation; the bibliography's texts,
            // which the bibliography's YAML strings hold, are checked as written.
            if let Some(d) = hidden_character(&file) {
                errors.push(d);
                continue;
            }
            match parse_yaml::<Bibliography>(&file) {
                Ok(b) => bibliography = Some((file, b)),
                Err(d) => errors.push(d),
            }
        } else {
            match parse_fact_file(&file) {
                Ok(f) => fact_files.push((file, f)),
                Err(d) => errors.push(d),
            }
        }
    }

    let brief_files = project
        .list("briefs", &[".yaml", ".yml"])
        .map_err(|d| vec![d])?;
    if brief_files.is_empty() {
        errors.push(Diagnostic::global(
            "no brief definitions: briefs/ has no .yaml file",
        ));
    }
    for path in brief_files {
        match project
            .read_text(&path)
            .and_then(|file| parse_yaml::<BriefDef>(&file).map(|b| (file, b)))
        {
            Ok(pair) => briefs.push(pair),
            Err(d) => errors.push(d),
        }
    }

    match catalog {
        Some(catalog) if errors.is_empty() => Ok(Inputs {
            catalog,
            fact_files,
            briefs,
            bibliography,
        }),
        _ => Err(errors),
    }
}

/// The project-relative path of the bibliography, for messages and Typst diagnostics.
pub fn bibliography_path() -> PathBuf {
    PathBuf::from("data").join(BIBLIOGRAPHY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_say_what_to_do() {
        let file = |text: &str| SourceFile::new("data/x.yaml", text);
        let said = |text: &str| {
            let f = file(text);
            parse_yaml::<serde_json::Value>(&f)
                .unwrap_err()
                .to_string()
                .lines()
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            said("a: 1\na: 2\n"),
            "data/x.yaml:2:1: error: duplicate key `a`: a key may appear once in a mapping"
        );
        assert!(said("a: &x 1\n").contains("anchors (`&name`)"));
        assert!(said("a: {<<: {b: 1}}\n").contains("merge keys (`<<`)"));
        let deep = format!("a: {}{}\n", "[".repeat(40), "]".repeat(40));
        assert!(said(&deep).contains("nesting"), "{}", said(&deep));
    }
}
