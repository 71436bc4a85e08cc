//! A fact: one reviewed statement from the research, in Spanish and English, with its sources,
//! its provenance in the thesis and who may see it.

use super::{Audience, Classification, Kind, Lang, Sensitivity, Spanned, Status};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A data file: `facts:` followed by a list of facts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    pub facts: Vec<Fact>,
}

/// A human-readable string in each language of the catalog, keyed by language id
/// (`{es: …, en: …}`). Which languages must be present is checked against the catalog.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(transparent)]
pub struct Texts(pub BTreeMap<Lang, Spanned<String>>);

impl Texts {
    /// The text in `lang`; empty where validation would have refused the text.
    pub fn get(&self, lang: Lang) -> &str {
        self.0.get(&lang).map_or("", |s| s.value.as_str())
    }

    /// The text in `lang` with its place in the file.
    pub fn spanned(&self, lang: Lang) -> Option<&Spanned<String>> {
        self.0.get(&lang)
    }

    /// Each language's text, by language id.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &Spanned<String>)> {
        self.0.iter().map(|(l, s)| (*l, s))
    }

    /// Where the text was first written, for messages about the text as a whole.
    pub fn first(&self) -> Option<&Spanned<String>> {
        self.0
            .values()
            .min_by_key(|s| (s.referenced.line(), s.referenced.column()))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: Spanned<String>,
    pub kind: Spanned<Kind>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; parsed and checked by `validate`.
    pub date: Option<Spanned<String>>,
    /// The end of a period that `date` starts.
    pub end: Option<Spanned<String>>,
    pub title: Option<Texts>,
    pub text: Texts,
    #[serde(default)]
    pub values: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    pub attrs: BTreeMap<String, Texts>,
    pub table: Option<Table>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// Required, with no default: a fact without audiences is an error.
    pub audiences: Spanned<Vec<Spanned<Audience>>>,
    pub sensitivity: Spanned<Sensitivity>,
    pub classification: Spanned<Classification>,
    /// Thesis line numbers: `"1536-1540, 1544"`, for a fact drawn from the thesis.
    pub seed: Option<Spanned<String>>,
    /// What the fact rests on when it is not drawn from the thesis and no source is cited:
    /// a stated basis ("Ministerial decision of 3 March 2023"), in each language.
    pub basis: Option<Texts>,
    pub note: Option<String>,
    #[serde(default)]
    pub status: Status,
    /// Facts this one says again in other words (a definition in the glossary and in a
    /// chapter, a statement an interviewee repeats): where both would print in one document,
    /// only the first placed prints, so that a reader is told a thing once.
    #[serde(default)]
    pub restates: Vec<Spanned<String>>,
    /// A glossary term's forbidden variants, per language, each with the form to write instead
    /// (`es: {memorando: memorándum}`): the term base `brief check` holds every text to. Only
    /// `kind: term` facts may have it.
    #[serde(default)]
    pub forbidden: BTreeMap<Lang, BTreeMap<String, Spanned<String>>>,
    /// Where the text departs from the thesis on purpose, because the thesis is wrong there
    /// (the EAPC dates from 1997, not 1996): what the thesis says, what the Spanish text says
    /// instead, and why. A reviewer sees every departure; the provenance check accepts the
    /// corrected value only where a correction names it.
    #[serde(default)]
    pub corrections: Vec<Correction>,
}

/// One departure from the thesis: its words (`seed`), the text's (`now`), and the reason.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub seed: Spanned<String>,
    pub now: Spanned<String>,
    pub why: Spanned<String>,
}

/// A table drawn from the thesis, with typed cells.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Spanned<BTreeMap<String, Cell>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: Spanned<String>,
    pub label: Texts,
    #[serde(default)]
    pub numeric: bool,
}

/// A table cell: a number, or text in both languages.
#[derive(Debug, Clone)]
pub enum Cell {
    Number(f64),
    Text(Texts),
}

/// By hand rather than `#[serde(untagged)]`: an untagged enum reads its value into a buffer
/// first, which loses where each text was written, so a cell's error was placed at the
/// file's line 1, column 1, naming no fact.
impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, or a text in each language ({es: …, en: …})")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Number(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some(lang) = map.next_key::<Lang>()? {
                    let text = map.next_value::<Spanned<String>>()?;
                    texts.insert(lang, text);
                }
                Ok(Cell::Text(Texts(texts)))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}
