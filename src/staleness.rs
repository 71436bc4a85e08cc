//! Which selected outputs need building, and why: each edition's fingerprint against the one
//! the manifest recorded when its files were written.

use crate::error::{Failure, Result};
use crate::fingerprint::{self, Fingerprint};
use crate::manifest::{Manifest, Snapshot};
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

/// The files a build reads or writes, with their sizes and modification times.
fn stat_files(
    project: &Project,
    manifest: &Manifest,
) -> std::collections::BTreeMap<String, (u64, i128)> {
    fn walk(
        dir: &std::path::Path,
        root: &std::path::Path,
        files: &mut std::collections::BTreeMap<String, (u64, i128)>,
    ) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, files);
            } else if let Ok(meta) = entry.metadata() {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, stamp(&meta));
            }
        }
    }
    fn stamp(meta: &std::fs::Metadata) -> (u64, i128) {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        (meta.len(), mtime)
    }
    let root = project.root();
    let mut files = std::collections::BTreeMap::new();
    for dir in ["data", "briefs", "templates", "fonts"] {
        walk(&root.join(dir), root, &mut files);
    }
    for name in manifest.outputs.keys() {
        for ext in ["pdf", "typ"] {
            let rel = format!("out/{name}.{ext}");
            let meta = std::fs::metadata(root.join(&rel));
            files.insert(rel, meta.map_or((u64::MAX, 0), |m| stamp(&m)));
        }
    }
    files
}

/// A snapshot of the project's files as they are now, to record after a complete build.
pub fn snapshot(project: &Project, manifest: &Manifest, epoch: Option<i64>) -> Snapshot {
    Snapshot {
        tool: fingerprint::tool_identity().to_owned(),
        epoch,
        files: stat_files(project, manifest),
    }
}

/// Whether nothing has moved since the manifest's snapshot: then every output it lists is current.
pub fn unchanged(project: &Project, manifest: &Manifest, epoch: Option<i64>) -> bool {
    manifest
        .snapshot
        .as_ref()
        .is_some_and(|recorded| *recorded == snapshot(project, manifest, epoch))
}
