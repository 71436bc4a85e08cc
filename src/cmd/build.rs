//! `brief build`: produce the selected outputs, then write them atomically into
//! `out/<brief>/`, under a lock so that concurrent runs never interleave.

use crate::cli::BuildArgs;
use crate::emit::write_atomic;
use crate::error::{Failure, Result};
use crate::pipeline;
use crate::project::{Project, io_reason};
use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::time::Instant;

/// The lock file under `out/`; never deleted (the kernel releases the lock when a run ends).
pub const LOCK: &str = ".brief.lock";

fn lock(project: &Project, no_wait: bool, quiet: bool) -> Result<File> {
    let out = project.out_dir();
    std::fs::create_dir_all(&out)
        .map_err(|e| Failure::CantCreate(format!("cannot create out/: {}", io_reason(&e))))?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(LOCK))
        .map_err(|e| Failure::CantCreate(format!("cannot open out/{LOCK}: {}", io_reason(&e))))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) if no_wait => Err(Failure::Locked(format!(
            "another brief run holds out/{LOCK}"
        ))),
        Err(TryLockError::WouldBlock) => {
            if !quiet {
                eprintln!("waiting for another brief run to finish (out/{LOCK})…");
            }
            file.lock()
                .map_err(|e| Failure::Io(format!("cannot lock out/{LOCK}: {}", io_reason(&e))))?;
            Ok(file)
        }
        Err(TryLockError::Error(e)) => Err(Failure::Io(format!(
            "cannot lock out/{LOCK}: {}",
            io_reason(&e)
        ))),
    }
}

pub fn build(project: &Project, args: &BuildArgs) -> Result<()> {
    let started = Instant::now();
    let settings = super::settings(&args.select)?;
    let _lock = lock(project, args.no_wait, args.quiet)?;
    let products = pipeline::produce(project, &settings)?;

    // Everything is in memory and valid: only now is anything written.
    let out = project.out_dir();
    let mut briefs: Vec<&str> = products.outputs.iter().map(|p| p.brief.as_str()).collect();
    briefs.dedup();
    for brief in &briefs {
        let dir = PathBuf::from("out").join(brief);
        write_atomic(
            &out.join(brief).join("style.typ"),
            &dir.join("style.typ"),
            products.style.as_bytes(),
        )?;
        if let Some(bib) = &products.bibliography {
            write_atomic(
                &out.join(brief).join("bibliography.yaml"),
                &dir.join("bibliography.yaml"),
                bib,
            )?;
        }
    }
    for p in &products.outputs {
        let dir = PathBuf::from("out").join(&p.brief);
        let stem = p.stem();
        write_atomic(
            &out.join(&p.brief).join(format!("{stem}.typ")),
            &dir.join(format!("{stem}.typ")),
            p.typ.as_bytes(),
        )?;
        write_atomic(
            &out.join(&p.brief).join(format!("{stem}.pdf")),
            &dir.join(format!("{stem}.pdf")),
            &p.pdf,
        )?;
        if !args.quiet {
            println!(
                "wrote out/{}/{stem}.pdf ({} page{}, {} KiB, {} ms)",
                p.brief,
                p.pages,
                if p.pages == 1 { "" } else { "s" },
                p.pdf.len().div_ceil(1024),
                p.duration.as_millis()
            );
        }
    }
    if !args.quiet {
        println!(
            "built {} output(s) in {} ms",
            products.outputs.len(),
            started.elapsed().as_millis()
        );
    }
    Ok(())
}
