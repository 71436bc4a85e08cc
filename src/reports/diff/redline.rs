//! The redline: one output as it is at the new side, with the facts' text inserted since the old
//! side underlined in blue and deleted text struck through in red, and a legend naming both
//! sides. It is typeset from the same template as the output itself; only the facts' text is
//! marked, word by word.

use super::words::{self, Op, Piece};
use crate::render::Rendered;
use crate::render::escape::markup;
use crate::render::marks::Marks;
use crate::view::{FactView, View};

/// Typst markup for an edit script: every piece of text escaped, insertions and deletions marked.
pub fn marked(script: &[Piece]) -> String {
    script
        .iter()
        .map(|p| match p.op {
            Op::Insert => format!(
                "#text(fill: rgb(\"#1a5fb4\"))[#underline[{}]]",
                markup(&p.text)
            ),
            Op::Delete => format!(
                "#text(fill: rgb(\"#c01c28\"))[#strike[{}]]",
                markup(&p.text)
            ),
            Op::Equal => markup(&p.text),
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
                    let mark = marked(&words::diff(then, &now));
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

    #[test]
    fn marked_text_is_escaped() {
        let m = marked(&[
            Piece {
                op: Op::Insert,
                text: "#read(x) ".into(),
            },
            Piece {
                op: Op::Equal,
                text: "*y*".into(),
            },
        ]);
        assert!(m.contains("\\#read\\(x\\)") && m.contains("\\*y\\*"), "{m}");
    }

    #[test]
    fn marks_of_hostile_texts_parse_and_stay_text() {
        use crate::render::escape::oracle::HOSTILE;
        for (i, piece) in HOSTILE.iter().enumerate() {
            let other = HOSTILE[(i * 7 + 3) % HOSTILE.len()];
            let (old, new) = (format!("a {other} b"), format!("a {piece} {other} c"));
            let m = marked(&words::diff(&old, &new));
            let root = typst::syntax::parse(&m);
            assert!(
                root.errors_and_warnings().0.is_empty(),
                "{new:?} marked as {m:?}"
            );
            let code_calls = root
                .children()
                .filter(|n| n.kind() == typst::syntax::SyntaxKind::Hash)
                .count();
            let pieces = words::diff(&old, &new)
                .iter()
                .filter(|p| p.op != Op::Equal)
                .count();
            assert_eq!(code_calls, pieces, "only the marks are code: {m:?}");
        }
    }
}
