//! `out/manifest.json`: for each output, the fingerprint of what it was built from and the hash
//! of the files written. It is written atomically after the outputs, so after an interrupted
//! run it still describes files that exist (a PDF newer than its entry reads as modified, and is
//! rebuilt).

use crate::diag::Diagnostic;
use crate::emit::write_atomic;
use crate::error::Failure;
use crate::incremental::fingerprint::{Fingerprint, hash_reader, reasons};
use crate::project::{Refusal, open_regular, read_regular};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE: &str = "manifest.json";
const FORMAT: u32 = 2;
/// The largest manifest read: about 14 KiB an output, so room for some 2 000 outputs. A larger
/// one is not trusted (a hostile one of 372 000 entries took 1.1 GB to parse) but set aside like
/// a foreign one: everything is rebuilt and the manifest written anew.
const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// The largest output file read to check its hash.
const MAX_OUTPUT_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Manifest {
    pub format: u32,
    /// By output name, `<brief>/<audience>.<lang>`.
    pub outputs: BTreeMap<String, Entry>,
    /// The size and modification time of every input and output file after the last complete
    /// build, when every output was current: while nothing has moved, nothing is stale, and an
    /// up-to-date run can say so without parsing anything.
    #[serde(default)]
    pub snapshot: Option<Snapshot>,
    /// How many entries [`read`](Self::read) dropped as malformed: while nonzero, the manifest on
    /// disk is not to be trusted as current, and the next build rewrites it.
    #[serde(skip)]
    pub rejected: usize,
    /// Whether [`read`](Self::read) set aside a manifest over its size cap.
    #[serde(skip)]
    pub oversized: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub tool: String,
    pub epoch: Option<i64>,
    /// Project-relative path → (length, modification time in nanoseconds since 1970).
    pub files: BTreeMap<String, (u64, i128)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub inputs: Fingerprint,
    /// Hash of the PDF and of the generated Typst source.
    pub pdf: String,
    pub typ: String,
    pub pages: usize,
    /// Hash of the first-page thumbnail (`<name>.png`); none in manifests written before
    /// thumbnails existed, which makes the output stale.
    #[serde(default)]
    pub png: Option<String>,
    /// Hash of the DOCX (`<name>.docx`), for a document type that makes one.
    #[serde(default)]
    pub docx: Option<String>,
    /// Why the last build that wrote this output built it, as `build` reported it.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// When the inputs of that build last changed: the newest modification time among them, in
    /// seconds since 1970 (or `SOURCE_DATE_EPOCH`, when set), never the clock.
    #[serde(default)]
    pub when: Option<i64>,
}

pub use crate::edition::is_output_name;

/// Whether a snapshot key is a project-relative path of a kind the build records: under one of
/// the input folders or `out/`, with no `..`, no absolute root and no empty component.
fn is_snapshot_path(path: &str) -> bool {
    let mut parts = path.split('/');
    matches!(
        parts.next(),
        Some("data" | "briefs" | "templates" | "fonts" | "out")
    ) && parts.all(|p| !p.is_empty() && p != "." && p != "..")
}

/// The [`hash`](crate::incremental::fingerprint::hash) of the regular file at `path`, read in pieces
/// through [`open_regular`] (never blocking, at most `cap` bytes).
fn hash_regular(path: &Path, cap: u64) -> Result<String, Refusal> {
    use std::io::Read as _;
    let (file, _) = open_regular(path, cap)?;
    hash_reader(file.take(cap)).map_err(Refusal::Io)
}

impl Manifest {
    /// Whether the manifest on disk was not taken as it is (malformed entries, too large): then
    /// nothing counts as current without checking, and the next build writes it anew.
    pub fn distrusted(&self) -> bool {
        self.rejected > 0 || self.oversized
    }

    /// Reads the manifest; a missing or foreign one is empty (everything is stale). Anything
    /// there but a regular file (a FIFO would block the run) is refused at its path, unopened.
    /// The manifest is untrusted input (a shared `out/` cache, a hand edit): an entry whose name
    /// is not an output name is dropped, so that no later step can turn it into a path outside
    /// `out/`. A dropped entry's files are then neither trusted nor removed.
    pub fn read(out: &Path) -> Result<Self, Diagnostic> {
        let bytes = match read_regular(&out.join(FILE), MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(Refusal::TooLarge { .. }) => {
                return Ok(Self {
                    oversized: true,
                    ..Self::default()
                });
            }
            Err(refusal) => return Err(refusal.located(&Path::new("out").join(FILE))),
        };
        let mut manifest: Manifest = serde_json::from_slice::<Manifest>(&bytes)
            .ok()
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default();
        let before = manifest.outputs.len();
        manifest.outputs.retain(|name, _| is_output_name(name));
        manifest.rejected = before - manifest.outputs.len();
        if let Some(snapshot) = &manifest.snapshot
            && snapshot.files.keys().any(|f| !is_snapshot_path(f))
        {
            manifest.snapshot = None;
            manifest.rejected += 1;
        }
        Ok(manifest)
    }

    pub fn write(&self, out: &Path) -> Result<(), Failure> {
        let mut manifest = self.clone();
        manifest.format = FORMAT;
        let mut json = serde_json::to_vec_pretty(&manifest).expect("manifests serialize");
        json.push(b'\n');
        write_atomic(&out.join(FILE), &Path::new("out").join(FILE), &json)
    }

    /// Why output `name` (whose files are under `out/`) must be rebuilt; empty when current.
    pub fn stale(&self, out: &Path, name: &str, now: &Fingerprint) -> Vec<String> {
        let Some(entry) = self.outputs.get(name).filter(|_| is_output_name(name)) else {
            return vec!["never built".to_owned()];
        };
        let pdf = out.join(format!("{name}.pdf"));
        let typ = out.join(format!("{name}.typ"));
        // Outputs are read like inputs (never blocking on a FIFO); one that is not a regular
        // file is rebuilt, and the commit replaces it. They are hashed as they are read, so a
        // huge file put in an output's place (a shared out/ cache) costs no memory.
        match (
            hash_regular(&pdf, MAX_OUTPUT_BYTES),
            hash_regular(&typ, MAX_OUTPUT_BYTES),
        ) {
            (Err(Refusal::NotRegular(kind)), _) => {
                return vec![format!("PDF is {kind}, not a regular file")];
            }
            (_, Err(Refusal::NotRegular(kind))) => {
                return vec![format!("Typst source is {kind}, not a regular file")];
            }
            (Err(_), _) => return vec!["PDF missing".to_owned()],
            (_, Err(_)) => return vec!["Typst source missing".to_owned()],
            (Ok(p), Ok(t)) => {
                if p != entry.pdf {
                    return vec!["PDF modified since it was built".to_owned()];
                }
                if t != entry.typ {
                    return vec!["Typst source modified since it was built".to_owned()];
                }
            }
        }
        let Some(recorded) = &entry.png else {
            return vec!["no thumbnail yet".to_owned()];
        };
        match hash_regular(&out.join(format!("{name}.png")), MAX_OUTPUT_BYTES) {
            Err(Refusal::NotRegular(kind)) => {
                return vec![format!("thumbnail is {kind}, not a regular file")];
            }
            Err(_) => return vec!["thumbnail missing".to_owned()],
            Ok(h) if h != *recorded => {
                return vec!["thumbnail modified since it was built".to_owned()];
            }
            Ok(_) => {}
        }
        if let Some(recorded) = entry.docx.as_ref().filter(|_| now.docx) {
            match hash_regular(&out.join(format!("{name}.docx")), MAX_OUTPUT_BYTES) {
                Err(Refusal::NotRegular(kind)) => {
                    return vec![format!("DOCX is {kind}, not a regular file")];
                }
                Err(_) => return vec!["DOCX missing".to_owned()],
                Ok(h) if h != *recorded => {
                    return vec!["DOCX modified since it was built".to_owned()];
                }
                Ok(_) => {}
            }
        }
        reasons(&entry.inputs, now)
    }

    /// Removes the files of output `name`, which no brief produces any more, and forgets it.
    /// Only files that are still exactly what this manifest recorded are removed (a PDF edited
    /// or replaced by hand stays), only under a real `out/<brief>/` folder, and only for a
    /// well-formed name: nothing outside `out/` is ever touched.
    pub fn remove_output(&mut self, out: &Path, name: &str) {
        let Some(entry) = self.outputs.remove(name) else {
            return;
        };
        if !is_output_name(name) {
            return;
        }
        let folder = name.split_once('/').map_or(name, |(brief, _)| brief);
        if !std::fs::symlink_metadata(out.join(folder)).is_ok_and(|m| m.is_dir()) {
            return;
        }
        let ours = |ext: &str, recorded: &str| {
            let path = out.join(format!("{name}.{ext}"));
            std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
                && hash_regular(&path, MAX_OUTPUT_BYTES).is_ok_and(|h| h == recorded)
        };
        let (pdf, typ) = (ours("pdf", &entry.pdf), ours("typ", &entry.typ));
        let png = entry.png.as_deref().is_some_and(|h| ours("png", h));
        let docx = entry.docx.as_deref().is_some_and(|h| ours("docx", h));
        let mut remove = Vec::new();
        if pdf {
            remove.push("pdf");
            // The bibliography has no hash of its own: it goes with the PDF it was made for.
            remove.push("bib.yaml");
        }
        if typ {
            remove.push("typ");
        }
        if png {
            remove.push("png");
        }
        if docx {
            remove.push("docx");
        }
        for ext in remove {
            let _ = std::fs::remove_file(out.join(format!("{name}.{ext}")));
        }
    }
}

/// Removes the DOCX of output `name` that `entry` recorded, once its document type no longer
/// makes one: only while it is exactly what was built, under a real `out/<brief>/` folder.
pub fn remove_unmade_docx(out: &Path, name: &str, entry: &Entry) {
    let Some(recorded) = &entry.docx else {
        return;
    };
    let folder = name.split_once('/').map_or(name, |(brief, _)| brief);
    if !is_output_name(name)
        || !std::fs::symlink_metadata(out.join(folder)).is_ok_and(|m| m.is_dir())
    {
        return;
    }
    let path = out.join(format!("{name}.docx"));
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        && hash_regular(&path, MAX_OUTPUT_BYTES).is_ok_and(|h| h == *recorded)
    {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oversized_manifest_is_set_aside_not_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(dir.path().join(FILE)).unwrap();
        file.set_len(MAX_BYTES + 1).unwrap();
        let m = Manifest::read(dir.path()).unwrap();
        assert!(m.oversized && m.outputs.is_empty() && m.distrusted());
    }

    #[test]
    fn hostile_entries_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let entry = r#"{"inputs": {"tool": "", "frame": "", "facts": {}, "templates": {}, "fonts": "", "bibliography": "", "epoch": null}, "pdf": "", "typ": "", "pages": 1}"#;
        let json = format!(
            r#"{{"format": {FORMAT}, "outputs": {{"../../victim/x.y.z.en": {entry}, "b/b.note.nato.en": {entry}}}}}"#
        );
        std::fs::write(dir.path().join(FILE), json).unwrap();
        let m = Manifest::read(dir.path()).unwrap();
        assert_eq!(m.outputs.keys().collect::<Vec<_>>(), ["b/b.note.nato.en"]);
    }
}
