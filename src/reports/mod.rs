//! What `brief` tells a reviewer about the project rather than builds: the coverage of the facts
//! (`coverage`), numbers that differ between a fact's languages (`drift`), and what a change
//! means (`diff`).

pub mod coverage;
pub mod diff;
pub mod drift;
