//! How much room each section of a typeset document takes, for page budgets: templates mark the
//! start of each section with `#metadata("<section id>") <brief-section>`, and the extent of a
//! section runs from its mark to the next one (or the end of the document), in pages.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The label templates put on a section's start mark.
pub const LABEL: &str = "brief-section";

/// Each marked section, in document order, with the pages it takes (to a tenth of a page).
pub fn extents(document: &PagedDocument) -> Vec<(String, f64)> {
    let Some(height) = document.pages().first().map(|p| p.frame.height().to_pt()) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    let label = Label::new(PicoStr::intern(LABEL)).expect("a non-empty label");
    let mut marks: Vec<(String, f64)> = introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let id = match &meta.value {
                Value::Str(s) => s.to_string(),
                _ => return None,
            };
            let position = introspector.position(content.location()?)?;
            let at = (position.page.get() - 1) as f64 + position.point.y.to_pt() / height;
            Some((id, at))
        })
        .collect();
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    let end = document.pages().len() as f64;
    (0..marks.len())
        .map(|i| {
            let next = marks.get(i + 1).map_or(end, |m| m.1);
            let pages = ((next - marks[i].1) * 10.0).round() / 10.0;
            (marks[i].0.clone(), pages.max(0.0))
        })
        .collect()
}
