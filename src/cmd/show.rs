//! `brief show <brief>/<audience>.<lang>`: what one output holds, as the build selects it — its
//! facts in order, by section, each with the rule that drew it, its classification and portion
//! mark, and the facts that raise the document's marking to what it is.

use crate::cli::{Format, ShowArgs};
use crate::error::{Failure, Result};
use crate::model::Classification;
use crate::pipeline;
use crate::project::Project;
use crate::select;
use crate::view::{Drawn, View};
use serde::Serialize;

#[derive(Serialize)]
struct Held {
    id: String,
    drawn_by: Drawn,
    classification: &'static str,
    mark: String,
    /// The section whose `marking:` raised the paragraph above its fact's own classification
    /// (this one, or another document's that draws the same fact).
    #[serde(skip_serializing_if = "Option::is_none")]
    raised_by: Option<String>,
}

#[derive(Serialize)]
struct Section {
    id: String,
    title: String,
    /// The least marking the section gives its paragraphs (`marking:` in the brief), if any.
    marking: Option<&'static str>,
    facts: Vec<Held>,
}

#[derive(Serialize)]
struct Marking {
    classification: &'static str,
    label: String,
    /// The facts at the document's classification, when it is above `publico`: remove or
    /// reclassify these and the marking goes down.
    driven_by: Vec<String>,
    /// The sections whose own `marking:` raises paragraphs to the document's classification:
    /// lowering their facts does not lower it; the section's marking does.
    driven_by_sections: Vec<String>,
    /// Why the document type sets the marking, when its floor does (no fact is that high, or
    /// the floor equals the facts' level): lowering facts does not lower it.
    floor: Option<String>,
}

#[derive(Serialize)]
struct Shown {
    output: String,
    marking: Marking,
    sections: Vec<Section>,
}

pub fn show(project: &Project, args: &ShowArgs) -> Result<()> {
    let dataset = pipeline::load_dataset(project)?;
    let mut editions = select::every_edition(&dataset);
    let Some((edition, view)) = editions.remove(&args.output) else {
        let names: Vec<&str> = editions.keys().map(String::as_str).collect();
        let hint = match crate::validate::did_you_mean(&args.output, names.iter().copied()) {
            Some(name) => format!(" (did you mean `{name}`?)"),
            None => format!(" (outputs: {})", names.join(", ")),
        };
        return Err(Failure::Usage(format!("no output `{}`{hint}", args.output)));
    };
    // What `check` and `build` refuse, `show` refuses too: it must not list as printed a fact
    // the build would never print.
    if dataset.catalog.is_external(edition.audience) {
        let dropped = pipeline::restated_away_from_external([(args.output.clone(), &view)]);
        if !dropped.is_empty() {
            return Err(Failure::Invalid(dropped));
        }
    }
    let shown = held(&args.output, &view, &dataset);
    match args.format {
        Format::Json => out!(
            "{}",
            serde_json::to_string_pretty(&shown).expect("reports serialize")
        ),
        Format::Human => human(&shown),
    }
    Ok(())
}

fn held(name: &str, view: &View, dataset: &crate::validate::Dataset) -> Shown {
    let top = view.classification.key;
    let mut driven_by = Vec::new();
    let mut driven_by_sections = Vec::new();
    let sections = view
        .sections
        .iter()
        .map(|s| Section {
            id: s.id.clone(),
            title: s.title.clone(),
            marking: s.marking.map(|m| m.as_str()),
            facts: s
                .facts
                .iter()
                .zip(&s.drawn)
                .map(|(f, why)| {
                    // A paragraph at the top level is there by its fact's own classification,
                    // or because its section's marking raised it.
                    let own = dataset
                        .fact(&f.id)
                        .map_or(f.classification.key, |r| r.fact.classification.value);
                    if top > Classification::Publico && f.classification.key == top {
                        if own == top {
                            if !driven_by.contains(&f.id) {
                                driven_by.push(f.id.clone());
                            }
                        } else {
                            // The section whose marking raised it: this one, or one of another
                            // document of the brief that draws the same fact.
                            let by = f.raised_by.as_ref().unwrap_or(&s.id);
                            if !driven_by_sections.contains(by) {
                                driven_by_sections.push(by.clone());
                            }
                        }
                    }
                    Held {
                        id: f.id.clone(),
                        drawn_by: why.clone(),
                        classification: f.classification.key.as_str(),
                        mark: f.classification.mark.clone(),
                        raised_by: f.raised_by.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    Shown {
        output: name.to_owned(),
        marking: Marking {
            classification: top.as_str(),
            label: view.classification.label.clone(),
            driven_by,
            driven_by_sections,
            floor: view.floor.clone(),
        },
        sections,
    }
}

fn human(s: &Shown) {
    let entries: usize = s.sections.iter().map(|x| x.facts.len()).sum();
    let distinct: std::collections::BTreeSet<&str> = s
        .sections
        .iter()
        .flat_map(|x| x.facts.iter().map(|f| f.id.as_str()))
        .collect();
    let repeated = if entries > distinct.len() {
        format!(" ({entries} places: a fact named by several sections is listed in each)")
    } else {
        String::new()
    };
    out!(
        "{}: {} fact(s) in {} section(s){repeated}, marked {} ({})",
        s.output,
        distinct.len(),
        s.sections.len(),
        s.marking.label,
        s.marking.classification
    );
    let explained = !s.marking.driven_by.is_empty() || !s.marking.driven_by_sections.is_empty();
    if let Some(reason) = &s.marking.floor {
        if explained {
            out!("  the document type also requires at least this marking: {reason}");
        } else {
            out!("  marking set by the document type: {reason}");
        }
    }
    for section in &s.marking.driven_by_sections {
        out!(
            "  marking driven by section `{section}`, whose `marking:` marks the facts it draws at least {} in every internal document of the brief",
            s.marking.classification
        );
    }
    if !s.marking.driven_by.is_empty() {
        out!("  marking driven by: {}", s.marking.driven_by.join(", "));
    } else if !explained && s.marking.floor.is_none() {
        out!("  marking: every fact is {}", s.marking.classification);
    }
    let mut n = 0;
    for section in &s.sections {
        match section.marking {
            Some(m) => out!(
                "  section `{}` ({}), marked at least {m}",
                section.id,
                section.title
            ),
            None => out!("  section `{}` ({})", section.id, section.title),
        }
        for f in &section.facts {
            n += 1;
            let raised = match &f.raised_by {
                Some(by) if *by == section.id => " (raised by this section's marking)".to_owned(),
                Some(by) => format!(" (raised by section `{by}`, which draws it too)"),
                None => String::new(),
            };
            out!(
                "    {n:>3}. {}  {} {}  drawn by {}{raised}",
                f.id,
                f.classification,
                f.mark,
                f.drawn_by
            );
        }
    }
}
