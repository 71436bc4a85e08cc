//! The release gate judged by content, not by ids: text that at OLD was only in material an
//! external reader never saw (internal facts, facts not drawn into any external edition, editions
//! for internal audiences) is a release when at NEW it appears in an external edition, whatever
//! fact carries it. Swapping the texts of an internal fact and a NATO fact, or moving a paragraph
//! from one to the other, keeps every id's clearance as it was and is still caught here.
//!
//! Texts are compared as word shingles (every run of [`SHINGLE`] consecutive words, lowercased,
//! punctuation ignored), so that a moved sentence is found inside a longer paragraph and
//! reformatting or recasing does not hide it. A text shorter than a shingle counts whole when it
//! has at least [`SHORT`] words. Words are read as a reader sees them (`normalise::for_matching`:
//! NFKC, soft hyphens and other format characters dropped, lookalike letters mapped), so
//! full-width letters, a soft hyphen inside a word or a Cyrillic `а` do not make a new word.
//!
//! What an external edition shows at NEW is read part by part (a fact, the brief definition, a
//! cited source) as one run of words across all of the part's fields, and every run of
//! [`SHORT`] to [`SHINGLE`] words is looked up: so a short internal text is found inside a longer
//! external one, and a sentence split between a fact's title and its text is found whole.

use super::{Release, editions};
use crate::validate::Dataset;
use std::collections::{BTreeMap, BTreeSet};
use unicode_properties::UnicodeGeneralCategory;

/// Words per shingle.
const SHINGLE: usize = 8;
/// The fewest words a short text needs to be compared at all.
const SHORT: usize = 4;

type Shingle = Vec<String>;

fn words(text: &str) -> Vec<String> {
    let is_mark = |c: char| {
        matches!(
            c.general_category_group(),
            unicode_properties::GeneralCategoryGroup::Mark
        )
    };
    crate::policy::normalise::for_matching(text)
        .split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(text: &str, into: &mut BTreeSet<Shingle>) {
    let words = words(text);
    if words.len() < SHINGLE {
        if words.len() >= SHORT {
            into.insert(words);
        }
        return;
    }
    for window in words.windows(SHINGLE) {
        into.insert(window.to_vec());
    }
}

/// Every string leaf of a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn shingles_of(value: &impl serde::Serialize, into: &mut BTreeSet<Shingle>) {
    let mut texts = Vec::new();
    strings(&serde_json::to_value(value).unwrap_or_default(), &mut texts);
    for text in texts {
        shingles(&text, into);
    }
}

/// Every run of [`SHORT`] to [`SHINGLE`] words of `texts` read as one run of words: what a
/// known passage (a shingle, or a short text whole) is looked up among.
fn passages(texts: &[String]) -> BTreeSet<Shingle> {
    let words: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
    let mut out = BTreeSet::new();
    for len in SHORT..=SHINGLE {
        for window in words.windows(len) {
            out.insert(window.to_vec());
        }
    }
    out
}

fn texts_of(value: &impl serde::Serialize) -> Vec<String> {
    let mut texts = Vec::new();
    strings(&serde_json::to_value(value).unwrap_or_default(), &mut texts);
    texts
}

/// A fact's texts in the order a reader meets them: its title, its text, then the rest.
fn fact_texts(fact: &crate::view::FactView) -> Vec<String> {
    let mut texts: Vec<(String, String)> = fact.texts();
    texts.sort_by_key(|(field, _)| match field.as_str() {
        "title" => 0,
        "text" => 1,
        _ => 2,
    });
    texts.into_iter().map(|(_, text)| text).collect()
}

/// What an edition shows, grouped by where it comes from: each fact by id, each cited source
/// (its entry as the edition's bibliography holds it) as `source KEY`, and the rest of the view
/// (titles, sections, marking) as `brief definition`.
fn parts(view: &crate::view::View, dataset: &Dataset) -> BTreeMap<String, Vec<String>> {
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add_facts = |v: &crate::view::View| {
        for (id, fact) in &v.facts {
            texts
                .entry(id.clone())
                .or_default()
                .extend(fact_texts(fact));
        }
    };
    add_facts(view);
    if let Some(p) = &view.parallel {
        add_facts(p);
    }
    if let Some((_, bibliography)) = &dataset.bibliography {
        for key in &view.sources {
            // Each value as written to the edition's bibliography, one text per line: a field
            // (`title: "…"`), a list item (a name, `- "Rynning, Sten"`) or both (`- name: "…"`).
            let entry = crate::bibliography::write(bibliography, |k| k == key);
            let fields = entry.lines().filter_map(|line| {
                let item = line.trim_start();
                let item = item.strip_prefix("- ").unwrap_or(item);
                match item.split_once(": ") {
                    Some((_, value)) => Some(value),
                    None => item.starts_with('"').then_some(item),
                }
            });
            texts.insert(format!("source {key}"), fields.map(str::to_owned).collect());
        }
    }
    let mut frame = serde_json::to_value(view).unwrap_or_default();
    if let Some(o) = frame.as_object_mut() {
        // Facts, sections and sources are taken apart; the rest are file names, keys and codes.
        for key in [
            "facts",
            "parallel",
            "sections",
            "sources",
            "bibliography",
            "region",
        ] {
            o.remove(key);
        }
    }
    let frame_texts = texts.entry("brief definition".into()).or_default();
    frame_texts.extend(texts_of(&frame));
    for section in &view.sections {
        frame_texts.push(section.title.clone());
    }
    texts
}

/// The releases of content between two datasets.
pub fn releases(old: &Dataset, new: &Dataset) -> Vec<Release> {
    let old_editions = editions(old);
    let mut seen_externally = BTreeSet::new();
    let mut known = BTreeSet::new();
    for record in &old.facts {
        let fields = super::fields(&record.fact);
        for (name, text) in &fields {
            if name.starts_with("text.") || name.starts_with("title.") || name.starts_with("attrs.")
            {
                shingles(text, &mut known);
            }
        }
        if let Some(table) = &record.fact.table {
            shingles_of(&super::table_cells(table), &mut known);
        }
    }
    for (edition, view) in old_editions.values() {
        for texts in parts(view, old).into_values() {
            if old.catalog.is_external(edition.audience) {
                seen_externally.extend(passages(&texts));
            }
            for text in &texts {
                shingles(text, &mut known);
            }
        }
    }
    let mut out = Vec::new();
    // An audience the catalog no longer calls external may now be given internal facts: the
    // catalog change is itself a release.
    for audience in old.catalog.audiences().filter(|a| a.external.value) {
        let id = audience.id.value;
        if new.catalog.audience(id).is_some_and(|a| !a.external.value) {
            out.push(Release {
                id: format!("audience {id}"),
                what: format!(
                    "audience `{id}` is no longer external in {}: internal facts could now reach it",
                    crate::catalog::path().display()
                ),
            });
        }
    }
    for (name, (edition, view)) in editions(new) {
        // External in either catalog: a change that makes an audience internal does not stop
        // its documents being watched in the same change.
        if !(new.catalog.is_external(edition.audience) || old.catalog.is_external(edition.audience))
        {
            continue;
        }
        for (part, texts) in parts(&view, new) {
            let shingles = passages(&texts);
            let exposed: Vec<&Shingle> = shingles
                .iter()
                .filter(|s| known.contains(*s) && !seen_externally.contains(*s))
                .collect();
            if let Some(first) = exposed.first() {
                out.push(Release {
                    id: part,
                    what: format!(
                        "text that at OLD no external reader saw now appears in `{name}` (an \
                         EXTERNAL reader): \"{}\"{}",
                        first.join(" "),
                        if exposed.len() > 1 {
                            format!(" and {} more passage(s)", exposed.len() - 1)
                        } else {
                            String::new()
                        }
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_ignore_case_and_punctuation() {
        let (mut a, mut b) = (BTreeSet::new(), BTreeSet::new());
        shingles(
            "Peru buys its frigates from one supplier only, says the ministry.",
            &mut a,
        );
        shingles(
            "peru BUYS its frigates — from one supplier only says the Ministry",
            &mut b,
        );
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
    }

    #[test]
    fn short_texts_count_whole_and_tiny_ones_not_at_all() {
        let mut s = BTreeSet::new();
        shingles("Arms from Russia only", &mut s);
        assert_eq!(s.len(), 1);
        shingles("Peru 2021", &mut s);
        assert_eq!(s.len(), 1);
    }
}
