//! The catalog: what a project can produce, declared in `templates/catalog.yaml`. Languages
//! (with the strings templates print, month names and number style), audiences (with whether
//! they are external) and document types (template, audiences served, languages, parallel text,
//! wording rules, page budget). Adding any of them is a change to this file, not to the tool.

use super::{Audience, Classification, DocType, Kind, Lang, Spanned, Texts};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `templates/catalog.yaml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub languages: Vec<LanguageDef>,
    pub audiences: Vec<AudienceDef>,
    pub documents: Vec<DocumentDef>,
    /// The research scaffolding of the fact base: what documents leave out unless their type
    /// opts in with `research: true`.
    #[serde(default)]
    pub research: ResearchDef,
    /// The language facts are written in first, which the others are translated from
    /// (`source-language: es`); by default the first language. Translation state
    /// (`data/translations.lock`) records, for every other language, the source text each
    /// translation was made from.
    #[serde(default, rename = "source-language")]
    pub source_language: Option<Spanned<Lang>>,
}

/// Facts that are the research's apparatus rather than a brief's content: hypotheses, interview
/// material, methodology.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResearchDef {
    #[serde(default)]
    pub kinds: Vec<Spanned<Kind>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
}

/// A language: its BCP 47 tag parts, how it writes dates and numbers, and the strings templates
/// print in it (`t("page")`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageDef {
    pub id: Spanned<Lang>,
    /// The language's own name for itself: `español`, `English`, `português`.
    pub name: Spanned<String>,
    /// The BCP 47 region subtag: `PE`, `GB`, `BR`. Typst's `region` and the PDF's language tag.
    pub region: Spanned<String>,
    /// The twelve month names, January first, as running text prints them.
    pub months: Spanned<Vec<String>>,
    /// How a date is written: `{day}`, `{month}` and `{year}` are replaced.
    pub dates: DatePatterns,
    pub numbers: NumberStyle,
    /// Numbers as the language writes them in words (`cuatro: 4`, `sexto: 6`), lowercase: the
    /// translation drift check counts them as the numbers they are.
    #[serde(default)]
    pub number_words: BTreeMap<String, u32>,
    /// Dates known by a name (`11-S: 11 de septiembre`): the drift check reads the name as the
    /// date written out.
    #[serde(default)]
    pub named_dates: BTreeMap<String, String>,
    /// The strings templates print, by key.
    #[serde(default)]
    pub strings: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatePatterns {
    /// A full date: `{day} de {month} de {year}`.
    pub day: Spanned<String>,
    /// A month of a year: `{month} de {year}`.
    pub month: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumberStyle {
    /// The decimal separator: `,` or `.`.
    pub decimal: Spanned<String>,
    /// The thousands separator: `,`, or a no-break space (U+00A0).
    pub group: Spanned<String>,
    /// The fewest digits an integer part has before it is grouped (Spanish: 5, so `2021`).
    pub group_from: usize,
}

/// Who an output is for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AudienceDef {
    pub id: Spanned<Audience>,
    /// The reader's name in each language, as a document's "For:" line prints it.
    pub name: Texts,
    /// Outside the Peruvian government. Required, with no default: an internal fact can never
    /// reach an external audience, and that must be a decision, not an omission.
    pub external: Spanned<bool>,
    /// Whether paragraphs carry portion marks (`(R)`) in this audience's documents.
    #[serde(default)]
    pub portion_marks: bool,
}

/// A kind of document: how it is shaped and for whom.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentDef {
    pub id: Spanned<DocType>,
    /// What the document calls itself: `Nota informativa` / `Briefing note`.
    pub name: Texts,
    /// The template under `templates/`.
    pub template: Spanned<String>,
    /// The audiences it may be made for.
    pub audiences: Vec<Spanned<Audience>>,
    /// The languages it is made in (default: each of the brief's languages).
    pub languages: Option<Vec<Spanned<Lang>>>,
    /// A parallel text: two languages side by side, from its own template.
    pub parallel: Option<ParallelDef>,
    /// Expressions this document type never uses, per language.
    #[serde(default)]
    pub wording: Vec<WordingRule>,
    /// What a broken wording rule is called in its message ("treaty language in a memorandum
    /// of understanding"); by default, "wording a <document type> does not use".
    pub wording_error: Option<String>,
    /// Why the wording rules hold, said in the hint of each refusal.
    pub wording_reason: Option<String>,
    /// The most pages an edition may take; a brief may lower it.
    pub max_pages: Option<Spanned<u32>>,
    /// Whether paragraphs cite their sources and a source list closes the document.
    #[serde(default = "yes")]
    pub cites: bool,
    /// Whether the research's scaffolding (see [`ResearchDef`]) may appear: only a background
    /// dossier opts in.
    #[serde(default)]
    pub research: bool,
    /// Whether each edition is also written as an editable DOCX beside its PDF (a document that
    /// is negotiated: the MoU).
    #[serde(default)]
    pub docx: bool,
    /// Whether paragraphs carry portion marks for audiences that read them (the audience's
    /// `portion-marks`): a speaker's talking points say `false`, the banner marking the card
    /// and every line being said aloud as one position.
    #[serde(default = "yes")]
    pub portion_marks: bool,
    /// The lowest marking the document carries whatever its facts: a negotiating draft is
    /// reserved while under negotiation, whatever its clauses say.
    pub marking_floor: Option<MarkingFloor>,
}

/// A document type's minimum marking and the reason for it, printed where the marking is
/// explained.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkingFloor {
    pub level: Spanned<Classification>,
    pub reason: Texts,
}

fn yes() -> bool {
    true
}

/// Two languages side by side, paragraph beside paragraph.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ParallelDef {
    /// Left column first.
    pub languages: Spanned<Vec<Spanned<Lang>>>,
    pub template: Spanned<String>,
}

/// One forbidden expression and what to write instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordingRule {
    pub lang: Spanned<Lang>,
    /// Matched as whole words, on text normalised as a reader sees it.
    pub words: Spanned<String>,
    /// Whether case matters ("Parties" the treaty term, not "parties" in general prose).
    #[serde(default)]
    pub case_sensitive: bool,
    pub instead: String,
}
