//! Fingerprints of exactly what an output is built from: the facts its view holds (after
//! clearance, in its language), the rest of its view (titles, sections, marking), the templates
//! it uses, the style, the fonts, the bibliography and the tool. Two builds with equal
//! fingerprints produce the same bytes, so an output whose fingerprint is unchanged is current.

use crate::render::Templates;
use crate::select::View;
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
    /// Each fact of the view, by id (`en/<id>` for the English side of a parallel text).
    pub facts: BTreeMap<String, String>,
    /// Each template the output's template uses, by name, and the style file.
    pub templates: BTreeMap<String, String>,
    pub fonts: String,
    pub bibliography: String,
    /// `SOURCE_DATE_EPOCH` when set: it changes the PDFs' dates.
    #[serde(default)]
    pub epoch: Option<i64>,
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

fn add_facts(view: &View, prefix: &str, into: &mut BTreeMap<String, String>) {
    for (id, fact) in &view.facts {
        let json = serde_json::to_vec(fact).expect("facts serialize");
        into.insert(format!("{prefix}{id}"), hash(&json));
    }
}

pub fn fingerprint(
    view: &View,
    template: &str,
    templates: &Templates,
    shared: &Shared,
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
        facts,
        templates: used,
        fonts: shared.fonts.clone(),
        bibliography: shared.bibliography.clone(),
        epoch: shared.epoch,
    }
}

/// Why an output built with `old` is stale now that its inputs give `new`; empty when current.
pub fn reasons(old: &Fingerprint, new: &Fingerprint) -> Vec<String> {
    let mut why = Vec::new();
    if old.tool != new.tool {
        why.push("brief itself changed (new version or new build)".to_owned());
    }
    if old.frame != new.frame {
        why.push("brief definition changed".to_owned());
    }
    for (id, h) in &new.facts {
        match old.facts.get(id) {
            None => why.push(format!("fact {id} added")),
            Some(o) if o != h => why.push(format!("fact {id} changed")),
            _ => {}
        }
    }
    for id in old.facts.keys().filter(|id| !new.facts.contains_key(*id)) {
        why.push(format!("fact {id} removed"));
    }
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
    why
}
