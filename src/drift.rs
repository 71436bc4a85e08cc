//! Translation drift: the Spanish and English of a fact should carry the same numbers. A number or
//! year present in one language's text and absent from the other's is flagged by `brief check`
//! and `brief diff`.

use crate::model::Bi;
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

/// Numbers in one language of `bi` and not in the other: (only in Spanish, only in English).
pub fn mismatch(bi: &Bi) -> Option<(Vec<String>, Vec<String>)> {
    let es = numbers(&bi.es.value);
    let en = numbers(&bi.en.value);
    if es == en {
        return None;
    }
    Some((
        es.difference(&en).cloned().collect(),
        en.difference(&es).cloned().collect(),
    ))
}

/// Every fact text whose two languages carry different numbers: `(fact id, field, message)`.
pub fn number_drift(dataset: &Dataset) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for record in &dataset.facts {
        let f = &record.fact;
        let mut fields: Vec<(String, &Bi)> = vec![("text".into(), &f.text)];
        if let Some(t) = &f.title {
            fields.push(("title".into(), t));
        }
        fields.extend(f.attrs.iter().map(|(k, v)| (format!("attrs.{k}"), v)));
        for (field, bi) in fields {
            if let Some((es, en)) = mismatch(bi) {
                let mut parts = Vec::new();
                if !es.is_empty() {
                    parts.push(format!("only in Spanish: {}", es.join(", ")));
                }
                if !en.is_empty() {
                    parts.push(format!("only in English: {}", en.join(", ")));
                }
                found.push((record.id().to_owned(), field, parts.join("; ")));
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
