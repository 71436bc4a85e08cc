//! `brief watch`: rebuild what an edit makes stale, as soon as the edit is saved, in a warm
//! process (fonts, library and Typst's cache stay loaded between rebuilds). It polls the inputs'
//! sizes and times, which sees editors' atomic saves (write elsewhere, rename over) as well as
//! in-place writes; waits until the files stop moving; prints one status line per rebuild; shows
//! errors and keeps watching; and exits cleanly on Ctrl-C.

use super::build::{self, run_once};
use crate::cli::WatchArgs;
use crate::error::Result;
use crate::incremental::staleness::input_stamps;
use crate::pipeline;
use crate::project::Project;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long the inputs must stay still before a rebuild starts.
const SETTLE: Duration = Duration::from_millis(15);

fn clock() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

pub fn watch(project: &Project, args: &WatchArgs) -> Result<()> {
    let settings = super::settings(&args.select)?;
    let interval = Duration::from_millis(args.interval_ms.max(10));
    crate::interrupt::install();

    let mut shared = pipeline::load_shared(project)?;
    crate::load::keep_parsed_files();
    let mut seen = input_stamps(project);
    out!(
        "[{}] watching data/, briefs/, templates/ and fonts/ (Ctrl-C to stop)",
        clock()
    );
    rebuild(project, &settings, &shared);
    while !crate::interrupt::requested() {
        std::thread::sleep(interval);
        if crate::interrupt::requested() {
            break;
        }
        let mut now = input_stamps(project);
        if now == seen {
            continue;
        }
        // Let the save finish: wait until two looks in a row agree.
        loop {
            std::thread::sleep(SETTLE);
            let again = input_stamps(project);
            if again == now {
                break;
            }
            now = again;
        }
        let fonts_moved = now
            .iter()
            .filter(|(k, _)| k.starts_with("fonts/"))
            .ne(seen.iter().filter(|(k, _)| k.starts_with("fonts/")));
        seen = now;
        if fonts_moved {
            match pipeline::load_shared(project) {
                Ok(s) => shared = s,
                Err(failure) => {
                    failure.report();
                    out!("[{}] fonts cannot be loaded; waiting for a fix", clock());
                    continue;
                }
            }
        }
        rebuild(project, &settings, &shared);
    }
    out!("[{}] stopped", clock());
    Ok(())
}

/// One rebuild and its status line; errors are shown, never fatal.
fn rebuild(project: &Project, settings: &pipeline::Settings, shared: &crate::typeset::Shared) {
    let started = Instant::now();
    let result = build::lock(project, false, true)
        .and_then(|_lock| run_once(project, settings, false, Some(shared)));
    let ms = started.elapsed().as_millis();
    match result {
        Ok(outcome) if outcome.built == 0 => out!("[{}] up to date ({ms} ms)", clock()),
        Ok(outcome) => {
            let built: Vec<String> = outcome
                .outputs
                .iter()
                .filter(|o| o.status == "built")
                .map(|o| format!("{} ({})", o.name, build::summarize(&o.reasons)))
                .collect();
            out!(
                "[{}] rebuilt {} in {ms} ms: {}",
                clock(),
                outcome.built,
                built.join(", ")
            );
        }
        Err(failure) => {
            failure.report();
            out!(
                "[{}] not rebuilt: fix the error above; still watching",
                clock()
            );
        }
    }
}
