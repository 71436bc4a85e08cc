//! `brief explain FACT`: where a fact is, who may see it, what it rests on, and every output
//! and section it appears in with the rule that drew it there.

use crate::cli::{ExplainArgs, Format};
use crate::error::{Failure, Result};
use crate::pipeline;
use crate::project::Project;
use crate::select;
use crate::view::Drawn;
use serde::Serialize;

/// A place a fact appears: an output, a section of it, and why the section drew it.
#[derive(Serialize)]
struct Place {
    output: String,
    section: String,
    drawn_by: Drawn,
}

#[derive(Serialize)]
struct Explained {
    id: String,
    file: String,
    line: usize,
    column: usize,
    kind: serde_json::Value,
    /// The title in each language, by language id.
    title: Option<std::collections::BTreeMap<String, String>>,
    cleared_for: Vec<String>,
    sensitivity: serde_json::Value,
    classification: &'static str,
    sources: Vec<String>,
    seed: Option<String>,
    note: Option<String>,
    places: Vec<Place>,
}

pub fn explain(project: &Project, args: &ExplainArgs) -> Result<()> {
    let dataset = pipeline::load_dataset(project)?;
    let Some(record) = dataset.fact(&args.fact) else {
        let hint = crate::validate::did_you_mean(&args.fact, dataset.facts.iter().map(|r| r.id()))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(Failure::Usage(format!(
            "no fact has the id `{}`{hint}",
            args.fact
        )));
    };
    let f = &record.fact;
    let mut places = Vec::new();
    for (output, (_, view)) in select::every_edition(&dataset) {
        for section in &view.sections {
            if let Some(i) = section.facts.iter().position(|x| x.id == f.id.value) {
                places.push(Place {
                    output: output.clone(),
                    section: section.id.clone(),
                    drawn_by: section.drawn[i].clone(),
                });
            }
        }
    }
    let e = Explained {
        id: f.id.value.clone(),
        file: record.file.display().to_string(),
        line: crate::diag::Location::of(&record.file, &f.id).line,
        column: crate::diag::Location::of(&record.file, &f.id).column,
        kind: serde_json::to_value(f.kind.value).unwrap_or_default(),
        title: f.title.as_ref().map(|t| {
            t.iter()
                .map(|(l, s)| (l.to_string(), s.value.clone()))
                .collect()
        }),
        cleared_for: f
            .audiences
            .value
            .iter()
            .map(|a| a.value.as_str().to_owned())
            .collect(),
        sensitivity: serde_json::to_value(f.sensitivity.value).unwrap_or_default(),
        classification: f.classification.value.as_str(),
        sources: f.sources.iter().map(|s| s.value.clone()).collect(),
        seed: f.seed.as_ref().map(|s| s.value.clone()),
        note: f.note.clone(),
        places,
    };
    match args.format {
        Format::Json => out!(
            "{}",
            serde_json::to_string_pretty(&e).expect("reports serialize")
        ),
        Format::Human => human(&e),
    }
    Ok(())
}

fn plain(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

fn human(e: &Explained) {
    out!("{} ({}:{}:{})", e.id, e.file, e.line, e.column);
    out!("  kind: {}", plain(&e.kind));
    if let Some(title) = &e.title {
        let texts: Vec<&str> = title.values().map(String::as_str).collect();
        out!("  title: {}", texts.join(" / "));
    }
    out!("  cleared for: {}", e.cleared_for.join(", "));
    out!(
        "  sensitivity: {}; classification: {}",
        plain(&e.sensitivity),
        e.classification
    );
    out!(
        "  sources: {}",
        if e.sources.is_empty() {
            "none".into()
        } else {
            e.sources.join(", ")
        }
    );
    out!(
        "  provenance: thesis lines {}",
        e.seed.as_deref().unwrap_or("none")
    );
    if let Some(note) = &e.note {
        out!("  note: {note}");
    }
    out!(
        "  appears in:{}",
        if e.places.is_empty() {
            " no output"
        } else {
            ""
        }
    );
    for p in &e.places {
        out!(
            "    {}: section `{}` (drawn by {})",
            p.output,
            p.section,
            p.drawn_by
        );
    }
}
