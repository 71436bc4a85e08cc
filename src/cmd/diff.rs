//! `brief diff`: what a change means.

use crate::cli::{DiffArgs, DiffFormat};
use crate::error::{Failure, Result};
use crate::pipeline;
use crate::project::Project;
use crate::reports::diff::{self, report, revision};

fn load(side: &revision::Side) -> Result<crate::validate::Dataset> {
    pipeline::load_dataset(&side.project).inspect_err(|_| {
        say!("brief: the inputs at {} are invalid:", side.label);
    })
}

pub fn diff(project: &Project, args: &DiffArgs) -> Result<()> {
    let old = revision::open(project, args.old.as_deref().unwrap_or("HEAD"))?;
    let new = revision::open(project, args.new.as_deref().unwrap_or("WORKTREE"))?;
    let (old_data, new_data) = (load(&old)?, load(&new)?);
    let report =
        diff::compare(&old, &old_data, &new, &new_data).map_err(|d| Failure::Invalid(vec![d]))?;
    let text = match args.format {
        DiffFormat::Human => report::human(&report, crate::colour::stdout()),
        DiffFormat::Markdown => report::markdown(&report),
        DiffFormat::Json => report::json(&report),
    };
    out!("{}", text.trim_end());
    match &args.redline {
        Some(name) if args.docx => write_redline_docx(project, &old, &new, name)?,
        Some(name) => write_redline(project, &old, &new, name)?,
        None => {}
    }
    if args.fail_on_release && !report.releases.is_empty() {
        return Err(Failure::Released(report.releases.len()));
    }
    Ok(())
}

/// The planned edition `name` at `side`, every edition prepared: a usage error naming the
/// outputs when there is none.
fn planned_at<'p>(
    prepared: &'p pipeline::Prepared,
    side: &revision::Side,
    name: &str,
) -> Result<&'p pipeline::Planned> {
    prepared
        .planned
        .iter()
        .find(|p| p.name() == name)
        .ok_or_else(|| {
            let names: Vec<String> = prepared.planned.iter().map(|p| p.name()).collect();
            Failure::Usage(format!(
                "no output `{name}` at {} (outputs: {})",
                side.label,
                names.join(", ")
            ))
        })
}

/// Writes `out/<name>.redline.docx`: output `name` at NEW as a DOCX, with the changes since OLD
/// as tracked changes by NEW's office on NEW's date (never the clock). Built from the same
/// clearance-filtered views as the DOCX a build writes.
fn write_redline_docx(
    project: &Project,
    old: &revision::Side,
    new: &revision::Side,
    name: &str,
) -> Result<()> {
    let everything = pipeline::Selection::default();
    let prepared = pipeline::prepare(&new.project, &everything)?;
    let planned = planned_at(&prepared, new, name)?;
    if !planned.docx {
        let docx: Vec<String> = prepared
            .planned
            .iter()
            .filter(|p| p.docx)
            .map(|p| p.name())
            .collect();
        return Err(Failure::Usage(format!(
            "`{name}` has no DOCX: its document type does not say `docx: true` in \
             templates/catalog.yaml (outputs with a DOCX: {})",
            if docx.is_empty() {
                "none".to_owned()
            } else {
                docx.join(", ")
            }
        )));
    }
    // At OLD the output may not exist yet, or the inputs may be invalid: then everything is new.
    let before = pipeline::prepare(&old.project, &everything).ok();
    let old_planned = before
        .as_ref()
        .and_then(|b| b.planned.iter().find(|p| p.name() == name));
    // The changes are Peru's: an external counterpart sees the State as their author, not the
    // drafting office (the text names no office either).
    let author = if planned.external {
        planned
            .view
            .strings
            .get("state")
            .cloned()
            .unwrap_or_default()
    } else {
        planned.view.brief.office.clone()
    };
    let revision = crate::docx::Revision {
        author,
        date: format!("{}T00:00:00Z", planned.view.brief.date.iso),
    };
    let bytes = crate::docx::tracked(old_planned, planned, &revision)?;
    let file = format!("{name}.redline.docx");
    crate::emit::write_atomic(
        &project.out_dir().join(&file),
        &std::path::PathBuf::from(format!("out/{file}")),
        &bytes,
    )?;
    say!(
        "wrote out/{file} (tracked changes from {} to {}, by {} on {})",
        old.label,
        new.label,
        revision.author,
        planned.view.brief.date.iso
    );
    Ok(())
}

/// Writes the redline PDF of output `name` (`<brief>/<audience>.<lang>`).
fn write_redline(
    project: &Project,
    old: &revision::Side,
    new: &revision::Side,
    name: &str,
) -> Result<()> {
    use crate::pipeline::Selection;
    let epoch = super::source_date_epoch()?;
    let everything = Selection::default();
    let prepared = pipeline::prepare(&new.project, &everything)?;
    let Some(planned) = prepared.planned.iter().find(|p| p.name() == name) else {
        let names: Vec<String> = prepared.planned.iter().map(|p| p.name()).collect();
        return Err(Failure::Usage(format!(
            "no output `{name}` at {} (outputs: {})",
            new.label,
            names.join(", ")
        )));
    };
    let before = pipeline::prepare(&old.project, &everything).ok();
    let old_view = before
        .as_ref()
        .and_then(|b| b.planned.iter().find(|p| p.name() == name))
        .map(|p| &p.view);
    let marks = diff::redline::marks(old_view, &planned.view);
    let (mut rendered, marked) = prepared
        .templates
        .render_marked(&planned.template, &planned.view, marks)
        .map_err(|d| {
            Failure::Invalid(vec![
                d.with_hint(format!("while rendering the redline of {name}")),
            ])
        })?;
    diff::redline::add_legend(&mut rendered, &old.label, &new.label, marked);
    let shared = pipeline::load_shared(project)?;
    let typeset = pipeline::typeset_one(
        &shared,
        &prepared,
        planned,
        rendered,
        epoch,
        format!("{name}.redline"),
    )?;
    let file = format!("{name}.redline.pdf");
    crate::emit::write_atomic(
        &project.out_dir().join(&file),
        &std::path::PathBuf::from(format!("out/{file}")),
        &typeset.pdf,
    )?;
    say!(
        "wrote out/{file} ({} pages, {marked} text(s) marked)",
        typeset.pages
    );
    Ok(())
}
