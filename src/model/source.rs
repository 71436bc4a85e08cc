//! A bibliography entry of `data/sources.yaml`: the part of Hayagriva's format that `brief`
//! accepts. Every field is parsed and checked here, and each edition's bibliography is written
//! from these values (`crate::bibliography`), so nothing else in the file (comments, unknown
//! fields, Hayagriva's markup) reaches Typst.

use super::{Lang, Spanned};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One source. Unknown fields are refused at their line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Source {
    /// Hayagriva's entry type (`report`, `web`, `article`…).
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    /// The title as published, or a supplied `[description]` in every catalog language.
    pub title: Spanned<Localized>,
    #[serde(default)]
    pub author: Option<Spanned<Persons>>,
    #[serde(default)]
    pub editor: Option<Spanned<Persons>>,
    /// `2021`, `2021-03` or `2021-03-15`.
    #[serde(default)]
    pub date: Option<Spanned<Scalar>>,
    /// The work this one is part of (a journal, a book, a website).
    #[serde(default)]
    pub parent: Option<Box<Spanned<Source>>>,
    /// A language tag such as `es` or `en-GB`.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    /// An `http` or `https` address.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub publisher: Option<Spanned<String>>,
    #[serde(default)]
    pub location: Option<Spanned<String>>,
    #[serde(default)]
    pub organization: Option<Spanned<String>>,
    #[serde(default)]
    pub volume: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub issue: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub edition: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub page_range: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

/// One person or body, or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a name (`Last, First`), `{name: ...}`, or a list of them"
)]
pub enum Persons {
    // A list first: a derived struct also accepts a sequence, so `One` tried first would read a
    // one-name list `[Rynning, Sten]` as `{name: "Rynning, Sten"}`, an organisation's name.
    Many(Vec<Person>),
    One(Person),
}

impl Persons {
    pub fn as_slice(&self) -> &[Person] {
        match self {
            Persons::One(p) => std::slice::from_ref(p),
            Persons::Many(ps) => ps,
        }
    }
}

/// `Last, First` (Hayagriva splits it at its commas), or the parts spelled out.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Person {
    Written(String),
    Parts(PersonParts),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PersonParts {
    /// A family name, or a body's name (which may be given per language).
    pub name: Localized,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub suffix: Option<String>,
    #[serde(default)]
    pub alias: Option<String>,
}

/// A text written once (a title as published, a person's name), or once per catalog language
/// (`{es: ..., en: ...}`: a supplied description, an organisation's name).
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a text, or the text in every catalog language (`{es: ..., en: ...}`)"
)]
pub enum Localized {
    One(String),
    PerLang(BTreeMap<Lang, String>),
}

impl Localized {
    /// The text an edition in `lang` prints; with no language (reports that show a source
    /// whatever the edition), every language's text joined by ` / `.
    pub fn text(&self, lang: Option<Lang>) -> String {
        match (self, lang) {
            (Localized::One(text), _) => text.clone(),
            (Localized::PerLang(texts), Some(lang)) => {
                texts.get(&lang).cloned().unwrap_or_default()
            }
            (Localized::PerLang(texts), None) => {
                texts.values().cloned().collect::<Vec<_>>().join(" / ")
            }
        }
    }

    /// Every text written, in every language.
    pub fn texts(&self) -> Vec<&String> {
        match self {
            Localized::One(text) => vec![text],
            Localized::PerLang(texts) => texts.values().collect(),
        }
    }

    /// Whether it is given per language.
    pub fn is_per_language(&self) -> bool {
        matches!(self, Localized::PerLang(_))
    }
}

/// A value YAML may write as a number or as a string (`date: 2021`, `volume: "3a"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "a number or a string")]
pub enum Scalar {
    Number(u64),
    Text(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Text(s) => f.write_str(s),
        }
    }
}
