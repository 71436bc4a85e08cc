//! The coverage report `brief check` prints: per data file and per audience of the catalog, how many facts
//! there are, how many rest on no source, and which facts no brief uses (a fact whose
//! restatement some brief prints counts as used: what it says reaches a reader).

use crate::model::Audience;
use crate::select;
use crate::validate::Dataset;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct FileCoverage {
    pub facts: usize,
    pub per_audience: BTreeMap<Audience, usize>,
    pub without_sources: usize,
    pub unused: Vec<String>,
}

/// The ids of the facts some edition of some brief includes.
pub fn used_facts(dataset: &Dataset) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (_, (_, view)) in select::every_edition(dataset) {
        used.extend(view.facts.into_keys());
    }
    used
}

pub fn coverage(dataset: &Dataset) -> BTreeMap<PathBuf, FileCoverage> {
    let used = used_facts(dataset);
    // A fact that restates another (or that another restates) is said where that one is.
    let said = dataset.said_with(used.iter().map(String::as_str));
    let mut files: BTreeMap<PathBuf, FileCoverage> = BTreeMap::new();
    for record in &dataset.facts {
        let c = files.entry(record.file.clone()).or_default();
        c.facts += 1;
        for a in dataset.catalog.audiences() {
            let a = a.id.value;
            if select::cleared(&dataset.catalog, record, a) {
                *c.per_audience.entry(a).or_default() += 1;
            }
        }
        if record.fact.sources.is_empty() {
            c.without_sources += 1;
        }
        if !said.contains(record.id()) {
            c.unused.push(record.id().to_owned());
        }
    }
    files
}

fn row(out: &mut String, name: &str, audiences: &[Audience], c: &FileCoverage) {
    let _ = write!(out, "{:<36} {:>6}", name, c.facts);
    for a in audiences {
        let n = c.per_audience.get(a).copied().unwrap_or(0);
        let _ = write!(out, " {:>width$}", n, width = a.as_str().len().max(5));
    }
    let _ = writeln!(out, " {:>10} {:>7}", c.without_sources, c.unused.len());
}

/// The report as text: a table, then the unused facts by file.
pub fn report(dataset: &Dataset) -> String {
    let files = coverage(dataset);
    let mut out = String::new();
    let audiences: Vec<Audience> = dataset.catalog.audiences().map(|a| a.id.value).collect();
    let _ = write!(out, "{:<36} {:>6}", "data file", "facts");
    for a in &audiences {
        let _ = write!(
            out,
            " {:>width$}",
            a.as_str(),
            width = a.as_str().len().max(5)
        );
    }
    let _ = writeln!(out, " {:>10} {:>7}", "no source", "unused");
    let mut total = FileCoverage::default();
    for (path, c) in &files {
        row(&mut out, &path.display().to_string(), &audiences, c);
        total.facts += c.facts;
        for (k, v) in &c.per_audience {
            *total.per_audience.entry(*k).or_default() += v;
        }
        total.without_sources += c.without_sources;
        total.unused.extend(c.unused.iter().cloned());
    }
    row(&mut out, "total", &audiences, &total);
    for (path, c) in &files {
        if !c.unused.is_empty() {
            let _ = writeln!(out, "unused in {}: {}", path.display(), c.unused.join(", "));
        }
    }
    out
}
