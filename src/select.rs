//! Stage 3, the security boundary: for one edition (brief × document × audience × language)
//! build the [`View`] that is the only thing its template sees. A view holds only facts cleared
//! for the audience, and only the languages of the edition; whatever a template does, it cannot
//! reach a fact that is not in its view. [`cleared`] is the clearance rule, decided here and
//! nowhere else: validation, coverage, diff and the audit all ask it.

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::{Edition, Tongue};
use crate::model::brief::Layout;
use crate::model::{Audience, Classification, Fact, Sensitivity};
use crate::validate::{Brief, Dataset, FactRecord};
use crate::view::{
    BriefView, DateView, DocumentView, Drawn, FactView, LaneView, Marking, SectionView, View,
    describe_timeline, fact_view,
};
use std::collections::BTreeMap;

/// Whether the catalog permits a fact of `sensitivity` to reach `audience` at all: an internal
/// Peruvian consideration never reaches an external audience, whatever the fact lists.
pub fn permitted(catalog: &Catalog, sensitivity: Sensitivity, audience: Audience) -> bool {
    !(sensitivity == Sensitivity::Internal && catalog.is_external(audience))
}

/// The clearance rule: a fact reaches an audience only if it lists that audience and the
/// catalog [`permitted`] it. Validation already refuses an internal fact that lists an external
/// audience; this asks again, so that no later stage can rely on validation alone.
pub fn cleared(catalog: &Catalog, record: &FactRecord, audience: Audience) -> bool {
    lists(&record.fact, audience) && permitted(catalog, record.fact.sensitivity.value, audience)
}

fn lists(fact: &Fact, audience: Audience) -> bool {
    fact.audiences.value.iter().any(|a| a.value == audience)
}

/// A fact a section names that an earlier section of the same edition already shows: the
/// earlier section keeps it, and the author is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub fact: String,
    /// The section that names it again, and where.
    pub section: String,
    pub at: crate::diag::Location,
    /// The section that shows it.
    pub kept_in: String,
    /// The fact shown there, when it is another that this one restates (`restates:`), and the
    /// chain between them.
    pub restated: Option<crate::validate::Restatement>,
}

/// The fact an edition already shows that says what `r` says: `r` itself, a fact it restates,
/// or one that restates it, with the section showing it.
fn already_said<'a>(
    dataset: &Dataset,
    r: &FactRecord,
    placed: &'a BTreeMap<String, String>,
) -> Option<(String, &'a String)> {
    if let Some(section) = placed.get(r.id()) {
        return Some((r.id().to_owned(), section));
    }
    dataset
        .restatements(r)
        .find_map(|other| placed.get(other).map(|section| (other.to_owned(), section)))
}

/// The facts a section draws for `audience`: named facts first, in the order named, then facts
/// with its tags, then facts of its kinds, in data order. Facts not cleared for the audience are
/// never drawn (naming one is refused earlier, by validation), nor research scaffolding unless
/// `research` allows it. A fact an earlier section already shows, or one it restates
/// (`restates:`), is not drawn again, so that an edition says each thing once (a fact named again
/// is reported in `repeats`); a timeline figure, which restates dated facts as a picture,
/// neither skips them nor uses them up.
fn section_facts<'d>(
    dataset: &'d Dataset,
    brief: &Brief,
    section: &crate::model::Section,
    audience: Audience,
    research: bool,
    external: bool,
    placed: &mut BTreeMap<String, String>,
    repeats: &mut Vec<Repeat>,
) -> Vec<(&'d FactRecord, Drawn)> {
    let figure = section.layout == Layout::Timeline;
    // A timeline restates dated facts as a picture: it shows what it draws whatever the edition
    // already shows, and uses nothing up.
    let restating = figure;
    let catalog = &dataset.catalog;
    let admitted = |r: &FactRecord| {
        cleared(catalog, r, audience) && (research || !catalog.is_research(&r.fact))
    };
    let mut out: Vec<(&FactRecord, Drawn)> = Vec::new();
    for id in &section.facts {
        let Some(r) = dataset.fact(&id.value) else {
            continue;
        };
        if !admitted(r) || out.iter().any(|(o, _)| o.id() == r.id()) {
            continue;
        }
        if let Some((shown, kept_in)) = already_said(dataset, r, placed).filter(|_| !restating) {
            repeats.push(Repeat {
                fact: r.id().to_owned(),
                section: section.id.value.clone(),
                at: brief.location(id),
                kept_in: kept_in.clone(),
                restated: (shown != r.id()).then(|| dataset.restatement(r.id(), &shown)),
            });
            continue;
        }
        if !restating {
            placed.insert(r.id().to_owned(), section.id.value.clone());
        }
        out.push((r, Drawn::Facts));
    }
    // `at`: where the rule that draws the fact is written, for a report.
    let mut push =
        |r: &'d FactRecord, why: &dyn Fn() -> Drawn, at: &dyn Fn() -> crate::diag::Location| {
            let said = if restating {
                None
            } else {
                already_said(dataset, r, placed)
            };
            // An external reader's document never loses a fact to a restatement unnoticed: what
            // a counterpart is handed is what the brief draws (the build refuses it, see
            // `pipeline::prepare`).
            if let Some((shown, kept_in)) = &said
                && external
                && shown != r.id()
                && admitted(r)
                && !out.iter().any(|(o, _)| o.id() == r.id())
            {
                repeats.push(Repeat {
                    fact: r.id().to_owned(),
                    section: section.id.value.clone(),
                    at: at(),
                    kept_in: kept_in.to_string(),
                    restated: Some(dataset.restatement(r.id(), shown)),
                });
            }
            let shown = said.is_some();
            if admitted(r) && !shown && !out.iter().any(|(o, _)| o.id() == r.id()) {
                if !restating {
                    placed.insert(r.id().to_owned(), section.id.value.clone());
                }
                out.push((r, why()));
            }
        };
    for tag in &section.tags {
        for r in dataset
            .facts
            .iter()
            .filter(|r| r.has_tag(&tag.value) && !section.excepts(r.fact.kind.value))
        {
            push(r, &|| Drawn::Tags(tag.value.clone()), &|| {
                brief.location(tag)
            });
        }
    }
    for kind in &section.kinds {
        let name = || match serde_json::to_value(kind.value) {
            Ok(serde_json::Value::String(k)) => k,
            _ => format!("{:?}", kind.value).to_lowercase(),
        };
        for r in dataset
            .facts
            .iter()
            .filter(|r| r.fact.kind.value == kind.value)
        {
            push(r, &|| Drawn::Kinds(name()), &|| brief.location(kind));
        }
    }
    if figure {
        out.retain(|(r, _)| r.date.is_some());
        out.sort_by_key(|(r, _)| r.date);
    }
    out
}

/// For each fact a section with a `marking:` draws (by name, tag or kind), the highest such
/// marking and the first section giving it. Portion-marked editions mark the fact at least that
/// high wherever they show it, so that a recommendation is (C) in the dossier as in the note
/// that recommends it, and not (P) in one and (C) in the other.
fn raised_facts<'b>(
    dataset: &Dataset,
    brief: &'b Brief,
) -> BTreeMap<String, (Classification, &'b String)> {
    let mut raised: BTreeMap<String, (Classification, &String)> = BTreeMap::new();
    for section in &brief.def.sections {
        let Some(level) = section.marking.as_ref().map(|m| m.value) else {
            continue;
        };
        // Only a section some edition of the brief has: one limited to a document and
        // audience the brief never makes raises nothing.
        let made = brief.def.documents.iter().any(|d| {
            section
                .documents
                .as_ref()
                .is_none_or(|list| list.iter().any(|t| t.value == d.document.value))
                && d.audiences.iter().any(|a| {
                    section
                        .audiences
                        .as_ref()
                        .is_none_or(|list| list.iter().any(|s| s.value == a.value))
                })
        });
        if !made {
            continue;
        }
        let named = section.facts.iter().map(|id| id.value.as_str());
        let matched = dataset
            .facts
            .iter()
            .filter(|r| {
                (section.tags.iter().any(|t| r.has_tag(&t.value))
                    && !section.excepts(r.fact.kind.value))
                    || section.kinds.iter().any(|k| r.fact.kind.value == k.value)
            })
            .map(|r| r.id());
        for id in named.chain(matched) {
            let entry = raised
                .entry(id.to_owned())
                .or_insert((level, &section.id.value));
            if level > entry.0 {
                *entry = (level, &section.id.value);
            }
        }
    }
    raised
}

/// Builds the view of `edition` in one language, `lang`.
fn select(dataset: &Dataset, brief: &Brief, edition: &Edition, lang: crate::model::Lang) -> View {
    let catalog = &dataset.catalog;
    let language = catalog.lang(lang);
    let audience = edition.audience;
    let def = &brief.def;
    let mut facts = BTreeMap::new();
    let mut sections = Vec::new();
    let mut highest = Classification::Publico;
    let mut placed = BTreeMap::new();
    let mut repeats = Vec::new();
    let entry = brief.entry(edition.document, audience);
    let document = catalog
        .document(edition.document)
        .expect("a brief's document types are checked against the catalog");
    let reader = catalog
        .audience(audience)
        .expect("a brief's audiences are checked against the catalog");
    // Internal readers (those shown portion marks in some document): the raise counts toward
    // the marking even where a document prints no portion marks (the talking points).
    let raised = if reader.portion_marks {
        raised_facts(dataset, brief)
    } else {
        BTreeMap::new()
    };
    for section in &def.sections {
        let applies = section
            .audiences
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a.value == audience))
            && section
                .documents
                .as_ref()
                .is_none_or(|list| list.iter().any(|d| d.value == edition.document));
        if !applies {
            continue;
        }
        let (drawn, why): (Vec<&FactRecord>, Vec<Drawn>) = section_facts(
            dataset,
            brief,
            section,
            audience,
            document.research,
            reader.external.value,
            &mut placed,
            &mut repeats,
        )
        .into_iter()
        .unzip();
        if drawn.is_empty() {
            continue;
        }
        let least = section.marking.as_ref().map(|m| m.value);
        let views: Vec<FactView> = drawn
            .iter()
            .map(|r| {
                let mut v = fact_view(r, catalog, language);
                let own = r.fact.classification.value;
                // This section's marking, or, in a portion-marked edition, the highest marking
                // any section of the brief gives the fact: the same statement carries the same
                // mark in every internal document of the pack.
                let here = least.filter(|&l| l > own).map(|l| (l, &section.id.value));
                let elsewhere = raised.get(r.id()).map(|(l, s)| (*l, *s));
                let by = match (here, elsewhere) {
                    (Some(a), Some(b)) if b.0 > a.0 => Some(b),
                    (Some(a), _) => Some(a),
                    (None, b) => b.filter(|b| b.0 > own),
                };
                if let Some((level, section)) = by {
                    v.classification = Marking::new(level, catalog, lang);
                    v.raised_by = Some(section.clone());
                }
                v
            })
            .collect();
        for v in &views {
            highest = highest.max(v.classification.key);
            facts.insert(v.id.clone(), v.clone());
        }
        sections.push(SectionView {
            id: section.id.value.clone(),
            title: section.title.get(lang).to_owned(),
            layout: section.layout,
            lanes: section
                .lanes
                .iter()
                .map(|l| LaneView {
                    tag: l.tag.value.clone(),
                    label: l.label.get(lang).to_owned(),
                })
                .collect(),
            facts: views,
            marking: least,
            summary: if section.layout == Layout::Timeline {
                describe_timeline(&drawn, language)
            } else {
                String::new()
            },
            drawn: why,
        });
    }
    let mut sources: Vec<String> = facts
        .values()
        .flat_map(|f| f.sources.iter().cloned())
        .collect();
    sources.sort();
    sources.dedup();
    let floor = document.marking_floor.as_ref().map(|f| f.level.value);
    View {
        lang,
        region: language.region.value.clone(),
        audience,
        reader: reader.name.get(lang).to_owned(),
        document: DocumentView {
            id: edition.document,
            name: document.name.get(lang).to_owned(),
        },
        portion_marks: reader.portion_marks && document.portion_marks,
        cites: document.cites,
        strings: language
            .strings
            .iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect(),
        brief: BriefView {
            id: def.id.value.clone(),
            title: entry
                .and_then(|e| e.title.as_ref())
                .unwrap_or(&def.title)
                .get(lang)
                .to_owned(),
            subtitle: match entry.and_then(|e| e.subtitle.as_ref()) {
                Some(s) => Some(s.get(lang).to_owned()),
                None => def.subtitle.as_ref().map(|s| s.get(lang).to_owned()),
            },
            reference: entry
                .and_then(|e| e.reference.as_ref())
                .unwrap_or(&def.reference)
                .value
                .clone(),
            office: def.office.get(lang).to_owned(),
            date: DateView::new(&brief.date, language),
            texts: entry
                .map(|e| {
                    e.texts
                        .iter()
                        .map(|(k, v)| (k.clone(), v.get(lang).to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
        },
        classification: Marking::for_audience(
            highest.max(floor.unwrap_or(highest)),
            catalog,
            lang,
            reader.external.value,
        ),
        floor: document
            .marking_floor
            .as_ref()
            .filter(|f| f.level.value >= highest)
            .map(|f| f.reason.get(lang).to_owned()),
        repeats,
        sections,
        facts,
        bibliography: format!("/{}.bib.yaml", bibliography_stem(edition)),
        sources,
        parallel: None,
    }
}

/// The edition's output file name without extension, which its bibliography is named after.
fn bibliography_stem(edition: &Edition) -> String {
    let name = edition.name();
    name.rsplit('/').next().unwrap_or(&name).to_owned()
}

/// Builds the view of an edition: a parallel edition is the first language's view carrying
/// the second's.
pub fn select_edition(dataset: &Dataset, brief: &Brief, edition: &Edition) -> View {
    match edition.tongue {
        Tongue::One(lang) => select(dataset, brief, edition, lang),
        Tongue::Parallel(first, second) => {
            let mut view = select(dataset, brief, edition, first);
            let other = select(dataset, brief, edition, second);
            view.sources.extend(other.sources.iter().cloned());
            view.sources.sort();
            view.sources.dedup();
            view.parallel = Some(Box::new(other));
            view
        }
    }
}

/// Every edition of every brief with its view, keyed by output name, as `build` prints them.
pub fn every_edition(dataset: &Dataset) -> BTreeMap<String, (Edition, View)> {
    let mut out = BTreeMap::new();
    for brief in &dataset.briefs {
        for edition in crate::edition::of_brief(&dataset.catalog, brief) {
            let view = select_edition(dataset, brief, &edition);
            out.insert(edition.name(), (edition, view));
        }
    }
    out
}

/// Re-checks a finished view against the dataset: every fact in it must be cleared for the
/// view's audience. Selection guarantees this; the check makes a regression fail loudly instead
/// of leaking.
pub fn audit(dataset: &Dataset, view: &View) -> Result<(), Diagnostic> {
    if let Some(other) = &view.parallel {
        audit(dataset, other)?;
    }
    for id in view.facts.keys() {
        let reaches = dataset
            .fact(id)
            .is_some_and(|r| cleared(&dataset.catalog, r, view.audience));
        if !reaches {
            return Err(Diagnostic::global(format!(
                "internal error: fact `{id}` reached the {} view without clearance; nothing was written",
                view.audience
            )));
        }
    }
    Ok(())
}

/// A brief that declares a marking below what an edition contains is refused at its line.
pub fn check_declared_marking(brief: &Brief, views: &[(&Edition, &View)]) -> Diagnostics {
    let Some(declared) = &brief.def.classification else {
        return Vec::new();
    };
    // A fact above the declaration is what an author can act on: reported first, else a
    // document type whose floor is above it.
    let fact_above = views.iter().find_map(|(edition, view)| {
        view.facts
            .values()
            .filter(|f| f.classification.key > declared.value)
            .max_by_key(|f| f.classification.key)
            .map(|f| (edition, f))
    });
    let (message, hint) = if let Some((edition, fact)) = fact_above {
        (
            format!(
                "brief declares `{}` but edition {edition} contains `{}` content (fact `{}`)",
                declared.value.as_str(),
                fact.classification.key.as_str(),
                fact.id
            ),
            "raise the declared classification, or remove the fact from that edition".to_owned(),
        )
    } else if let Some((edition, view)) = views
        .iter()
        .find(|(_, view)| view.classification.key > declared.value)
    {
        (
            format!(
                "brief declares `{}` but edition {edition} is marked `{}` by its document type `{}`{}",
                declared.value.as_str(),
                view.classification.key.as_str(),
                edition.document,
                view.floor
                    .as_ref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
            format!(
                "raise the declared classification: every `{}` is marked at least `{}`",
                edition.document,
                view.classification.key.as_str()
            ),
        )
    } else {
        return Vec::new();
    };
    vec![
        Diagnostic::at(brief.location(declared), message)
            .with_source_line(&brief.file.text)
            .with_hint(hint),
    ]
}
