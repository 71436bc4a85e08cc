//! Page budgets: a document type's `max-pages`, which a brief's document entry may lower. An
//! output over its budget fails the build, at the brief definition, listing its sections by the
//! room they take so that the author knows what to cut.

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Location};
use crate::edition::Edition;
use crate::validate::Brief;

/// The pages an edition may take, and where that was decided.
#[derive(Debug, Clone)]
pub struct Budget {
    pub max: u32,
    /// Where the error points: the entry's `max-pages`, or else its `type`.
    pub at: Location,
    /// The brief definition's text, for the snippet under the message.
    pub source: String,
    /// Who set the budget, for the message.
    pub set_by: String,
}

/// The budget of `edition`, if its document type or its brief entry sets one.
pub fn of(catalog: &Catalog, brief: &Brief, edition: &Edition) -> Option<Budget> {
    let entry = brief.entry(edition.document, edition.audience)?;
    let document = catalog.document(edition.document)?;
    let (max, at, set_by) = match (&entry.max_pages, &document.max_pages) {
        (Some(own), _) => (
            own.value,
            brief.location(own),
            format!("the brief's `max-pages` for `{}`", edition.document),
        ),
        (None, Some(limit)) => (
            limit.value,
            brief.location(&entry.document),
            format!(
                "document type `{}` ({})",
                edition.document,
                catalog.location(limit)
            ),
        ),
        (None, None) => return None,
    };
    Some(Budget {
        max,
        at,
        source: brief.file.text.clone(),
        set_by,
    })
}

/// The error for an output of `pages` pages over `budget`, with its sections by size.
pub fn check(
    budget: &Budget,
    name: &str,
    pages: usize,
    sections: &[(String, f64)],
) -> Option<Diagnostic> {
    if pages <= budget.max as usize {
        return None;
    }
    let mut largest: Vec<&(String, f64)> = sections.iter().collect();
    largest.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let listed: Vec<String> = largest
        .iter()
        .take(12)
        .map(|(id, size)| format!("{id} {size:.1}"))
        .collect();
    let mut d = Diagnostic::at(
        budget.at.clone(),
        format!(
            "{name} takes {pages} pages, over its budget of {} set by {}",
            budget.max, budget.set_by
        ),
    )
    .with_source_line(&budget.source);
    if !listed.is_empty() {
        d = d.with_hint(format!(
            "pages per section, largest first: {}{}",
            listed.join(", "),
            if largest.len() > listed.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    Some(d.with_hint(
        "cut or shorten the largest sections, or move them to a longer document (the dossier)",
    ))
}
