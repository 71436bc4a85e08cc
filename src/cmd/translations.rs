//! `brief translations confirm|export|import`: the translation state in
//! `data/translations.lock`, and XLIFF 2.0 files for CAT tools.

use crate::cli::{ConfirmArgs, ExportArgs, ImportArgs, TranslationsCommand};
use crate::emit::Staging;
use crate::error::{Failure, Result};
use crate::model::Lang;
use crate::pipeline;
use crate::project::Project;
use crate::translations::{self, import, lock, lock::Lock, xliff};
use crate::validate::Dataset;

/// Largest XLIFF file import reads.
const MAX_XLIFF: u64 = 64 * 1024 * 1024;

pub fn run(project: &Project, command: &TranslationsCommand) -> Result<()> {
    match command {
        TranslationsCommand::Confirm(args) => confirm(project, args),
        TranslationsCommand::Export(args) => export(project, args),
        TranslationsCommand::Import(args) => import(project, args),
    }
}

fn read_lock(project: &Project) -> Result<Lock> {
    Lock::read(project).map_err(|d| Failure::Invalid(vec![d]))
}

/// The languages translated from the source language, or the one asked for.
fn targets(dataset: &Dataset, asked: &[String]) -> Result<Vec<Lang>> {
    let source = dataset.catalog.source_language();
    let all: Vec<Lang> = dataset
        .catalog
        .languages()
        .map(|l| l.id.value)
        .filter(|&l| Some(l) != source)
        .collect();
    if asked.is_empty() {
        return Ok(all);
    }
    asked
        .iter()
        .map(|wanted| {
            all.iter()
                .copied()
                .find(|l| l.as_str() == wanted)
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "`{wanted}` is not a language the project translates into (languages: {})",
                        all.iter()
                            .map(|l| l.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
        })
        .collect()
}

/// Writes the lock file atomically.
fn write_lock(project: &Project, text: &str) -> Result<()> {
    crate::emit::write_atomic(
        &project.root().join(lock::path()),
        &lock::path(),
        text.as_bytes(),
    )
}

fn confirm(project: &Project, args: &ConfirmArgs) -> Result<()> {
    let dataset = pipeline::load_dataset(project)?;
    let mut lock = read_lock(project)?;
    let langs = targets(&dataset, &args.langs)?;
    let source = dataset
        .catalog
        .source_language()
        .ok_or_else(|| Failure::Internal("the catalog declares no language".into()))?;
    for id in &args.facts {
        if dataset.fact(id).is_none() {
            let near = crate::validate::did_you_mean(id, dataset.facts.iter().map(|r| r.id()))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            return Err(Failure::Usage(format!("no fact has the id `{id}`{near}")));
        }
    }
    let before = lock.clone();
    if args.all {
        let exists: std::collections::BTreeSet<(String, String)> = translations::fields(&dataset)
            .iter()
            .map(|f| (f.fact().to_owned(), f.name.clone()))
            .collect();
        lock.retain(|fact, field, _| exists.contains(&(fact.to_owned(), field.to_owned())));
    }
    let mut confirmed = 0;
    for field in translations::fields(&dataset) {
        if !args.all && !args.facts.iter().any(|f| f == field.fact()) {
            continue;
        }
        let Some(src) = field.text(source) else {
            continue;
        };
        for &lang in &langs {
            if field.text(lang).is_none() {
                continue;
            }
            let hash = translations::hash(&src.value);
            if lock.get(field.fact(), &field.name, lang.as_str()) != Some(hash.as_str()) {
                confirmed += 1;
            }
            lock.set(field.fact(), &field.name, lang.as_str(), hash);
        }
    }
    let on_disk = std::fs::read_to_string(project.root().join(lock::path())).ok();
    let text = lock.render();
    if lock != before || on_disk.as_deref() != Some(text.as_str()) {
        write_lock(project, &text)?;
    }
    say!(
        "confirmed {confirmed} translation(s); {} recorded in {}",
        lock.len(),
        lock::path().display()
    );
    Ok(())
}

fn export(project: &Project, args: &ExportArgs) -> Result<()> {
    let dataset = pipeline::load_dataset(project)?;
    let lock = read_lock(project)?;
    let [lang] = targets(&dataset, std::slice::from_ref(&args.to))?[..] else {
        unreachable!("one language asked for");
    };
    let audience = audience_named(&dataset, args.audience.as_deref())?;
    match xliff::export(&dataset, &lock, lang, args.stale_only, audience) {
        Some(xml) => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(xml.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| Failure::Io(format!("cannot write the XLIFF file: {e}")))?;
        }
        None => say!("no translation to export: every translation into `{lang}` is confirmed"),
    }
    Ok(())
}

fn import(project: &Project, args: &ImportArgs) -> Result<()> {
    let bytes = crate::project::read_regular(&args.file, MAX_XLIFF)
        .map_err(|r| Failure::NoInput(r.located(&args.file)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            crate::diag::line_column(&text, valid)
        };
        Failure::Invalid(vec![crate::diag::Diagnostic::at(
            crate::diag::Location::new(&args.file, line, column),
            "the XLIFF file is not valid UTF-8",
        )])
    })?;
    let doc = xliff::parse(&args.file, &text).map_err(|d| Failure::Invalid(vec![d]))?;
    let dataset = pipeline::load_dataset(project)?;
    let lock = read_lock(project)?;
    let audience = audience_named(&dataset, args.audience.as_deref())?;
    let plan = import::plan(&dataset, &lock, &doc, audience).map_err(|errors| {
        Failure::Invalid(
            errors
                .into_iter()
                .map(|d| match &d.location {
                    Some(l) if l.path == args.file => d.with_source_line(&text),
                    _ => d,
                })
                .collect(),
        )
    })?;
    let mut staging = Staging::default();
    for (path, text) in &plan.files {
        staging.stage(&project.root().join(path), path, text.as_bytes())?;
    }
    if let Some(text) = &plan.lock {
        staging.stage(
            &project.root().join(lock::path()),
            &lock::path(),
            text.as_bytes(),
        )?;
    }
    staging.commit()?;
    for line in &plan.changed {
        out!("changed {line}");
    }
    for line in &plan.skipped {
        say!(
            "{} {line}",
            crate::diag::warning_label(crate::colour::stderr())
        );
    }
    out!(
        "imported {} unit(s): {} translation(s) written, {} confirmed{}",
        doc.units.len(),
        plan.changed.len(),
        plan.confirmed,
        if plan.files.is_empty() && plan.lock.is_none() {
            "; nothing changed"
        } else {
            ""
        }
    );
    Ok(())
}

/// The catalog audience `wanted` names, if any: an unknown id is a usage error with a hint.
fn audience_named(
    dataset: &crate::validate::Dataset,
    wanted: Option<&str>,
) -> Result<Option<crate::model::Audience>> {
    Ok(match wanted {
        None => None,
        Some(wanted) => {
            let known: Vec<&str> = dataset
                .catalog
                .audiences()
                .map(|a| a.id.value.as_str())
                .collect();
            let found = dataset
                .catalog
                .audiences()
                .map(|a| a.id.value)
                .find(|a| a.as_str() == wanted);
            Some(found.ok_or_else(|| {
                let near = crate::validate::did_you_mean(wanted, known.iter().copied())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                Failure::Usage(format!(
                    "no audience has the id `{wanted}` (audiences: {}){near}",
                    known.join(", ")
                ))
            })?)
        }
    })
}
