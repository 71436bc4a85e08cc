//! A brief definition: one document set, which editions it has and which facts each section draws.

use super::{Audience, Bi, Classification, Kind, Lang, Spanned};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefDef {
    pub id: Spanned<String>,
    pub title: Bi,
    pub subtitle: Option<Bi>,
    /// The issuing office's reference number, printed on every page.
    pub reference: Spanned<String>,
    /// The issuing office, printed as the letterhead and written as the PDF's author.
    pub office: Bi,
    /// The brief's date: printed, and used as the PDF's creation date and as Typst's "today".
    pub date: Spanned<String>,
    /// The marking the drafter declares; the build refuses a declaration below the content.
    pub classification: Option<Spanned<Classification>>,
    pub audiences: Vec<Spanned<Audience>>,
    pub languages: Vec<Spanned<Lang>>,
    /// What differs for one audience's edition: an external reader's document may need another
    /// title, subtitle or reference than the internal ones.
    #[serde(default)]
    pub editions: std::collections::BTreeMap<Audience, EditionDef>,
    pub sections: Vec<Section>,
}

/// Per-audience overrides of a brief's title, subtitle and reference.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionDef {
    pub title: Option<Bi>,
    pub subtitle: Option<Bi>,
    pub reference: Option<Spanned<String>>,
}

/// A section of the brief: a heading and the facts it draws, by id and by tag.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    pub title: Bi,
    /// Which of the brief's audiences get this section (default: all of them).
    pub audiences: Option<Vec<Spanned<Audience>>>,
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// Draws every cleared fact of these kinds (statements, terms...).
    #[serde(default)]
    pub kinds: Vec<Spanned<Kind>>,
    #[serde(default)]
    pub layout: Layout,
}

/// How a template lays a section out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Paragraphs, one per fact.
    #[default]
    Prose,
    /// A bulleted list, one item per fact.
    List,
    /// The key-messages box at the top of a brief.
    Box,
    /// The dated facts as a timeline figure.
    Timeline,
    /// Each table fact as a table.
    Table,
    /// Each table fact as a table and as a bar chart of its first numeric column.
    Chart,
    /// Recommendation facts as a table of horizon, action, lead and deliverable.
    Recommendations,
    /// Term facts as a two-column glossary.
    Glossary,
    /// MoU clauses as numbered paragraphs.
    Clauses,
}
