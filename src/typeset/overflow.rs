//! Text that does not fit the page. Typst lets a word it cannot break (a long identifier, a link
//! without spaces) or a table wider than the text area run past the margin, off the paper, and
//! says nothing. After layout, every text run, shape and image of each page's body is measured
//! against the body's own frame — the text area, a hard frame at the page's margins — and one
//! with a glyph that starts past its right edge (a glyph that only ends past it hangs, as Typst
//! lets punctuation and hyphens do), a shape or image that ends past it, or a baseline below its
//! bottom, is reported with the span of the glyph where it leaves the area.
//!
//! Line numbers and other marginalia on the left are not checked: they belong in the margin.

use typst::layout::{Abs, Frame, FrameItem, Point, Size, Transform};
use typst::syntax::Span;
use typst_layout::PagedDocument;

/// How far past the text area an item may reach before it counts: rounding, and the ink of
/// italics or of a stroke on the edge.
const TOLERANCE_PT: f64 = 1.0;

/// A shape at most this tall is a line (an underline, a strike, a table rule): checked where it
/// starts, not where its stroke ends, and allowed [`DESCENT_PT`] below the text area, the room
/// of a line's descenders, where an underline sits.
const LINE_PT: f64 = 2.0;
const DESCENT_PT: f64 = 4.0;

/// At most this many overflows are reported per document.
const MOST: usize = 8;

/// One item that does not fit.
#[derive(Debug, Clone)]
pub struct Overflow {
    /// 1-based page number.
    pub page: usize,
    /// How far past the edge it reaches, in points.
    pub beyond: f64,
    /// Whether it runs past the bottom (else past the right edge).
    pub below: bool,
    /// The run's text; empty for a shape or an image.
    pub text: String,
    /// The span of the glyph where the run leaves the area (or of the shape or image).
    pub span: Span,
    /// The offset of that glyph within the span's syntax node.
    pub offset: usize,
    /// The glyph's byte offset in the generated source, when the span points there.
    pub main_offset: Option<usize>,
}

/// Every item of `document` that leaves its page's text area, text first, at most [`MOST`].
pub fn find(document: &PagedDocument) -> Vec<Overflow> {
    let mut found = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        let (body, origin, area) = body(&page.frame);
        let ts = Transform::translate(origin.x, origin.y);
        walk(body, ts, origin, area, i + 1, &mut found);
    }
    found.sort_by_key(|o| (o.text.is_empty(), o.page));
    found.dedup_by(|a, b| a.page == b.page && a.span == b.span && a.text == b.text);
    found.truncate(MOST);
    found
}

/// The body of a page: its largest child frame that is smaller than the page (the background
/// fills the whole page; header and footer are shorter than the body), with its position and
/// size. A page without margins is its own body.
pub(super) fn body(page: &Frame) -> (&Frame, Point, Size) {
    page.items()
        .filter_map(|(pos, item)| match item {
            FrameItem::Group(g) if g.frame.size() != page.size() => Some((&g.frame, *pos)),
            _ => None,
        })
        .max_by(|(a, _), (b, _)| {
            (a.width() * a.height().to_pt())
                .to_pt()
                .total_cmp(&(b.width() * b.height().to_pt()).to_pt())
        })
        .map(|(frame, pos)| (frame, pos, frame.size()))
        .unwrap_or((page, Point::zero(), page.size()))
}

/// Walks `frame` placed by `ts` (page coordinates), checking each item against the text area at
/// `origin` of size `area`.
fn walk(
    frame: &Frame,
    ts: Transform,
    origin: Point,
    area: Size,
    page: usize,
    found: &mut Vec<Overflow>,
) {
    let tolerance = Abs::pt(TOLERANCE_PT);
    let right = origin.x + area.x + tolerance;
    let bottom = origin.y + area.y + tolerance;
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                let inner = here.pre_concat(group.transform);
                if group.clip.is_some() {
                    // Only what the clip lets through shows: the group's own box.
                    let size = group.frame.size();
                    check_box(inner, size, right, bottom, page, Span::detached(), found);
                } else {
                    walk(&group.frame, inner, origin, area, page, found);
                }
            }
            FrameItem::Text(text) => {
                // A glyph that starts inside the area and ends past it hangs (Typst lets
                // punctuation and hyphens overhang the edge of justified lines); one that starts
                // past the edge does not fit.
                let mut x = Abs::zero();
                let baseline = Point::zero().transform(here).y;
                for glyph in &text.glyphs {
                    let start = Point::with_x(x).transform(here).x;
                    x += glyph.x_advance.at(text.size);
                    let blank = text
                        .text
                        .get(glyph.range())
                        .is_none_or(|g| g.chars().all(char::is_whitespace));
                    if blank {
                        // A space after hanging punctuation starts past the edge; it is not ink.
                        continue;
                    }
                    let (past_right, past_bottom) = (start - right, baseline - bottom);
                    if past_right > Abs::zero() || past_bottom > Abs::zero() {
                        let whole = Point::with_x(text.width()).transform(here).x;
                        found.push(Overflow {
                            page,
                            beyond: if past_bottom > Abs::zero() {
                                past_bottom.to_pt()
                            } else {
                                (whole - right + tolerance).to_pt()
                            },
                            below: past_bottom > Abs::zero(),
                            text: text.text.to_string(),
                            span: glyph.span.0,
                            offset: usize::from(glyph.span.1),
                            main_offset: None,
                        });
                        break;
                    }
                }
            }
            FrameItem::Shape(shape, span) => {
                let bbox = shape.bbox(false);
                let ts = here.pre_concat(Transform::translate(bbox.min.x, bbox.min.y));
                let (mut size, mut limit) = (bbox.size(), bottom);
                if size.y <= Abs::pt(LINE_PT) {
                    // A line (an underline, a strike, a rule) is checked where it starts, as a
                    // glyph is: an underline runs on under hanging punctuation or a trailing
                    // space, and lies in the room below the last baseline that every line's
                    // descenders have. What it underlines is checked glyph by glyph.
                    size = Size::zero();
                    limit += Abs::pt(DESCENT_PT);
                }
                check_box(ts, size, right, limit, page, *span, found);
            }
            FrameItem::Image(_, size, span) => {
                check_box(here, *size, right, bottom, page, *span, found);
            }
            FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}

/// Checks a box of `size` placed by `ts` against the right and bottom limits.
fn check_box(
    ts: Transform,
    size: Size,
    right: Abs,
    bottom: Abs,
    page: usize,
    span: Span,
    found: &mut Vec<Overflow>,
) {
    let corners = [
        Point::zero(),
        Point::with_x(size.x),
        Point::with_y(size.y),
        Point::new(size.x, size.y),
    ]
    .map(|p| p.transform(ts));
    let max_x = corners.iter().map(|p| p.x).fold(Abs::zero(), Abs::max);
    let max_y = corners.iter().map(|p| p.y).fold(Abs::zero(), Abs::max);
    let (past_right, past_bottom) = (max_x - right, max_y - bottom);
    if past_right > Abs::zero() || past_bottom > Abs::zero() {
        found.push(Overflow {
            page,
            beyond: past_right.max(past_bottom).to_pt() + TOLERANCE_PT,
            below: past_bottom > past_right,
            text: String::new(),
            span,
            offset: 0,
            main_offset: None,
        });
    }
}
