//! `brief diff`: what a change to the YAML means, fact by fact and audience by audience. Facts are
//! matched by id, so formatting, order and quoting are not changes; the comparison is of the
//! parsed values. Outputs that change are found with the same selection the build uses.

pub mod exposure;
pub mod redline;
pub mod report;
pub mod revision;
pub mod words;

use crate::diag::Diagnostic;
use crate::model::{Audience, Fact, Texts};
use crate::select;
use crate::validate::{Dataset, FactRecord};
use crate::view::View;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
    /// `old` → `new` word by word: equal and deleted pieces give `old`, equal and inserted
    /// pieces give `new`.
    pub ops: Vec<words::Piece>,
}

impl FieldChange {
    fn new(field: String, old: String, new: String) -> Self {
        let ops = words::diff(&old, &new);
        Self {
            field,
            old,
            new,
            ops,
        }
    }
}

/// Every non-empty field of an added fact (`added` true) or a removed one, each shown whole as
/// inserted or deleted: an added fact is reviewed by its full text in both languages.
fn whole_fact(f: &Fact, added: bool) -> Vec<FieldChange> {
    fields(f)
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(field, v)| {
            if added {
                FieldChange::new(field, String::new(), v)
            } else {
                FieldChange::new(field, v, String::new())
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct FactChange {
    pub id: String,
    /// `added`, `removed`, `modified` or `renamed`.
    pub change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    pub file: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Serialize)]
pub struct Release {
    pub id: String,
    pub what: String,
}

#[derive(Debug, Serialize)]
pub struct Drift {
    pub id: String,
    pub field: String,
    pub what: String,
}

#[derive(Debug, Serialize)]
pub struct OutputChange {
    pub name: String,
    pub facts: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

/// The whole report; its JSON form is the contract for tools (see the README).
#[derive(Debug, Serialize)]
pub struct Report {
    pub old: String,
    pub new: String,
    pub facts: Vec<FactChange>,
    pub releases: Vec<Release>,
    pub drift: Vec<Drift>,
    pub outputs: Vec<OutputChange>,
    pub briefs: Vec<String>,
    pub templates: Vec<String>,
    pub sources: Vec<String>,
}

fn show(v: impl Serialize) -> String {
    match serde_json::to_value(v).unwrap_or_default() {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => "(none)".into(),
        other => other.to_string(),
    }
}

/// Each comparable field of a fact, in both languages where it has two.
fn fields(f: &Fact) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut bi = |name: &str, b: &Texts| {
        for (lang, text) in b.iter() {
            m.insert(format!("{name}.{lang}"), text.value.clone());
        }
    };
    bi("text", &f.text);
    if let Some(t) = &f.title {
        bi("title", t);
    }
    for (k, v) in &f.attrs {
        bi(&format!("attrs.{k}"), v);
    }
    m.insert("kind".into(), show(f.kind.value));
    m.insert(
        "tags".into(),
        f.tags
            .iter()
            .map(|t| t.value.clone())
            .collect::<Vec<_>>()
            .join(", "),
    );
    m.insert(
        "date".into(),
        f.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
    );
    m.insert(
        "end".into(),
        f.end.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
    );
    m.insert(
        "values".into(),
        show(
            f.values
                .iter()
                .map(|(k, v)| (k.clone(), v.value))
                .collect::<BTreeMap<_, _>>(),
        ),
    );
    m.insert(
        "sources".into(),
        f.sources
            .iter()
            .map(|s| s.value.clone())
            .collect::<Vec<_>>()
            .join(", "),
    );
    m.insert(
        "audiences".into(),
        f.audiences
            .value
            .iter()
            .map(|a| a.value.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    m.insert("sensitivity".into(), show(f.sensitivity.value));
    m.insert(
        "classification".into(),
        f.classification.value.as_str().into(),
    );
    m.insert(
        "seed".into(),
        f.seed.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
    );
    m.insert("status".into(), show(f.status));
    // What the fact says again: a change here can take another fact out of a document.
    m.insert(
        "restates".into(),
        f.restates
            .iter()
            .map(|r| r.value.clone())
            .collect::<Vec<_>>()
            .join(", "),
    );
    if let Some(t) = &f.table {
        m.insert(
            "table".into(),
            format!(
                "{} columns, {} rows, {}",
                t.columns.len(),
                t.rows.len(),
                show(table_cells(t))
            ),
        );
    }
    m
}

fn table_cells(t: &crate::model::Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            t.columns
                .iter()
                .map(|c| match r.value.get(&c.key.value) {
                    Some(crate::model::Cell::Number(n)) => n.to_string(),
                    Some(crate::model::Cell::Text(b)) => b
                        .iter()
                        .map(|(_, s)| s.value.as_str())
                        .collect::<Vec<_>>()
                        .join(" / "),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn releases_between(
    catalog: &crate::catalog::Catalog,
    old: Option<&FactRecord>,
    new: &FactRecord,
) -> Vec<String> {
    let mut out = Vec::new();
    let before: BTreeSet<Audience> = old
        .map(|o| o.fact.audiences.value.iter().map(|a| a.value).collect())
        .unwrap_or_default();
    for a in &new.fact.audiences.value {
        if !before.contains(&a.value) && select::cleared(catalog, new, a.value) {
            let loud = if catalog.is_external(a.value) {
                " (an EXTERNAL reader)"
            } else {
                ""
            };
            out.push(format!("now cleared for `{}`{loud}", a.value));
        }
    }
    if let Some(o) = old {
        if new.fact.classification.value < o.fact.classification.value {
            out.push(format!(
                "classification lowered from `{}` to `{}`",
                o.fact.classification.value.as_str(),
                new.fact.classification.value.as_str()
            ));
        }
        if o.fact.sensitivity.value != new.fact.sensitivity.value
            && new.fact.sensitivity.value == crate::model::Sensitivity::Shareable
        {
            out.push("sensitivity changed from `internal` to `shareable`".into());
        }
    }
    out
}

fn compare_facts(old: &Dataset, new: &Dataset) -> (Vec<FactChange>, Vec<Release>, Vec<Drift>) {
    let mut changes = Vec::new();
    let mut releases = Vec::new();
    let mut drift = Vec::new();
    let old_ids: BTreeSet<&str> = old.facts.iter().map(|r| r.id()).collect();
    let new_ids: BTreeSet<&str> = new.facts.iter().map(|r| r.id()).collect();
    let removed: Vec<&FactRecord> = old
        .facts
        .iter()
        .filter(|r| !new_ids.contains(r.id()))
        .collect();
    let mut renamed_from: BTreeMap<&str, &str> = BTreeMap::new();
    for r in new.facts.iter().filter(|r| !old_ids.contains(r.id())) {
        if let Some(o) = removed.iter().find(|o| {
            fields(&o.fact) == fields(&r.fact) && !renamed_from.values().any(|v| *v == o.id())
        }) {
            renamed_from.insert(r.id(), o.id());
        }
    }
    for r in &new.facts {
        let file = r.file.display().to_string();
        match old.fact(r.id()) {
            None => {
                let from = renamed_from.get(r.id()).map(|s| s.to_string());
                let old_record = from.as_deref().and_then(|f| old.fact(f));
                for what in releases_between(&new.catalog, old_record, r) {
                    releases.push(Release {
                        id: r.id().into(),
                        what,
                    });
                }
                let fields = if from.is_some() {
                    Vec::new()
                } else {
                    whole_fact(&r.fact, true)
                };
                changes.push(FactChange {
                    id: r.id().into(),
                    change: if from.is_some() { "renamed" } else { "added" },
                    from,
                    file,
                    fields,
                });
            }
            Some(o) => {
                let (a, b) = (fields(&o.fact), fields(&r.fact));
                let mut changed: Vec<FieldChange> = Vec::new();
                for key in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
                    let (x, y) = (
                        a.get(key).cloned().unwrap_or_default(),
                        b.get(key).cloned().unwrap_or_default(),
                    );
                    if x != y {
                        changed.push(FieldChange::new(key.clone(), x, y));
                    }
                }
                if changed.is_empty() {
                    continue;
                }
                // A text whose one language changed while the other did not may be a stale translation.
                let names: BTreeSet<&str> = changed
                    .iter()
                    .filter_map(|c| c.field.rsplit_once('.').map(|(n, _)| n))
                    .collect();
                let langs: Vec<String> = new
                    .catalog
                    .languages()
                    .map(|l| l.id.value.to_string())
                    .collect();
                for name in names {
                    let (did, didnt): (Vec<&str>, Vec<&str>) = langs
                        .iter()
                        .map(String::as_str)
                        .partition(|l| changed.iter().any(|c| c.field == format!("{name}.{l}")));
                    if !did.is_empty() && !didnt.is_empty() {
                        drift.push(Drift {
                            id: r.id().into(),
                            field: name.into(),
                            what: format!(
                                "the `{}` text changed but the `{}` did not: possibly a stale translation",
                                did.join("`, `"),
                                didnt.join("`, `")
                            ),
                        });
                    }
                }
                for what in releases_between(&new.catalog, Some(o), r) {
                    releases.push(Release {
                        id: r.id().into(),
                        what,
                    });
                }
                changes.push(FactChange {
                    id: r.id().into(),
                    change: "modified",
                    from: None,
                    file,
                    fields: changed,
                });
            }
        }
    }
    for o in removed {
        if !renamed_from.values().any(|v| *v == o.id()) {
            changes.push(FactChange {
                id: o.id().into(),
                change: "removed",
                from: None,
                file: o.file.display().to_string(),
                fields: whole_fact(&o.fact, false),
            });
        }
    }
    // Numbers that differ between the languages of a changed or added fact.
    let touched: BTreeSet<&str> = changes
        .iter()
        .filter(|c| c.change != "removed")
        .map(|c| c.id.as_str())
        .collect();
    for (id, field, what) in crate::reports::drift::number_drift(new) {
        if touched.contains(id.as_str()) {
            drift.push(Drift { id, field, what });
        }
    }
    (changes, releases, drift)
}

fn editions(dataset: &Dataset) -> BTreeMap<String, (crate::edition::Edition, View)> {
    select::every_edition(dataset)
}

fn fact_hashes(view: &View) -> BTreeMap<String, String> {
    let mut m: BTreeMap<String, String> = view
        .facts
        .iter()
        .map(|(id, f)| (id.clone(), serde_json::to_string(f).unwrap_or_default()))
        .collect();
    if let Some(p) = &view.parallel {
        for (id, f) in &p.facts {
            m.insert(
                format!("{id} (en)"),
                serde_json::to_string(f).unwrap_or_default(),
            );
        }
    }
    m
}

fn frame(view: &View) -> String {
    let mut v = serde_json::to_value(view).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("facts");
        o.remove("parallel");
        o.remove("sections");
        o.remove("classification");
    }
    let sections: Vec<_> = view
        .sections
        .iter()
        .map(|s| {
            (
                &s.id,
                &s.title,
                s.facts.iter().map(|f| &f.id).collect::<Vec<_>>(),
            )
        })
        .collect();
    format!(
        "{v}{}",
        serde_json::to_string(&sections).unwrap_or_default()
    )
}

/// The outputs whose content changes, and the facts responsible.
fn impact(old: &Dataset, new: &Dataset, templates_changed: &[String]) -> Vec<OutputChange> {
    let (before, after) = (editions(old), editions(new));
    let mut out = Vec::new();
    for name in before.keys().chain(after.keys()).collect::<BTreeSet<_>>() {
        let (a, b) = (
            before.get(name).map(|(_, v)| v),
            after.get(name).map(|(_, v)| v),
        );
        let mut facts = Vec::new();
        let mut other = Vec::new();
        match (a, b) {
            (Some(a), Some(b)) => {
                let (x, y) = (fact_hashes(a), fact_hashes(b));
                for id in x.keys().chain(y.keys()).collect::<BTreeSet<_>>() {
                    if x.get(id) != y.get(id) {
                        facts.push(id.clone());
                    }
                }
                if frame(a) != frame(b) {
                    other.push("brief definition".into());
                }
                if a.classification.key != b.classification.key {
                    other.push(format!(
                        "marking {} → {}",
                        a.classification.label, b.classification.label
                    ));
                }
            }
            (None, Some(_)) => other.push("new output".into()),
            (Some(_), None) => other.push("output removed".into()),
            (None, None) => {}
        }
        if !templates_changed.is_empty() {
            other.extend(templates_changed.iter().map(|t| format!("template {t}")));
        }
        if !facts.is_empty() || !other.is_empty() {
            out.push(OutputChange {
                name: name.clone(),
                facts,
                other,
            });
        }
    }
    out
}

/// Every file under `dir/`, read through the project's reader: a FIFO or a broken link there is
/// refused at its path instead of blocking the diff or vanishing from it.
fn text_files(
    project: &crate::project::Project,
    dir: &str,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    fn walk(
        project: &crate::project::Project,
        dir: &std::path::Path,
        m: &mut BTreeMap<String, String>,
    ) -> Result<(), Diagnostic> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(());
        };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                walk(project, &p, m)?;
                continue;
            }
            let bytes = project.read_bytes(&p)?;
            m.insert(
                project.relative(&p).display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
        Ok(())
    }
    let mut m = BTreeMap::new();
    walk(project, &project.dir(dir), &mut m)?;
    Ok(m)
}

fn changed_files(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// Compares two sides.
pub fn compare(
    old: &revision::Side,
    old_data: &Dataset,
    new: &revision::Side,
    new_data: &Dataset,
) -> Result<Report, Diagnostic> {
    let (facts, mut releases, drift) = compare_facts(old_data, new_data);
    releases.extend(exposure::releases(old_data, new_data));
    releases.sort_by(|a, b| a.id.cmp(&b.id));
    let templates = changed_files(
        &text_files(&old.project, "templates")?,
        &text_files(&new.project, "templates")?,
    );
    let outputs = impact(old_data, new_data, &templates);
    // Brief definitions compare by parsed value, not text, so formatting is not a change.
    let brief_repr = |d: &Dataset| -> BTreeMap<String, String> {
        d.briefs
            .iter()
            .map(|b| (b.id().to_owned(), strip_spans(&b.def)))
            .collect()
    };
    let mut briefs = Vec::new();
    for id in changed_files(&brief_repr(old_data), &brief_repr(new_data)) {
        let sections = |d: &Dataset| -> BTreeSet<String> {
            d.briefs
                .iter()
                .filter(|b| b.id() == id)
                .flat_map(|b| b.def.sections.iter().map(|s| s.id.value.clone()))
                .collect()
        };
        let (a, b) = (sections(old_data), sections(new_data));
        let mut detail: Vec<String> = b
            .difference(&a)
            .map(|s| format!("section {s} added"))
            .collect();
        detail.extend(a.difference(&b).map(|s| format!("section {s} removed")));
        if detail.is_empty() {
            detail.push("sections or settings changed".into());
        }
        briefs.push(format!("{id} ({})", detail.join(", ")));
    }
    let bib = |d: &Dataset| -> BTreeMap<String, String> {
        d.bibliography
            .as_ref()
            .map(|(_, b)| {
                // Each entry as it is written for Typst: any change to a field counts.
                b.keys()
                    .map(|k| (k.clone(), crate::bibliography::write(b, |key| key == k)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let sources = changed_files(&bib(old_data), &bib(new_data));
    Ok(Report {
        old: old.label.clone(),
        new: new.label.clone(),
        facts,
        releases,
        drift,
        outputs,
        briefs,
        templates,
        sources,
    })
}

/// A brief definition's values without the source positions, which move with formatting.
fn strip_spans(def: &crate::model::BriefDef) -> String {
    // A parsed value serialises without its positions.
    serde_json::to_string(def).expect("a brief definition serialises")
}
