//! The redline: one output as it is at the new side, with the facts' text inserted since the old
//! side underlined in blue and deleted text struck through in red, and a legend naming both
//! sides. It is typeset from the same template as the output itself; only the facts' text is
//! marked, word by word.

use crate::render::Rendered;
use crate::render::escape::markup;
use crate::render::marks::Marks;
use crate::select::{FactView, View};

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
    // Words both sides start and end with are kept as they are; the table of common
    // subsequences is built for the middle only, and only while it stays small.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out: Vec<(char, String)> = Vec::new();
    let mut push = |kind: char, text: &str| match out.last_mut() {
        Some((k, t)) if *k == kind => t.push_str(text),
        _ => out.push((kind, text.to_owned())),
    };
    a[..head].iter().for_each(|w| push('=', w));
    if (a_mid.len() + 1).saturating_mul(b_mid.len() + 1) > MAX_TABLE_CELLS {
        // Too much rewritten to pair words up within the bound: the middle is shown as
        // deleted, then inserted.
        a_mid.iter().for_each(|w| push('-', w));
        b_mid.iter().for_each(|w| push('+', w));
    } else {
        for (kind, text) in middle_diff(a_mid, b_mid) {
            push(kind, &text);
        }
    }
    a[a.len() - tail..].iter().for_each(|w| push('=', w));
    out
}

/// The most cells the word diff's table may have (4 bytes each): 16 MB.
const MAX_TABLE_CELLS: usize = 4 << 20;

/// The edit script between two word lists, by longest common subsequence.
fn middle_diff(a: &[String], b: &[String]) -> Vec<(char, String)> {
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

/// The texts of `new` that differ from `old` (or are new), each with its marked markup: every
/// text of a fact (text, title, attributes, table column labels and cells), in every language
/// the view holds. The renderer prints the mark wherever such a text is printed in markup
/// (`render::marks`); where a template passes it as a string, the new text prints unmarked.
pub fn marks(old: Option<&View>, new: &View) -> Marks {
    let mut out = Marks::new();
    let old_views = old.map(views).unwrap_or_default();
    for (i, view) in views(new).into_iter().enumerate() {
        let before = old_views.get(i);
        for (id, fact) in &view.facts {
            let was = before.and_then(|o| o.facts.get(id));
            let olds = was.map(FactView::texts).unwrap_or_default();
            for (field, now) in fact.texts() {
                let then = olds
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or("", |(_, t)| t.as_str());
                if then != now && !now.trim().is_empty() && !out.contains_key(&now) {
                    let mark = marked(&word_diff(then, &now));
                    out.insert(now, mark);
                }
            }
        }
    }
    out
}

/// A view and, for a parallel edition, its other language.
fn views(v: &View) -> Vec<&View> {
    std::iter::once(v).chain(v.parallel.as_deref()).collect()
}

/// Puts the legend after the page set-up at the top of a generated source, keeping the line map
/// of `rendered` aligned (the legend's line has no template origin).
pub fn add_legend(rendered: &mut Rendered, old: &str, new: &str, marked_texts: usize) {
    let legend = format!(
        "#block(width: 100%, inset: 8pt, stroke: 0.6pt + rgb(\"#1a5fb4\"), below: 1em)[#text(font: \"Inter\", size: 8pt)[*REDLINE* — {} #sym.arrow.r {}. #text(fill: rgb(\"#1a5fb4\"))[#underline[Inserted]] · #text(fill: rgb(\"#c01c28\"))[#strike[Deleted]] · {} text(s) marked.]]\n",
        markup(old),
        markup(new),
        marked_texts
    );
    let source = &mut rendered.typ;
    let at = source
        .find("#show: setup.with(")
        .and_then(|start| source[start..].find("\n)\n").map(|end| start + end + 3))
        .unwrap_or(0);
    let line = source[..at].matches('\n').count();
    source.insert_str(at, &legend);
    let index = line.min(rendered.origins.len());
    rendered.origins.insert(index, None);
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

    #[test]
    fn marks_of_hostile_texts_parse_and_stay_text() {
        use crate::render::escape::oracle::HOSTILE;
        for (i, piece) in HOSTILE.iter().enumerate() {
            let other = HOSTILE[(i * 7 + 3) % HOSTILE.len()];
            let (old, new) = (format!("a {other} b"), format!("a {piece} {other} c"));
            let m = marked(&word_diff(&old, &new));
            let root = typst::syntax::parse(&m);
            assert!(
                root.errors_and_warnings().0.is_empty(),
                "{new:?} marked as {m:?}"
            );
            let code_calls = root
                .children()
                .filter(|n| n.kind() == typst::syntax::SyntaxKind::Hash)
                .count();
            let pieces = word_diff(&old, &new)
                .iter()
                .filter(|(k, _)| *k != '=')
                .count();
            assert_eq!(code_calls, pieces, "only the marks are code: {m:?}");
        }
    }
}
