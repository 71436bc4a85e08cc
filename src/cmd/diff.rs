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
    if let Some(name) = &args.redline {
        write_redline(project, &old, &new, name)?;
    }
    if args.fail_on_release && !report.releases.is_empty() {
        return Err(Failure::Released(report.releases.len()));
    }
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
