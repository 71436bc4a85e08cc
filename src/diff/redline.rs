//! The redline: one output as it is at the new side, with the facts' text inserted since the old
//! side underlined in blue and deleted text struck through in red, and a legend naming both
//! sides. It is typeset from the same template as the output itself; only the facts' text is
//! marked, word by word.

use crate::render::escape::markup;
use crate::select::View;

/// A word-level edit script from `old` to `new`: (kind, text) with kind `=`, `+` or `-`.
pub fn word_diff(old: &str, new: &str) -> Vec<(char, String)> {
    let split = |s: &str| -> Vec<String> {
        let mut words = Vec::new();
        let mut current = String::new();
        for c in s.chars() {
            current.push(c);
            if c.is_whitespace() {
                words.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            words.push(current);
        }
        words
    };
    let (a, b) = (split(old), split(new));
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out: Vec<(char, String)> = Vec::new();
    let mut push = |kind: char, text: &str| match out.last_mut() {
        Some((k, t)) if *k == kind => t.push_str(text),
        _ => out.push((kind, text.to_owned())),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push('=', &a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            push('+', &b[j]);
            j += 1;
        } else {
            push('-', &a[i]);
            i += 1;
        }
    }
    out
}

/// Typst markup for an edit script: every piece of text escaped, insertions and deletions marked.
pub fn marked(script: &[(char, String)]) -> String {
    script
        .iter()
        .map(|(kind, text)| match kind {
            '+' => format!(
                "#text(fill: rgb(\"#1a5fb4\"))[#underline[{}]]",
                markup(text)
            ),
            '-' => format!("#text(fill: rgb(\"#c01c28\"))[#strike[{}]]", markup(text)),
            _ => markup(text),
        })
        .collect()
}

/// Marks the facts' texts in generated Typst: each text of the new view that differs from the old
/// view's (or is new) is replaced where it is printed. Returns how many texts were marked.
pub fn mark_source(source: &mut String, old: Option<&View>, new: &View) -> usize {
    let mut count = 0;
    for (id, fact) in &new.facts {
        let before = old.and_then(|o| o.facts.get(id));
        let mut pairs = vec![(
            before.map(|f| f.text.as_str()).unwrap_or(""),
            fact.text.as_str(),
        )];
        if let (Some(t), b) = (&fact.title, before) {
            pairs.push((b.and_then(|f| f.title.as_deref()).unwrap_or(""), t.as_str()));
        }
        for (was, now) in pairs {
            if was == now || now.trim().is_empty() {
                continue;
            }
            let plain = markup(now);
            if source.contains(&plain) {
                *source = source.replace(&plain, &marked(&word_diff(was, now)));
                count += 1;
            }
        }
    }
    count
}

/// Puts the legend after the page set-up at the top of a generated source.
pub fn add_legend(source: &mut String, old: &str, new: &str, marked_texts: usize) {
    let legend = format!(
        "#block(width: 100%, inset: 8pt, stroke: 0.6pt + rgb(\"#1a5fb4\"), below: 1em)[#text(font: \"Inter\", size: 8pt)[*REDLINE* — {} #sym.arrow.r {}. #text(fill: rgb(\"#1a5fb4\"))[#underline[Inserted]] · #text(fill: rgb(\"#c01c28\"))[#strike[Deleted]] · {} text(s) marked.]]\n",
        markup(old),
        markup(new),
        marked_texts
    );
    let at = source
        .find("#show: setup.with(")
        .and_then(|start| source[start..].find("\n)\n").map(|end| start + end + 3))
        .unwrap_or(0);
    source.insert_str(at, &legend);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(script: &[(char, String)], keep: char) -> String {
        script
            .iter()
            .filter(|(k, _)| *k == '=' || *k == keep)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    #[test]
    fn word_diff_marks_only_what_changed() {
        let (old, new) = ("the Allies approved it", "NATO Allies approved it today");
        let script = word_diff(old, new);
        assert_eq!(side(&script, '-'), old);
        assert_eq!(side(&script, '+'), new);
        assert!(
            script.contains(&('=', "Allies approved ".into())),
            "{script:?}"
        );
        assert!(
            script.iter().any(|(k, t)| *k == '+' && t.contains("NATO")),
            "{script:?}"
        );
        assert_eq!(word_diff("a b", "a b"), vec![('=', "a b".into())]);
    }

    #[test]
    fn marked_text_is_escaped() {
        let m = marked(&[('+', "#read(x) ".into()), ('=', "*y*".into())]);
        assert!(m.contains("\\#read\\(x\\)") && m.contains("\\*y\\*"), "{m}");
    }
}
