//! Wording rules per document type, declared in the catalog. A memorandum of understanding is
//! not a treaty: it says "Participants", "will", "paragraph" and "come into effect", never
//! "Parties", "shall", "Article" or "enter into force". A fact that breaks a rule of the document
//! type it is printed in is refused at its line, in the language it breaks it in. Rules are
//! matched on text normalised as a reader sees it ([`crate::policy::normalise::for_matching`]), so that
//! a soft hyphen, a line break, a decomposed accent or a Cyrillic lookalike cannot hide a
//! forbidden expression.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::catalog::{DocumentDef, WordingRule as Rule};
use crate::model::{Lang, Texts};
use crate::validate::Dataset;
use crate::view::View;

/// Whether `text`, normalised for matching, holds `rule.words` as whole words.
pub fn breaks(rule: &Rule, text: &str) -> bool {
    find(rule, &crate::policy::normalise::for_matching(text)).is_some()
}

/// Byte offset (in `text`, taken as it is) of the first whole-word occurrence of `rule.words`
/// (normalised like the text it is checked against). Case is folded
/// one character at a time, so that no character can change the length of what is compared.
/// A case-sensitive rule also matches its words in capitals (`PARTIES`, `ARTÍCULO`): case tells
/// the treaty term from general prose ("parties"), and capitals are the treaty term still.
pub fn find(rule: &Rule, text: &str) -> Option<usize> {
    let written = crate::policy::normalise::for_matching(&rule.words.value);
    let capitals = written.to_uppercase();
    let mut needles = vec![written];
    if rule.case_sensitive && capitals.chars().count() == needles[0].chars().count() {
        needles.push(capitals);
    }
    needles
        .iter()
        .filter_map(|needle| find_words(rule.case_sensitive, needle, text))
        .min()
}

/// Byte offset in `text` of the first occurrence of `needle` as whole words (both normalised).
pub fn find_words(case_sensitive: bool, needle: &str, text: &str) -> Option<usize> {
    let fold = |c: char| {
        if case_sensitive {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let hay: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let needle: Vec<char> = needle.chars().map(fold).collect();
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

/// The rules of `lang` that `text` breaks ([`breaks`] for each, normalising `text` once).
fn broken<'r>(rules: &'r [Rule], lang: Lang, text: &str) -> Vec<&'r Rule> {
    let normalised = crate::policy::normalise::for_matching(text);
    rules
        .iter()
        .filter(|r| r.lang.value == lang && find(r, &normalised).is_some())
        .collect()
}

fn instead(doc: &DocumentDef, rule: &Rule) -> String {
    match &doc.wording_reason {
        Some(reason) => format!("{reason}: write `{}` instead", rule.instead),
        None => format!("write `{}` instead", rule.instead),
    }
}

/// What a broken rule of `doc` is called in its message.
fn problem(doc: &DocumentDef, lang: Lang) -> String {
    doc.wording_error
        .clone()
        .unwrap_or_else(|| format!("wording a {} does not use", doc.name.get(lang)))
}

/// The document type of a view, with its rules.
fn document<'d>(dataset: &'d Dataset, view: &View) -> Option<&'d DocumentDef> {
    dataset
        .catalog
        .document(view.document.id)
        .filter(|d| !d.wording.is_empty())
}

/// Checks every text of the view's facts against the rules of its document type.
pub fn check(dataset: &Dataset, view: &View) -> Diagnostics {
    let mut errors = view
        .parallel
        .as_ref()
        .map(|other| check(dataset, other))
        .unwrap_or_default();
    let Some(doc) = document(dataset, view) else {
        return errors;
    };
    let rules = &doc.wording;
    for id in view.facts.keys() {
        let Some(record) = dataset.fact(id) else {
            continue;
        };
        let f = &record.fact;
        let mut texts: Vec<(&str, &Texts)> = vec![("text", &f.text)];
        if let Some(t) = &f.title {
            texts.push(("title", t));
        }
        texts.extend(f.attrs.iter().map(|(k, v)| (k.as_str(), v)));
        for (field, bi) in texts {
            let Some(spanned) = bi.spanned(view.lang) else {
                continue;
            };
            for rule in broken(rules, view.lang, &spanned.value) {
                errors.push(
                    Diagnostic::at(
                        Location::of(&record.file, spanned),
                        format!(
                            "{}: `{}` in fact `{id}` ({field}.{})",
                            problem(doc, view.lang),
                            rule.words.value,
                            view.lang
                        ),
                    )
                    .with_hint(instead(doc, rule)),
                );
            }
        }
    }
    errors
}

/// Checks the texts of `brief`'s definition that the view's edition prints — the title,
/// subtitle and office (or the edition's own title and subtitle) and the titles of the sections
/// it has — against the rules of its document type, at their lines in the brief's file.
pub fn check_brief(dataset: &Dataset, brief: &crate::validate::Brief, view: &View) -> Diagnostics {
    let mut errors = Diagnostics::new();
    let Some(doc) = document(dataset, view) else {
        return errors;
    };
    let rules = &doc.wording;
    let def = &brief.def;
    let entry = brief.entry(view.document.id, view.audience);
    let mut texts: Vec<(String, &Texts)> = vec![
        (
            "title".into(),
            entry.and_then(|e| e.title.as_ref()).unwrap_or(&def.title),
        ),
        ("office".into(), &def.office),
    ];
    if let Some(subtitle) = entry
        .and_then(|e| e.subtitle.as_ref())
        .or(def.subtitle.as_ref())
    {
        texts.push(("subtitle".into(), subtitle));
    }
    for (name, t) in entry.iter().flat_map(|e| &e.texts) {
        texts.push((format!("document text `{name}`"), t));
    }
    for section in &def.sections {
        let shown = view.sections.iter().any(|s| s.id == section.id.value);
        if shown {
            texts.push((
                format!("section `{}` title", section.id.value),
                &section.title,
            ));
        }
    }
    for (field, bi) in texts {
        let Some(spanned) = bi.spanned(view.lang) else {
            continue;
        };
        for rule in broken(rules, view.lang, &spanned.value) {
            errors.push(
                Diagnostic::at(
                    brief.location(spanned),
                    format!(
                        "{}: `{}` in the {field} of brief `{}` ({})",
                        problem(doc, view.lang),
                        rule.words.value,
                        brief.id(),
                        view.lang
                    ),
                )
                .with_source_line(&brief.file.text)
                .with_hint(instead(doc, rule)),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped MoU's rules, read from the catalog.
    fn mou() -> &'static [Rule] {
        static RULES: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            let catalog = crate::catalog::shipped();
            catalog
                .document(crate::model::DocType::new("mou"))
                .expect("the shipped catalog has the MoU")
                .wording
                .clone()
        })
    }

    fn rule(words: &str) -> &'static Rule {
        mou().iter().find(|r| r.words.value == words).unwrap()
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

    #[test]
    fn hidden_forms_are_caught() {
        assert!(breaks(rule("shall"), "The Participants sh\u{AD}all meet."));
        assert!(breaks(
            rule("enter into force"),
            "It will enter  into\nforce."
        ));
        assert!(breaks(rule("Artículo"), "según el Arti\u{301}culo 3"));
        assert!(breaks(rule("Parties"), "the Pаrtiеs decide")); // Cyrillic а, е
        assert!(breaks(rule("shall"), "they ѕhall")); // Cyrillic ѕ
        assert!(breaks(rule("Partes"), "las Pаrtеs")); // Cyrillic а, е
        assert!(breaks(
            rule("entrará en vigor"),
            "entrará\u{A0}en\u{2028}vigor"
        ));
        // Dashes join words without hiding them.
        assert!(breaks(
            rule("entry into force"),
            "upon its Entry-into-force date"
        ));
        assert!(breaks(rule("entrada en vigor"), "la entrada–en–vigor"));
        // Still whole words, and case still matters where the rule says so.
        assert!(!breaks(rule("shall"), "marsh\u{AD}all"));
        assert!(!breaks(rule("Parties"), "third pаrties")); // lower case, Cyrillic а
        assert!(!breaks(rule("Partes"), "en todas partes"));
        assert!(!breaks(
            rule("shall"),
            "The Participants will meet and decide together."
        ));
    }

    /// What may be slipped between the characters of a phrase without changing what prints:
    /// soft hyphens, zero-width and other format characters, and extra white space (where the
    /// phrase has a space).
    fn invisible() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{2061}',
                '\u{180E}', '\u{34F}', '\u{FE0F}',
            ]),
            0..3,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn spaces() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                ' ', '\n', '\t', '\u{A0}', '\u{2028}', '\u{202F}', '\u{3000}',
            ]),
            1..4,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

        /// Inserting invisible characters and extra white space into a forbidden phrase, in any
        /// rule, never gets it past the rule.
        #[test]
        fn nothing_invisible_evades_a_rule(
            which in 0..mou().len(),
            gaps in prop::collection::vec((invisible(), spaces()), 24),
            before in "[ .,;(]{0,2}",
            after in "[ .,;)]{0,2}",
        ) {
            let rule = &mou()[which];
            let mut text = format!("Texto {before}");
            for (i, c) in rule.words.value.chars().enumerate() {
                let (hidden, space) = &gaps[i % gaps.len()];
                if c == ' ' {
                    text.push_str(space);
                } else {
                    text.push(c);
                }
                text.push_str(hidden);
            }
            text.push_str(&after);
            text.push_str(" fin");
            prop_assert!(breaks(rule, &text), "{text:?} evades `{}`", rule.words.value);
        }
    }
}
