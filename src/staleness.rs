//! Which selected outputs need building, and why: each edition's fingerprint against the one
//! the manifest recorded when its files were written.

use crate::error::{Failure, Result};
use crate::fingerprint::{self, Fingerprint};
use crate::manifest::Manifest;
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
) -> Result<Vec<Assessment<'p>>> {
    let shared = fingerprint::Shared {
        fonts: crate::typeset::fonts::fingerprint(project)
            .map_err(|d| Failure::Invalid(vec![d]))?,
        bibliography: fingerprint::hash(prepared.bibliography().unwrap_or_default()),
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
