//! Which typesetting job a worker starts next. Largest documents first, and never two documents at
//! once whose generated sources together exceed a budget: Typst's memory for a document grows with
//! its source, so two large editions side by side (the MRE pair) would double the peak, while a
//! large one beside small ones does not. A job that runs alone always may, whatever its size.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How many bytes of generated Typst may be typeset at the same time. The shipped MRE edition is
/// about 210 KiB of source and peaks near 90 MiB above the fonts and library; this keeps the
/// whole run near one such document (see `brief-bench`), while small documents, the usual case,
/// still run on every core.
pub const SOURCE_BUDGET: usize = 256 * 1024;

/// Hands out jobs to workers under [`SOURCE_BUDGET`] (or another budget, in tests).
pub struct Scheduler {
    state: Mutex<State>,
    changed: Condvar,
    budget: usize,
}

struct State {
    weights: Vec<usize>,
    /// Job indices, heaviest first (ties in index order, so the order is deterministic).
    order: Vec<usize>,
    started: Vec<bool>,
    /// The total weight, and the number, of jobs running now.
    running: usize,
    active: usize,
}

impl Scheduler {
    /// A scheduler for jobs of the given weights (bytes of generated source).
    pub fn new(weights: Vec<usize>, budget: usize) -> Self {
        let mut order: Vec<usize> = (0..weights.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
        Self {
            state: Mutex::new(State {
                started: vec![false; weights.len()],
                weights,
                order,
                running: 0,
                active: 0,
            }),
            changed: Condvar::new(),
            budget,
        }
    }

    /// The next job to start: the heaviest not yet started that fits beside the running ones.
    /// Waits while none fits; `None` once every job has started, or when `stop()` says so.
    pub fn next(&self, stop: impl Fn() -> bool) -> Option<usize> {
        let mut state = self
            .state
            .lock()
            .expect("no worker panics holding the lock");
        loop {
            if stop() {
                return None;
            }
            let pending: Vec<usize> = state
                .order
                .iter()
                .copied()
                .filter(|&i| !state.started[i])
                .collect();
            if pending.is_empty() {
                return None;
            }
            let fits = pending
                .into_iter()
                .find(|&i| state.active == 0 || state.running + state.weights[i] <= self.budget);
            if let Some(i) = fits {
                state.started[i] = true;
                state.running += state.weights[i];
                state.active += 1;
                return Some(i);
            }
            // Woken when a job finishes; the timeout only lets `stop` be seen.
            state = self
                .changed
                .wait_timeout(state, Duration::from_millis(50))
                .expect("no worker panics holding the lock")
                .0;
        }
    }

    /// Records that job `i`, handed out by [`next`](Self::next), has finished.
    pub fn finished(&self, i: usize) {
        let mut state = self
            .state
            .lock()
            .expect("no worker panics holding the lock");
        state.running -= state.weights[i];
        state.active -= 1;
        drop(state);
        self.changed.notify_all();
    }
}

/// Gives the memory a finished document freed back to the system. Each worker thread allocates
/// from its own malloc arena, and without this every arena keeps its own high-water mark, so the
/// process would hold the largest document's memory once per worker.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only releases free heap pages.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Runs the jobs on `workers` threads and returns the largest total weight in flight.
    fn peak_in_flight(weights: &[usize], budget: usize, workers: usize) -> (usize, Vec<usize>) {
        let scheduler = Scheduler::new(weights.to_vec(), budget);
        let in_flight = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let done = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    while let Some(i) = scheduler.next(|| false) {
                        let now = in_flight.fetch_add(weights[i], Ordering::SeqCst) + weights[i];
                        peak.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(weights[i] as u64 / 10));
                        in_flight.fetch_sub(weights[i], Ordering::SeqCst);
                        done.lock().unwrap().push(i);
                        scheduler.finished(i);
                    }
                });
            }
        });
        let mut done = done.into_inner().unwrap();
        done.sort();
        (peak.into_inner(), done)
    }

    #[test]
    fn two_large_documents_never_run_together() {
        // The shipped set's sources, in KiB: two MRE, two Defence, and small ones.
        let weights = [217, 200, 98, 89, 18, 17, 12, 7, 6];
        let (peak, done) = peak_in_flight(&weights, 256, 2);
        assert!(peak <= 256, "{peak} in flight");
        assert_eq!(
            done,
            (0..weights.len()).collect::<Vec<_>>(),
            "every job ran once"
        );
    }

    #[test]
    fn a_job_over_the_budget_still_runs_alone() {
        let (peak, done) = peak_in_flight(&[400, 300, 10], 256, 2);
        assert!(peak <= 410, "{peak} in flight");
        assert_eq!(done, vec![0, 1, 2]);
    }

    #[test]
    fn small_jobs_use_every_worker() {
        let scheduler = Scheduler::new(vec![10; 4], 256);
        let a = scheduler.next(|| false);
        let b = scheduler.next(|| false);
        assert_eq!((a, b), (Some(0), Some(1)), "two start without waiting");
    }

    #[test]
    fn stop_ends_the_wait() {
        let scheduler = Scheduler::new(vec![300, 300], 256);
        assert_eq!(scheduler.next(|| false), Some(0));
        assert_eq!(scheduler.next(|| true), None);
    }
}
