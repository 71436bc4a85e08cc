//! A fact: one reviewed statement from the research, in Spanish and English, with its sources,
//! its provenance in the thesis and who may see it.

use super::{Audience, Classification, Kind, Sensitivity, Spanned, Status};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A data file: `facts:` followed by a list of facts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    pub facts: Vec<Fact>,
}

/// A human-readable string in both languages. Both are required and checked non-empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bi {
    pub es: Spanned<String>,
    pub en: Spanned<String>,
}

impl Bi {
    pub fn get(&self, lang: super::Lang) -> &str {
        match lang {
            super::Lang::Es => &self.es.value,
            super::Lang::En => &self.en.value,
        }
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
    pub title: Option<Bi>,
    pub text: Bi,
    #[serde(default)]
    pub values: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    pub attrs: BTreeMap<String, Bi>,
    pub table: Option<Table>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// Required, with no default: a fact without audiences is an error.
    pub audiences: Spanned<Vec<Spanned<Audience>>>,
    pub sensitivity: Spanned<Sensitivity>,
    pub classification: Spanned<Classification>,
    /// Thesis line numbers: `"1536-1540, 1544"`.
    pub seed: Option<Spanned<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub status: Status,
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
    pub label: Bi,
    #[serde(default)]
    pub numeric: bool,
}

/// A table cell: a number, or text in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(Bi),
}
