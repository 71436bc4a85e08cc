//! Which selected outputs need building, and why: each edition's fingerprint against the one
//! the manifest recorded when its files were written.

use crate::error::{Failure, Result};
use crate::incremental::fingerprint::{self, Fingerprint};
use crate::incremental::manifest::{Manifest, Snapshot};
use crate::pipeline::{Planned, Prepared};
use crate::project::Project;

pub struct Assessment<'p> {
    pub planned: &'p Planned,
    pub fingerprint: Fingerprint,
    /// Empty when the output is current.
    pub reasons: Vec<String>,
}

/// Fingerprints every planned edition and compares it with the manifest.
pub fn assess<'p>(
    project: &Project,
    prepared: &'p Prepared,
    manifest: &Manifest,
    force: bool,
    epoch: Option<i64>,
) -> Result<Vec<Assessment<'p>>> {
    let shared = fingerprint::Shared {
        fonts: crate::typeset::fonts::fingerprint(project)
            .map_err(|d| Failure::Invalid(vec![d]))?,
        bibliography: fingerprint::hash(prepared.bibliography().unwrap_or_default()),
        epoch,
    };
    let out = project.out_dir();
    Ok(prepared
        .planned
        .iter()
        .map(|planned| {
            let fingerprint = fingerprint::fingerprint(
                &planned.view,
                &planned.template,
                &prepared.templates,
                &shared,
                planned.docx,
            );
            let reasons = if force {
                vec!["--force".to_owned()]
            } else {
                manifest.stale(&out, &planned.name(), &fingerprint)
            };
            Assessment {
                planned,
                fingerprint,
                reasons,
            }
        })
        .collect())
}

type Stamps = std::collections::BTreeMap<String, (u64, i128)>;

fn stamp(meta: &std::fs::Metadata) -> (u64, i128) {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128);
    (meta.len(), mtime)
}

/// The size and modification time of every input file (data, briefs, templates, fonts),
/// following file symlinks as the loader does; symlinked folders are not entered. An entry that
/// is not a regular file gets a stamp no file has.
pub fn input_stamps(project: &Project) -> Stamps {
    fn walk(dir: &std::path::Path, root: &std::path::Path, files: &mut Stamps) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            if kind.is_dir() {
                // Folders are recorded too: one named like an input is refused by the loader.
                files.insert(rel, (u64::MAX - 1, 0));
                walk(&path, root, files);
                continue;
            }
            // Anything but a regular file (a FIFO, a broken link) is recorded too, so that one
            // appearing since the last build is a change and the run reads, and refuses, it.
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => files.insert(rel, stamp(&meta)),
                _ => files.insert(rel, (u64::MAX, 0)),
            };
        }
    }
    let root = project.root();
    let mut files = Stamps::new();
    for dir in ["data", "briefs", "templates", "fonts"] {
        walk(&root.join(dir), root, &mut files);
    }
    files
}

fn output_stamps(project: &Project, manifest: &Manifest, files: &mut Stamps) {
    for name in manifest.outputs.keys() {
        for ext in ["pdf", "typ", "png", "docx"] {
            let rel = format!("out/{name}.{ext}");
            let meta = std::fs::metadata(project.root().join(&rel));
            files.insert(rel, meta.map_or((u64::MAX, 0), |m| stamp(&m)));
        }
    }
    // The staff page too: one deleted or edited by hand is written again by the next build.
    let rel = format!("out/{}", crate::staff_page::FILE);
    let meta = std::fs::metadata(project.root().join(&rel));
    files.insert(rel, meta.map_or((u64::MAX, 0), |m| stamp(&m)));
}

/// When the inputs last changed: the newest modification time among `stamps` (input files
/// only, as [`input_stamps`] records them), in whole seconds since 1970.
pub fn newest(stamps: &Stamps) -> Option<i64> {
    stamps
        .values()
        .filter(|(len, _)| *len < u64::MAX - 1)
        .map(|(_, ns)| (ns.div_euclid(1_000_000_000)) as i64)
        .max()
}

/// The snapshot to record after a complete build: the inputs as they were *before* the build
/// read them (an edit saved during the build then shows as a change next time) and the outputs
/// as they are now.
pub fn snapshot(
    project: &Project,
    manifest: &Manifest,
    epoch: Option<i64>,
    inputs_before: Stamps,
) -> Snapshot {
    let mut files = inputs_before;
    output_stamps(project, manifest, &mut files);
    Snapshot {
        tool: fingerprint::tool_identity().to_owned(),
        epoch,
        files,
    }
}

/// Whether nothing has moved since the manifest's snapshot: then every output it lists is current.
/// Like make, this trusts sizes and times; `brief build --force` rebuilds regardless.
pub fn unchanged(project: &Project, manifest: &Manifest, epoch: Option<i64>) -> bool {
    let Some(recorded) = &manifest.snapshot else {
        return false;
    };
    let now = snapshot(project, manifest, epoch, input_stamps(project));
    *recorded == now
}
