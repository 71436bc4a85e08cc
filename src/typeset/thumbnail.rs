//! First-page thumbnails for the staff page (`out/index.html`): rendered with `typst-render`
//! from the very document the PDF was exported from, so a thumbnail shows exactly what that
//! edition's first page shows and nothing else.

use typst::utils::Scalar;
use typst_layout::Page;
use typst_render::RenderOptions;

/// Pixels per point: an A4 page becomes 298 × 421 pixels, shown at half that size so that it
/// stays sharp on a high-density screen.
pub const PIXELS_PER_POINT: f64 = 0.5;

/// `page` as PNG bytes. The encoder writes no time, no text chunk and no other metadata, so the
/// same page gives the same bytes.
pub fn png(page: &Page) -> Vec<u8> {
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(PIXELS_PER_POINT),
        render_bleed: false,
    };
    typst_render::render(page, &options)
        .encode_png()
        .expect("encoding an in-memory pixmap as PNG cannot fail")
}
