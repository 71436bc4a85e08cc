//! The closed vocabularies of the model: audiences, languages, classification, sensitivity, kinds.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Who an output is for. Facts list the audiences they are cleared for; there is no default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Ministerio de Relaciones Exteriores (Ministry of Foreign Affairs).
    Mre,
    /// Ministerio de Defensa (Ministry of Defence).
    Defence,
    /// A NATO counterpart: an external reader.
    Nato,
    /// The draft memorandum of understanding: an external text.
    Mou,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::Mre,
        Audience::Defence,
        Audience::Nato,
        Audience::Mou,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Mre => "mre",
            Audience::Defence => "defence",
            Audience::Nato => "nato",
            Audience::Mou => "mou",
        }
    }

    /// External audiences are outside the Peruvian government: internal facts never reach them.
    pub fn is_external(self) -> bool {
        matches!(self, Audience::Nato | Audience::Mou)
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language of the briefs. Every human-readable string exists in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Es,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// The Typst `region` set with the language. Spanish is Peru's; English uses the British
    /// conventions of NATO's own English texts ("Defence", "programme", day-month-year dates).
    pub fn region(self) -> &'static str {
        match self {
            Lang::Es => "PE",
            Lang::En => "GB",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The classification scale, ordered from least to most restricted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Publico,
    Reservado,
    Confidencial,
}

impl Classification {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Classification::Publico, Lang::Es) => "PÚBLICO",
            (Classification::Publico, Lang::En) => "PUBLIC",
            (Classification::Reservado, Lang::Es) => "RESERVADO",
            (Classification::Reservado, Lang::En) => "RESTRICTED",
            (Classification::Confidencial, Lang::Es) => "CONFIDENCIAL",
            (Classification::Confidencial, Lang::En) => "CONFIDENTIAL",
        }
    }

    /// The portion mark printed before a paragraph drawn from a fact of this classification.
    pub fn portion_mark(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Classification::Publico, Lang::Es) => "(P)",
            (Classification::Publico, Lang::En) => "(U)",
            (Classification::Reservado, _) => "(R)",
            (Classification::Confidencial, _) => "(C)",
        }
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
}

/// Negotiation status of MoU text: open text prints in brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Agreed,
    Open,
}
