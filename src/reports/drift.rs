//! Translation drift: the Spanish and English of a fact should carry the same numbers. A number or
//! year present in one language's text and absent from the other's is flagged by `brief check`
//! and `brief diff`.

use crate::model::{Lang, Texts};
use crate::validate::Dataset;
use std::collections::BTreeSet;

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
pub fn mismatch(texts: &Texts, order: &[Lang]) -> Vec<(Lang, Lang, Vec<String>, Vec<String>)> {
    let present: Vec<(Lang, &str)> = order
        .iter()
        .filter_map(|&l| texts.spanned(l).map(|s| (l, s.value.as_str())))
        .collect();
    let Some(&(first, source)) = present.first() else {
        return Vec::new();
    };
    let a = numbers(source);
    present[1..]
        .iter()
        .filter_map(|&(lang, text)| {
            let b = numbers(text);
            (a != b).then(|| {
                (
                    first,
                    lang,
                    a.difference(&b).cloned().collect(),
                    b.difference(&a).cloned().collect(),
                )
            })
        })
        .collect()
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
            for (a, b, only_a, only_b) in mismatch(texts, &order) {
                let mut parts = Vec::new();
                if !only_a.is_empty() {
                    parts.push(format!("only in `{a}`: {}", only_a.join(", ")));
                }
                if !only_b.is_empty() {
                    parts.push(format!("only in `{b}`: {}", only_b.join(", ")));
                }
                found.push((record.id().to_owned(), field.clone(), parts.join("; ")));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

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
