//! Stage 2: cross-check what the YAML says and resolve it into a [`Dataset`]: unique ids, both
//! languages present, dates and provenance well-formed, sources and fact references resolving, and
//! the clearance rules that keep internal facts away from external audiences.

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::{Bibliography, Inputs};
use crate::model::{Audience, BriefDef, Cell, DocType, Fact, FactDate, Kind, Lang, Spanned, Texts};
use crate::policy::chars::forbidden_char;
use crate::project::SourceFile;
use crate::select::{cleared, permitted};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Longest text accepted in one field.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The validated facts and briefs every later stage reads.
#[derive(Debug)]
pub struct Dataset {
    /// The languages, audiences and document types the project declares.
    pub catalog: Catalog,
    /// Facts in file order, then in order within each file.
    pub facts: Vec<FactRecord>,
    index: BTreeMap<String, usize>,
    /// For each fact another restates (`restates:`), the facts that restate it: the reverse
    /// links, built once so that selection does not scan the fact base for them.
    restated_by: BTreeMap<String, Vec<String>>,
    pub briefs: Vec<Brief>,
    pub bibliography: Option<(SourceFile, Bibliography)>,
    /// Each data file's text, for reports that point into it.
    pub fact_sources: Vec<SourceFile>,
}

/// How a fact comes to say what another says: the chain of `restates:` links from it to `fact`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restatement {
    /// The fact at the chain's end: the one an edition shows.
    pub fact: String,
    /// The facts between, in order; empty for a direct link.
    pub through: Vec<String>,
    /// Whether the chain runs along the links (the fact restates them) or against them (they
    /// restate it).
    pub forward: bool,
}

impl Restatement {
    /// The chain as a phrase that ends with `fact`: "restates `b`, which restates `c`", or "is
    /// restated by `c`". A long chain is named by its first three links and its end: with a
    /// message per fact of a 1,000-fact chain, each spelling out the rest, `check` printed
    /// 13 MB.
    pub fn phrase(&self) -> String {
        const SHOWN: usize = 3;
        let verb = if self.forward {
            "restates"
        } else {
            "is restated by"
        };
        let chain: Vec<&str> = self
            .through
            .iter()
            .map(String::as_str)
            .chain([self.fact.as_str()])
            .collect();
        let link = |(i, id): (usize, &&str)| {
            if i == 0 {
                format!("{verb} `{id}`")
            } else {
                format!(", which {verb} `{id}`")
            }
        };
        if chain.len() > SHOWN + 2 {
            let first: String = chain[..SHOWN].iter().enumerate().map(link).collect();
            let more = chain.len() - SHOWN - 1;
            return format!("{first}, then {more} more to `{}`", self.fact);
        }
        chain.iter().enumerate().map(link).collect()
    }

    /// What to change so that `from` is no longer left out: the one link, named, when it is
    /// direct.
    pub fn hint(&self, from: &str) -> String {
        let change = match (self.through.is_empty(), self.forward) {
            (true, true) => format!("remove `{}` from the `restates:` of `{from}`", self.fact),
            (true, false) => format!("remove `{from}` from the `restates:` of `{}`", self.fact),
            (false, _) => "remove one link of that chain from its fact's `restates:`".to_owned(),
        };
        format!("{change}, or stop drawing one of them in this document")
    }
}

impl Dataset {
    pub fn fact(&self, id: &str) -> Option<&FactRecord> {
        self.index.get(id).map(|&i| &self.facts[i])
    }

    /// The facts that say what `r` says in other words: those it restates, and the facts those
    /// restate in turn; then those that restate it, and the facts that restate those; nearest
    /// first. A chain is followed one way at a time: a term restating a mechanism that
    /// restates a conclusion says the conclusion too, but two facts that one fact restates
    /// together (an interviewee naming two areas) do not say the same as each other.
    pub fn restatements<'a>(&'a self, r: &'a FactRecord) -> impl Iterator<Item = &'a str> {
        let mut found: Vec<&'a str> = Vec::new();
        let mut seen: HashSet<&'a str> = HashSet::from([r.id()]);
        for forward in [true, false] {
            let mut chain: Vec<&'a str> = vec![r.id()];
            let mut walked: HashSet<&'a str> = HashSet::from([r.id()]);
            let mut next = 0;
            while next < chain.len() {
                for other in self.linked(chain[next], forward) {
                    if walked.insert(other) {
                        chain.push(other);
                    }
                }
                next += 1;
            }
            found.extend(chain.into_iter().skip(1).filter(|id| seen.insert(id)));
        }
        found.into_iter()
    }

    /// Every fact that says what one of `start` says (`start` included): the facts whose
    /// [`Self::restatements`] hold one of them, found in one walk each way from all of them at
    /// once. Asking each fact for its restatements instead is quadratic in a long chain.
    pub fn said_with<'a>(&'a self, start: impl IntoIterator<Item = &'a str>) -> HashSet<&'a str> {
        let start: Vec<&'a str> = start.into_iter().collect();
        let mut said: HashSet<&'a str> = start.iter().copied().collect();
        for forward in [true, false] {
            let mut walked: HashSet<&'a str> = start.iter().copied().collect();
            let mut chain = start.clone();
            while let Some(id) = chain.pop() {
                for other in self.linked(id, forward) {
                    if walked.insert(other) {
                        said.insert(other);
                        chain.push(other);
                    }
                }
            }
        }
        said
    }

    /// How `from` comes to say what `to` says: the shortest chain of `restates:` links between
    /// them, one walk each way. An author told only that a fact "restates `c`" looks for `c` in
    /// its `restates:` and does not find it there. `to` is one of `from`'s
    /// [`Self::restatements`], so a chain exists; were there none, the direct link is given.
    pub fn restatement(&self, from: &str, to: &str) -> Restatement {
        for forward in [true, false] {
            let mut came_from: HashMap<&str, &str> = HashMap::new();
            let mut queue = std::collections::VecDeque::from([from]);
            while let Some(id) = queue.pop_front() {
                if id == to {
                    let mut through = Vec::new();
                    let mut at = came_from[to];
                    while at != from {
                        through.push(at.to_owned());
                        at = came_from[at];
                    }
                    through.reverse();
                    return Restatement {
                        fact: to.to_owned(),
                        through,
                        forward,
                    };
                }
                for next in self.linked(id, forward) {
                    if next != from && !came_from.contains_key(next) {
                        came_from.insert(next, id);
                        queue.push_back(next);
                    }
                }
            }
        }
        Restatement {
            fact: to.to_owned(),
            through: Vec::new(),
            forward: true,
        }
    }

    /// The facts `id` restates (`forward`), or those that restate it, without allocating: a
    /// chain's walk visits every fact on it for every fact on it.
    fn linked<'a>(&'a self, id: &str, forward: bool) -> impl Iterator<Item = &'a str> + use<'a> {
        let ahead = forward
            .then(|| self.fact(id))
            .flatten()
            .into_iter()
            .flat_map(|f| f.fact.restates.iter().map(|o| o.value.as_str()));
        let behind = (!forward)
            .then(|| self.restated_by.get(id))
            .flatten()
            .into_iter()
            .flatten()
            .map(String::as_str);
        ahead.chain(behind)
    }

    /// Keeps only the facts named in `keep`, in their order, and drops the data files' texts:
    /// what is left is what typesetting and its error messages need for those facts, so that
    /// the memory held while typesetting does not grow with facts no edition draws. Whole-base
    /// reports (coverage, drift, explain) must run before this.
    pub fn retain_facts(&mut self, keep: &BTreeSet<&str>) {
        self.facts.retain(|r| keep.contains(r.id()));
        self.facts.shrink_to_fit();
        self.index = self
            .facts
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id().to_owned(), i))
            .collect();
        // Keep the texts of the files that still hold a fact: messages about those facts
        // (text that does not fit, a PDF string too long) show the offending line.
        let files: BTreeSet<&std::path::Path> =
            self.facts.iter().map(|r| r.file.as_path()).collect();
        self.fact_sources
            .retain(|source| files.contains(source.path.as_path()));
        self.fact_sources.shrink_to_fit();
    }
}

/// Each fact's strongly connected component in the graph of `restates:` links (Tarjan's
/// algorithm, without recursion): two facts share one exactly when each leads to the other, so
/// a link lies on a circle when its two ends share a component. Linear in facts and links, where
/// searching from every link was quadratic (a 5,000-fact chain).
fn restates_components(facts: &[FactRecord], index: &BTreeMap<String, usize>) -> Vec<usize> {
    let links = |i: usize| -> Vec<usize> {
        facts[i]
            .fact
            .restates
            .iter()
            .filter_map(|o| index.get(&o.value).copied())
            .collect()
    };
    let n = facts.len();
    let mut order = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut component = vec![usize::MAX; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..n {
        if order[root] != usize::MAX {
            continue;
        }
        // (fact, its links, how many of them are done)
        let mut walk: Vec<(usize, Vec<usize>, usize)> = vec![(root, links(root), 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((v, out, done)) = walk.last_mut() {
            let v = *v;
            if let Some(&w) = out.get(*done) {
                *done += 1;
                if order[w] == usize::MAX {
                    order[w] = next_order;
                    low[w] = next_order;
                    next_order += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    walk.push((w, links(w), 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            walk.pop();
            if let Some((parent, _, _)) = walk.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The circle of `restates:` links that leads from `to` (which `from` restates) back to `from`,
/// as the ids in order from `from`; `None` when the chain from `to` never returns.
fn restates_round(
    from: &str,
    to: &str,
    facts: &[FactRecord],
    index: &BTreeMap<String, usize>,
) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::from([(to, from)]);
    let mut queue = std::collections::VecDeque::from([to]);
    while let Some(id) = queue.pop_front() {
        let Some(&i) = index.get(id) else { continue };
        for next in &facts[i].fact.restates {
            let next = next.value.as_str();
            if next == from {
                let mut round = vec![from.to_owned()];
                let mut at = id;
                let mut back = vec![];
                while at != from {
                    back.push(at.to_owned());
                    at = came_from[at];
                }
                round.extend(back.into_iter().rev());
                round.push(from.to_owned());
                return Some(round);
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, id);
                queue.push_back(next);
            }
        }
    }
    None
}

/// A fact with its resolved dates and provenance and the file it came from.
#[derive(Debug, Clone)]
pub struct FactRecord {
    pub fact: Fact,
    pub file: PathBuf,
    pub date: Option<FactDate>,
    pub end: Option<FactDate>,
    /// Inclusive thesis line ranges.
    pub seed: Vec<(u32, u32)>,
}

impl FactRecord {
    pub fn id(&self) -> &str {
        &self.fact.id.value
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.fact.tags.iter().any(|t| t.value == tag)
    }
}

/// A brief definition with its resolved date.
#[derive(Debug, Clone)]
pub struct Brief {
    pub def: BriefDef,
    pub file: SourceFile,
    pub date: FactDate,
}

impl Brief {
    pub fn id(&self) -> &str {
        &self.def.id.value
    }

    /// Every audience some document of the brief is made for, each once, in the order listed.
    pub fn audiences(&self) -> Vec<Audience> {
        let mut out: Vec<Audience> = Vec::new();
        for a in self.def.documents.iter().flat_map(|d| &d.audiences) {
            if !out.contains(&a.value) {
                out.push(a.value);
            }
        }
        out
    }

    /// The document entry that makes `document` for `audience`, if the brief makes it.
    pub fn entry(
        &self,
        document: DocType,
        audience: Audience,
    ) -> Option<&crate::model::brief::DocumentEntry> {
        self.def.documents.iter().find(|d| {
            d.document.value == document && d.audiences.iter().any(|a| a.value == audience)
        })
    }

    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.def.languages.iter().map(|l| l.value)
    }

    pub fn location<T>(&self, spanned: &Spanned<T>) -> Location {
        at(&self.file.path, spanned)
    }
}

fn at<T>(path: &Path, spanned: &Spanned<T>) -> Location {
    Location::of(path, spanned)
}

struct Checker<'a> {
    errors: Diagnostics,
    file: &'a SourceFile,
    catalog: &'a Catalog,
    /// The record being checked (`fact `x``) and where its id is written: where a message
    /// about something with no place of its own (an empty `{}` text) is put.
    record: Option<(String, Location)>,
}

impl Checker<'_> {
    fn error<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        let d =
            Diagnostic::at(at(&self.file.path, spanned), message).with_source_line(&self.file.text);
        self.errors.push(d);
    }

    fn hinted<T>(
        &mut self,
        spanned: &Spanned<T>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::at(at(&self.file.path, spanned), message)
            .with_source_line(&self.file.text)
            .with_hint(hint);
        self.errors.push(d);
    }

    fn text(&mut self, field: &str, text: &Spanned<String>) {
        let value = &text.value;
        if value.trim().is_empty() {
            self.error(
                text,
                format!("empty translation: `{field}` must not be empty"),
            );
        } else if value.chars().count() > MAX_TEXT_CHARS {
            self.error(
                text,
                format!("`{field}` is longer than {MAX_TEXT_CHARS} characters"),
            );
        } else if crate::policy::pdf_string::encoded_len(value)
            > crate::policy::pdf_string::MAX_BYTES
        {
            self.hinted(
                text,
                format!(
                    "`{field}` is too long for a PDF string: {} bytes encoded, at most {}",
                    crate::policy::pdf_string::encoded_len(value),
                    crate::policy::pdf_string::MAX_BYTES
                ),
                "any text can reach a PDF string (a title, an alternative text), which holds at most 32 767 bytes; shorten it or split the fact",
            );
        } else if let Some((c, what)) = value
            .chars()
            .find_map(|c| forbidden_char(c).map(|w| (c, w)))
        {
            self.error(
                text,
                format!("`{field}` contains the {what} character U+{:04X}", c as u32),
            );
        }
    }

    /// A text in every language of the catalog, each checked as a text.
    fn texts(&mut self, field: &str, texts: &Texts) {
        if texts.0.is_empty() {
            self.errors.push(match &self.record {
                Some((what, at)) => Diagnostic::at(
                    at.clone(),
                    format!("{what}: `{field}` has no text in any language"),
                )
                .with_source_line(&self.file.text)
                .with_hint("write the text in each language of the catalog: `{es: …, en: …}`"),
                None => Diagnostic::global(format!(
                    "{}: `{field}` has no text in any language",
                    self.file.path.display()
                )),
            });
        }
        self.catalog
            .check_texts(self.file, field, texts, &mut self.errors);
        for (lang, text) in texts.iter() {
            self.text(&format!("{field}.{lang}"), text);
        }
    }

    fn audience(&mut self, a: &Spanned<Audience>) -> bool {
        if self.catalog.audience(a.value).is_some() {
            return true;
        }
        let d = self.catalog.unknown_audience(self.file, a);
        self.errors.push(d);
        false
    }

    fn slug<T>(&mut self, what: &str, spanned: &Spanned<T>, value: &str, max: usize) -> bool {
        if is_slug(value, max) {
            true
        } else {
            self.hinted(
                spanned,
                format!("invalid {what} {value:?}"),
                format!("use lowercase ASCII letters, digits and '-', at most {max} characters, starting with a letter or digit"),
            );
            false
        }
    }

    fn date(&mut self, field: &str, spanned: &Option<Spanned<String>>) -> Option<FactDate> {
        let s = spanned.as_ref()?;
        match s.value.parse::<FactDate>() {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(s, format!("`{field}`: {e}"));
                None
            }
        }
    }
}

pub fn is_slug(value: &str, max: usize) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= max
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Parses `"1536-1540, 1544"` into inclusive line ranges.
pub fn parse_seed(text: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut ranges = Vec::new();
    for part in text.split(',').map(str::trim) {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let (a, b) = match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(a), Ok(b)) if a >= 1 && a <= b => (a, b),
            _ => {
                return Err(format!(
                    "invalid seed line reference {part:?}: expected N or N-M with N <= M"
                ));
            }
        };
        ranges.push((a, b));
    }
    Ok(ranges)
}

/// The closest candidate to `wanted`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|c| (levenshtein(wanted, c), c))
        // Never a candidate that shares nothing with `wanted`: among two-letter ids (`fr`,
        // `en`) any two are two edits apart, and that is no typo.
        .filter(|&(d, c)| {
            d <= 2.max(wanted.len().min(c.len()) / 4) && d < wanted.len().min(c.len())
        })
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

fn check_fact(c: &mut Checker, fact: Fact, bibliography: Option<&Bibliography>) -> FactRecord {
    c.record = Some((
        format!("fact `{}`", fact.id.value),
        at(&c.file.path, &fact.id),
    ));
    c.slug("fact id", &fact.id, &fact.id.value, 80);
    for tag in &fact.tags {
        c.slug("tag", tag, &tag.value, 64);
    }
    if let Some(title) = &fact.title {
        c.texts("title", title);
    }
    c.texts("text", &fact.text);
    // A correction says what the Spanish text now says, and why (the thesis' own words are
    // checked against the thesis by the provenance test, which has the thesis).
    let es = Lang::new("es");
    let spanish = format!(
        "{}\n{}",
        fact.text.get(es),
        fact.title.as_ref().map_or("", |t| t.get(es))
    );
    if let Some(first) = fact.corrections.first()
        && fact.seed.is_none()
    {
        c.error(
            &first.seed,
            "a correction departs from thesis lines the fact cites: give the fact its `seed:`",
        );
    }
    for correction in &fact.corrections {
        let shown: String = correction.now.value.chars().take(60).collect();
        let cut = if shown.len() < correction.now.value.len() {
            "…"
        } else {
            ""
        };
        if correction.seed.value.trim().is_empty() {
            c.error(
                &correction.seed,
                "a correction says what the thesis says (`seed`), in the cited lines' words",
            );
        } else if correction.why.value.trim().is_empty() {
            c.error(
                &correction.why,
                "a correction says why it departs from the thesis (`why`)",
            );
        } else if !correction.now.value.chars().any(char::is_alphanumeric)
            || !spanish.contains(correction.now.value.as_str())
        {
            c.error(
                &correction.now,
                format!(
                    "correction: the Spanish text does not say {shown:?}{cut}; `now` is the corrected words as the text or title writes them"
                ),
            );
        }
    }
    for (lang, variants) in &fact.forbidden {
        for (variant, instead) in variants {
            if fact.kind.value != Kind::Term {
                c.error(
                    instead,
                    "only glossary terms (`kind: term`) may have `forbidden:` variants",
                );
            } else if c.catalog.language(*lang).is_none() {
                c.error(
                    instead,
                    format!("`forbidden.{lang}`: the catalog declares no language `{lang}`"),
                );
            } else if variant.trim().is_empty() || instead.value.trim().is_empty() {
                c.error(
                    instead,
                    format!(
                        "`forbidden.{lang}`: a variant and what to write instead must not be empty"
                    ),
                );
            } else {
                c.text(&format!("forbidden.{lang}"), instead);
            }
        }
    }
    for (name, bi) in &fact.attrs {
        if !is_slug(name, 64) {
            c.error(&fact.id, format!("invalid attribute name {name:?}: use lowercase ASCII letters, digits, '-' and '_'"));
        }
        c.texts(&format!("attrs.{name}"), bi);
    }
    for (name, value) in &fact.values {
        if !is_slug(name, 64) {
            c.error(
                value,
                format!(
                    "invalid value name {name:?}: use lowercase ASCII letters, digits, '-' and '_'"
                ),
            );
        }
        if !value.value.is_finite() {
            c.error(value, format!("`values.{name}` must be a finite number"));
        }
    }
    let date = c.date("date", &fact.date);
    let end = c.date("end", &fact.end);
    if let (Some(d), Some(e), Some(s)) = (date, end, &fact.end)
        && e < d
    {
        c.error(s, format!("`end` {e} is before `date` {d}"));
    }

    // Clearance: required, non-empty, no duplicates, and internal facts never external.
    let audiences = &fact.audiences;
    if audiences.value.is_empty() {
        c.hinted(
            audiences,
            format!("fact {:?} has no audiences", fact.id.value),
            "list who may see it, e.g. `audiences: [mre, defence]`",
        );
    }
    let mut seen = BTreeSet::new();
    for a in &audiences.value {
        if !seen.insert(a.value) {
            c.error(a, format!("audience `{}` is listed twice", a.value));
        }
        if c.audience(a) && !permitted(c.catalog, fact.sensitivity.value, a.value) {
            let external: Vec<&str> = c
                .catalog
                .audiences()
                .filter(|x| x.external.value)
                .map(|x| x.id.value.as_str())
                .collect();
            c.hinted(
                a,
                format!("internal fact {:?} is cleared for `{}`", fact.id.value, a.value),
                format!(
                    "internal Peruvian considerations never reach external audiences ({}): remove the audience or review the sensitivity",
                    external.join(", ")
                ),
            );
        }
    }

    let seed = match &fact.seed {
        Some(s) => match parse_seed(&s.value) {
            Ok(r) => r,
            Err(e) => {
                c.error(s, e);
                Vec::new()
            }
        },
        // A clause is drafted, not drawn; a fact may rest on its sources or a stated basis.
        None if fact.kind.value == Kind::Clause
            || !fact.sources.is_empty()
            || fact.basis.is_some() =>
        {
            Vec::new()
        }
        None => {
            c.hinted(
                &fact.id,
                format!("fact {:?} rests on nothing: it has no `seed`, `sources` or `basis`", fact.id.value),
                "cite the thesis lines it rests on (`seed: \"1536-1540\"`), the sources it cites (`sources: [key]`), or state its basis (`basis: {es: …, en: …}`)",
            );
            Vec::new()
        }
    };
    if let Some(basis) = &fact.basis {
        c.texts("basis", basis);
    }

    for source in &fact.sources {
        match bibliography {
            Some(bib) if bib.contains_key(&source.value) => {}
            Some(bib) => {
                let hint = did_you_mean(&source.value, bib.keys().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "add it to data/sources.yaml".into());
                c.hinted(source, format!("unknown source `{}`", source.value), hint);
            }
            None => c.error(
                source,
                format!(
                    "source `{}` cited, but data/sources.yaml does not exist",
                    source.value
                ),
            ),
        }
    }

    check_kind_fields(c, &fact);

    // Returned even when invalid, so that briefs naming the fact are checked against it instead
    // of reporting it unknown; a dataset with errors is never used.
    FactRecord {
        fact,
        file: c.file.path.clone(),
        date,
        end,
        seed,
    }
}

/// Fields that particular kinds need, so that templates can rely on them.
fn check_kind_fields(c: &mut Checker, fact: &Fact) {
    let required: &[&str] = match fact.kind.value {
        Kind::Recommendation => &["horizon", "lead", "deliverable"],
        Kind::Statement => &["expert", "role"],
        _ => &[],
    };
    for name in required {
        if !fact.attrs.contains_key(*name) {
            c.error(
                &fact.kind,
                format!("a `{:?}` fact needs `attrs.{name}`", fact.kind.value).to_lowercase(),
            );
        }
    }
    match (&fact.table, fact.kind.value) {
        (None, Kind::Table) => c.error(
            &fact.kind,
            "a `table` fact needs `table:` with columns and rows",
        ),
        (Some(_), k) if k != Kind::Table => {
            c.error(&fact.kind, "only `kind: table` facts may have `table:`")
        }
        _ => {}
    }
    let Some(table) = &fact.table else { return };
    let mut keys = BTreeSet::new();
    for col in &table.columns {
        c.slug("column key", &col.key, &col.key.value, 64);
        if !keys.insert(col.key.value.as_str()) {
            c.error(
                &col.key,
                format!("column `{}` is defined twice", col.key.value),
            );
        }
        c.texts("label", &col.label);
    }
    if table.rows.is_empty() {
        c.error(&fact.kind, "table has no rows");
    }
    for row in &table.rows {
        for col in &table.columns {
            match (row.value.get(&col.key.value), col.numeric) {
                (None, _) => c.error(
                    row,
                    format!("row has no cell for column `{}`", col.key.value),
                ),
                (Some(Cell::Number(n)), true) if n.is_finite() => {}
                (Some(Cell::Text(bi)), false) => c.texts(&col.key.value, bi),
                (Some(_), true) => c.error(
                    row,
                    format!(
                        "column `{}` is numeric: its cell must be a number",
                        col.key.value
                    ),
                ),
                (Some(_), false) => c.error(
                    row,
                    format!(
                        "column `{}` holds text: its cell must be {{es, en}}",
                        col.key.value
                    ),
                ),
            }
        }
        for key in row.value.keys() {
            if !keys.contains(key.as_str()) {
                c.error(row, format!("row has a cell for unknown column `{key}`"));
            }
        }
    }
}

fn check_brief(
    c: &mut Checker,
    def: &BriefDef,
    dataset_facts: &BTreeMap<String, usize>,
    facts: &[FactRecord],
) -> Option<FactDate> {
    let before = c.errors.len();
    c.record = Some((
        format!("brief `{}`", def.id.value),
        at(&c.file.path, &def.id),
    ));
    c.slug("brief id", &def.id, &def.id.value, 64);
    c.texts("title", &def.title);
    if let Some(s) = &def.subtitle {
        c.texts("subtitle", s);
    }
    c.texts("office", &def.office);
    c.text("reference", &def.reference);
    let date = match def.date.value.parse::<FactDate>() {
        // The date is printed, and becomes the PDF's creation date: readers misparse years
        // before the Gregorian calendar's general use, so such dates are refused.
        Ok(d) if d.day.is_some() && !(1900..=9999).contains(&d.year) => {
            c.error(
                &def.date,
                format!(
                    "a brief's `date` must lie between 1900-01-01 and 9999-12-31, not {}",
                    def.date.value
                ),
            );
            None
        }
        Ok(d) if d.day.is_some() => Some(d),
        Ok(_) => {
            c.error(&def.date, "a brief's `date` must be a full day, YYYY-MM-DD");
            None
        }
        Err(e) => {
            c.error(&def.date, format!("`date`: {e}"));
            None
        }
    };
    if def.documents.is_empty() {
        c.hinted(
            &def.id,
            "brief makes no document: `documents:` is empty",
            "list the documents it makes, e.g. `documents: [{type: briefing-note, audiences: [mre]}]`",
        );
    }
    if def.languages.is_empty() {
        c.error(&def.id, "brief has no `languages`");
    }
    let mut langs = BTreeSet::new();
    for l in &def.languages {
        if c.catalog.language(l.value).is_none() {
            let d = c.catalog.unknown_lang(c.file, l);
            c.errors.push(d);
        } else if !langs.insert(l.value) {
            c.error(l, format!("language `{}` is listed twice", l.value));
        }
    }
    // Which audiences each document type of the brief is made for.
    let mut made: Vec<(DocType, Vec<Audience>)> = Vec::new();
    for entry in &def.documents {
        let Some(doc) = c.catalog.document(entry.document.value) else {
            let d = c.catalog.unknown_document(c.file, &entry.document);
            c.errors.push(d);
            continue;
        };
        if entry.audiences.is_empty() {
            c.error(
                &entry.document,
                format!(
                    "document `{}` is made for no audience",
                    entry.document.value
                ),
            );
        }
        let mut audiences = Vec::new();
        for a in &entry.audiences {
            if !c.audience(a) {
                continue;
            }
            let twice = audiences.contains(&a.value)
                || made
                    .iter()
                    .any(|(d, list)| *d == entry.document.value && list.contains(&a.value));
            if twice {
                c.error(
                    a,
                    format!(
                        "document `{}` is made for audience `{}` twice",
                        entry.document.value, a.value
                    ),
                );
            } else if !doc.audiences.iter().any(|d| d.value == a.value) {
                let served: Vec<&str> = doc.audiences.iter().map(|d| d.value.as_str()).collect();
                c.hinted(
                    a,
                    format!(
                        "document type `{}` does not serve audience `{}`",
                        entry.document.value, a.value
                    ),
                    format!(
                        "it serves {} ({}); add the audience there or choose another document type",
                        served.join(", "),
                        crate::catalog::path().display()
                    ),
                );
            } else {
                audiences.push(a.value);
            }
        }
        if let Some(t) = &entry.title {
            c.texts("title", t);
        }
        if let Some(t) = &entry.subtitle {
            c.texts("subtitle", t);
        }
        if let Some(r) = &entry.reference {
            c.text("reference", r);
        }
        for (name, texts) in &entry.texts {
            if !is_slug(name, 40) {
                c.error(
                    &entry.document,
                    format!(
                        "invalid text name {name:?}: use lowercase ASCII letters, digits and '-'"
                    ),
                );
            }
            c.texts(&format!("texts.{name}"), texts);
        }
        if let Some(max) = &entry.max_pages {
            match &doc.max_pages {
                _ if max.value == 0 => c.error(max, "`max-pages` must be at least 1"),
                Some(limit) if max.value > limit.value => c.hinted(
                    max,
                    format!(
                        "`max-pages: {}` is above the {} pages of document type `{}`",
                        max.value, limit.value, entry.document.value
                    ),
                    "a brief may lower a document type's page budget, not raise it",
                ),
                _ => {}
            }
        }
        made.push((entry.document.value, audiences));
    }
    let mut section_ids = BTreeSet::new();
    for section in &def.sections {
        if c.slug("section id", &section.id, &section.id.value, 64)
            && !section_ids.insert(section.id.value.as_str())
        {
            c.error(
                &section.id,
                format!("section `{}` is defined twice", section.id.value),
            );
        }
        c.texts("title", &section.title);
        if section.facts.is_empty() && section.tags.is_empty() && section.kinds.is_empty() {
            c.error(
                &section.id,
                "section draws no facts: give `facts:`, `tags:` or `kinds:`",
            );
        }
        if let Some(list) = &section.documents {
            for d in list {
                if c.catalog.document(d.value).is_none() {
                    let e = c.catalog.unknown_document(c.file, d);
                    c.errors.push(e);
                } else if !made.iter().any(|(m, _)| *m == d.value) {
                    c.error(
                        d,
                        format!(
                            "section document `{}` is not one of the brief's documents",
                            d.value
                        ),
                    );
                }
            }
        }
        let all_audiences: BTreeSet<Audience> =
            made.iter().flat_map(|(_, a)| a.iter().copied()).collect();
        if let Some(list) = &section.audiences {
            for a in list {
                if c.audience(a) && !all_audiences.contains(&a.value) {
                    c.error(
                        a,
                        format!(
                            "section audience `{}` is not one of the brief's audiences",
                            a.value
                        ),
                    );
                }
            }
        }
        // The audiences of the editions this section appears in.
        let section_audiences: BTreeSet<Audience> = made
            .iter()
            .filter(|(d, _)| {
                section
                    .documents
                    .as_ref()
                    .is_none_or(|list| list.iter().any(|x| x.value == *d))
            })
            .flat_map(|(_, a)| a.iter().copied())
            .filter(|a| {
                section
                    .audiences
                    .as_ref()
                    .is_none_or(|list| list.iter().any(|x| x.value == *a))
            })
            .collect();
        for lane in &section.lanes {
            c.texts("label", &lane.label);
            if !section.tags.iter().any(|t| t.value == lane.tag.value)
                && !facts.iter().any(|f| f.has_tag(&lane.tag.value))
            {
                c.error(
                    &lane.tag,
                    format!("no fact has the tag `{}`", lane.tag.value),
                );
            } else if section.tags.iter().any(|t| t.value == lane.tag.value)
                && !facts
                    .iter()
                    .any(|f| f.has_tag(&lane.tag.value) && !section.excepts(f.fact.kind.value))
            {
                c.error(
                    &lane.tag,
                    format!(
                        "every fact with the tag `{}` is of a kind the section's `except-kinds` leaves out, so its lane is empty",
                        lane.tag.value
                    ),
                );
            }
        }
        for reference in &section.facts {
            let Some(&i) = dataset_facts.get(&reference.value) else {
                let hint = did_you_mean(&reference.value, dataset_facts.keys().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "no data file defines it".into());
                c.hinted(
                    reference,
                    format!("unknown fact `{}`", reference.value),
                    hint,
                );
                continue;
            };
            let record = &facts[i];
            for &a in &section_audiences {
                if !cleared(c.catalog, record, a) {
                    let (message, hint) = not_cleared(c.catalog, record, a);
                    c.hinted(reference, message, hint);
                }
            }
        }
        for tag in &section.tags {
            if !facts.iter().any(|f| f.has_tag(&tag.value)) {
                c.error(tag, format!("no fact has the tag `{}`", tag.value));
            } else if !facts
                .iter()
                .any(|f| f.has_tag(&tag.value) && !section.excepts(f.fact.kind.value))
            {
                c.error(
                    tag,
                    format!(
                        "every fact with the tag `{}` is of a kind the section's `except-kinds` leaves out, so the tag draws nothing",
                        tag.value
                    ),
                );
            }
        }
    }
    if c.errors.len() == before { date } else { None }
}

/// Why a section may not draw `record` for `audience`, and what to do. An internal fact can never
/// go to an external audience, so its message says that and never suggests clearing it for one
/// (which validation refuses at the fact); any other fact's message lists its clearance.
fn not_cleared(catalog: &Catalog, record: &FactRecord, audience: Audience) -> (String, String) {
    let id = record.id();
    let listed = record.fact.audiences.value.iter().map(|x| x.value);
    if !permitted(catalog, record.fact.sensitivity.value, audience) {
        let internal: Vec<&str> = listed
            .filter(|a| !catalog.is_external(*a))
            .map(Audience::as_str)
            .collect();
        let hint = if internal.is_empty() {
            let all: Vec<&str> = catalog
                .audiences()
                .filter(|a| !a.external.value)
                .map(|a| a.id.value.as_str())
                .collect();
            format!(
                "draw it only in sections for internal audiences ({}), once it is cleared for one of them",
                all.join(", ")
            )
        } else {
            format!(
                "draw it only in sections for internal audiences: name it in a section with `audiences: [{}]`, or limit this section to them",
                internal.join(", ")
            )
        };
        return (
            format!(
                "fact `{id}` is `sensitivity: internal`, so it can never go to `{audience}`, an external audience"
            ),
            hint,
        );
    }
    // Only the catalog's audiences: an unknown one is refused at the fact, not a clearance.
    let cleared: Vec<&str> = listed
        .filter(|a| catalog.audience(*a).is_some())
        .map(Audience::as_str)
        .collect();
    (
        format!("fact `{id}` is not cleared for `{audience}`"),
        format!(
            "it is cleared for: {}; limit the section with `audiences:` or review the fact's clearance",
            if cleared.is_empty() {
                "nobody".into()
            } else {
                cleared.join(", ")
            }
        ),
    )
}

/// Cross-checks the parsed inputs and resolves them into a dataset, reporting every problem.
pub fn validate(inputs: Inputs) -> Result<Dataset, Diagnostics> {
    let (catalog_file, catalog_def) = inputs.catalog;
    // Every other file is read against the catalog: without a sound one, nothing can be checked.
    let catalog = crate::catalog::check(catalog_file, catalog_def)?;
    let mut errors = Diagnostics::new();
    let mut facts: Vec<FactRecord> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let bibliography = inputs.bibliography.as_ref().map(|(_, b)| b);

    if let Some((file, bib)) = &inputs.bibliography {
        let mut c = Checker {
            errors: Vec::new(),
            file,
            catalog: &catalog,
            record: None,
        };
        for (key, entry) in bib {
            if !is_slug(key, 64) {
                c.error(
                    entry,
                    format!(
                        "invalid citation key {key:?}: use lowercase ASCII letters, digits and '-'"
                    ),
                );
            }
        }
        errors.append(&mut c.errors);
        let languages: Vec<Lang> = catalog.languages().map(|l| l.id.value).collect();
        errors.append(&mut crate::bibliography::check(file, bib, &languages));
    }

    let mut fact_sources = Vec::new();
    // Facts move from the parsed files into the dataset, so that the fact base is never held
    // twice.
    for (file, fact_file) in inputs.fact_files {
        let mut c = Checker {
            errors: Vec::new(),
            file: &file,
            catalog: &catalog,
            record: None,
        };
        for fact in fact_file.facts {
            let id = fact.id.value.clone();
            if let Some(&first) = index.get(&id) {
                let first = &facts[first];
                let where_ = at(&first.file, &first.fact.id);
                c.error(
                    &fact.id,
                    format!("duplicate fact id {id:?} (first defined at {where_})"),
                );
                continue;
            }
            let record = check_fact(&mut c, fact, bibliography);
            index.insert(id, facts.len());
            facts.push(record);
        }
        errors.append(&mut c.errors);
        fact_sources.push(file);
    }

    // A fact that restates another names a fact that exists, and not itself, nor one from which
    // the links lead back to it (a link is on a circle when both its ends share a component).
    let component = restates_components(&facts, &index);
    for file in &fact_sources {
        let mut c = Checker {
            errors: Vec::new(),
            file,
            catalog: &catalog,
            record: None,
        };
        for r in facts.iter().filter(|r| r.file == file.path) {
            for other in &r.fact.restates {
                if other.value == r.fact.id.value {
                    c.error(other, format!("fact `{}` restates itself", other.value));
                } else if !index.contains_key(&other.value) {
                    let hint = did_you_mean(&other.value, index.keys().map(String::as_str))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "no data file defines it".into());
                    c.hinted(
                        other,
                        format!("`restates`: unknown fact `{}`", other.value),
                        hint,
                    );
                } else if component[index[r.id()]] == component[index[&other.value]]
                    && let Some(round) = restates_round(r.id(), &other.value, &facts, &index)
                {
                    // A circle would leave every fact on it but the first placed unprinted,
                    // with nothing to say which one a reader gets.
                    c.hinted(
                        other,
                        format!(
                            "`restates` goes round in a circle: {}",
                            round.join(" → ")
                        ),
                        "a restatement names the fuller fact it says again; one of these links is the wrong way round",
                    );
                }
            }
        }
        errors.append(&mut c.errors);
    }

    let mut briefs = Vec::new();
    let mut brief_ids: BTreeMap<String, Location> = BTreeMap::new();
    for (file, def) in inputs.briefs {
        let mut c = Checker {
            errors: Vec::new(),
            file: &file,
            catalog: &catalog,
            record: None,
        };
        if let Some(first) = brief_ids.get(&def.id.value) {
            c.error(
                &def.id,
                format!(
                    "duplicate brief id {:?} (first defined at {first})",
                    def.id.value
                ),
            );
        }
        let date = check_brief(&mut c, &def, &index, &facts);
        let mut new_errors = std::mem::take(&mut c.errors);
        let ok = new_errors.is_empty();
        errors.append(&mut new_errors);
        if ok && let Some(date) = date {
            brief_ids.insert(def.id.value.clone(), at(&file.path, &def.id));
            briefs.push(Brief { def, file, date });
        }
    }

    if errors.is_empty() {
        let mut restated_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for r in &facts {
            for other in &r.fact.restates {
                restated_by
                    .entry(other.value.clone())
                    .or_default()
                    .push(r.id().to_owned());
            }
        }
        Ok(Dataset {
            catalog,
            facts,
            index,
            restated_by,
            briefs,
            bibliography: inputs.bibliography,
            fact_sources,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_ranges() {
        assert_eq!(
            parse_seed("1536-1540, 1544"),
            Ok(vec![(1536, 1540), (1544, 1544)])
        );
        assert!(parse_seed("1540-1536").is_err());
        assert!(parse_seed("L12").is_err());
        assert!(parse_seed("0").is_err());
    }

    #[test]
    fn suggestions_find_typos_only() {
        let ids = ["budget", "pe-toledo-visit-2005"];
        assert_eq!(did_you_mean("budjet", ids.iter().copied()), Some("budget"));
        assert_eq!(
            did_you_mean("pe-toledo-visit-2006", ids.iter().copied()),
            Some("pe-toledo-visit-2005")
        );
        assert_eq!(did_you_mean("zzz", ids.iter().copied()), None);
        let langs = ["es", "en"];
        assert_eq!(did_you_mean("fr", langs.iter().copied()), None);
        assert_eq!(did_you_mean("eng", langs.iter().copied()), Some("en"));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("peru-nato-2022", 64));
        for bad in ["", "../x", "/abs", "a/b", ".hidden", "Up", "a b", "x\0"] {
            assert!(!is_slug(bad, 64), "{bad:?}");
        }
        assert!(!is_slug(&"a".repeat(65), 64));
    }

    #[test]
    fn a_restatement_names_its_chain_and_the_link_to_change() {
        let direct = Restatement {
            fact: "c".into(),
            through: vec![],
            forward: false,
        };
        assert_eq!(direct.phrase(), "is restated by `c`");
        assert!(
            direct
                .hint("a")
                .starts_with("remove `a` from the `restates:` of `c`")
        );
        let chain = Restatement {
            fact: "z".into(),
            through: ["b", "c", "d", "e", "f"].map(String::from).to_vec(),
            forward: true,
        };
        assert_eq!(
            chain.phrase(),
            "restates `b`, which restates `c`, which restates `d`, then 2 more to `z`"
        );
        assert!(chain.hint("a").starts_with("remove one link of that chain"));
        let short = Restatement {
            fact: "c".into(),
            through: vec!["b".into()],
            forward: true,
        };
        assert_eq!(short.phrase(), "restates `b`, which restates `c`");
    }
}
