//! Stage 3, the security boundary: for one edition (brief × audience × language) build the
//! [`View`] that is the only thing its template sees. A view holds only facts cleared for the
//! audience, and only the language of the edition; whatever a template does, it cannot reach a
//! fact that is not in its view.

use crate::diag::{Diagnostic, Diagnostics};
use crate::locale::format_number;
use crate::model::brief::Layout;
use crate::model::{Audience, Bi, Cell, Classification, FactDate, Kind, Lang, Status};
use crate::validate::{Brief, Dataset, FactRecord};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The language of an edition: one language, or both side by side (the MoU's parallel text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tongue {
    One(Lang),
    /// Spanish and English in two aligned columns.
    Parallel,
}

impl fmt::Display for Tongue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tongue::One(lang) => write!(f, "{lang}"),
            Tongue::Parallel => f.write_str("es-en"),
        }
    }
}

/// One document to produce: a brief for one audience in one language (or both in parallel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edition<'a> {
    pub brief: &'a str,
    pub audience: Audience,
    pub tongue: Tongue,
}

impl fmt::Display for Edition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}.{}", self.brief, self.audience, self.tongue)
    }
}

/// What a template sees.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub lang: Lang,
    pub region: &'static str,
    pub audience: Audience,
    pub brief: BriefView,
    /// The highest classification among the facts included.
    pub classification: Marking,
    pub sections: Vec<SectionView>,
    /// Every fact of the view by id, for templates that place a fact outside its section.
    pub facts: BTreeMap<String, FactView>,
    /// The citation keys the view's facts cite, sorted.
    pub sources: Vec<String>,
    /// The virtual path of the edition's bibliography (`/<audience>.<lang>.bib.yaml`), which
    /// holds only the sources the edition cites.
    pub bibliography: String,
    /// For a parallel edition, the same selection in English, section for section and fact for
    /// fact (selection does not depend on the language).
    pub parallel: Option<Box<View>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub reference: String,
    pub office: String,
    pub date: DateView,
}

#[derive(Debug, Clone, Serialize)]
pub struct Marking {
    pub key: Classification,
    pub label: &'static str,
    pub mark: &'static str,
}

impl Marking {
    fn new(c: Classification, lang: Lang) -> Self {
        Self {
            key: c,
            label: c.label(lang),
            mark: c.portion_mark(lang),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub layout: Layout,
    pub facts: Vec<FactView>,
    /// A one-sentence description of a timeline, for the figure's alt text.
    pub summary: String,
    /// Why each of `facts` was drawn, in the same order. Not part of what templates see, nor
    /// of the fingerprints: it explains the selection (`brief show`, `brief explain`).
    #[serde(skip)]
    pub drawn: Vec<Drawn>,
}

/// The rule of a section that drew a fact: its `facts:` list, one of its `tags:` or one of its
/// `kinds:`. A fact that several rules match is drawn by the first, in that order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", content = "value", rename_all = "lowercase")]
pub enum Drawn {
    /// Named in the section's `facts:` list.
    Facts,
    /// Carries this tag of the section's `tags:`.
    Tags(String),
    /// Is of this kind of the section's `kinds:`.
    Kinds(String),
}

impl fmt::Display for Drawn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drawn::Facts => f.write_str("facts: list"),
            Drawn::Tags(tag) => write!(f, "tags: [{tag}]"),
            Drawn::Kinds(kind) => write!(f, "kinds: [{kind}]"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Days since 1970-01-01, for placing the date on a timeline.
    pub days: i64,
}

impl DateView {
    fn new(d: &FactDate, lang: Lang) -> Self {
        Self {
            iso: d.to_string(),
            text: d.format(lang),
            year: d.year,
            month: d.month,
            day: d.day,
            days: d.days_since_epoch(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub id: String,
    pub kind: Kind,
    pub tags: Vec<String>,
    pub title: Option<String>,
    pub text: String,
    pub date: Option<DateView>,
    pub end: Option<DateView>,
    pub values: BTreeMap<String, NumberView>,
    pub attrs: BTreeMap<String, String>,
    pub table: Option<TableView>,
    pub sources: Vec<String>,
    pub classification: Marking,
    /// Open MoU text, printed in brackets.
    pub open: bool,
}

impl FactView {
    /// The fact's texts as (field, text): `text`, `title`, `attrs.<key>`, `column.<key>` (a
    /// table's column labels) and `cell.<row>.<column>` (0-based), so that two sides pair up.
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut out = vec![("text".to_owned(), self.text.clone())];
        out.extend(self.title.iter().map(|t| ("title".to_owned(), t.clone())));
        out.extend(
            self.attrs
                .iter()
                .map(|(k, v)| (format!("attrs.{k}"), v.clone())),
        );
        if let Some(table) = &self.table {
            out.extend(
                table
                    .columns
                    .iter()
                    .map(|c| (format!("column.{}", c.key), c.label.clone())),
            );
            for (r, row) in table.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    out.push((format!("cell.{r}.{c}"), cell.text.clone()));
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NumberView {
    pub value: f64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<CellView>>,
    /// The bars of a chart of the table: its first text column against its first numeric one.
    pub chart: Vec<Bar>,
    /// The label of the charted numeric column.
    pub chart_label: String,
    /// A one-sentence description of the chart, for its alt text.
    pub chart_summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub key: String,
    pub label: String,
    pub numeric: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub text: String,
    pub value: Option<f64>,
}

fn fact_view(record: &FactRecord, lang: Lang) -> FactView {
    let f = &record.fact;
    let bi = |b: &Bi| b.get(lang).to_owned();
    FactView {
        id: f.id.value.clone(),
        kind: f.kind.value,
        tags: f.tags.iter().map(|t| t.value.clone()).collect(),
        title: f.title.as_ref().map(bi),
        text: bi(&f.text),
        date: record.date.as_ref().map(|d| DateView::new(d, lang)),
        end: record.end.as_ref().map(|d| DateView::new(d, lang)),
        values: f
            .values
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    NumberView {
                        value: v.value,
                        text: format_number(v.value, lang),
                    },
                )
            })
            .collect(),
        attrs: f.attrs.iter().map(|(k, v)| (k.clone(), bi(v))).collect(),
        table: f.table.as_ref().map(|t| table_view(t, lang)),
        sources: f.sources.iter().map(|s| s.value.clone()).collect(),
        classification: Marking::new(f.classification.value, lang),
        open: f.status == Status::Open,
    }
}

fn table_view(t: &crate::model::Table, lang: Lang) -> TableView {
    let bi = |b: &Bi| b.get(lang).to_owned();
    let columns: Vec<ColumnView> = t
        .columns
        .iter()
        .map(|c| ColumnView {
            key: c.key.value.clone(),
            label: bi(&c.label),
            numeric: c.numeric,
        })
        .collect();
    let rows: Vec<Vec<CellView>> = t
        .rows
        .iter()
        .map(|row| {
            t.columns
                .iter()
                .map(|c| match row.value.get(&c.key.value) {
                    Some(Cell::Number(n)) => CellView {
                        text: format_number(*n, lang),
                        value: Some(*n),
                    },
                    Some(Cell::Text(b)) => CellView {
                        text: bi(b),
                        value: None,
                    },
                    None => CellView {
                        text: String::new(),
                        value: None,
                    },
                })
                .collect()
        })
        .collect();
    let label_col = columns.iter().position(|c| !c.numeric);
    let value_col = columns.iter().position(|c| c.numeric);
    let (chart, chart_label) = match (label_col, value_col) {
        (Some(l), Some(v)) => (
            rows.iter()
                .filter_map(|r| {
                    Some(Bar {
                        label: r[l].text.clone(),
                        value: r[v].value?,
                        text: r[v].text.clone(),
                    })
                })
                .collect(),
            columns[v].label.clone(),
        ),
        _ => (Vec::new(), String::new()),
    };
    let chart_summary = describe_chart(&chart, &chart_label, lang);
    TableView {
        columns,
        rows,
        chart,
        chart_label,
        chart_summary,
    }
}

fn describe_chart(bars: &[Bar], label: &str, lang: Lang) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let items: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .collect();
    match lang {
        Lang::Es => format!(
            "Gráfico de barras de {} por fila ({} barras): {}.",
            label.to_lowercase(),
            bars.len(),
            items.join("; ")
        ),
        Lang::En => format!(
            "Bar chart of {} ({} bars): {}.",
            label.to_lowercase(),
            bars.len(),
            items.join("; ")
        ),
    }
}

fn describe_timeline(facts: &[&FactRecord], lang: Lang) -> String {
    let dated: Vec<&FactRecord> = facts.iter().copied().filter(|r| r.date.is_some()).collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return String::new();
    };
    let (a, b) = (
        first.date.expect("dated").year,
        last.date.expect("dated").year,
    );
    let items: Vec<String> = dated
        .iter()
        .map(|r| {
            let label = r.fact.title.as_ref().unwrap_or(&r.fact.text).get(lang);
            format!("{}: {label}", r.date.expect("dated").format(lang))
        })
        .collect();
    match lang {
        Lang::Es => format!(
            "Cronología de {} hitos, de {a} a {b}. {}.",
            dated.len(),
            items.join("; ")
        ),
        Lang::En => format!(
            "Timeline of {} milestones from {a} to {b}. {}.",
            dated.len(),
            items.join("; ")
        ),
    }
}

/// The facts a section draws for `audience`: named facts first, in the order named, then facts
/// with its tags, then facts of its kinds, in data order. Facts not cleared for the audience are
/// never drawn (naming one is refused earlier, by validation). A fact an earlier section already
/// shows is not drawn again by tag or kind, so that an edition says each thing once; a timeline
/// figure, which restates dated facts as a picture, neither skips them nor uses them up.
fn section_facts<'d>(
    dataset: &'d Dataset,
    section: &crate::model::Section,
    audience: Audience,
    placed: &mut std::collections::BTreeSet<String>,
) -> Vec<(&'d FactRecord, Drawn)> {
    let figure = section.layout == Layout::Timeline;
    let mut out: Vec<(&FactRecord, Drawn)> = Vec::new();
    for id in &section.facts {
        if let Some(r) = dataset.fact(&id.value)
            && r.cleared_for(audience)
            && !out.iter().any(|(o, _)| o.id() == r.id())
        {
            out.push((r, Drawn::Facts));
        }
    }
    let mut push = |r: &'d FactRecord, why: &dyn Fn() -> Drawn| {
        let shown = !figure && placed.contains(r.id());
        if r.cleared_for(audience) && !shown && !out.iter().any(|(o, _)| o.id() == r.id()) {
            out.push((r, why()));
        }
    };
    for tag in &section.tags {
        for r in dataset.facts.iter().filter(|r| r.has_tag(&tag.value)) {
            push(r, &|| Drawn::Tags(tag.value.clone()));
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
            push(r, &|| Drawn::Kinds(name()));
        }
    }
    if !figure {
        placed.extend(out.iter().map(|(r, _)| r.id().to_owned()));
    }
    if figure {
        out.retain(|(r, _)| r.date.is_some());
        out.sort_by_key(|(r, _)| r.date);
    }
    out
}

/// Builds the view of one edition.
pub fn select(dataset: &Dataset, brief: &Brief, audience: Audience, lang: Lang) -> View {
    let def = &brief.def;
    let mut facts = BTreeMap::new();
    let mut sections = Vec::new();
    let mut highest = Classification::Publico;
    let mut placed = std::collections::BTreeSet::new();
    let edition = def.editions.get(&audience);
    for section in &def.sections {
        let applies = section
            .audiences
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a.value == audience));
        if !applies {
            continue;
        }
        let (drawn, why): (Vec<&FactRecord>, Vec<Drawn>) =
            section_facts(dataset, section, audience, &mut placed)
                .into_iter()
                .unzip();
        if drawn.is_empty() {
            continue;
        }
        let views: Vec<FactView> = drawn.iter().map(|r| fact_view(r, lang)).collect();
        for (r, v) in drawn.iter().zip(&views) {
            highest = highest.max(r.fact.classification.value);
            facts.insert(v.id.clone(), v.clone());
        }
        sections.push(SectionView {
            id: section.id.value.clone(),
            title: section.title.get(lang).to_owned(),
            layout: section.layout,
            facts: views,
            summary: if section.layout == Layout::Timeline {
                describe_timeline(&drawn, lang)
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
    View {
        lang,
        region: lang.region(),
        audience,
        brief: BriefView {
            id: def.id.value.clone(),
            title: edition
                .and_then(|e| e.title.as_ref())
                .unwrap_or(&def.title)
                .get(lang)
                .to_owned(),
            subtitle: match edition.and_then(|e| e.subtitle.as_ref()) {
                Some(s) => Some(s.get(lang).to_owned()),
                None => def.subtitle.as_ref().map(|s| s.get(lang).to_owned()),
            },
            reference: edition
                .and_then(|e| e.reference.as_ref())
                .unwrap_or(&def.reference)
                .value
                .clone(),
            office: def.office.get(lang).to_owned(),
            date: DateView::new(&brief.date, lang),
        },
        classification: Marking::new(highest, lang),
        sections,
        facts,
        bibliography: format!("/{audience}.{lang}.bib.yaml"),
        sources,
        parallel: None,
    }
}

/// Builds the view of an edition in `tongue`: a parallel edition is the Spanish view carrying
/// the English one.
pub fn select_edition(
    dataset: &Dataset,
    brief: &Brief,
    audience: Audience,
    tongue: Tongue,
) -> View {
    match tongue {
        Tongue::One(lang) => select(dataset, brief, audience, lang),
        Tongue::Parallel => {
            let mut view = select(dataset, brief, audience, Lang::Es);
            let english = select(dataset, brief, audience, Lang::En);
            view.sources.extend(english.sources.iter().cloned());
            view.sources.sort();
            view.sources.dedup();
            view.bibliography = format!("/{audience}.{tongue}.bib.yaml");
            view.parallel = Some(Box::new(english));
            view
        }
    }
}

/// The languages an audience's editions come in: each of the brief's languages and, for the
/// MoU of a brief in both languages, the parallel Spanish–English text.
pub fn tongues(brief: &crate::validate::Brief, audience: Audience) -> Vec<Tongue> {
    let langs: Vec<Lang> = brief.languages().collect();
    let mut out: Vec<Tongue> = langs.iter().map(|&l| Tongue::One(l)).collect();
    if audience == Audience::Mou && langs.contains(&Lang::Es) && langs.contains(&Lang::En) {
        out.push(Tongue::Parallel);
    }
    out
}

/// Every edition of every brief, with its audience and view, keyed by output name
/// (`<brief>/<audience>.<lang>`, as `build` prints them): each of the brief's languages and,
/// for the MoU of a brief in both, the parallel text.
pub fn every_edition(dataset: &Dataset) -> BTreeMap<String, (Audience, View)> {
    let mut out = BTreeMap::new();
    for brief in &dataset.briefs {
        for audience in brief.audiences() {
            for tongue in tongues(brief, audience) {
                let edition = Edition {
                    brief: brief.id(),
                    audience,
                    tongue,
                };
                let view = select_edition(dataset, brief, audience, tongue);
                out.insert(edition.to_string(), (audience, view));
            }
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
        let cleared = dataset
            .fact(id)
            .is_some_and(|r| r.cleared_for(view.audience));
        if !cleared {
            return Err(Diagnostic::global(format!(
                "internal error: fact `{id}` reached the {} view without clearance; nothing was written",
                view.audience
            )));
        }
    }
    Ok(())
}

/// A brief that declares a marking below what an edition contains is refused at its line.
pub fn check_declared_marking(brief: &Brief, views: &[(Edition, &View)]) -> Diagnostics {
    let Some(declared) = &brief.def.classification else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for (edition, view) in views {
        if view.classification.key > declared.value {
            let culprit = view
                .facts
                .values()
                .find(|f| f.classification.key == view.classification.key)
                .map(|f| f.id.clone())
                .unwrap_or_default();
            errors.push(
                Diagnostic::at(
                    brief.location(declared),
                    format!(
                        "brief declares `{}` but edition {edition} contains `{}` content (fact `{culprit}`)",
                        declared.value.as_str(),
                        view.classification.key.as_str()
                    ),
                )
                .with_source_line(&brief.file.text)
                .with_hint("raise the declared classification, or remove the fact from that edition"),
            );
            break;
        }
    }
    errors
}
