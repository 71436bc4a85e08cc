//! Memory scales with what is built, not with the size of the fact base (issue 13, class 12).
//!
//! The peak memory targets live in `brief-bench`; this test holds the property behind them: once
//! the editions are selected, what the process keeps for typesetting is the same, byte for byte of
//! heap, whether the fact base holds a few facts or thousands that no edition draws, and the
//! editions' views are the same bytes.

// Its own test binary: it counts every allocation of the process with a global allocator, which
// the other tests, running beside it in one binary, would disturb.
#[path = "suite/common/mod.rs"]
mod common;

use brief::pipeline::{self, Selection};
use brief::project::Project;
use common::{BRIEF, FACTS, Fixture, SOURCES};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

/// The system allocator, counting the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `n` valid facts, cleared for every audience, with a tag and a kind that no section draws.
fn unrelated_facts(n: usize) -> String {
    let mut out = String::from("facts:\n");
    for i in 0..n {
        out.push_str(&format!(
            "  - id: unrelated-{i:05}\n    kind: event\n    tags: [unrelated]\n    date: 2019-0{m}-1{d}\n    title: {{es: Hecho ajeno {i}, en: Unrelated fact {i}}}\n    text:\n      es: Texto del hecho ajeno número {i}, que ninguna sección de ningún informe incluye.\n      en: Text of unrelated fact number {i}, which no section of any brief includes.\n    sources: [nac-2021]\n    audiences: [mre, defence, nato]\n    sensitivity: shareable\n    classification: publico\n    seed: \"{line}\"\n",
            m = 1 + i % 9,
            d = i % 9,
            line = 100 + i,
        ));
    }
    out
}

/// The valid project with `extra` unrelated facts, in files of 500 (each under the input cap).
fn project_with(extra: usize) -> Fixture {
    let f = Fixture::empty();
    f.write("data/sources.yaml", SOURCES);
    f.write("data/facts.yaml", FACTS);
    // The brief's sections draw by id, by the tags `risks` and `mou` and by the kind `risk`.
    f.write("briefs/test.yaml", BRIEF);
    for (file, start) in (0..extra).step_by(500).enumerate() {
        f.write(
            &format!("data/unrelated_{file:02}.yaml"),
            &unrelated_facts((extra - start).min(500))
                .replace("unrelated-", &format!("unrelated-{file:02}-")),
        );
    }
    f
}

/// Heap bytes held by a prepared build once the undrawn facts are released (what typesetting
/// runs beside), and every planned edition's view as JSON.
fn held_for_typesetting(fixture: &Fixture) -> (isize, String) {
    let project = Project::open(fixture.path()).unwrap();
    let before = LIVE.load(Ordering::SeqCst);
    let mut prepared = pipeline::prepare(&project, &Selection::default())
        .unwrap_or_else(|_| panic!("the project is valid"));
    prepared.release_undrawn();
    let held = LIVE.load(Ordering::SeqCst) - before;
    let views: Vec<(String, String)> = prepared
        .planned
        .iter()
        .map(|p| (p.name(), serde_json::to_string(&p.view).unwrap()))
        .collect();
    (held, serde_json::to_string(&views).unwrap())
}

#[test]
fn what_is_held_for_typesetting_does_not_grow_with_undrawn_facts() {
    let small = project_with(0);
    let large = project_with(3000);
    // Once first, so that anything loaded once per process is loaded before measuring.
    held_for_typesetting(&small);
    let (held_small, views_small) = held_for_typesetting(&small);
    let (held_large, views_large) = held_for_typesetting(&large);
    assert_eq!(
        views_small, views_large,
        "3000 facts no section draws changed an edition's view"
    );
    let growth = held_large - held_small;
    // 3000 facts parsed are several MiB; what remains may differ only by allocator noise.
    assert!(
        growth.abs() < 64 * 1024,
        "3000 undrawn facts grew what is held for typesetting by {growth} bytes \
         ({held_small} → {held_large})"
    );
}
