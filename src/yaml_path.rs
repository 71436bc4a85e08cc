//! Which record and field a place in a YAML file belongs to: the parser says only "missing field
//! `en`" at a mapping, so the document is re-read as events to find the mapping that starts
//! there, the keys that lead to it, and the `id` of the fact or section around it.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser};

/// One step from the document's root: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A mapping of the document: where it starts, the path to it, and its `id` when it has one.
#[derive(Debug, Clone)]
struct Mapping {
    /// 1-based line and column of the mapping's first character (`{` of a flow mapping).
    start: (usize, usize),
    /// Those of its first key, where the parser places errors about the whole mapping.
    first_key: Option<(usize, usize)>,
    path: Vec<Step>,
    parent: Option<usize>,
    id: Option<String>,
    /// 1-based line and column of each of its values that is a scalar, of its key, and the key.
    scalars: Vec<((usize, usize), (usize, usize), String)>,
    /// Where the key whose value comes next starts.
    key_at: (usize, usize),
}

/// The record (a fact, a section, the brief) a mapping belongs to, and the field leading to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// `fact`, `section` or `brief`.
    pub what: &'static str,
    pub id: String,
    /// The keys from the record to the mapping, as `title` or `table.columns[1].label`; empty
    /// when the mapping is the record itself.
    pub field: String,
}

/// An open collection while walking the events.
enum Open {
    /// A mapping (its index in the list) and the key whose value comes next, if read.
    Map(usize, Option<String>),
    Seq(usize),
}

/// Deeper than this, the walk stops: project files may nest 24 levels (`load::MAX_DEPTH`), and
/// a hostile file nested far deeper (its refusal may come after the error being explained)
/// must not make the copies of the path grow with its depth.
const MAX_OPEN: usize = 64;

#[cfg(test)]
thread_local! {
    /// How many times a document was read for its mappings, for the test that a file's texts
    /// are placed from one reading.
    pub static READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn mappings(text: &str) -> Vec<Mapping> {
    #[cfg(test)]
    READS.with(|r| r.set(r.get() + 1));
    let mut found: Vec<Mapping> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut path: Vec<Step> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        // The step a node at this point takes from its parent, and whether it is a mapping's
        // key (which takes no step).
        let (step, is_key) = match open.last() {
            Some(Open::Map(_, None)) => (None, true),
            Some(Open::Map(_, Some(key))) => (Some(Step::Key(key.clone())), false),
            Some(Open::Seq(i)) => (Some(Step::Index(*i)), false),
            None => (None, false),
        };
        let node = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(_)
        );
        if node {
            match open.last_mut() {
                Some(Open::Map(m, key)) if is_key => {
                    found[*m]
                        .first_key
                        .get_or_insert((span.start.line(), span.start.col() + 1));
                    found[*m].key_at = (span.start.line(), span.start.col() + 1);
                    *key = match &event {
                        Event::Scalar(k, ..) => Some(k.to_string()),
                        _ => Some(String::new()),
                    };
                }
                Some(Open::Map(m, key)) => {
                    if matches!(event, Event::Scalar(..)) {
                        let at = found[*m].key_at;
                        let name = key.clone().unwrap_or_default();
                        found[*m].scalars.push((
                            (span.start.line(), span.start.col() + 1),
                            at,
                            name,
                        ));
                    }
                    if let (Some(k), Event::Scalar(v, ..)) = (key.as_deref(), &event)
                        && k == "id"
                        && found[*m].id.is_none()
                    {
                        found[*m].id = Some(v.to_string());
                    }
                    *key = None;
                }
                Some(Open::Seq(i)) => *i += 1,
                None => {}
            }
        }
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) if is_key => {
                // A complex key: nothing in it is a record, and nothing after it is followed.
                return found;
            }
            Event::MappingStart(..) | Event::SequenceStart(..) if open.len() >= MAX_OPEN => {
                return found;
            }
            Event::MappingStart(..) => {
                path.extend(step);
                let parent = open.iter().rev().find_map(|o| match o {
                    Open::Map(m, _) => Some(*m),
                    Open::Seq(_) => None,
                });
                found.push(Mapping {
                    start: (span.start.line(), span.start.col() + 1),
                    first_key: None,
                    path: path.clone(),
                    parent,
                    id: None,
                    scalars: Vec::new(),
                    key_at: (0, 0),
                });
                open.push(Open::Map(found.len() - 1, None));
            }
            Event::SequenceStart(..) => {
                path.extend(step);
                open.push(Open::Seq(0));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
                if !open.is_empty() {
                    path.pop();
                }
            }
            _ => {}
        }
    }
    found
}

/// The mappings of one document, read once and looked up by position: a file with thousands of
/// texts asks where each of them is, and reading the document again for every question made
/// checking one large file quadratic in its size.
#[derive(Debug, Clone)]
pub struct Places {
    all: Vec<Mapping>,
    /// The first mapping that starts, or whose first key is, at a position.
    by_start: HashMap<(usize, usize), usize>,
    /// The mapping with a scalar value at a position, and that value's key.
    by_value: HashMap<(usize, usize), (usize, (usize, usize))>,
}

impl Places {
    pub fn of(text: &str) -> Self {
        let all = mappings(text);
        let mut by_start = HashMap::new();
        let mut by_value = HashMap::new();
        for (i, m) in all.iter().enumerate() {
            by_start.entry(m.start).or_insert(i);
            if let Some(key) = m.first_key {
                by_start.entry(key).or_insert(i);
            }
            for &(value, key, _) in &m.scalars {
                by_value.entry(value).or_insert((i, key));
            }
        }
        Places {
            all,
            by_start,
            by_value,
        }
    }

    /// The record around the mapping that starts, or whose first key is, at `line`:`column`, if
    /// one has an id.
    pub fn owner(&self, line: usize, column: usize) -> Option<Owner> {
        let target = *self.by_start.get(&(line, column))?;
        owner_of(&self.all, target)
    }

    /// Where the scalar value under `key` is, in the mapping that starts, or whose first key is,
    /// at `line`:`column`: the `en:` text of a `{es: …, en: …}` mapping, say.
    pub fn value_under(&self, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
        let target = *self.by_start.get(&(line, column))?;
        self.all[target]
            .scalars
            .iter()
            .find(|(_, _, name)| name == key)
            .map(|&(value, _, _)| value)
    }

    /// The mapping with a scalar value at `line`:`column`, and that value's key.
    pub fn mapping_of_value(&self, line: usize, column: usize) -> Option<TextPlace> {
        let &(target, key) = self.by_value.get(&(line, column))?;
        Some(TextPlace {
            first_key: self.all[target].first_key?,
            key,
            owner: owner_of(&self.all, target),
        })
    }
}

/// The record around the mapping that starts, or whose first key is, at `line`:`column` of
/// `text`, if one has an id.
#[cfg(test)]
fn owner(text: &str, line: usize, column: usize) -> Option<Owner> {
    Places::of(text).owner(line, column)
}

/// Where a text in one language of a `{es: …, en: …}` mapping is: the text's value is at
/// `line`:`column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPlace {
    /// The mapping's first key, where messages about the mapping as a whole (a language missing
    /// from it) are placed.
    pub first_key: (usize, usize),
    /// The key of this text (its language).
    pub key: (usize, usize),
    /// The record around the mapping, if one has an id.
    pub owner: Option<Owner>,
}

/// The mapping with a scalar value at `line`:`column` of `text`, and that value's key.
#[cfg(test)]
fn mapping_of_value(text: &str, line: usize, column: usize) -> Option<TextPlace> {
    Places::of(text).mapping_of_value(line, column)
}

fn owner_of(all: &[Mapping], target: usize) -> Option<Owner> {
    let mut at = Some(target);
    while let Some(i) = at {
        let m = &all[i];
        if let Some(id) = &m.id {
            let what = match m.path.iter().rev().nth(1) {
                Some(Step::Key(k)) if k == "facts" => "fact",
                Some(Step::Key(k)) if k == "sections" => "section",
                None if m.path.is_empty() => "brief",
                _ => return None,
            };
            let field = field_name(&all[target].path[m.path.len()..]);
            return Some(Owner {
                what,
                id: id.clone(),
                field,
            });
        }
        at = m.parent;
    }
    None
}

/// `title`, `attrs.heading`, `table.columns[1].label`.
fn field_name(steps: &[Step]) -> String {
    let mut name = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(k);
            }
            Step::Index(i) => name.push_str(&format!("[{i}]")),
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    const FACTS: &str = "facts:\n  - id: a\n    text:\n      es: hola\n  - title: {es: t}\n    id: b\n    table:\n      columns:\n        - key: k\n          label: {es: L}\n";

    #[test]
    fn finds_the_fact_and_field_of_a_block_mapping() {
        let o = owner(FACTS, 4, 7).unwrap();
        assert_eq!(
            (o.what, o.id.as_str(), o.field.as_str()),
            ("fact", "a", "text")
        );
    }

    #[test]
    fn finds_the_value_under_a_key_of_a_mapping() {
        let places =
            Places::of("t:\n  title:\n    es: hola\n    en: hello\n  flow: {es: a, en: b}\n");
        // A block mapping, found by its first key; a flow mapping, by its brace.
        assert_eq!(places.value_under(3, 5, "en"), Some((4, 9)));
        assert_eq!(places.value_under(3, 5, "es"), Some((3, 9)));
        assert_eq!(places.value_under(5, 9, "en"), Some((5, 21)));
        assert_eq!(places.value_under(3, 5, "pt"), None);
        assert_eq!(places.value_under(4, 5, "en"), None);
    }

    #[test]
    fn finds_an_id_written_after_the_field_and_nested_fields() {
        let o = owner(FACTS, 5, 12).unwrap();
        assert_eq!(
            (o.what, o.id.as_str(), o.field.as_str()),
            ("fact", "b", "title")
        );
        assert_eq!(owner(FACTS, 5, 13), Some(o));
        let o = owner(FACTS, 10, 18).unwrap();
        assert_eq!(o.field, "table.columns[0].label");
        let o = owner(FACTS, 2, 5).unwrap();
        assert_eq!((o.id.as_str(), o.field.as_str()), ("a", ""));
    }

    #[test]
    fn sections_and_briefs() {
        let brief = "id: x\ntitle: {es: T}\nsections:\n  - id: s\n    title:\n      en: S\n";
        let o = owner(brief, 6, 7).unwrap();
        assert_eq!(
            (o.what, o.id.as_str(), o.field.as_str()),
            ("section", "s", "title")
        );
        let o = owner(brief, 2, 8).unwrap();
        assert_eq!(
            (o.what, o.id.as_str(), o.field.as_str()),
            ("brief", "x", "title")
        );
    }

    #[test]
    fn a_deeply_nested_rest_of_the_file_is_not_walked() {
        let deep = format!("{FACTS}  - id: c\n    x: {}\n", "{a: ".repeat(2_000));
        assert_eq!(owner(&deep, 4, 7).unwrap().id, "a");
        // The facts' mappings and the first levels of the nesting, not one per level.
        assert!(
            mappings(&deep).len() < 2 * MAX_OPEN,
            "{}",
            mappings(&deep).len()
        );
    }

    #[test]
    fn the_mapping_of_a_value_and_its_record() {
        let place = mapping_of_value(FACTS, 4, 11).unwrap();
        assert_eq!((place.first_key, place.key), ((4, 7), (4, 7)));
        let o = place.owner.unwrap();
        assert_eq!((o.id.as_str(), o.field.as_str()), ("a", "text"));
        let place = mapping_of_value(FACTS, 10, 23).unwrap();
        assert_eq!((place.first_key, place.key), ((10, 19), (10, 19)));
        assert_eq!(place.owner.unwrap().field, "table.columns[0].label");
        let two = "facts:\n  - id: a\n    text: {es: x, eng: y}\n";
        let place = mapping_of_value(two, 3, 24).unwrap();
        assert_eq!((place.first_key, place.key), ((3, 12), (3, 19)));
        assert_eq!(mapping_of_value(FACTS, 4, 12), None);
    }

    #[test]
    fn no_owner_where_no_mapping_starts_or_no_id() {
        assert_eq!(owner(FACTS, 3, 1), None);
        assert_eq!(owner("facts:\n  - text: {es: a}\n", 2, 11), None);
        assert_eq!(owner("a: [\n", 1, 1), None);
    }
}
