//! `brief` turns reviewed YAML facts into PDF briefs for each audience and language.
//!
//! The pipeline, one module per stage:
//! [`load`] reads `data/` and `briefs/` → [`validate`] cross-checks them into a dataset →
//! [`select`] builds each edition's view (the clearance boundary) → [`render`] runs its minijinja
//! template into Typst source → [`typeset`] compiles it with the embedded Typst → [`emit`] writes
//! the outputs atomically. [`pipeline`] strings the stages together; [`cmd`] holds the commands.

/// `eprintln!` that never panics: a message for standard error whose reader has gone away
/// (`brief check 2>&1 | head -1`) is dropped, and the command still exits with its own code
/// (65, 1, 66…) instead of a panic's 101.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub mod bibliography;
pub mod budget;
pub mod catalog;
pub mod catalog_printed;
pub mod chars;
pub mod cli;
pub mod cmd;
pub mod colour;
pub mod coverage;
pub mod diag;
pub mod diff;
pub mod drift;
pub mod edition;
pub mod emit;
pub mod error;
pub mod fact_place;
pub mod fingerprint;
pub mod interrupt;
pub mod load;
pub mod locale;
pub mod manifest;
pub mod model;
pub mod normalise;
pub mod pdf_string;
pub mod pipeline;
pub mod project;
pub mod render;
pub mod schedule;
pub mod select;
pub mod staleness;
pub mod temp_names;
pub mod typeset;
pub mod validate;
pub mod view;
pub mod wording;
pub mod yaml_path;
