//! Pages left half empty. A forced break, or a block that may not break (a table, a box kept
//! whole, a heading kept with what follows) pushed to the next page, can leave a page mostly
//! blank in the middle of a document, which a reader takes for a missing page. After layout, each
//! page's body — the text area, the frame [`super::overflow`] measures against — is measured to
//! the lowest ink on it; a page other than the last whose ink stops above [`LEAST`] of the text
//! area's height is reported, with how full it is.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// The least share of a page's text area that must be used, on every page but the last.
pub const LEAST: f64 = 0.5;

/// A page used less than [`LEAST`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sparse {
    /// 1-based page number.
    pub page: usize,
    /// How much of the text area's height is used, from 0 to 1.
    pub used: f64,
}

/// Every page but the last whose text area is used less than [`LEAST`].
pub fn sparse(document: &PagedDocument) -> Vec<Sparse> {
    let pages = document.pages();
    pages
        .iter()
        .enumerate()
        .take(pages.len().saturating_sub(1))
        .filter_map(|(i, page)| {
            let (body, _, area) = super::overflow::body(&page.frame);
            if area.y <= Abs::zero() {
                return None;
            }
            let used = (lowest(body, Transform::identity()) / area.y).clamp(0.0, 1.0);
            (used < LEAST).then_some(Sparse { page: i + 1, used })
        })
        .collect()
}

/// The lowest point any ink of `frame`, placed by `ts`, reaches.
fn lowest(frame: &Frame, ts: Transform) -> Abs {
    let mut low = Abs::zero();
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        let bottom = match item {
            FrameItem::Group(group) if group.clip.is_some() => {
                let size = group.frame.size();
                Point::with_y(size.y)
                    .transform(here.pre_concat(group.transform))
                    .y
            }
            FrameItem::Group(group) => lowest(&group.frame, here.pre_concat(group.transform)),
            // The baseline: descenders hang below every line alike.
            FrameItem::Text(_) => Point::zero().transform(here).y,
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(false);
                Point::with_y(bbox.max.y).transform(here).y
            }
            FrameItem::Image(_, size, _) => Point::with_y(size.y).transform(here).y,
            FrameItem::Link(..) | FrameItem::Tag(_) => Abs::zero(),
        };
        low.set_max(bottom);
    }
    low
}

/// What a reader is told about a sparse page of the output `name` of `pages` pages.
pub fn describe(name: &str, pages: usize, sparse: &Sparse) -> String {
    format!(
        "{name}: page {} of {pages} is {:.0}% used, more than half empty before the last page (a block that could not break, or a forced break, moved what followed); shorten the section before it or let the block break",
        sparse.page,
        sparse.used * 100.0
    )
}
