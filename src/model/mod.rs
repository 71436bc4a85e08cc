//! The typed data model: what a fact, a brief definition and a bibliography entry are.
//! Everything here is what the YAML files say, checked by serde; cross-file rules live in
//! `validate`.

pub mod brief;
pub mod catalog;
pub mod date;
pub mod fact;
pub mod ids;
pub mod source;
pub mod vocab;

pub use brief::{BriefDef, Section};
pub use date::FactDate;
pub use fact::{Cell, Column, Correction, Fact, FactFile, Table, Texts};
pub use ids::{Audience, DocType, Lang};
pub use vocab::{Classification, Kind, Sensitivity, Status};

/// A value with the place in its YAML file where it was written.
pub type Spanned<T> = serde_saphyr::Spanned<T>;
