//! The staff page, `out/index.html`: every output of every brief with its classification,
//! pages, first-page thumbnail, link and what its last build changed, and per brief the facts
//! each output holds. It is written by `build`, in the same atomic commit as the outputs.
//!
//! It is a page for the ministry's staff only and lists internal editions and internal fact ids
//! (never a fact's text): it sits at the top of `out/`, outside every brief folder, and says so
//! in a banner. What an external reader is handed (an external edition's PDF, its Typst source,
//! bibliography, style and thumbnail) never refers to it. See SECURITY.md.
//!
//! What it shows of an edition comes from that edition's clearance-filtered [`View`] (the one
//! its template saw), and the rest from the manifest; [`html::page`] is a pure function of
//! both, so the same project gives the same bytes.

pub mod html;

use crate::budget::Budget;
use crate::edition::Edition;
use crate::model::Classification;
use crate::pipeline::Prepared;
use crate::view::View;

/// The page's file name under `out/`.
pub const FILE: &str = "index.html";

/// What the page says of one edition, taken from its view.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The output's name, `<brief>/<brief>.<document>.<audience>.<lang>`.
    pub name: String,
    pub brief: String,
    /// The document's own title, in its language.
    pub title: String,
    /// The document type's name, in the edition's language.
    pub document: String,
    /// The reader's name, in the edition's language.
    pub audience: String,
    pub audience_id: String,
    pub external: bool,
    /// `es`, or `es-en` for a parallel text.
    pub tongue: String,
    /// The language of the texts above (the first of a parallel text).
    pub lang: String,
    pub marking: Classification,
    /// The marking's label in the edition's language: `CONFIDENCIAL`.
    pub marking_label: String,
    pub reference: String,
    pub date: String,
    pub budget: Option<u32>,
    /// The facts the edition holds, in id order, with their classification.
    pub facts: Vec<(String, Classification)>,
}

impl Listing {
    pub fn new(edition: &Edition, view: &View, budget: Option<&Budget>, external: bool) -> Self {
        Self {
            name: edition.name(),
            brief: edition.brief.clone(),
            title: view.brief.title.clone(),
            document: view.document.name.clone(),
            audience: view.reader.clone(),
            audience_id: edition.audience.to_string(),
            external,
            tongue: edition.tongue.to_string(),
            lang: view.lang.to_string(),
            marking: view.classification.key,
            marking_label: view.classification.label.clone(),
            reference: view.brief.reference.clone(),
            date: view.brief.date.text.clone(),
            budget: budget.map(|b| b.max),
            facts: view
                .facts
                .values()
                .map(|f| (f.id.clone(), f.classification.key))
                .collect(),
        }
    }
}

/// A brief's heading: its id and its title in each language.
#[derive(Debug, Clone)]
pub struct BriefHead {
    pub id: String,
    pub titles: Vec<(String, String)>,
}

impl BriefHead {
    pub fn of(brief: &crate::validate::Brief) -> Self {
        Self {
            id: brief.id().to_owned(),
            // Spanish first, as the page reads.
            titles: {
                let mut titles: Vec<(String, String)> = brief
                    .def
                    .title
                    .iter()
                    .map(|(lang, text)| (lang.to_string(), text.value.clone()))
                    .collect();
                titles.sort_by_key(|(lang, _)| lang != "es");
                titles
            },
        }
    }
}

/// What the page says about the run that wrote it.
#[derive(Debug, Clone, Default)]
pub struct Stamp {
    /// When the inputs last changed (seconds since 1970), or `SOURCE_DATE_EPOCH`.
    pub inputs_as_of: Option<i64>,
    /// How many input files the build read.
    pub input_files: usize,
    /// The outputs the last build checked, when it was limited to some (`--brief`, `--audience`…):
    /// the others may be out of date.
    pub partial: Option<Vec<String>>,
}

/// The briefs' headings and what the page shows of every edition of every brief, in the order
/// the briefs define them, from the clearance-filtered views: those `prepared` planned when
/// the run builds everything, else selected here (a partial build still lists every output).
pub fn listings(prepared: &Prepared, everything: bool) -> (Vec<BriefHead>, Vec<Listing>) {
    let dataset = &prepared.dataset;
    let catalog = &dataset.catalog;
    let heads = dataset.briefs.iter().map(BriefHead::of).collect();
    let listings = if everything {
        prepared
            .planned
            .iter()
            .map(|p| {
                let external = catalog.is_external(p.edition.audience);
                Listing::new(&p.edition, &p.view, p.budget.as_ref(), external)
            })
            .collect()
    } else {
        let mut out = Vec::new();
        for brief in &dataset.briefs {
            for edition in crate::edition::of_brief(catalog, brief) {
                let view = crate::select::select_edition(dataset, brief, &edition);
                let budget = crate::budget::of(catalog, brief, &edition);
                let external = catalog.is_external(edition.audience);
                out.push(Listing::new(&edition, &view, budget.as_ref(), external));
            }
        }
        out
    };
    (heads, listings)
}
