//! Tracked changes between two revisions of a DOCX edition: the document at NEW, with what
//! changed since OLD as Word revisions (`w:ins`, `w:del`) that a negotiator accepts or rejects
//! one by one. Paragraphs (and the parallel text's rows) are matched by what they show (a fact's
//! text, a section's title), not by position, so a paragraph added or removed is one change and
//! the others keep their place; within a matched paragraph the text is diffed word by word with
//! the same diff as `brief diff` and the redline PDF. Accepting every change gives the document
//! at NEW; rejecting every change gives the one at OLD.

use super::model::{Block, Change, Content, Document, Para, Row, Run};
use crate::reports::diff::words::{self, Op};
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// `new` with the changes since `old` tracked; everything is inserted when the output did not
/// exist at OLD. The paragraphs before the first table and the tables are matched separately
/// (an MoU edition's body is paragraphs, then tables: the parallel text and the signature lines).
pub fn redline(old: Option<&Document>, new: &Document) -> Document {
    let empty = Vec::new();
    let old_body = old.map_or(&empty, |d| &d.body);
    let paras = |body: &[Block]| -> Vec<Para> {
        body.iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.clone()),
                Block::Table(_) => None,
            })
            .collect()
    };
    let tables = |body: &[Block]| -> Vec<super::model::Table> {
        body.iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.clone()),
                Block::Para(_) => None,
            })
            .collect()
    };
    let mut body: Vec<Block> = merge(
        &paras(old_body),
        &paras(&new.body),
        |p| p.key.as_str(),
        para,
        whole_para,
    )
    .into_iter()
    .map(Block::Para)
    .collect();
    let old_tables = tables(old_body);
    for (i, mut table) in tables(&new.body).into_iter().enumerate() {
        let before = old_tables
            .get(i)
            .filter(|t| t.signature == table.signature)
            .map_or(&[][..], |t| &t.rows[..]);
        table.rows = merge(before, &table.rows, |r| r.key.as_str(), row, whole_row);
        body.push(Block::Table(table));
    }
    Document {
        body,
        ..new.clone()
    }
}

/// The items of `new`, with those only `old` has put back as deleted, matched by key.
fn merge<T: Clone>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &str,
    changed: impl Fn(&T, &T) -> T,
    whole: impl Fn(&T, Change) -> T,
) -> Vec<T> {
    let old_keys: Vec<&str> = old.iter().map(&key).collect();
    let new_keys: Vec<&str> = new.iter().map(&key).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    out.push(changed(&old[old_index + k], &new[new_index + k]));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(
                old[old_index..old_index + old_len]
                    .iter()
                    .map(|t| whole(t, Change::Deleted)),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(
                new[new_index..new_index + new_len]
                    .iter()
                    .map(|t| whole(t, Change::Inserted)),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.extend(
                    old[old_index..old_index + old_len]
                        .iter()
                        .map(|t| whole(t, Change::Deleted)),
                );
                out.extend(
                    new[new_index..new_index + new_len]
                        .iter()
                        .map(|t| whole(t, Change::Inserted)),
                );
            }
        }
    }
    out
}

/// A paragraph added or removed as a whole: every run and the paragraph mark.
fn whole_para(p: &Para, change: Change) -> Para {
    let mut p = p.clone();
    p.change = change;
    for r in &mut p.runs {
        r.change = change;
    }
    p
}

fn whole_row(r: &Row, change: Change) -> Row {
    let mut r = r.clone();
    r.change = change;
    for cell in &mut r.cells {
        for p in cell.iter_mut() {
            for run in &mut p.runs {
                run.change = change;
            }
        }
    }
    r
}

/// A row present at both sides: each cell's paragraphs compared in turn.
fn row(old: &Row, new: &Row) -> Row {
    let cells = new
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let before = old.cells.get(i).map_or(&[][..], |c| &c[..]);
            merge(before, cell, |p| p.key.as_str(), para, whole_para)
        })
        .collect();
    Row {
        cells,
        ..new.clone()
    }
}

/// A paragraph present at both sides: unchanged, or its text diffed word by word. A paragraph
/// of one run (every fact's) keeps its formatting; one of several runs whose text changed is
/// replaced whole (the old runs deleted, the new inserted).
fn para(old: &Para, new: &Para) -> Para {
    if old.text() == new.text() {
        return new.clone();
    }
    let single = |p: &Para| match p.runs.as_slice() {
        [
            Run {
                content: Content::Text(t),
                ..
            },
        ] => Some(t.clone()),
        _ => None,
    };
    let mut out = new.clone();
    match (single(old), single(new)) {
        (Some(before), Some(after)) => {
            let base = new.runs[0].clone();
            out.runs = words::diff(&before, &after)
                .into_iter()
                .map(|piece| Run {
                    content: Content::Text(piece.text),
                    change: match piece.op {
                        Op::Equal => Change::None,
                        Op::Insert => Change::Inserted,
                        Op::Delete => Change::Deleted,
                    },
                    ..base.clone()
                })
                .collect();
        }
        _ => {
            out.runs = old
                .runs
                .iter()
                .map(|r| Run {
                    change: Change::Deleted,
                    ..r.clone()
                })
                .chain(new.runs.iter().map(|r| Run {
                    change: Change::Inserted,
                    ..r.clone()
                }))
                .collect();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::model::Style;

    fn p(key: &str, text: &str) -> Para {
        Para {
            key: key.into(),
            style: Style::Normal,
            align: None,
            runs: vec![Run::text(text)],
            change: Change::None,
        }
    }

    fn doc(paras: Vec<Para>) -> Document {
        Document {
            props: crate::docx::model::Properties {
                title: String::new(),
                subject: String::new(),
                creator: String::new(),
                reference: String::new(),
                languages: Vec::new(),
                classification: String::new(),
                classification_level: String::new(),
                date: String::new(),
            },
            lang: "en-GB".into(),
            header: Vec::new(),
            footer: Vec::new(),
            body: paras.into_iter().map(Block::Para).collect(),
        }
    }

    /// The text once every change is accepted (`Inserted` kept), or rejected (`Deleted` kept).
    fn side(d: &Document, keep: Change) -> Vec<String> {
        d.body
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) if p.change == Change::None || p.change == keep => Some(
                    p.runs
                        .iter()
                        .filter(|r| r.change == Change::None || r.change == keep)
                        .map(|r| match &r.content {
                            Content::Text(t) => t.clone(),
                            _ => String::new(),
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn accepting_gives_new_and_rejecting_gives_old() {
        let old = doc(vec![
            p("a", "The Participants will meet once a year."),
            p("b", "This paragraph goes."),
            p("c", "Unchanged."),
        ]);
        let new = doc(vec![
            p("a", "The Participants will meet twice a year in Lima."),
            p("c", "Unchanged."),
            p("d", "A new paragraph."),
        ]);
        let marked = redline(Some(&old), &new);
        assert_eq!(side(&marked, Change::Inserted), side(&new, Change::None));
        assert_eq!(side(&marked, Change::Deleted), side(&old, Change::None));
        let Block::Para(first) = &marked.body[0] else {
            panic!()
        };
        assert!(first.runs.iter().any(|r| r.change == Change::Deleted));
        assert!(first.runs.iter().any(|r| r.change == Change::None));
        assert!(
            marked.body.iter().any(
                |b| matches!(b, Block::Para(p) if p.key == "b" && p.change == Change::Deleted)
            )
        );
    }
}
