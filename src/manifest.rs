//! `out/manifest.json`: for each output, the fingerprint of what it was built from and the hash
//! of the files written. It is written atomically after the outputs, so after an interrupted
//! run it still describes files that exist (a PDF newer than its entry reads as modified, and is
//! rebuilt).

use crate::emit::write_atomic;
use crate::error::Failure;
use crate::fingerprint::{Fingerprint, hash, reasons};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE: &str = "manifest.json";
const FORMAT: u32 = 1;

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
    /// Reads the manifest; a missing, unreadable or foreign one is empty (everything is stale).
    pub fn read(out: &Path) -> Self {
        std::fs::read(out.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default()
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
        match (std::fs::read(&pdf), std::fs::read(&typ)) {
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
