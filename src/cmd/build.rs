//! `brief build`: decide which selected outputs are stale, produce those, write them atomically
//! into `out/<brief>/`, then record them in the manifest, all under a lock so that concurrent
//! runs never interleave. An up-to-date build does no Typst work.

use crate::cli::{BuildArgs, Format};
use crate::emit::Staging;
use crate::error::{Failure, Result};
use crate::incremental::fingerprint::hash;
use crate::incremental::manifest::{self, Entry, Manifest};
use crate::incremental::staleness;
use crate::pipeline::{self, Planned, Settings};
use crate::project::{Project, io_reason};
use crate::typeset::Shared;
use std::collections::BTreeMap;
use std::fs::{File, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::time::Instant;

/// The lock file under `out/`; never deleted (the kernel releases the lock when a run ends).
pub const LOCK: &str = ".brief.lock";

pub fn lock(project: &Project, no_wait: bool, quiet: bool) -> Result<File> {
    let out = project.out_dir();
    for path in [out.clone(), out.join(LOCK)] {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Failure::CantCreate(format!(
                "refusing to use {}: it is a symbolic link",
                project.relative(&path).display()
            )));
        }
    }
    std::fs::create_dir_all(&out)
        .map_err(|e| Failure::CantCreate(format!("cannot create out/: {}", io_reason(&e))))?;
    let not_regular = || {
        Failure::CantCreate(format!(
            "refusing to use out/{LOCK}: it is not a regular file; remove it"
        ))
    };
    if std::fs::symlink_metadata(out.join(LOCK)).is_ok_and(|m| !m.is_file()) {
        return Err(not_regular());
    }
    // Anything but a regular file is refused before the open, and the open neither blocks nor
    // follows a link: a FIFO swapped in would otherwise block it until someone read it.
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY)
        .open(out.join(LOCK))
        .map_err(|e| {
            Failure::CantCreate(format!(
                "cannot open out/{LOCK}: {} (out/ must be writable by the user running brief)",
                io_reason(&e)
            ))
        })?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(not_regular());
    }
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) if no_wait => Err(Failure::Locked(format!(
            "another brief run holds out/{LOCK}"
        ))),
        Err(TryLockError::WouldBlock) => {
            if !quiet {
                say!("waiting for another brief run to finish (out/{LOCK})…");
            }
            // Poll rather than block, so that Ctrl-C or SIGTERM stops a waiting run.
            loop {
                match file.try_lock() {
                    Ok(()) => return Ok(file),
                    Err(TryLockError::WouldBlock) if crate::interrupt::requested() => {
                        return Err(Failure::Interrupted(
                            "interrupted while waiting for the lock; nothing was done".to_owned(),
                        ));
                    }
                    Err(TryLockError::WouldBlock) => {
                        std::thread::sleep(std::time::Duration::from_millis(50))
                    }
                    Err(TryLockError::Error(e)) => {
                        return Err(Failure::Io(format!(
                            "cannot lock out/{LOCK}: {}",
                            io_reason(&e)
                        )));
                    }
                }
            }
        }
        Err(TryLockError::Error(e)) => Err(Failure::Io(format!(
            "cannot lock out/{LOCK}: {}",
            io_reason(&e)
        ))),
    }
}

/// One output of a run: built (with why) or current.
#[derive(serde::Serialize)]
pub struct Reported {
    pub name: String,
    pub status: &'static str,
    pub reasons: Vec<String>,
    pub pages: Option<usize>,
    pub duration_ms: Option<u128>,
}

/// What one build run did.
pub struct Outcome {
    pub outputs: Vec<Reported>,
    pub built: usize,
}

pub fn build(project: &Project, args: &BuildArgs) -> Result<()> {
    let started = Instant::now();
    crate::interrupt::install();
    let mut settings = super::settings(&args.select)?;
    settings.progress = !args.quiet && args.format == Format::Human;
    settings.strict = args.strict;
    let _lock = lock(
        project,
        args.no_wait,
        args.quiet || args.format == Format::Json,
    )?;
    let outcome = run_once(project, &settings, args.force, None)?;
    let total = started.elapsed().as_millis();
    let current = outcome.outputs.len() - outcome.built;
    match args.format {
        Format::Json => {
            let summary = serde_json::json!({
                "command": "build",
                "outputs": outcome.outputs,
                "built": outcome.built,
                "current": current,
                "duration_ms": total,
            });
            out!("{summary}");
        }
        Format::Human if !args.quiet => {
            for r in outcome.outputs.iter().filter(|r| r.status == "built") {
                out!(
                    "built out/{}.pdf ({} page{}, {} ms): {}",
                    r.name,
                    r.pages.unwrap_or(0),
                    if r.pages == Some(1) { "" } else { "s" },
                    r.duration_ms.unwrap_or(0),
                    summarize(&r.reasons)
                );
            }
            out!(
                "{} built, {current} up to date, in {total} ms",
                outcome.built
            );
        }
        Format::Human => {}
    }
    Ok(())
}

/// One build run, under a lock the caller holds: remove what a killed run left, decide what is
/// stale, produce it, write it, record it. `warm` is a long-lived process's fonts and library.
pub fn run_once(
    project: &Project,
    settings: &Settings,
    force: bool,
    warm: Option<&Shared>,
) -> Result<Outcome> {
    let out = project.out_dir();
    // Temporary names a killed run left (see `temp_names`): removed under the lock, which no
    // run writing them still holds.
    crate::incremental::temp_names::remove_leftovers(&out);
    let mut manifest = Manifest::read(&out).map_err(|d| Failure::Invalid(vec![d]))?;
    if manifest.rejected > 0 {
        say!(
            "{} out/manifest.json: ignored {} entries whose names are not output names \
             (edited by hand, or a foreign cache?); nothing they name is touched",
            crate::diag::warning_label(crate::colour::stderr()),
            manifest.rejected
        );
    }
    if manifest.oversized {
        say!(
            "{} out/manifest.json is larger than any brief writes; set aside: every output is \
             checked and the manifest written anew",
            crate::diag::warning_label(crate::colour::stderr()),
        );
    }
    let everything = settings.selection.is_everything();
    if everything
        && !force
        && !settings.strict
        && !manifest.distrusted()
        && staleness::unchanged(project, &manifest, settings.epoch)
    {
        let outputs = manifest
            .outputs
            .iter()
            .map(|(name, entry)| Reported {
                name: name.clone(),
                status: "current",
                reasons: Vec::new(),
                pages: Some(entry.pages),
                duration_ms: None,
            })
            .collect();
        return Ok(Outcome { outputs, built: 0 });
    }
    let inputs_before = staleness::input_stamps(project);
    let mut prepared = pipeline::prepare(project, &settings.selection)?;
    let lock =
        crate::translations::lock::Lock::read(project).map_err(|d| Failure::Invalid(vec![d]))?;
    let stale = crate::translations::stale_in_external(&prepared.dataset, &lock, &prepared.planned);
    if settings.strict && !stale.is_empty() {
        return Err(Failure::Invalid(stale));
    }
    stale.iter().for_each(crate::diag::warn);
    for (at, what) in prepared.repeats() {
        say!(
            "{} {at}: {what}",
            crate::diag::warning_label(crate::colour::stderr())
        );
    }
    // What the staff page shows of every edition, taken from the views before facts no
    // edition draws are released.
    let (briefs, listings) = crate::staff_page::listings(&prepared, everything);
    prepared.release_undrawn();
    let assessed = staleness::assess(project, &prepared, &manifest, force, settings.epoch)?;
    let todo: Vec<&Planned> = assessed
        .iter()
        .filter(|a| !a.reasons.is_empty())
        .map(|a| a.planned)
        .collect();
    let products = pipeline::produce(
        project,
        &prepared,
        &todo,
        settings.epoch,
        warm,
        settings.progress,
        true,
    )?;
    for p in &products {
        for sparse in &p.sparse {
            say!(
                "{} {}",
                crate::diag::warning_label(crate::colour::stderr()),
                crate::typeset::fill::describe(&p.name, p.pages, sparse)
            );
        }
    }
    let built: BTreeMap<&str, &pipeline::Product> =
        products.iter().map(|p| (p.name.as_str(), p)).collect();
    // When the inputs of this build last changed: the build's time as the page and the
    // manifest record it (never the clock, so the same tree gives the same bytes).
    let when = settings.epoch.or_else(|| staleness::newest(&inputs_before));
    // DOCX files a document type no longer makes, removed once the run has committed.
    let mut unmade = Manifest::default();
    for a in &assessed {
        if let Some(p) = built.get(a.planned.name().as_str()) {
            if p.docx.is_none()
                && let Some(old) = manifest.outputs.get(&p.name).filter(|e| e.docx.is_some())
            {
                unmade.outputs.insert(p.name.clone(), old.clone());
            }
            let entry = Entry {
                inputs: a.fingerprint.clone(),
                pdf: hash(&p.pdf),
                typ: hash(p.typ.as_bytes()),
                pages: p.pages,
                png: p.thumbnail.as_deref().map(hash),
                docx: p.docx.as_deref().map(hash),
                reasons: a.reasons.clone(),
                when,
            };
            manifest.outputs.insert(p.name.clone(), entry);
        }
    }
    let stamp = crate::staff_page::Stamp {
        inputs_as_of: when,
        input_files: inputs_before
            .values()
            .filter(|(len, _)| *len < u64::MAX - 1)
            .count(),
        partial: (!everything).then(|| prepared.planned.iter().map(|p| p.name()).collect()),
    };
    let page = crate::staff_page::html::page(&briefs, &listings, &manifest, &stamp);

    // Everything is in memory and valid: only now is anything written. Every file is staged
    // first and committed only when all are written, so a full disk or an interrupt changes
    // nothing in out/.
    let staging = stage(project, &prepared, &products, &page)
        .map_err(|f| f.noting("nothing was committed, the previous outputs are intact"))?;
    if crate::interrupt::requested() {
        return Err(Failure::Interrupted(format!(
            "interrupted before committing {} typeset output(s); out/ is unchanged",
            products.len()
        )));
    }
    crate::interrupt::while_committing(|| staging.commit())?;
    for (name, entry) in &unmade.outputs {
        manifest::remove_unmade_docx(&out, name, entry);
    }
    // Forget outputs no brief produces any more, then record the files as they now are.
    if everything {
        let planned: std::collections::BTreeSet<String> =
            prepared.planned.iter().map(|p| p.name()).collect();
        let orphans: Vec<String> = manifest
            .outputs
            .keys()
            .filter(|n| !planned.contains(*n))
            .cloned()
            .collect();
        for name in &orphans {
            // Outputs of editions no brief produces any more: generated files, so removed.
            manifest.remove_output(&out, name);
        }
        let snapshot = staleness::snapshot(project, &manifest, settings.epoch, inputs_before);
        if manifest.snapshot.as_ref() != Some(&snapshot)
            || !products.is_empty()
            || manifest.distrusted()
        {
            manifest.snapshot = Some(snapshot);
            manifest.write(&out)?;
        }
    } else if !products.is_empty() {
        manifest.write(&out)?;
    }

    let outputs = assessed
        .iter()
        .map(|a| {
            let name = a.planned.name();
            let product = built.get(name.as_str());
            Reported {
                status: if product.is_some() {
                    "built"
                } else {
                    "current"
                },
                reasons: if product.is_some() {
                    a.reasons.clone()
                } else {
                    Vec::new()
                },
                pages: product
                    .map(|p| p.pages)
                    .or_else(|| manifest.outputs.get(&name).map(|e| e.pages)),
                duration_ms: product.map(|p| p.duration.as_millis()),
                name,
            }
        })
        .collect();
    Ok(Outcome {
        outputs,
        built: products.len(),
    })
}

/// The first reasons, then how many more.
pub fn summarize(reasons: &[String]) -> String {
    const SHOWN: usize = 3;
    // Reasons quote the manifest, which is untrusted: no control character reaches the terminal.
    let mut text = reasons
        .iter()
        .take(SHOWN)
        .map(|r| crate::diag::printable(r))
        .collect::<Vec<_>>()
        .join("; ");
    if reasons.len() > SHOWN {
        text.push_str(&format!("; and {} more", reasons.len() - SHOWN));
    }
    text
}

/// Writes every file of a run into the staging area: each brief's style, then per output its
/// Typst source, bibliography, PDF, DOCX and thumbnail, then the staff page when it differs from the
/// one in `out/`.
fn stage(
    project: &Project,
    prepared: &pipeline::Prepared,
    products: &[pipeline::Product],
    page: &str,
) -> Result<Staging> {
    let out = project.out_dir();
    crate::emit::raise_open_file_limit();
    let mut staging = Staging::default();
    let mut briefs: Vec<&str> = products.iter().map(|p| p.brief.as_str()).collect();
    briefs.dedup();
    for brief in briefs {
        let dir = PathBuf::from("out").join(brief);
        staging.stage(
            &out.join(brief).join("style.typ"),
            &dir.join("style.typ"),
            prepared.templates.style.text.as_bytes(),
        )?;
    }
    for p in products {
        // `name` ends in `.<lang>`: append the extension, never replace it.
        staging.stage(
            &out.join(format!("{}.typ", p.name)),
            &PathBuf::from(format!("out/{}.typ", p.name)),
            p.typ.as_bytes(),
        )?;
        if let Some(bib) = &p.bibliography {
            let file = format!("{}.bib.yaml", p.name);
            staging.stage(
                &out.join(&file),
                &PathBuf::from(format!("out/{file}")),
                bib.as_bytes(),
            )?;
        }
        staging.stage(
            &out.join(format!("{}.pdf", p.name)),
            &PathBuf::from(format!("out/{}.pdf", p.name)),
            &p.pdf,
        )?;
        if let Some(docx) = &p.docx {
            staging.stage(
                &out.join(format!("{}.docx", p.name)),
                &PathBuf::from(format!("out/{}.docx", p.name)),
                docx,
            )?;
        }
        if let Some(png) = &p.thumbnail {
            staging.stage(
                &out.join(format!("{}.png", p.name)),
                &PathBuf::from(format!("out/{}.png", p.name)),
                png,
            )?;
        }
    }
    // The page is read back like any output (never blocking on a FIFO in its place) and written
    // only when it changes, so a run that changes nothing on it leaves it untouched.
    let file = crate::staff_page::FILE;
    let unchanged = crate::project::read_regular(&out.join(file), 64 * 1024 * 1024)
        .is_ok_and(|old| old == page.as_bytes());
    if !unchanged {
        staging.stage(
            &out.join(file),
            &PathBuf::from("out").join(file),
            page.as_bytes(),
        )?;
    }
    Ok(staging)
}
