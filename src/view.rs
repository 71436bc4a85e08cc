//! What a template sees: the view of one edition, with every text in the edition's language and
//! every number and date written as that language writes them. Building a view from facts that
//! selection has already cleared is presentation only; the clearance rule lives in `select`.

use crate::catalog::Catalog;
use crate::locale::{format_date, format_number};
use crate::model::brief::Layout;
use crate::model::catalog::LanguageDef;
use crate::model::{Audience, Cell, Classification, DocType, FactDate, Kind, Lang, Status, Texts};
use crate::validate::FactRecord;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// What a template sees.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub lang: Lang,
    /// The BCP 47 region of `lang` (`PE`, `GB`).
    pub region: String,
    pub audience: Audience,
    /// The audience's name in `lang`, as the document's "For:" line prints it.
    pub reader: String,
    pub document: DocumentView,
    /// Whether paragraphs carry portion marks (the audience's choice).
    pub portion_marks: bool,
    /// Whether paragraphs cite their sources (the document type's choice).
    pub cites: bool,
    /// The catalog's strings in `lang`, which templates print with `t("key")`.
    pub strings: BTreeMap<String, String>,
    pub brief: BriefView,
    /// The highest classification among the facts included, or the document type's floor.
    pub classification: Marking,
    /// Why the document type's floor sets the marking, when it does.
    pub floor: Option<String>,
    /// Facts sections named that an earlier section already shows (not part of what templates
    /// see: `check` and `build` report them).
    #[serde(skip)]
    pub repeats: Vec<crate::select::Repeat>,
    pub sections: Vec<SectionView>,
    /// Every fact of the view by id, for templates that place a fact outside its section.
    pub facts: BTreeMap<String, FactView>,
    /// The citation keys the view's facts cite, sorted.
    pub sources: Vec<String>,
    /// The virtual path of the edition's bibliography (`/<output file>.bib.yaml`), which
    /// holds only the sources the edition cites.
    pub bibliography: String,
    /// For a parallel edition, the same selection in the second language, section for section
    /// and fact for fact (selection does not depend on the language).
    pub parallel: Option<Box<View>>,
}

/// The document type of an edition, as its template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub id: DocType,
    /// What the document calls itself in the edition's language: `Non-paper`.
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub reference: String,
    pub office: String,
    pub date: DateView,
    /// The document entry's own texts, by name.
    pub texts: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Marking {
    pub key: Classification,
    pub label: String,
    pub mark: String,
}

impl Marking {
    /// The marking's label and portion mark in `lang`, from the catalog (which declares both
    /// for every language).
    pub fn new(c: Classification, catalog: &Catalog, lang: Lang) -> Self {
        let string = |key: String| catalog.string(lang, &key).unwrap_or_default().to_owned();
        Self {
            key: c,
            label: string(c.label_key()),
            mark: string(c.portion_key()),
        }
    }

    /// The marking for `audience`: an external reader's label is the catalog's
    /// `marking-external.<level>` where it declares one, Peru's own marking as its law names
    /// it, so that a counterpart does not read a level of its own classification scheme.
    pub fn for_audience(c: Classification, catalog: &Catalog, lang: Lang, external: bool) -> Self {
        let mut marking = Self::new(c, catalog, lang);
        if external {
            let key = format!("marking-external.{}", c.as_str());
            if let Some(label) = catalog.string(lang, &key) {
                label.clone_into(&mut marking.label);
            }
        }
        marking
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub layout: Layout,
    /// A timeline's lanes, each the facts of one tag.
    pub lanes: Vec<LaneView>,
    pub facts: Vec<FactView>,
    /// A one-sentence description of a timeline, for the figure's alt text.
    pub summary: String,
    /// The least marking the brief gives this section's paragraphs (its `marking:`): already
    /// applied to `facts`; kept to explain a marking (`brief show`).
    #[serde(skip)]
    pub marking: Option<Classification>,
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
pub struct LaneView {
    pub tag: String,
    pub label: String,
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
    pub fn new(d: &FactDate, lang: &LanguageDef) -> Self {
        Self {
            iso: d.to_string(),
            text: format_date(d, lang),
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
    /// Whether the text's opening words already say the title, whatever their case ("Iniciativa
    /// de Interoperabilidad de Asociaciones. La Iniciativa de Interoperabilidad de Asociaciones
    /// figura…"), in every language of the fact: a template then prints no run-in title before
    /// the text, in any edition.
    pub title_said: bool,
    pub date: Option<DateView>,
    pub end: Option<DateView>,
    pub values: BTreeMap<String, NumberView>,
    pub attrs: BTreeMap<String, String>,
    pub table: Option<TableView>,
    pub sources: Vec<String>,
    pub classification: Marking,
    /// The section whose `marking:` raised this paragraph above its fact's own classification,
    /// when one did (it may belong to another edition of the brief). Explains a marking (`brief
    /// show`); not part of what templates see.
    #[serde(skip)]
    pub raised_by: Option<String>,
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

/// How far past its own length into a text a title may be said again for it to be left out: an
/// article or two ("La Iniciativa…"), not a title met further on in the sentence.
const OPENING: usize = 16;

/// `text` as compared for a title: lowercase, without quote marks (which print as the
/// language's), with each run of white space one space.
pub(crate) fn comparable(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '"' | '\'' | '“' | '”' | '«' | '»' | '‘' | '’'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` says `title` as whole words, whatever the case and the quote marks, within
/// its title's length and [`OPENING`] more characters.
fn opening_says(text: &str, title: &str) -> bool {
    let title = comparable(title.trim().trim_end_matches('.'));
    if !title.chars().any(char::is_alphanumeric) {
        return false;
    }
    let opening: String = comparable(text)
        .chars()
        .take(title.chars().count() + OPENING)
        .collect();
    opening.match_indices(&title).any(|(at, _)| {
        let before = opening[..at].chars().next_back();
        let after = opening[at + title.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether every language's text opens by saying its title: decided for the fact, not per
/// edition, so that the Spanish and English editions print the same run-in titles.
fn said_in_every_language(f: &crate::model::Fact) -> bool {
    f.title.as_ref().is_some_and(|title| {
        !title.0.is_empty()
            && title
                .0
                .iter()
                .all(|(lang, t)| opening_says(f.text.get(*lang), &t.value))
    })
}

/// A fact as an edition in `lang` shows it.
pub fn fact_view(record: &FactRecord, catalog: &Catalog, lang: &LanguageDef) -> FactView {
    let f = &record.fact;
    let id = lang.id.value;
    let bi = |b: &Texts| b.get(id).to_owned();
    let title = f.title.as_ref().map(bi);
    let text = bi(&f.text);
    FactView {
        id: f.id.value.clone(),
        kind: f.kind.value,
        tags: f.tags.iter().map(|t| t.value.clone()).collect(),
        title_said: said_in_every_language(f),
        title,
        text,
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
                        text: format_number(v.value, &lang.numbers),
                    },
                )
            })
            .collect(),
        attrs: f.attrs.iter().map(|(k, v)| (k.clone(), bi(v))).collect(),
        table: f.table.as_ref().map(|t| table_view(t, lang)),
        sources: f.sources.iter().map(|s| s.value.clone()).collect(),
        classification: Marking::new(f.classification.value, catalog, id),
        raised_by: None,
        open: f.status == Status::Open,
    }
}

fn table_view(t: &crate::model::Table, lang: &LanguageDef) -> TableView {
    let bi = |b: &Texts| b.get(lang.id.value).to_owned();
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
                        text: format_number(*n, &lang.numbers),
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

/// A string of `lang` with `{name}` placeholders filled in; empty if the catalog lacks it.
fn fill(lang: &LanguageDef, key: &str, values: &[(&str, String)]) -> String {
    let Some(pattern) = lang.strings.get(key) else {
        return String::new();
    };
    values
        .iter()
        .fold(pattern.value.clone(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

fn describe_chart(bars: &[Bar], label: &str, lang: &LanguageDef) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let items: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .collect();
    fill(
        lang,
        "alt.chart",
        &[
            ("label", label.to_lowercase()),
            ("count", bars.len().to_string()),
            ("items", items.join("; ")),
        ],
    )
}

/// A one-sentence description of a timeline of `facts`, for the figure's alt text.
pub fn describe_timeline(facts: &[&FactRecord], lang: &LanguageDef) -> String {
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
            let label = r
                .fact
                .title
                .as_ref()
                .unwrap_or(&r.fact.text)
                .get(lang.id.value);
            format!("{}: {label}", format_date(&r.date.expect("dated"), lang))
        })
        .collect();
    fill(
        lang,
        "alt.timeline",
        &[
            ("count", dated.len().to_string()),
            ("from", a.to_string()),
            ("to", b.to_string()),
            ("items", items.join("; ")),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::opening_says;

    #[test]
    fn a_title_the_opening_says_again_is_said() {
        assert!(opening_says(
            "La Iniciativa de Interoperabilidad de Asociaciones figura entre las herramientas.",
            "Iniciativa de Interoperabilidad de Asociaciones"
        ));
        assert!(opening_says("Cyber defence. More.", "Cyber defence."));
        assert!(!opening_says(
            "El incendio sufrido por la corbeta BAP Guise en RIMPAC 2022.",
            "Incendio de la corbeta BAP Guise (RIMPAC 2022)"
        ));
        let late = format!("{} Building Integrity", "x".repeat(20));
        assert!(!opening_says(&late, "Building Integrity"));
        assert!(!opening_says("Anything.", " . "));
        // Whole words only: "Paz" is not said by "Pazos".
        assert!(!opening_says("Pazos y otros autores.", "Paz"));
        assert!(!opening_says("En la Cumbrecita se reunieron.", "Cumbre"));
        // Quote marks and spacing as printed, not as written.
        assert!(opening_says(
            "La \"mano amiga\" fue tendida.",
            "La “mano amiga”"
        ));
        assert!(opening_says("Mano amiga de la Alianza.", "Mano  amiga"));
    }
}
