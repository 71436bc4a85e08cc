//! Wording rules per document type. A memorandum of understanding is not a treaty: it says
//! "Participants", "will", "paragraph" and "come into effect", never "Parties", "shall",
//! "Article" or "enter into force". A rule set belongs to an audience's document type; a fact
//! that breaks one is refused at its line, in the language it breaks it in.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Audience, Bi, Lang, Spanned};
use crate::select::View;
use crate::validate::Dataset;

/// One forbidden expression and what to write instead.
pub struct Rule {
    pub lang: Lang,
    /// Matched as whole words.
    pub words: &'static str,
    /// Whether case matters ("Parties" the treaty term, not "parties" in general prose).
    pub case_sensitive: bool,
    pub instead: &'static str,
}

const MOU: &[Rule] = &[
    Rule {
        lang: Lang::En,
        words: "shall",
        case_sensitive: false,
        instead: "will",
    },
    Rule {
        lang: Lang::En,
        words: "Parties",
        case_sensitive: true,
        instead: "Participants",
    },
    Rule {
        lang: Lang::En,
        words: "Party",
        case_sensitive: true,
        instead: "Participant",
    },
    Rule {
        lang: Lang::En,
        words: "Article",
        case_sensitive: true,
        instead: "paragraph",
    },
    Rule {
        lang: Lang::En,
        words: "enter into force",
        case_sensitive: false,
        instead: "come into effect",
    },
    Rule {
        lang: Lang::En,
        words: "entry into force",
        case_sensitive: false,
        instead: "coming into effect",
    },
    Rule {
        lang: Lang::En,
        words: "agree",
        case_sensitive: false,
        instead: "intend / decide",
    },
    Rule {
        lang: Lang::En,
        words: "binding obligations",
        case_sensitive: false,
        instead: "commitments",
    },
    Rule {
        lang: Lang::Es,
        words: "Partes",
        case_sensitive: true,
        instead: "Participantes",
    },
    Rule {
        lang: Lang::Es,
        words: "Parte",
        case_sensitive: true,
        instead: "Participante",
    },
    Rule {
        lang: Lang::Es,
        words: "Artículo",
        case_sensitive: true,
        instead: "párrafo",
    },
    Rule {
        lang: Lang::Es,
        words: "entrará en vigor",
        case_sensitive: false,
        instead: "surtirá efecto",
    },
    Rule {
        lang: Lang::Es,
        words: "entrar en vigor",
        case_sensitive: false,
        instead: "surtir efecto",
    },
    Rule {
        lang: Lang::Es,
        words: "entrada en vigor",
        case_sensitive: false,
        instead: "inicio de efectos",
    },
];

/// The rules of an audience's document type.
pub fn rules(audience: Audience) -> &'static [Rule] {
    match audience {
        Audience::Mou => MOU,
        Audience::Mre | Audience::Defence | Audience::Nato => &[],
    }
}

/// Byte offset (in `text`) of the first whole-word occurrence of `rule.words`. Case is folded
/// one character at a time, so that no character can change the length of what is compared.
pub fn find(rule: &Rule, text: &str) -> Option<usize> {
    let fold = |c: char| {
        if rule.case_sensitive {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let hay: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let needle: Vec<char> = rule.words.chars().map(fold).collect();
    let word = |c: Option<&(usize, char)>| c.is_some_and(|(_, c)| c.is_alphanumeric());
    (0..hay.len().saturating_sub(needle.len() - 1)).find_map(|start| {
        let matches = hay[start..start + needle.len()]
            .iter()
            .map(|(_, c)| *c)
            .eq(needle.iter().copied());
        let bounded = !word(start.checked_sub(1).and_then(|i| hay.get(i)))
            && !word(hay.get(start + needle.len()));
        (matches && bounded).then(|| hay[start].0)
    })
}

fn located(file: &std::path::Path, s: &Spanned<String>) -> Location {
    Location::new(
        file,
        s.referenced.line() as usize,
        s.referenced.column() as usize,
    )
}

/// Checks every text of the view's facts against the rules of its document type.
pub fn check(dataset: &Dataset, view: &View) -> Diagnostics {
    let rules = rules(view.audience);
    let mut errors = view
        .parallel
        .as_ref()
        .map(|other| check(dataset, other))
        .unwrap_or_default();
    if rules.is_empty() {
        return errors;
    }
    for id in view.facts.keys() {
        let Some(record) = dataset.fact(id) else {
            continue;
        };
        let f = &record.fact;
        let mut texts: Vec<(&str, &Bi)> = vec![("text", &f.text)];
        if let Some(t) = &f.title {
            texts.push(("title", t));
        }
        texts.extend(f.attrs.iter().map(|(k, v)| (k.as_str(), v)));
        for (field, bi) in texts {
            let spanned = match view.lang {
                Lang::Es => &bi.es,
                Lang::En => &bi.en,
            };
            for rule in rules.iter().filter(|r| r.lang == view.lang) {
                if find(rule, &spanned.value).is_some() {
                    errors.push(
                        Diagnostic::at(
                            located(&record.file, spanned),
                            format!("treaty language in a memorandum of understanding: `{}` in fact `{id}` ({field}.{})", rule.words, view.lang),
                        )
                        .with_hint(format!("an MoU is not legally binding: write `{}` instead", rule.instead)),
                    );
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(words: &str) -> &'static Rule {
        MOU.iter().find(|r| r.words == words).unwrap()
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            find(rule("shall"), "The Participants shall meet."),
            Some(17)
        );
        assert_eq!(find(rule("shall"), "Shall they?"), Some(0));
        assert_eq!(find(rule("shall"), "marshall plan"), None);
        assert_eq!(find(rule("Parties"), "third parties may attend"), None);
        assert_eq!(find(rule("Parties"), "the Parties decide"), Some(4));
        assert_eq!(find(rule("Partes"), "las Partes acuerdan"), Some(4));
        assert_eq!(find(rule("Partes"), "en todas partes"), None);
        assert_eq!(
            find(rule("entrará en vigor"), "Este Memorándum entrará en vigor"),
            Some(17)
        );
        assert_eq!(find(rule("agree"), "disagreement"), None);
        // A character whose lower case is longer or shorter in bytes does not hide the rest.
        assert_eq!(
            find(rule("shall"), "5 \u{212A}: the Participants shall meet"),
            Some(24)
        );
        assert_eq!(find(rule("shall"), "SHALL"), Some(0));
    }
}
