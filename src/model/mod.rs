//! The typed data model: what a fact, a brief definition and a bibliography entry are.
//! Everything here is what the YAML files say, checked by serde; cross-file rules live in
//! `validate`.

pub mod brief;
pub mod date;
pub mod fact;
pub mod source;
pub mod vocab;

pub use brief::{BriefDef, Section};
pub use date::FactDate;
pub use fact::{Bi, Cell, Column, Fact, FactFile, Table};
pub use vocab::{Audience, Classification, Kind, Lang, Sensitivity, Status};

/// A value with the place in its YAML file where it was written.
pub type Spanned<T> = serde_saphyr::Spanned<T>;
