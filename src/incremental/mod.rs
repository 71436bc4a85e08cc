//! The incremental build: what each output was built from (`fingerprint`), the record of it in
//! `out/manifest.json` (`manifest`), whether an output is current (`staleness`), and the
//! temporary names a killed run may leave (`temp_names`).

pub mod fingerprint;
pub mod manifest;
pub mod staleness;
pub mod temp_names;
