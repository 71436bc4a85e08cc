//! Redline marks applied at render time. While a template renders under [`with_marks`], the
//! formatter prints a marked text in place of a value printed in markup context: the renderer
//! knows the context, so marks never land inside a string literal or a code argument. Values
//! printed through `|lit` (code context) stay plain string literals of the new text.
//!
//! A mark is built by `diff::redline::marked`: fixed markup around pieces escaped with
//! [`super::escape::markup`], so data stays text.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// For each text to mark (as the view holds it), the Typst markup to print instead.
pub type Marks = BTreeMap<String, String>;

struct Active {
    marks: Marks,
    used: BTreeSet<String>,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
}

/// Runs `f` (a render) with `marks` in force on this thread; returns its result and how many of
/// the marked texts were printed in markup.
pub fn with_marks<T>(marks: Marks, f: impl FnOnce() -> T) -> (T, usize) {
    ACTIVE.with(|a| {
        *a.borrow_mut() = Some(Active {
            marks,
            used: BTreeSet::new(),
        })
    });
    let result = f();
    let used = ACTIVE
        .with(|a| a.borrow_mut().take())
        .map_or(0, |a| a.used.len());
    (result, used)
}

/// The marked markup for `text`, if a redline render is marking it.
pub fn lookup(text: &str) -> Option<String> {
    ACTIVE.with(|a| {
        let mut active = a.borrow_mut();
        let active = active.as_mut()?;
        let marked = active.marks.get(text)?.clone();
        active.used.insert(text.to_owned());
        Some(marked)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_apply_only_inside_with_marks() {
        let marks = Marks::from([("new".to_owned(), "MARKED".to_owned())]);
        let (inside, used) = with_marks(marks, || (lookup("new"), lookup("other")));
        assert_eq!(inside, (Some("MARKED".to_owned()), None));
        assert_eq!(used, 1);
        assert_eq!(lookup("new"), None, "marks end with the render");
    }
}
