//! `brief check`: the whole pipeline in memory, writing nothing, then the coverage report; with
//! `--stale`, only whether the outputs in `out/` are current (no Typst work).

use crate::cli::{CheckArgs, Format};
use crate::diag::Diagnostic;
use crate::error::{Failure, Result};
use crate::incremental::manifest::Manifest;
use crate::incremental::staleness;
use crate::pipeline;
use crate::project::Project;
use crate::translations::State;

pub fn check(project: &Project, args: &CheckArgs) -> Result<()> {
    let mut settings = super::settings(&args.select)?;
    settings.progress = args.format == Format::Human;
    if args.stale {
        let manifest = Manifest::read(&project.out_dir()).map_err(|d| Failure::Invalid(vec![d]))?;
        if settings.selection.is_everything()
            && staleness::unchanged(project, &manifest, settings.epoch)
        {
            return report_current(&manifest, args.format);
        }
        let prepared = pipeline::prepare(project, &settings.selection)?;
        return stale(project, &prepared, &manifest, args.format, settings.epoch);
    }
    let mut prepared = pipeline::prepare(project, &settings.selection)?;
    // The whole-base reports are made now, so that the facts no edition draws can be released
    // before typesetting.
    let (facts, briefs) = (prepared.dataset.facts.len(), prepared.dataset.briefs.len());
    let coverage = match args.format {
        Format::Human => crate::reports::coverage::report(&prepared.dataset),
        Format::Json => String::new(),
    };
    let drift = crate::reports::drift::number_drift(&prepared.dataset);
    let drift_errors = crate::reports::drift::diagnostics(&prepared.dataset);
    let lock =
        crate::translations::lock::Lock::read(project).map_err(|d| Failure::Invalid(vec![d]))?;
    let translations = crate::translations::statuses(&prepared.dataset, &lock);
    let terms = crate::translations::terms::check(&prepared.dataset);
    let repeats = prepared.repeats();
    prepared.release_undrawn();
    let all: Vec<&pipeline::Planned> = prepared.planned.iter().collect();
    let products = pipeline::produce(
        project,
        &prepared,
        &all,
        settings.epoch,
        None,
        settings.progress,
        false,
    )?;
    let pages: usize = products.iter().map(|p| p.pages).sum();
    match args.format {
        Format::Json => {
            let outputs: Vec<_> = products
                .iter()
                .map(|p| serde_json::json!({"name": p.name, "pages": p.pages, "budget": p.budget, "half_empty_pages": p.sparse.iter().map(|s| s.page).collect::<Vec<_>>(), "duration_ms": p.duration.as_millis()}))
                .collect();
            let count = |state| translations.iter().filter(|t| t.state == state).count();
            let listed = |state| {
                translations
                    .iter()
                    .filter(|t| t.state == state)
                    .collect::<Vec<_>>()
            };
            let summary = serde_json::json!({
                "command": "check",
                "facts": facts,
                "briefs": briefs,
                "outputs": outputs,
                "translations": {
                    "confirmed": count(State::Confirmed),
                    "stale": listed(State::Stale),
                    "missing": listed(State::Missing),
                },
                "drift": drift.iter().map(|(id, field, what)| serde_json::json!({"fact": id, "field": field, "message": what})).collect::<Vec<_>>(),
                "terms": terms.iter().map(|d| serde_json::json!({"at": d.location.as_ref().map(|l| l.to_string()), "message": d.message})).collect::<Vec<_>>(),
            });
            out!("{summary}");
        }
        Format::Human => {
            out!("{}", coverage.trim_end());
            if !drift.is_empty() {
                out!(
                    "translation drift: {} text(s) whose languages carry different numbers",
                    drift.len()
                );
                for (id, field, what) in &drift {
                    out!("  {id} {field}: {what}");
                }
            }
            let count = |state| translations.iter().filter(|t| t.state == state).count();
            out!(
                "translations: {} confirmed, {} stale, {} missing",
                count(State::Confirmed),
                count(State::Stale),
                count(State::Missing)
            );
            for t in translations.iter().filter(|t| t.state != State::Confirmed) {
                out!(
                    "  {}: {}: fact `{}` `{}` ({})",
                    t.state.as_str(),
                    t.at,
                    t.fact,
                    t.field,
                    t.lang
                );
            }
            for (at, what) in &repeats {
                out!("repeated: {at}: {what}");
            }
            out!("pages against budget:");
            let width = products.iter().map(|p| p.name.len()).max().unwrap_or(0);
            for p in &products {
                let budget = p
                    .budget
                    .map_or_else(|| "no budget".to_owned(), |b| format!("of {b}"));
                out!("  {:<width$}  {:>3} {budget}", p.name, p.pages);
            }
            for p in &products {
                for sparse in &p.sparse {
                    out!(
                        "half-empty: {}",
                        crate::typeset::fill::describe(&p.name, p.pages, sparse)
                    );
                }
            }
            out!(
                "ok: {} facts, {} brief(s), {} output(s) typeset ({pages} pages); nothing written",
                facts,
                briefs,
                products.len()
            );
        }
    }
    // Forbidden variants of the glossary's terms are errors; translation drift and stale or
    // missing translations are warnings, errors under --strict. The shipped data holds none.
    let mut errors = terms;
    let mut untranslated: Vec<Diagnostic> = translations
        .iter()
        .filter(|t| t.state != State::Confirmed)
        .map(|t| {
            Diagnostic::at(
                t.location.clone(),
                format!(
                    "fact `{}` `{}`: the {} translation is {}",
                    t.fact,
                    t.field,
                    t.lang,
                    t.state.as_str()
                ),
            )
            .with_hint(format!(
                "check the translation against the source, then `brief translations confirm {}`",
                t.fact
            ))
        })
        .collect();
    if args.strict {
        errors.extend(drift_errors);
        errors.append(&mut untranslated);
    } else if args.format == Format::Human {
        drift_errors.iter().for_each(crate::diag::warn);
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    Ok(())
}

fn report_current(manifest: &Manifest, format: Format) -> Result<()> {
    if format == Format::Json {
        let outputs: Vec<_> = manifest
            .outputs
            .keys()
            .map(|n| serde_json::json!({"name": n, "status": "current", "reasons": []}))
            .collect();
        out!(
            "{}",
            serde_json::json!({"command": "check --stale", "outputs": outputs, "stale": 0})
        );
    } else {
        out!("all {} output(s) are current", manifest.outputs.len());
    }
    Ok(())
}

fn stale(
    project: &Project,
    prepared: &pipeline::Prepared,
    manifest: &Manifest,
    format: Format,
    epoch: Option<i64>,
) -> Result<()> {
    let assessed = staleness::assess(project, prepared, manifest, false, epoch)?;
    let stale: Vec<_> = assessed.iter().filter(|a| !a.reasons.is_empty()).collect();
    if format == Format::Json {
        let outputs: Vec<_> = assessed
            .iter()
            .map(|a| {
                let status = if a.reasons.is_empty() { "current" } else { "stale" };
                serde_json::json!({"name": a.planned.name(), "status": status, "reasons": a.reasons})
            })
            .collect();
        out!(
            "{}",
            serde_json::json!({"command": "check --stale", "outputs": outputs, "stale": stale.len()})
        );
    } else if stale.is_empty() {
        out!("all {} output(s) are current", assessed.len());
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(Failure::Stale(
            stale
                .iter()
                .map(|a| {
                    format!(
                        "{}: {}",
                        a.planned.name(),
                        super::build::summarize(&a.reasons)
                    )
                })
                .collect(),
        ))
    }
}
