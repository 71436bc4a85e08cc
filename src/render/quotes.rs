//! Typographic quotes, per language. Data is written with whatever quotes its author typed:
//! straight `"` and `'`, or typographic `“…”`, `‘…’`, `«…»`. Before a view is rendered, every
//! text it shows is rewritten with its language's quotes, by nesting depth: the catalog's
//! `quotes` string of that language lists the pairs from the outermost in (`«» “” ‘’` in Spanish,
//! `“” ‘’` in English); deeper quotes alternate between the last two pairs.
//!
//! Only quote glyphs change: every other character prints as written, and a straight `'` or `’`
//! inside a word (or after one, when no single quote is open) is an apostrophe, printed `’`. The
//! result is still escaped by [`super::escape::markup`] like any text (the glyphs are not ASCII,
//! so the escaping is untouched). A language without `quotes` keeps its texts as they are.

use crate::view::{FactView, SectionView, View};

/// Which quote an open quotation was opened with, so that its own closing mark closes it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Opened {
    Double,
    Single,
    Guillemet,
}

/// A language's quote pairs, outermost first, from its catalog string (`«» “” ‘’`): each pair
/// is two characters; pairs are separated by spaces. `None` if the string is not that shape.
pub fn ladder(spec: &str) -> Option<Vec<(char, char)>> {
    let pairs: Option<Vec<(char, char)>> = spec
        .split_whitespace()
        .map(|p| {
            let mut c = p.chars();
            match (c.next(), c.next(), c.next()) {
                (Some(open), Some(close), None) => Some((open, close)),
                _ => None,
            }
        })
        .collect();
    pairs.filter(|p| !p.is_empty())
}

/// The pair for a quotation at `depth` (0 = outermost).
fn pair(ladder: &[(char, char)], depth: usize) -> (char, char) {
    if depth < ladder.len() {
        ladder[depth]
    } else if ladder.len() >= 2 {
        // Past the end, alternate between the last two pairs.
        let last = ladder.len() - 1;
        let back = (depth - last) % 2;
        ladder[last - back]
    } else {
        ladder[0]
    }
}

/// Whether a quote after `prev` opens a quotation: at the start, after a space, an opening
/// bracket, a dash or another opening quote.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '¿' | '¡' | '—' | '–' | '-' | '/' | '«' | '“' | '‘'
                )
        }
    }
}

/// `text` with its quotes in the language whose quote pairs are `ladder`.
pub fn typographic(text: &str, ladder: &[(char, char)]) -> String {
    if ladder.is_empty() {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut open: Vec<Opened> = Vec::new();
    // The character last written, as the source had it (an opening quote counts as one).
    let mut prev: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let opening = opens_after(prev);
        let kind = match c {
            '"' => Some(Opened::Double),
            '“' | '”' => Some(Opened::Double),
            '\'' | '‘' | '’' => Some(Opened::Single),
            '«' | '»' => Some(Opened::Guillemet),
            _ => None,
        };
        let Some(kind) = kind else {
            out.push(c);
            prev = Some(c);
            continue;
        };
        // Which way the mark goes: typographic marks say so themselves; straight ones by context.
        let is_open = match c {
            '“' | '‘' | '«' => true,
            '”' | '»' => false,
            '’' | '\'' => {
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word || (!opening && !open.contains(&Opened::Single)) {
                    // An apostrophe: `NATO's`, `Allies'`.
                    out.push('’');
                    prev = Some('’');
                    continue;
                }
                c == '\'' && opening
            }
            _ => opening || !open.contains(&kind),
        };
        if is_open {
            let (o, _) = pair(ladder, open.len());
            open.push(kind);
            out.push(o);
            prev = Some('“');
        } else {
            // Close the innermost quotation opened with this kind of mark, and any left open
            // inside it.
            let depth = open.iter().rposition(|k| *k == kind);
            let depth = match depth {
                Some(d) => {
                    open.truncate(d);
                    d
                }
                // A closing mark with nothing open: close at the outermost level.
                None => 0,
            };
            let (_, cl) = pair(ladder, depth);
            out.push(cl);
            prev = Some('”');
        }
    }
    out
}

/// Redline `marks` keyed by the texts of `view` as [`apply`] rewrites them, so that a marked
/// text is still found when the converted view prints it.
pub fn convert_marks(view: &View, marks: super::marks::Marks) -> super::marks::Marks {
    let mut by_raw = std::collections::BTreeMap::new();
    let mut v = Some(view);
    while let Some(each) = v {
        if let Some(ladder) = each.strings.get("quotes").and_then(|s| ladder(s)) {
            for f in each.facts.values() {
                for (_, text) in f.texts() {
                    let converted = typographic(&text, &ladder);
                    by_raw.entry(text).or_insert(converted);
                }
            }
        }
        v = each.parallel.as_deref();
    }
    marks
        .into_iter()
        .map(|(k, m)| (by_raw.get(&k).cloned().unwrap_or(k), m))
        .collect()
}

/// `view` (and its parallel view) with every text it shows in its language's quotes.
pub fn apply(view: &View) -> View {
    let mut v = view.clone();
    convert_view(&mut v);
    v
}

fn convert_view(v: &mut View) {
    let Some(ladder) = v.strings.get("quotes").and_then(|s| ladder(s)) else {
        if let Some(p) = v.parallel.as_deref_mut() {
            convert_view(p);
        }
        return;
    };
    let q = |s: &mut String| *s = typographic(s, &ladder);
    q(&mut v.reader);
    q(&mut v.document.name);
    for (key, s) in v.strings.iter_mut() {
        if !key.starts_with("quotes") {
            q(s);
        }
    }
    q(&mut v.brief.title);
    if let Some(s) = v.brief.subtitle.as_mut() {
        q(s);
    }
    q(&mut v.brief.office);
    for s in v.brief.texts.values_mut() {
        q(s);
    }
    q(&mut v.classification.label);
    if let Some(s) = v.floor.as_mut() {
        q(s);
    }
    for s in &mut v.sections {
        convert_section(s, &ladder);
    }
    for f in v.facts.values_mut() {
        convert_fact(f, &ladder);
    }
    if let Some(p) = v.parallel.as_deref_mut() {
        convert_view(p);
    }
}

fn convert_section(s: &mut SectionView, ladder: &[(char, char)]) {
    let q = |s: &mut String| *s = typographic(s, ladder);
    q(&mut s.title);
    q(&mut s.summary);
    for lane in &mut s.lanes {
        q(&mut lane.label);
    }
    for f in &mut s.facts {
        convert_fact(f, ladder);
    }
}

fn convert_fact(f: &mut FactView, ladder: &[(char, char)]) {
    let q = |s: &mut String| *s = typographic(s, ladder);
    q(&mut f.text);
    if let Some(t) = f.title.as_mut() {
        q(t);
    }
    for a in f.attrs.values_mut() {
        q(a);
    }
    if let Some(t) = f.table.as_mut() {
        for c in &mut t.columns {
            q(&mut c.label);
        }
        for cell in t.rows.iter_mut().flatten() {
            q(&mut cell.text);
        }
        for b in &mut t.chart {
            q(&mut b.label);
        }
        q(&mut t.chart_label);
        q(&mut t.chart_summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es(s: &str) -> String {
        typographic(s, &ladder("«» “” ‘’").unwrap())
    }
    fn en(s: &str) -> String {
        typographic(s, &ladder("“” ‘’").unwrap())
    }

    #[test]
    fn straight_quotes_take_the_language_glyphs() {
        assert_eq!(en(r#"a "b" c"#), "a “b” c");
        assert_eq!(es(r#"a "b" c"#), "a «b» c");
        assert_eq!(en("a 'possible partner' tied"), "a “possible partner” tied");
        assert_eq!(en(r#"("b"), "c"."#), "(“b”), “c”.");
    }

    #[test]
    fn nested_quotes_go_one_level_in() {
        assert_eq!(en(r#""a 'b' c""#), "“a ‘b’ c”");
        assert_eq!(es(r#""a 'b' c""#), "«a “b” c»");
        assert_eq!(
            es("“no es casualidad que sea un ‘Diálogo’, que”"),
            "«no es casualidad que sea un “Diálogo”, que»"
        );
        assert_eq!(es("«a “b ‘c’ d” e»"), "«a “b ‘c’ d” e»");
        assert_eq!(en("“a «b» c”"), "“a ‘b’ c”");
        assert_eq!(es("“decir ‘oh, hola’”. Sí"), "«decir “oh, hola”». Sí");
    }

    #[test]
    fn apostrophes_stay_apostrophes() {
        assert_eq!(en("NATO's and Chile's"), "NATO’s and Chile’s");
        assert_eq!(en("the Allies' views"), "the Allies’ views");
        assert_eq!(en("a 'b' and NATO's c"), "a “b” and NATO’s c");
        assert_eq!(es("O’Higgins"), "O’Higgins");
    }

    #[test]
    fn everything_but_quotes_prints_as_written() {
        let s = "#set text(red) $x$ <l> @r \\ [a] {b} // c";
        assert_eq!(en(s), s);
        assert_eq!(typographic("\"x\"", &[]), "\"x\"");
    }

    #[test]
    fn ladder_reads_pairs() {
        assert_eq!(ladder("«» “”"), Some(vec![('«', '»'), ('“', '”')]));
        assert_eq!(ladder("«»“"), None);
        assert_eq!(ladder(""), None);
    }
}
