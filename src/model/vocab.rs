//! The closed vocabularies of the model: classification (Peru's legal scale), sensitivity, kinds.
//! Languages, audiences and document types are open: the catalog declares them.

use serde::{Deserialize, Serialize};

/// The classification scale, ordered from least to most restricted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Publico,
    Reservado,
    Confidencial,
}

impl Classification {
    /// The catalog string that names this marking (`marking.reservado`): the label printed in
    /// the banner, in the edition's language.
    pub fn label_key(self) -> String {
        format!("marking.{}", self.as_str())
    }

    /// The catalog string of the portion mark printed before a paragraph drawn from a fact of
    /// this classification (`portion.reservado`).
    pub fn portion_key(self) -> String {
        format!("portion.{}", self.as_str())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Publico => "publico",
            Classification::Reservado => "reservado",
            Classification::Confidencial => "confidencial",
        }
    }
}

/// Whether a fact is an internal Peruvian consideration. Internal facts never reach external
/// audiences; that rule is enforced when facts are validated and again when they are selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    Shareable,
    Internal,
}

/// What sort of statement a fact is; templates use it to shape the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Event,
    Definition,
    Term,
    Mechanism,
    Summit,
    Concept,
    Norm,
    Statement,
    Finding,
    Hypothesis,
    Conclusion,
    Recommendation,
    Risk,
    Area,
    Table,
    Clause,
    /// A line for a speaker to say in a meeting (talking points), drafted from what it rests on.
    Point,
}

/// Negotiation status of MoU text: open text prints in brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Agreed,
    Open,
}
