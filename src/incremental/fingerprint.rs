//! Fingerprints of exactly what an output is built from: the facts its view holds (after
//! clearance, in its language), the rest of its view (titles, sections, marking), the templates
//! it uses, the style, the fonts, the bibliography and the tool. Two builds with equal
//! fingerprints produce the same bytes, so an output whose fingerprint is unchanged is current.

use crate::render::Templates;
use crate::view::View;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The tool as it was built: its version and a hash of its sources, lock file, compiler and
/// profile (`build.rs`), so that a change to the code counts as a change even before its version
/// number moves, while a byte-identical copy of the binary, or the same source built again,
/// leaves every output current.
pub fn tool_identity() -> &'static str {
    concat!(
        "brief ",
        env!("CARGO_PKG_VERSION"),
        " (typst ",
        env!("BRIEF_TYPST_VERSION"),
        ") [",
        env!("BRIEF_SOURCE_HASH"),
        "]"
    )
}

pub fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// [`hash`] of everything `reader` yields, read in small pieces: for files that may be large.
pub fn hash_reader(mut reader: impl std::io::Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let digest = hasher.finalize();
    Ok(digest.iter().take(16).map(|b| format!("{b:02x}")).collect())
}

/// What one output was built from, each part hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Fingerprint {
    pub tool: String,
    /// The view without its facts: brief title, reference, date, sections, marking.
    pub frame: String,
    /// The frame in parts, so that a rebuild says which part changed (see [`frame_parts`]).
    /// Empty in manifests written before it existed: the frame alone then decides.
    #[serde(default)]
    pub frame_parts: BTreeMap<String, String>,
    /// Each fact of the view, by id (`en/<id>` for the English side of a parallel text).
    pub facts: BTreeMap<String, String>,
    /// Each template the output's template uses, by name, and the style file.
    pub templates: BTreeMap<String, String>,
    pub fonts: String,
    pub bibliography: String,
    /// `SOURCE_DATE_EPOCH` when set: it changes the PDFs' dates.
    #[serde(default)]
    pub epoch: Option<i64>,
    /// Whether a DOCX is written beside the PDF (the document type's `docx: true`).
    #[serde(default)]
    pub docx: bool,
}

/// The parts every output of a run shares.
pub struct Shared {
    pub fonts: String,
    pub bibliography: String,
    /// `SOURCE_DATE_EPOCH`, which sets the PDFs' dates.
    pub epoch: Option<i64>,
}

fn frame(view: &View) -> serde_json::Value {
    let mut value = serde_json::to_value(view).expect("views serialize");
    let object = value.as_object_mut().expect("a view is an object");
    object.remove("facts");
    object.remove("parallel");
    if let Some(sections) = object.get_mut("sections").and_then(|s| s.as_array_mut()) {
        for section in sections {
            if let Some(facts) = section.get_mut("facts").and_then(|f| f.as_array_mut()) {
                for fact in facts.iter_mut() {
                    *fact = fact.get("id").cloned().unwrap_or_default();
                }
            }
        }
    }
    value
}

/// The frame's parts, each named for what changes it: `brief` (the definition's texts and
/// date, the edition), `order` (the sections shown, in order), `section/<id>` (a section's
/// title and layout), `drawn/<id>` (the facts it draws, in order), `marking` (the highest
/// classification, as written in the data), `summaries` (timeline descriptions) and `sources`
/// (the citation keys). All but `brief`, `order` and `section/` follow from the data.
fn frame_parts(frames: &[serde_json::Value]) -> BTreeMap<String, String> {
    let mut parts: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for frame in frames {
        let mut frame = frame.clone();
        let object = frame.as_object_mut().expect("a frame is an object");
        let mut add = |name: String, value: serde_json::Value| {
            parts.entry(name).or_default().push(value);
        };
        if let Some(marking) = object.remove("classification") {
            add("marking".into(), marking["key"].clone());
        }
        // The floor's reason shows only while the floor is the marking: it follows the marking
        // (a data edit raising a fact above the floor drops it) and is no part of the definition.
        if let Some(floor) = object.remove("floor") {
            add("floor".into(), floor);
        }
        if let Some(sources) = object.remove("sources") {
            add("sources".into(), sources);
        }
        let sections = object.remove("sections").unwrap_or_default();
        let mut order = Vec::new();
        let mut summaries = Vec::new();
        for section in sections.as_array().into_iter().flatten() {
            let mut section = section.clone();
            let id = section["id"].as_str().unwrap_or_default().to_owned();
            let section_object = section.as_object_mut().expect("a section is an object");
            let drawn = section_object.remove("facts").unwrap_or_default();
            summaries.push(section_object.remove("summary").unwrap_or_default());
            add(format!("drawn/{id}"), drawn);
            add(format!("section/{id}"), section);
            order.push(id);
        }
        add("summaries".into(), summaries.into());
        add("order".into(), order.join(" ").into());
        add("brief".into(), frame);
    }
    parts
        .into_iter()
        .map(|(name, values)| {
            let plain = matches!(name.as_str(), "marking" | "order");
            let value = match values.first().and_then(|v| v.as_str()) {
                Some(text) if plain => text.to_owned(),
                _ => hash(&serde_json::to_vec(&values).expect("parts serialize")),
            };
            (name, value)
        })
        .collect()
}

fn add_facts(view: &View, prefix: &str, into: &mut BTreeMap<String, String>) {
    for (id, fact) in &view.facts {
        let json = serde_json::to_vec(fact).expect("facts serialize");
        into.insert(format!("{prefix}{id}"), hash(&json));
    }
}

/// The fingerprint of an edition with `view`, typeset from `template`; `docx` says whether a
/// DOCX is written beside it.
pub fn fingerprint(
    view: &View,
    template: &str,
    templates: &Templates,
    shared: &Shared,
    docx: bool,
) -> Fingerprint {
    let mut frames = vec![frame(view)];
    let mut facts = BTreeMap::new();
    add_facts(view, "", &mut facts);
    if let Some(other) = &view.parallel {
        frames.push(frame(other));
        add_facts(other, "en/", &mut facts);
    }
    let mut used = BTreeMap::new();
    for name in templates.dependencies(template) {
        if let Some(source) = templates.source(&name) {
            used.insert(name, hash(source.text.as_bytes()));
        }
    }
    used.insert(
        crate::render::STYLE.to_owned(),
        hash(templates.style.text.as_bytes()),
    );
    Fingerprint {
        tool: tool_identity().to_owned(),
        frame: hash(&serde_json::to_vec(&frames).expect("frames serialize")),
        frame_parts: frame_parts(&frames),
        facts,
        templates: used,
        fonts: shared.fonts.clone(),
        bibliography: shared.bibliography.clone(),
        epoch: shared.epoch,
        docx,
    }
}

/// Why an output built with `old` is stale now that its inputs give `new`; empty when current.
pub fn reasons(old: &Fingerprint, new: &Fingerprint) -> Vec<String> {
    let mut why = Vec::new();
    if old.tool != new.tool {
        why.push("brief itself changed (new version or new build)".to_owned());
    }
    let mut facts = Vec::new();
    for (id, h) in &new.facts {
        match old.facts.get(id) {
            None => facts.push(format!("fact {id} added")),
            Some(o) if o != h => facts.push(format!("fact {id} changed")),
            _ => {}
        }
    }
    for id in old.facts.keys().filter(|id| !new.facts.contains_key(*id)) {
        facts.push(format!("fact {id} removed"));
    }
    if old.frame != new.frame {
        why.extend(frame_reasons(old, new, !facts.is_empty()));
    }
    why.extend(facts);
    for (name, h) in &new.templates {
        if old.templates.get(name) != Some(h) {
            why.push(format!("template {name} changed"));
        }
    }
    for name in old
        .templates
        .keys()
        .filter(|n| !new.templates.contains_key(*n))
    {
        why.push(format!("template {name} no longer used"));
    }
    if old.fonts != new.fonts {
        why.push("fonts changed".to_owned());
    }
    if old.bibliography != new.bibliography {
        why.push("bibliography changed".to_owned());
    }
    if old.epoch != new.epoch {
        why.push("SOURCE_DATE_EPOCH changed".to_owned());
    }
    if old.docx != new.docx {
        why.push(if new.docx {
            "a DOCX is now made beside the PDF".to_owned()
        } else {
            "no DOCX is made any more".to_owned()
        });
    }
    why
}

/// Why the frame changed, part by part: a data edit that raises the marking or moves a fact to
/// another section is said as such, and "brief definition changed" only when the definition's
/// own parts changed. `facts_changed` says whether fact reasons are given too: the timeline
/// summaries and the sources cited follow from the facts, and are named only when nothing else
/// explains the change. Never empty: an older manifest without parts gets the general reason.
fn frame_reasons(old: &Fingerprint, new: &Fingerprint, facts_changed: bool) -> Vec<String> {
    let (o, n) = (&old.frame_parts, &new.frame_parts);
    let mut why = Vec::new();
    let differs = |name: &str| o.get(name) != n.get(name);
    if !o.is_empty() {
        if differs("brief") {
            why.push("brief definition changed".to_owned());
        }
        if let (Some(from), Some(to)) = (o.get("marking"), n.get("marking"))
            && from != to
        {
            why.push(format!("marking changed ({from} → {to})"));
        } else if differs("floor") {
            why.push("the document type's marking floor changed".to_owned());
        }
        let sections = |parts: &BTreeMap<String, String>| -> Vec<String> {
            parts
                .get("order")
                .map(|o| o.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default()
        };
        let (before, after) = (sections(o), sections(n));
        for id in after.iter().filter(|id| !before.contains(id)) {
            why.push(format!("section `{id}` now shown"));
        }
        for id in before.iter().filter(|id| !after.contains(id)) {
            why.push(format!(
                "section `{id}` no longer shown (it draws no facts, or was removed)"
            ));
        }
        let common = |list: &[String], other: &[String]| -> Vec<String> {
            list.iter()
                .filter(|id| other.contains(id))
                .cloned()
                .collect()
        };
        if common(&before, &after) != common(&after, &before) {
            why.push("brief definition changed (section order)".to_owned());
        }
        for id in after.iter().filter(|id| before.contains(id)) {
            if differs(&format!("section/{id}")) {
                why.push(format!("brief definition changed (section `{id}`)"));
            }
            if differs(&format!("drawn/{id}")) {
                why.push(format!("section `{id}` draws other facts"));
            }
        }
        if why.is_empty() && !facts_changed {
            if differs("summaries") {
                why.push("timeline summary changed".to_owned());
            }
            if differs("sources") {
                why.push("sources cited changed".to_owned());
            }
        }
    }
    if why.is_empty() && !facts_changed {
        why.push("brief definition changed".to_owned());
    }
    why
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_parts(frame: &str, parts: &[(&str, &str)]) -> Fingerprint {
        Fingerprint {
            frame: frame.into(),
            frame_parts: parts
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Fingerprint::default()
        }
    }

    #[test]
    fn the_changed_part_of_the_frame_is_named() {
        let old = with_parts(
            "a",
            &[("brief", "1"), ("marking", "publico"), ("order", "x y")],
        );
        let marking = with_parts(
            "b",
            &[("brief", "1"), ("marking", "reservado"), ("order", "x y")],
        );
        assert_eq!(
            reasons(&old, &marking),
            ["marking changed (publico → reservado)"]
        );
        let moved = with_parts(
            "c",
            &[("brief", "1"), ("marking", "publico"), ("order", "y x")],
        );
        assert_eq!(
            reasons(&old, &moved),
            ["brief definition changed (section order)"]
        );
        let gone = with_parts(
            "d",
            &[("brief", "1"), ("marking", "publico"), ("order", "x")],
        );
        assert_eq!(
            reasons(&old, &gone),
            ["section `y` no longer shown (it draws no facts, or was removed)"]
        );
    }

    #[test]
    fn a_manifest_without_parts_still_makes_a_changed_frame_stale() {
        let old = with_parts("a", &[]);
        let new = with_parts("b", &[("brief", "1")]);
        assert_eq!(reasons(&old, &new), ["brief definition changed"]);
        assert!(reasons(&new, &new).is_empty());
    }
}
