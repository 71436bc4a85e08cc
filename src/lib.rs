//! `brief` turns reviewed YAML facts into PDF briefs for each audience, document type and
//! language that the project's catalog declares.
//!
//! The pipeline, one module per stage:
//! [`load`] reads `data/`, `briefs/` and the catalog → [`validate`] cross-checks them into a
//! dataset ([`catalog`] checks the catalog) → [`select`] builds each [`edition`]'s [`view`] (the
//! clearance boundary) → [`render`] runs its minijinja template into Typst source → [`typeset`]
//! compiles it with the embedded Typst ([`budget`] holds it to its pages) → [`emit`] writes the
//! outputs atomically. A document type that opts in is also written as a [`docx`], from the
//! same view. [`pipeline`] strings the stages together; [`cmd`] holds the commands.
//!
//! Around the stages: [`incremental`] (what is stale), [`reports`] (coverage, drift, diff) and
//! [`policy`] (the character, wording and PDF-string rules every text is held to), and
//! [`translations`] (translation state, XLIFF exchange and the glossary's term base). Text that
//! does not fit the page is reported where a person edits it: at a source
//! ([`source_place`]), a fact ([`fact_place`]) or a text of the brief definition
//! ([`brief_place`]).

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
pub mod brief_place;
pub mod budget;
pub mod catalog;
pub mod catalog_printed;
pub mod cli;
pub mod cmd;
pub mod colour;
pub mod diag;
pub mod docx;
pub mod edition;
pub mod emit;
pub mod error;
pub mod fact_place;
pub mod incremental;
pub mod interrupt;
pub mod load;
pub mod locale;
pub mod model;
pub mod pipeline;
pub mod policy;
pub mod project;
pub mod render;
pub mod reports;
pub mod schedule;
pub mod select;
pub mod source_place;
pub mod staff_page;
pub mod translations;
pub mod typeset;
pub mod validate;
pub mod view;
pub mod yaml_path;
