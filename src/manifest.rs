//! `out/manifest.json`: for each output, the fingerprint of what it was built from and the hash
//! of the files written. It is written atomically after the outputs, so after an interrupted
//! run it still describes files that exist (a PDF newer than its entry reads as modified, and is
//! rebuilt).

use crate::diag::Diagnostic;
use crate::emit::write_atomic;
use crate::error::Failure;
use crate::fingerprint::{Fingerprint, hash, reasons};
use crate::project::{Refusal, read_regular};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE: &str = "manifest.json";
const FORMAT: u32 = 1;
/// The largest manifest read (a generated corpus of hundreds of outputs stays far below it).
const MAX_BYTES: u64 = 256 * 1024 * 1024;
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
}

impl Manifest {
    /// Reads the manifest; a missing or foreign one is empty (everything is stale). Anything
    /// there but a regular file (a FIFO would block the run) is refused at its path, unopened.
    pub fn read(out: &Path) -> Result<Self, Diagnostic> {
        let bytes = match read_regular(&out.join(FILE), MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(refusal) => return Err(refusal.located(&Path::new("out").join(FILE))),
        };
        Ok(serde_json::from_slice::<Manifest>(&bytes)
            .ok()
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default())
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
        let Some(entry) = self.outputs.get(name) else {
            return vec!["never built".to_owned()];
        };
        let pdf = out.join(format!("{name}.pdf"));
        let typ = out.join(format!("{name}.typ"));
        // Outputs are read like inputs (never blocking on a FIFO); one that is not a regular
        // file is rebuilt, and the commit replaces it.
        match (
            read_regular(&pdf, MAX_OUTPUT_BYTES),
            read_regular(&typ, MAX_OUTPUT_BYTES),
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
                if hash(&p) != entry.pdf {
                    return vec!["PDF modified since it was built".to_owned()];
                }
                if hash(&t) != entry.typ {
                    return vec!["Typst source modified since it was built".to_owned()];
                }
            }
        }
        reasons(&entry.inputs, now)
    }
}
