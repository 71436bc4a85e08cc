//! The one word diff, shared by the report (`brief diff`) and the redline: a list of pieces,
//! each equal, inserted or deleted text, computed by the `similar` crate (Myers, no deadline, so
//! the same texts always give the same pieces and the redline stays deterministic).
//!
//! Words and the whitespace between them are the units. A run of changes separated only by
//! whitespace is one change (its deleted words, then its inserted words), so that a rewritten
//! phrase reads as `[-old words-]{+new words+}` and not word by word. Whatever the texts, the
//! equal and deleted pieces, in order, are exactly the old text, and the equal and inserted
//! pieces exactly the new one.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

/// One piece of an edit script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

/// The edit script from `old` to `new`, word by word. Adjacent pieces never share an op.
pub fn diff(old: &str, new: &str) -> Vec<Piece> {
    let d = TextDiff::configure().diff_words(old, new);
    let tokens: Vec<(Op, &str)> = d
        .iter_all_changes()
        .map(|c| {
            let op = match c.tag() {
                ChangeTag::Equal => Op::Equal,
                ChangeTag::Insert => Op::Insert,
                ChangeTag::Delete => Op::Delete,
            };
            (op, c.value())
        })
        .collect();
    let mut out: Vec<Piece> = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let flush = |out: &mut Vec<Piece>, deleted: &mut String, inserted: &mut String| {
        for (op, text) in [(Op::Delete, deleted), (Op::Insert, inserted)] {
            if !text.is_empty() {
                out.push(Piece {
                    op,
                    text: std::mem::take(text),
                });
            }
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let (op, text) = tokens[i];
        match op {
            Op::Delete => deleted.push_str(text),
            Op::Insert => inserted.push_str(text),
            Op::Equal => {
                let in_change = !deleted.is_empty() || !inserted.is_empty();
                let next_changes = tokens.get(i + 1).is_some_and(|(o, _)| *o != Op::Equal);
                if in_change && next_changes && text.trim().is_empty() {
                    // Whitespace between two changes belongs to both sides of one change.
                    deleted.push_str(text);
                    inserted.push_str(text);
                } else {
                    flush(&mut out, &mut deleted, &mut inserted);
                    match out.last_mut() {
                        Some(last) if last.op == Op::Equal => last.text.push_str(text),
                        _ => out.push(Piece {
                            op: Op::Equal,
                            text: text.to_owned(),
                        }),
                    }
                }
            }
        }
        i += 1;
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

/// One side of a script: the old text (`Op::Delete`) or the new one (`Op::Insert`).
pub fn side(script: &[Piece], keep: Op) -> String {
    script
        .iter()
        .filter(|p| p.op == Op::Equal || p.op == keep)
        .map(|p| p.text.as_str())
        .collect()
}

/// How many words of unchanged text a report shows on either side of a change.
pub const CONTEXT_WORDS: usize = 8;

/// A piece of a script as a report shows it: changes whole, unchanged text cut to
/// [`CONTEXT_WORDS`] words either side of a change, with `…` where words were left out.
/// An unchanged text is shown as it is (it is not a change).
pub fn with_context(script: &[Piece]) -> Vec<Piece> {
    if script.iter().all(|p| p.op == Op::Equal) {
        return script.to_vec();
    }
    let last = script.len() - 1;
    script
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.op != Op::Equal {
                return p.clone();
            }
            let (head, tail) = if i == 0 {
                (0, CONTEXT_WORDS)
            } else if i == last {
                (CONTEXT_WORDS, 0)
            } else {
                (CONTEXT_WORDS, CONTEXT_WORDS)
            };
            let runs = word_spans(&p.text);
            let text = if runs.len() <= head + tail {
                p.text.clone()
            } else {
                let head_end = if head == 0 { 0 } else { runs[head - 1].1 };
                let tail_start = if tail == 0 {
                    p.text.len()
                } else {
                    runs[runs.len() - tail].0
                };
                let gap = match (head, tail) {
                    (0, _) => "…",
                    (_, 0) => " …",
                    _ => " … ",
                };
                format!("{}{gap}{}", &p.text[..head_end], &p.text[tail_start..])
            };
            Piece {
                op: Op::Equal,
                text,
            }
        })
        .collect()
}

/// The byte ranges of the words (runs of non-whitespace) of `s`.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// A changed text that is only whitespace, made visible (`␣` a space, `↵` a line break, `⇥` a
/// tab), so that a change never prints as nothing.
pub fn visible(text: &str) -> String {
    if !text.trim().is_empty() {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            ' ' => '␣',
            '\n' => '↵',
            '\t' => '⇥',
            _ => '·',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn marks_only_what_changed() {
        let (old, new) = ("the Allies approved it", "NATO Allies approved it today");
        let script = diff(old, new);
        assert_eq!(side(&script, Op::Delete), old);
        assert_eq!(side(&script, Op::Insert), new);
        assert!(
            script.contains(&Piece {
                op: Op::Equal,
                text: " Allies approved it".into()
            }),
            "{script:?}"
        );
        assert_eq!(
            diff("a b", "a b"),
            vec![Piece {
                op: Op::Equal,
                text: "a b".into()
            }]
        );
    }

    #[test]
    fn a_rewritten_phrase_is_one_change() {
        let script = diff("keep one two three keep", "keep uno dos tres keep");
        let ops: Vec<Op> = script.iter().map(|p| p.op).collect();
        assert_eq!(
            ops,
            [Op::Equal, Op::Delete, Op::Insert, Op::Equal],
            "{script:?}"
        );
        assert_eq!(script[1].text, "one two three");
        assert_eq!(script[2].text, "uno dos tres");
    }

    #[test]
    fn context_keeps_changes_whole_and_cuts_the_rest() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let old = words.join(" ");
        let new = old.replace("w50 ", "CHANGED ");
        let shown: String = with_context(&diff(&old, &new))
            .iter()
            .map(|p| match p.op {
                Op::Equal => p.text.clone(),
                Op::Delete => format!("[-{}-]", p.text),
                Op::Insert => format!("{{+{}+}}", p.text),
            })
            .collect();
        assert_eq!(
            shown,
            "…w42 w43 w44 w45 w46 w47 w48 w49 [-w50-]{+CHANGED+} w51 w52 w53 w54 w55 w56 w57 w58 …",
            "{shown}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Equal and deleted pieces give the old text, equal and inserted pieces the new one,
        /// whatever the texts (words from a small alphabet so that they share some).
        #[test]
        fn pieces_rebuild_both_sides(
            old in "([ab\u{e9}\u{2028} \n]{0,3}[ \t]?){0,30}",
            new in "([ab\u{e9}\u{2028} \n]{0,3}[ \t]?){0,30}",
        ) {
            let script = diff(&old, &new);
            prop_assert_eq!(side(&script, Op::Delete), old);
            prop_assert_eq!(side(&script, Op::Insert), new);
            for pair in script.windows(2) {
                prop_assert_ne!(pair[0].op, pair[1].op);
            }
            prop_assert!(script.iter().all(|p| !p.text.is_empty()));
        }
    }
}
