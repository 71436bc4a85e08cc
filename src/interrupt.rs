//! Ctrl-C (SIGINT, and SIGTERM from a scheduler): the first asks the run to stop at the next
//! safe point, so that nothing half-done is committed; a second one exits at once, except while
//! outputs are being put in place, which then finishes first. Outputs are staged in unnamed
//! temporary files until the commit (on Linux file systems that have them: ext4, xfs, btrfs,
//! tmpfs), so even the hard exit leaves none behind.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The exit code of a run stopped by an interrupt (128 + SIGINT, as shells report it).
pub const EXIT_CODE: i32 = 130;

static SIGNALS: AtomicUsize = AtomicUsize::new(0);
static COMMITTING: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Installs the handler (once per process; later calls do nothing).
pub fn install() {
    INSTALL.call_once(|| {
        let handled = ctrlc::set_handler(|| {
            if SIGNALS.fetch_add(1, Ordering::SeqCst) >= 1 {
                if COMMITTING.load(Ordering::SeqCst) {
                    say!("\nbrief: putting the finished outputs in place; stopping after that");
                    return;
                }
                say!("\nbrief: interrupted again; stopping now, no output was committed");
                std::process::exit(EXIT_CODE);
            }
            say!("\nbrief: interrupt received; stopping at the next safe point (Ctrl-C again to stop now)");
        });
        // Without a handler the default action still stops the run, and staged outputs are
        // unnamed temporary files that vanish with the process: nothing to report.
        drop(handled);
    });
}

/// Whether an interrupt asked the run to stop.
pub fn requested() -> bool {
    SIGNALS.load(Ordering::SeqCst) > 0
}

/// Runs `commit` with the hard exit held off, so that a second Ctrl-C cannot stop a run between
/// putting one output in place and the next.
pub fn while_committing<T>(commit: impl FnOnce() -> T) -> T {
    COMMITTING.store(true, Ordering::SeqCst);
    let result = commit();
    COMMITTING.store(false, Ordering::SeqCst);
    result
}
