//! A brief definition: one document set, which editions it has and which facts each section draws.

use super::{Audience, Classification, DocType, Kind, Lang, Spanned, Texts};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BriefDef {
    pub id: Spanned<String>,
    pub title: Texts,
    pub subtitle: Option<Texts>,
    /// The issuing office's reference number, printed on every page.
    pub reference: Spanned<String>,
    /// The issuing office, printed as the letterhead and written as the PDF's author.
    pub office: Texts,
    /// The brief's date: printed, and used as the PDF's creation date and as Typst's "today".
    pub date: Spanned<String>,
    /// The marking the drafter declares; the build refuses a declaration below the content.
    pub classification: Option<Spanned<Classification>>,
    /// The languages the brief is written in; each document type is made in those of them
    /// it supports.
    pub languages: Vec<Spanned<Lang>>,
    /// The documents the brief produces: a document type of the catalog for some of its
    /// audiences, with what differs in that document (title, reference, page budget).
    pub documents: Vec<DocumentEntry>,
    pub sections: Vec<Section>,
}

/// One document type the brief is made as, for which audiences, and what differs in it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentEntry {
    /// A document type of the catalog.
    #[serde(rename = "type")]
    pub document: Spanned<DocType>,
    /// Audiences the document type serves, each making its own edition.
    pub audiences: Vec<Spanned<Audience>>,
    pub title: Option<Texts>,
    pub subtitle: Option<Texts>,
    /// The reference of this document, if not the brief's.
    pub reference: Option<Spanned<String>>,
    /// A page budget below the document type's.
    pub max_pages: Option<Spanned<u32>>,
    /// The document's own texts, by name, in every language: what its template prints besides
    /// facts (a briefing note's purpose and the decision it seeks, who drafted and cleared it, a
    /// meeting's participants). Templates read them as `brief.texts.<name>`.
    #[serde(default)]
    pub texts: std::collections::BTreeMap<String, Texts>,
}

/// A section of the brief: a heading and the facts it draws, by id and by tag.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    pub title: Texts,
    /// Which of the brief's audiences get this section (default: all of them).
    pub audiences: Option<Vec<Spanned<Audience>>>,
    /// Which of the brief's document types carry this section (default: all of them).
    pub documents: Option<Vec<Spanned<DocType>>>,
    /// A timeline's lanes: one row per tag, each with its label (default: one lane).
    #[serde(default)]
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// Draws every cleared fact of these kinds (statements, terms...).
    #[serde(default)]
    pub kinds: Vec<Spanned<Kind>>,
    /// Facts of these kinds are not drawn by this section's `tags:`: a thematic section leaves
    /// them to the section that gathers that kind (the areas of cooperation, say, listed
    /// together rather than one by one under each theme).
    #[serde(default, rename = "except-kinds")]
    pub except_kinds: Vec<Spanned<Kind>>,
    #[serde(default)]
    pub layout: Layout,
    /// The least marking of this section's paragraphs, whatever their facts' own: what the
    /// section says in this document is more sensitive than its facts are elsewhere (a
    /// recommendation before a decision of the Government, Law 27806 art. 17). It raises the
    /// paragraphs' portion marks and so the document's marking.
    #[serde(default)]
    pub marking: Option<Spanned<Classification>>,
}

impl Section {
    /// Whether the section's `tags:` leave facts of `kind` to another section (`except-kinds`).
    pub fn excepts(&self, kind: Kind) -> bool {
        self.except_kinds.iter().any(|k| k.value == kind)
    }
}

/// One row of a timeline: the section's facts with this tag.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub tag: Spanned<String>,
    pub label: Texts,
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
    /// The document's own title, set large and centred (an MoU's title).
    Title,
    /// The parties named under a title.
    Parties,
    /// A preamble's recitals, as plain paragraphs.
    Recitals,
    /// The closing formula before the signature lines.
    Signature,
}
