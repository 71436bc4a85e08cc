//! Fonts come only from the project's `fonts/` folder, loaded once per process in name order
//! (so font indices, and therefore PDFs, are the same on every machine). No system fonts.

use crate::diag::Diagnostic;
use crate::project::Project;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// The largest font file accepted.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

pub struct FontSet {
    pub fonts: Vec<Font>,
    pub book: FontBook,
}

pub fn load(project: &Project) -> Result<FontSet, Diagnostic> {
    let dir = project.dir("fonts");
    if !dir.is_dir() {
        return Err(Diagnostic::global(
            "the fonts/ folder is missing: brief uses only the project's own fonts",
        ));
    }
    let paths = project.list("fonts", &[".ttf", ".otf", ".ttc", ".otc"])?;
    let mut fonts = Vec::new();
    for path in paths {
        let data = project.read_capped(&path, MAX_FONT_BYTES)?;
        let name = project.relative(&path).display().to_string();
        let before = fonts.len();
        fonts.extend(Font::iter(Bytes::new(data)));
        if fonts.len() == before {
            return Err(Diagnostic::global(format!(
                "{name} is not a font Typst can read"
            )));
        }
    }
    if fonts.is_empty() {
        return Err(Diagnostic::global(
            "no fonts available: fonts/ holds no .ttf or .otf file",
        ));
    }
    let book = FontBook::from_fonts(&fonts);
    Ok(FontSet { fonts, book })
}

/// A fingerprint of the font set: each file's name and bytes, in load order. Reads the files
/// without parsing them; a long-lived process reuses the result while no font file's size or
/// time has changed.
pub fn fingerprint(project: &Project) -> Result<String, Diagnostic> {
    use std::sync::{Mutex, OnceLock};
    static LAST: OnceLock<
        Mutex<
            Option<(
                Vec<(std::path::PathBuf, u64, Option<std::time::SystemTime>)>,
                String,
            )>,
        >,
    > = OnceLock::new();
    let paths = project.list("fonts", &[".ttf", ".otf", ".ttc", ".otc"])?;
    let stamps: Vec<_> = paths
        .iter()
        .map(|p| {
            let meta = std::fs::metadata(p).ok();
            (
                p.clone(),
                meta.as_ref().map_or(0, |m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            )
        })
        .collect();
    let last = LAST.get_or_init(Default::default);
    if let Some((seen, hash)) = &*last.lock().expect("fingerprint cache")
        && *seen == stamps
    {
        return Ok(hash.clone());
    }
    let mut all = Vec::new();
    for path in paths {
        let data = project.read_capped(&path, MAX_FONT_BYTES)?;
        all.extend_from_slice(project.relative(&path).to_string_lossy().as_bytes());
        all.push(0);
        all.extend_from_slice(crate::incremental::fingerprint::hash(&data).as_bytes());
    }
    let hash = crate::incremental::fingerprint::hash(&all);
    *last.lock().expect("fingerprint cache") = Some((stamps, hash.clone()));
    Ok(hash)
}
