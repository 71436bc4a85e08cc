//! Importing an XLIFF file: every unit is checked first (known id and field, the source still
//! the current source text, no unit twice, a target free of control and bidirectional
//! characters); any error refuses the whole file, located in it, and nothing is changed.
//! Otherwise each changed target is written into its YAML scalar in place, each file re-read to
//! prove that exactly those texts changed, and the translations are confirmed in the lock.

use super::lock::Lock;
use super::xliff::Document;
use super::{hash, named_texts, yaml_edit};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{FactFile, Lang};
use crate::project::SourceFile;
use crate::validate::Dataset;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What an import would do, ready to write.
#[derive(Debug, Default)]
pub struct Plan {
    /// Data files whose new text differs: project-relative path and text.
    pub files: Vec<(PathBuf, String)>,
    /// The lock file's new text, when it changes.
    pub lock: Option<String>,
    /// One line per translation written: `path:line:col: fact `id` field (lang)`.
    pub changed: Vec<String>,
    /// How many translations the import confirmed (new hash recorded).
    pub confirmed: usize,
    /// Units in state `initial` whose target differs from the data, not imported.
    pub skipped: Vec<String>,
}

/// An accepted unit: the fact, field, the new target text, and whether to confirm it.
struct Accepted {
    fact: String,
    field: String,
    target: String,
    confirm: bool,
    source_hash: String,
}

/// Checks `doc` against the dataset and plans the import into language `trgLang`.
/// With `audience`, a unit for a fact not cleared for it is refused: the file went to a
/// translator for that audience, who was never sent the fact.
pub fn plan(
    dataset: &Dataset,
    lock: &Lock,
    doc: &Document,
    audience: Option<crate::model::Audience>,
) -> Result<Plan, Diagnostics> {
    let mut errors = Diagnostics::new();
    let Some(source) = dataset.catalog.source_language() else {
        return Err(vec![Diagnostic::global("the catalog declares no language")]);
    };
    if doc.src_lang.0 != source.as_str() {
        errors.push(Diagnostic::at(
            doc.src_lang.1.clone(),
            format!(
                "`srcLang` is `{}`, but the project's source language is `{source}`",
                doc.src_lang.0
            ),
        ));
    }
    let target = dataset
        .catalog
        .languages()
        .map(|l| l.id.value)
        .find(|l| l.as_str() == doc.trg_lang.0 && *l != source);
    let Some(target): Option<Lang> = target else {
        errors.push(Diagnostic::at(
            doc.trg_lang.1.clone(),
            format!(
                "`trgLang` `{}` is not a language the catalog translates into",
                doc.trg_lang.0
            ),
        ));
        return Err(errors);
    };
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    let mut accepted = Vec::new();
    let mut skipped = Vec::new();
    for unit in &doc.units {
        if let Some(first) = seen.insert(&unit.id, &unit.at) {
            errors.push(
                Diagnostic::at(unit.at.clone(), format!("unit `{}` appears twice", unit.id))
                    .with_hint(format!("first at {first}")),
            );
            continue;
        }
        let (fact_id, field_name) = unit.id.split_once('.').unwrap_or((&unit.id, ""));
        let Some(record) = dataset.fact(fact_id) else {
            let near = crate::validate::did_you_mean(fact_id, dataset.facts.iter().map(|r| r.id()))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            errors.push(Diagnostic::at(
                unit.at.clone(),
                format!(
                    "unknown unit `{}`: no fact has the id `{fact_id}`{near}",
                    unit.id
                ),
            ));
            continue;
        };
        if let Some(a) = audience
            && !crate::select::cleared(&dataset.catalog, record, a)
        {
            errors.push(Diagnostic::at(
                unit.at.clone(),
                format!(
                    "unit `{}`: fact `{fact_id}` is not cleared for `{a}`, the audience this file was exported for; it cannot change it",
                    unit.id
                ),
            ));
            continue;
        }
        let fields = named_texts(&record.fact);
        let Some((_, texts)) = fields.iter().find(|(n, _)| n == field_name) else {
            let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
            errors.push(Diagnostic::at(
                unit.at.clone(),
                format!(
                    "unknown unit `{}`: fact `{fact_id}` has no translatable field `{field_name}` (it has {})",
                    unit.id,
                    names.join(", ")
                ),
            ));
            continue;
        };
        let current_source = texts.get(source);
        match &unit.source {
            None => {
                errors.push(Diagnostic::at(
                    unit.at.clone(),
                    format!("unit `{}` has no `<source>`", unit.id),
                ));
                continue;
            }
            Some((text, at)) if text != current_source => {
                errors.push(
                    Diagnostic::at(
                        at.clone(),
                        format!(
                            "the source of unit `{}` is not the current `{source}` text of fact `{fact_id}` `{field_name}`",
                            unit.id
                        ),
                    )
                    .with_hint(format!(
                        "the {source} text changed since the file was exported (or the source was edited in the CAT tool); export again: it is now {}",
                        Location::of(&record.file, texts.spanned(source).expect("source text"))
                    )),
                );
                continue;
            }
            Some(_) => {}
        }
        if !matches!(
            unit.state.as_str(),
            "initial" | "translated" | "reviewed" | "final"
        ) {
            errors.push(Diagnostic::at(
                unit.state_at.clone(),
                format!(
                    "unit `{}`: unknown state `{}` (initial, translated, reviewed or final)",
                    unit.id, unit.state
                ),
            ));
            continue;
        }
        let Some(t) = &unit.target else {
            if unit.state != "initial" {
                errors.push(Diagnostic::at(
                    unit.at.clone(),
                    format!(
                        "unit `{}` is `{}` but has no `<target>`",
                        unit.id, unit.state
                    ),
                ));
            }
            continue;
        };
        if let Some((c, what, at)) = &t.forbidden {
            errors.push(Diagnostic::at(
                at.clone(),
                format!(
                    "the target of unit `{}` contains the {what} character U+{:04X}",
                    unit.id, *c as u32
                ),
            ));
            continue;
        }
        if t.text.trim().is_empty() {
            errors.push(Diagnostic::at(
                t.at.clone(),
                format!("the target of unit `{}` is empty", unit.id),
            ));
            continue;
        }
        // The limit every text of the data is held to: a longer target would leave a data
        // file the next run refuses to load.
        let chars = t.text.chars().count();
        if chars > crate::validate::MAX_TEXT_CHARS {
            errors.push(Diagnostic::at(
                t.at.clone(),
                format!(
                    "the target of unit `{}` is {chars} characters long; a text may have at most {}",
                    unit.id,
                    crate::validate::MAX_TEXT_CHARS
                ),
            ));
            continue;
        }
        let current = texts.get(target);
        if unit.state == "initial" {
            if t.text != current {
                skipped.push(format!(
                    "{}: unit `{}` is in state `initial`; its target was not imported",
                    t.at, unit.id
                ));
            }
            continue;
        }
        let changed = t.text != current;
        accepted.push(Accepted {
            fact: fact_id.to_owned(),
            field: field_name.to_owned(),
            target: t.text.clone(),
            confirm: changed || matches!(unit.state.as_str(), "reviewed" | "final"),
            source_hash: hash(current_source),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut plan = Plan {
        skipped,
        ..Plan::default()
    };
    let mut new_lock = lock.clone();
    // Edits by data file: (fact, field) → new text.
    let mut by_file: BTreeMap<PathBuf, Vec<&Accepted>> = BTreeMap::new();
    for a in &accepted {
        if a.confirm {
            new_lock.set(&a.fact, &a.field, target.as_str(), a.source_hash.clone());
        }
        let record = dataset.fact(&a.fact).expect("checked above");
        let texts = named_texts(&record.fact);
        let (_, bi) = texts.iter().find(|(n, _)| *n == a.field).expect("checked");
        if bi.get(target) != a.target {
            by_file.entry(record.file.clone()).or_default().push(a);
        }
    }
    for (path, edits) in by_file {
        let file = dataset
            .fact_sources
            .iter()
            .find(|s| s.path == path)
            .ok_or_else(|| {
                vec![Diagnostic::global(format!(
                    "{} was not read",
                    path.display()
                ))]
            })?;
        let text = edit_file(file, &edits, target)?;
        for a in &edits {
            let record = dataset.fact(&a.fact).expect("checked");
            let texts = named_texts(&record.fact);
            let (_, bi) = texts.iter().find(|(n, _)| *n == a.field).expect("checked");
            let at = Location::of(&record.file, bi.spanned(target).expect("target"));
            plan.changed
                .push(format!("{at}: fact `{}` `{}` ({target})", a.fact, a.field));
        }
        plan.files.push((path, text));
    }
    plan.confirmed = accepted
        .iter()
        .filter(|a| {
            a.confirm && lock.get(&a.fact, &a.field, target.as_str()) != Some(&a.source_hash)
        })
        .count();
    if new_lock != *lock {
        plan.lock = Some(new_lock.render());
    }
    Ok(plan)
}

/// The text of `file` with each accepted target written in place, proven by reading it back:
/// every fact's every text is as before except the edited ones, which read as imported. When
/// a style-keeping edit does not read back, every edit of the file is written double-quoted.
fn edit_file(file: &SourceFile, edits: &[&Accepted], target: Lang) -> Result<String, Diagnostics> {
    let before: FactFile = crate::load::parse_yaml(file).map_err(|d| vec![d])?;
    let mut expected = texts_of(&before);
    for a in edits {
        expected.insert((a.fact.clone(), a.field.clone(), target), a.target.clone());
    }
    let mut problem = String::new();
    for keep_style in [true, false] {
        let mut replacements = Vec::new();
        for a in edits {
            let fact = before
                .facts
                .iter()
                .find(|f| f.id.value == a.fact)
                .expect("checked");
            let texts = named_texts(fact);
            let (_, bi) = texts.iter().find(|(n, _)| *n == a.field).expect("checked");
            let spanned = bi.spanned(target).expect("target");
            let scalar = yaml_edit::scalar_at(
                &file.text,
                spanned.referenced.line() as usize,
                spanned.referenced.column() as usize,
            )
            .ok_or_else(|| {
                vec![Diagnostic::at(
                    Location::of(&file.path, spanned),
                    "cannot find this text's scalar in the file to replace it",
                )]
            })?;
            let written = if keep_style {
                yaml_edit::render(&file.text, &scalar, &a.target)
            } else {
                yaml_edit::double_quoted(&a.target)
            };
            replacements.push((scalar.bytes, written));
        }
        let text = yaml_edit::apply(&file.text, replacements);
        let after = SourceFile::new(file.path.clone(), text.clone());
        match crate::load::parse_yaml::<FactFile>(&after) {
            Ok(parsed) => {
                let got = texts_of(&parsed);
                if got == expected {
                    return Ok(text);
                }
                let differs = expected
                    .iter()
                    .find(|(k, v)| got.get(*k) != Some(*v))
                    .map(|((fact, field, lang), _)| format!("fact `{fact}` `{field}` ({lang})"))
                    .unwrap_or_else(|| "a text".to_owned());
                problem = format!("{differs} reads back differently");
            }
            Err(d) => problem = format!("the file no longer parses: {}", d.message),
        }
    }
    Err(vec![Diagnostic::global(format!(
        "internal error: the translations imported into {} do not read back as written ({problem}); nothing was changed",
        file.path.display()
    ))])
}

/// Every text of every fact of a file, by `(fact, field, language)`.
fn texts_of(file: &FactFile) -> BTreeMap<(String, String, Lang), String> {
    let mut out = BTreeMap::new();
    for fact in &file.facts {
        for (field, texts) in named_texts(fact) {
            for (lang, s) in texts.iter() {
                out.insert(
                    (fact.id.value.clone(), field.clone(), lang),
                    s.value.clone(),
                );
            }
        }
    }
    out
}
