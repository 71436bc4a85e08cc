//! Editions: the one place that lists what a brief produces and names each output. An edition is
//! a brief made as one document type, for one audience, in one language or as a parallel text.
//!
//! Output names are `<brief>/<brief>.<document>.<audience>.<language>` under `out/`, with
//! `.pdf`, `.typ` and `.bib.yaml` after them: a file mailed on its own still says which brief it
//! belongs to, what kind of document it is, for whom and in which language
//! (`peru-nato-global-partner.non-paper.nato.en.pdf`).

use crate::catalog::Catalog;
use crate::model::{Audience, DocType, Lang};
use crate::validate::Brief;
use std::fmt;

/// The language of an edition: one language, or two side by side (a parallel text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tongue {
    One(Lang),
    /// The first language in the left column, the second in the right.
    Parallel(Lang, Lang),
}

impl Tongue {
    /// The languages the edition prints, left column first.
    pub fn langs(self) -> Vec<Lang> {
        match self {
            Tongue::One(l) => vec![l],
            Tongue::Parallel(a, b) => vec![a, b],
        }
    }

    /// The language of the edition's metadata and of its first column.
    pub fn primary(self) -> Lang {
        match self {
            Tongue::One(l) | Tongue::Parallel(l, _) => l,
        }
    }

    /// Parses `es` or `es-en`, as written on the command line and in output names.
    pub fn parse(text: &str) -> Tongue {
        match text.split_once('-') {
            Some((a, b)) => Tongue::Parallel(Lang::new(a), Lang::new(b)),
            None => Tongue::One(Lang::new(text)),
        }
    }
}

impl fmt::Display for Tongue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tongue::One(lang) => write!(f, "{lang}"),
            Tongue::Parallel(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

/// One document to produce.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edition {
    pub brief: String,
    pub document: DocType,
    pub audience: Audience,
    pub tongue: Tongue,
}

impl Edition {
    /// The output's name: its path under `out/` without extension.
    pub fn name(&self) -> String {
        format!(
            "{}/{}.{}.{}.{}",
            self.brief, self.brief, self.document, self.audience, self.tongue
        )
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Every edition of `brief`, in the order its definition lists them: for each document entry,
/// each audience, each language the document type is made in that the brief has, then the
/// parallel text where the document type makes one of two of the brief's languages.
pub fn of_brief(catalog: &Catalog, brief: &Brief) -> Vec<Edition> {
    let langs: Vec<Lang> = brief.languages().collect();
    let mut out = Vec::new();
    for entry in &brief.def.documents {
        let Some(doc) = catalog.document(entry.document.value) else {
            continue;
        };
        let own: Vec<Lang> = match &doc.languages {
            Some(list) => langs
                .iter()
                .copied()
                .filter(|l| list.iter().any(|d| d.value == *l))
                .collect(),
            None => langs.clone(),
        };
        let mut tongues: Vec<Tongue> = own.into_iter().map(Tongue::One).collect();
        if let Some(parallel) = &doc.parallel
            && let [a, b] = parallel.languages.value.as_slice()
            && langs.contains(&a.value)
            && langs.contains(&b.value)
        {
            tongues.push(Tongue::Parallel(a.value, b.value));
        }
        for audience in &entry.audiences {
            for &tongue in &tongues {
                out.push(Edition {
                    brief: brief.id().to_owned(),
                    document: entry.document.value,
                    audience: audience.value,
                    tongue,
                });
            }
        }
    }
    out
}

/// Whether `name` has the shape of an output name, `<brief>/<brief>.<document>.<audience>.<lang>`:
/// slugs (lowercase ASCII letters, digits, `-`, `_`; not starting with `-` or `_`) naming a file
/// two levels under `out/` and nowhere else: no `..`, no absolute path, no separator but the one.
pub fn is_output_name(name: &str) -> bool {
    let Some((brief, file)) = name.split_once('/') else {
        return false;
    };
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() == 4
        && parts[0] == brief
        && parts.iter().all(|part| crate::validate::is_slug(part, 64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        for good in [
            "peru-nato/peru-nato.non-paper.nato.en",
            "b/b.mou.nato.es-en",
            "a_1/a_1.note.defence.es",
        ] {
            assert!(is_output_name(good), "{good}");
        }
        for bad in [
            "",
            "b",
            "b/../../x.y.z.en",
            "/b/b.x.y.en",
            "b/b.x.nato.en/x",
            "b/c/b.x.nato.en",
            "b/b..nato.en",
            "b/c.x.nato.en",
            "B/B.x.nato.en",
            "b/b.x.nato.en.pdf",
            "b\\b.x.nato.en",
            "b/b.nato.en",
            "-b/-b.x.nato.en",
        ] {
            assert!(!is_output_name(bad), "{bad}");
        }
    }

    #[test]
    fn tongues_round_trip() {
        for text in ["es", "pt", "es-en"] {
            assert_eq!(Tongue::parse(text).to_string(), text);
        }
        assert_eq!(
            Tongue::parse("es-en").langs(),
            vec![Lang::new("es"), Lang::new("en")]
        );
    }
}
