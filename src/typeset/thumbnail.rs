//! First-page thumbnails for the staff page (`out/index.html`): rendered with `typst-render`
//! from the very document the PDF was exported from, so a thumbnail shows exactly what that
//! edition's first page shows and nothing else.

use typst::utils::Scalar;
use typst_layout::Page;
use typst_render::RenderOptions;

/// Pixels per point: an A4 page becomes 298 × 421 pixels, shown at half that size so that it
/// stays sharp on a high-density screen.
pub const PIXELS_PER_POINT: f64 = 0.5;

/// `page` as PNG bytes: 8-bit RGB (a page is opaque), compressed with the encoder's fast
/// setting, which costs a fifth of the default's time for a slightly larger file. The encoder
/// writes no time, no text chunk and no other metadata, so the same page gives the same bytes.
pub fn png(page: &Page) -> Vec<u8> {
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(PIXELS_PER_POINT),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    let mut rgb = Vec::with_capacity(pixmap.pixels().len() * 3);
    for pixel in pixmap.pixels() {
        let c = pixel.demultiply();
        rgb.extend([c.red(), c.green(), c.blue()]);
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder
        .write_header()
        .and_then(|mut writer| {
            writer.write_image_data(&rgb)?;
            writer.finish()
        })
        .expect("encoding an in-memory image as PNG cannot fail");
    bytes
}
