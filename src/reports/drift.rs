//! Translation drift: the Spanish and English of a fact should carry the same numbers and dates. A
//! number or year present in one language's text and absent from the other's, or a month one
//! language names in a date and the other does not, is flagged by `brief check` and `brief diff`.

use crate::model::{Lang, Texts};
use crate::validate::Dataset;
use std::collections::{BTreeMap, BTreeSet};

/// Number tokens of a text, thousands separators removed (`80 089`, `80,089`, `80.089` → `80089`).
pub fn numbers(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut token = String::new();
        loop {
            while i < chars.len() && chars[i].is_ascii_digit() {
                token.push(chars[i]);
                i += 1;
            }
            let sep =
                i < chars.len() && matches!(chars[i], ' ' | '\u{a0}' | '\u{202f}' | ',' | '.');
            let three = i + 4 <= chars.len()
                && chars[i + 1..i + 4].iter().all(|c| c.is_ascii_digit())
                && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
            if sep && three {
                i += 1;
            } else {
                break;
            }
        }
        out.insert(token.trim_start_matches('0').to_owned());
    }
    out
}

/// Numbers in one language of a text and not in another: for each language after the first
/// (in catalog order) that differs from the first, `(first, other, only in first, only in other)`.
/// A number written in digits in one language is matched by the same number written in words in
/// the other (`words`: the numbers a text writes in words, by language), so `Artículo sexto` and
/// `Article 6` agree; a number in words alone is never drift (`two-way street`, `el primero`).
pub fn mismatch(
    texts: &Texts,
    order: &[Lang],
    words: impl Fn(Lang, &str) -> BTreeSet<String>,
) -> Vec<(Lang, Lang, Vec<String>, Vec<String>)> {
    let present: Vec<(Lang, &str)> = order
        .iter()
        .filter_map(|&l| texts.spanned(l).map(|s| (l, s.value.as_str())))
        .collect();
    let Some(&(first, source)) = present.first() else {
        return Vec::new();
    };
    let (a, a_words) = (numbers(source), words(first, source));
    present[1..]
        .iter()
        .filter_map(|&(lang, text)| {
            let (b, b_words) = (numbers(text), words(lang, text));
            let only_a: Vec<String> = a
                .iter()
                .filter(|n| !b.contains(*n) && !b_words.contains(*n))
                .cloned()
                .collect();
            let only_b: Vec<String> = b
                .iter()
                .filter(|n| !a.contains(*n) && !a_words.contains(*n))
                .cloned()
                .collect();
            (!only_a.is_empty() || !only_b.is_empty()).then_some((first, lang, only_a, only_b))
        })
        .collect()
}

/// The months (1–12) a text names in a date: a month name of `names` (January first, as the
/// catalog lists them, whatever the case) with a number within two words of it (`15 de mayo`,
/// `May 2017`, `septiembre de 2021`). A month name far from any number is not a date
/// ("NATO may decide").
pub fn months(text: &str, names: &[String]) -> BTreeSet<usize> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_number = |w: &String| w.chars().all(|c| c.is_ascii_digit());
    let mut out = BTreeSet::new();
    for (i, word) in words.iter().enumerate() {
        let Some(m) = names.iter().position(|n| n.to_lowercase() == *word) else {
            continue;
        };
        let near = words[i.saturating_sub(2)..(i + 3).min(words.len())]
            .iter()
            .any(is_number);
        if near {
            out.insert(m + 1);
        }
    }
    out
}

/// The numbers a text writes in words, by the language's `number-words` in the catalog
/// (`cuatro`, `sexto`, `four`, `sixth`).
pub fn number_words(text: &str, words: &BTreeMap<String, u32>) -> BTreeSet<String> {
    if words.is_empty() {
        return BTreeSet::new();
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| words.get(&w.to_lowercase()))
        .map(u32::to_string)
        .collect()
}

/// `texts` with each language's named dates (`11-S`, `9/11`: the catalog's `named-dates`)
/// written out as the dates they name (`11 de septiembre`, `11 September`), so that the
/// numbers and months of `el 11-S` and `11 September` agree.
fn expand_named_dates(texts: &Texts, dataset: &Dataset) -> Texts {
    let mut out = texts.clone();
    for (lang, text) in out.0.iter_mut() {
        let Some(def) = dataset.catalog.language(*lang) else {
            continue;
        };
        for (name, date) in &def.named_dates {
            if name.is_empty() || !text.value.contains(name.as_str()) {
                continue;
            }
            let mut expanded = String::with_capacity(text.value.len());
            let mut rest = text.value.as_str();
            while let Some(i) = rest.find(name.as_str()) {
                let before = rest[..i].chars().next_back();
                let after = rest[i + name.len()..].chars().next();
                let bounded = !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric);
                expanded.push_str(&rest[..i]);
                expanded.push_str(if bounded { date } else { name });
                rest = &rest[i + name.len()..];
            }
            expanded.push_str(rest);
            text.value = expanded;
        }
    }
    out
}

/// Every fact text whose languages carry different numbers: `(fact id, field, message)`.
pub fn number_drift(dataset: &Dataset) -> Vec<(String, String, String)> {
    let order: Vec<Lang> = dataset.catalog.languages().map(|l| l.id.value).collect();
    let mut found = Vec::new();
    for record in &dataset.facts {
        let f = &record.fact;
        let mut fields: Vec<(String, &Texts)> = vec![("text".into(), &f.text)];
        if let Some(t) = &f.title {
            fields.push(("title".into(), t));
        }
        fields.extend(f.attrs.iter().map(|(k, v)| (format!("attrs.{k}"), v)));
        for (field, texts) in fields {
            let expanded = expand_named_dates(texts, dataset);
            let texts = &expanded;
            let in_words = |lang: Lang, text: &str| {
                let none = BTreeMap::new();
                let words = dataset
                    .catalog
                    .language(lang)
                    .map_or(&none, |l| &l.number_words);
                number_words(text, words)
            };
            for (a, b, only_a, only_b) in mismatch(texts, &order, in_words) {
                let mut parts = Vec::new();
                if !only_a.is_empty() {
                    parts.push(format!("only in `{a}`: {}", only_a.join(", ")));
                }
                if !only_b.is_empty() {
                    parts.push(format!("only in `{b}`: {}", only_b.join(", ")));
                }
                found.push((record.id().to_owned(), field.clone(), parts.join("; ")));
            }
            // Dates: the months each language names in a date must be the same.
            let named: Vec<(Lang, BTreeSet<usize>)> = order
                .iter()
                .filter_map(|&l| {
                    let text = texts.spanned(l)?;
                    let names = &dataset.catalog.language(l)?.months.value;
                    Some((l, months(&text.value, names)))
                })
                .collect();
            if let Some((first, a)) = named.first() {
                for (lang, b) in &named[1..] {
                    if a != b {
                        let show = |set: &BTreeSet<usize>| {
                            set.iter()
                                .map(usize::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        found.push((
                            record.id().to_owned(),
                            field.clone(),
                            format!(
                                "months in dates differ: `{first}` names month(s) [{}], `{lang}` [{}]",
                                show(a),
                                show(b)
                            ),
                        ));
                    }
                }
            }
        }
    }
    found
}

/// Translation drift as errors at the translated text (the field in the first language after
/// the source), for `check`: the numbers and dates of a fact must match between its languages.
pub fn diagnostics(dataset: &Dataset) -> Vec<crate::diag::Diagnostic> {
    let source = dataset.catalog.source_language();
    number_drift(dataset)
        .into_iter()
        .map(|(id, field, what)| {
            let at = dataset.fact(&id).and_then(|record| {
                let texts = crate::translations::named_texts(&record.fact);
                let (_, bi) = texts.into_iter().find(|(name, _)| *name == field)?;
                let (_, text) = bi.iter().find(|(lang, _)| Some(*lang) != source)?;
                Some(crate::diag::Location::of(&record.file, text))
            });
            crate::diag::Diagnostic::new(
                at,
                format!("fact `{id}` `{field}`: translation drift: {what}"),
            )
            .with_hint("the numbers and dates of a fact must be the same in every language: correct the translation (or the source)")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_dates_only() {
        let es: Vec<String> = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ]
        .map(String::from)
        .to_vec();
        let en: Vec<String> = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(months("el 15 de mayo de 2017", &es), BTreeSet::from([5]));
        assert_eq!(months("On 15 May 2017", &en), BTreeSet::from([5]));
        assert_eq!(months("NATO may decide in time", &en), BTreeSet::new());
        assert_eq!(
            months("In September 2021, and later in October", &en),
            BTreeSet::from([9])
        );
    }

    #[test]
    fn numbers_ignore_grouping() {
        assert_eq!(
            numbers("80 089 y 80,089"),
            BTreeSet::from(["80089".to_string()])
        );
        assert_eq!(
            numbers("el 15 de mayo de 2017"),
            BTreeSet::from(["15".to_string(), "2017".to_string()])
        );
    }
}
