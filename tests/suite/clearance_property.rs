//! Clearance as a property: for random fact sets with random clearances, every output contains the
//! canary of every fact cleared for its audience and no canary of any other fact — in its text,
//! its decompressed streams and strings (metadata, outline), its Typst source and its bibliography,
//! and, for a document type that makes a DOCX (the MoU), in every part of the DOCX package
//! (document, header, footer, properties, styles, relationships); the staff page
//! (`out/index.html`) prints no fact's text at all; and a translation export for an audience
//! (`brief translations export --audience`) holds exactly the facts cleared for it.

use crate::common;

use common::{Fixture, contains, docx_parts, pdf_everything, squash};
use proptest::prelude::*;

const AUDIENCES: [&str; 3] = ["mre", "defence", "nato"];

/// The catalog's external audience: internal facts never reach it.
const EXTERNAL: &str = "nato";

/// Every edition of the generated brief: document type, audience and languages (`es-en`, the
/// MoU's parallel text, holds both). NATO gets two documents, and each must hold exactly its
/// cleared facts.
const EDITIONS: [(&str, &str, &[&str]); 4] = [
    ("briefing-note", "mre", &["es", "en"]),
    ("briefing-note", "defence", &["es", "en"]),
    ("non-paper", "nato", &["es", "en"]),
    ("mou", "nato", &["es", "en", "es-en"]),
];

#[derive(Debug, Clone)]
struct RandomFact {
    audiences: Vec<&'static str>,
    internal: bool,
}

fn random_fact() -> impl Strategy<Value = RandomFact> {
    (
        any::<bool>(),
        prop::sample::subsequence(AUDIENCES.to_vec(), 1..=3),
    )
        .prop_map(|(internal, audiences)| {
            // Internal facts may only be cleared for the ministries (anything else is refused).
            let audiences: Vec<&str> = if internal {
                let inner: Vec<&str> = audiences
                    .into_iter()
                    .filter(|a| *a == "mre" || *a == "defence")
                    .collect();
                if inner.is_empty() { vec!["mre"] } else { inner }
            } else {
                audiences
            };
            RandomFact {
                audiences,
                internal,
            }
        })
}

fn canary(i: usize) -> String {
    format!("QZCANARY{}X", (b'A' + i as u8) as char)
}

fn project(facts: &[RandomFact]) -> Fixture {
    let f = Fixture::empty();
    let mut yaml = String::from("facts:\n");
    for (i, fact) in facts.iter().enumerate() {
        let c = canary(i);
        yaml.push_str(&format!(
            "  - id: f-{i}\n    kind: event\n    tags: [t]\n    title: {{es: Título {c}T, en: Title {c}T}}\n    text: {{es: Texto {c}, en: Text {c}}}\n    audiences: [{}]\n    sensitivity: {}\n    classification: {}\n    seed: \"1\"\n",
            fact.audiences.join(", "),
            if fact.internal { "internal" } else { "shareable" },
            if fact.internal { "reservado" } else { "publico" },
        ));
    }
    f.write("data/facts.yaml", &yaml);
    f.write(
        "briefs/b.yaml",
        "id: b\ntitle: {es: Informe, en: Brief}\nreference: \"P-1\"\noffice: {es: Oficina, en: Office}\ndate: 2022-11-30\nlanguages: [es, en]\ndocuments:\n  - {type: briefing-note, audiences: [mre, defence]}\n  - {type: non-paper, audiences: [nato]}\n  - {type: mou, audiences: [nato]}\nsections:\n  - id: all\n    title: {es: Todo, en: Everything}\n    layout: list\n    tags: [t]\n  - id: again\n    title: {es: Otra vez, en: Again}\n    kinds: [event]\n",
    );
    f
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn every_output_holds_exactly_the_facts_cleared_for_it(facts in prop::collection::vec(random_fact(), 1..6)) {
        // An audience with nothing cleared would make an empty document; give every audience one
        // shareable fact so that every edition exists.
        let mut facts = facts;
        facts.push(RandomFact { audiences: AUDIENCES.to_vec(), internal: false });
        let f = project(&facts);
        f.brief(&["build", "--quiet"]).ok();
        // The staff page lists outputs and fact ids, never a fact's text or title: no canary.
        let page = f.read("out/index.html");
        for i in 0..facts.len() {
            prop_assert!(!contains(&page, &canary(i)), "out/index.html prints fact {i}'s text");
        }
        // A translation export for an audience holds exactly the facts cleared for it, as its
        // editions do: an XLIFF file for an outside translator is an output too.
        for audience in AUDIENCES {
            let xliff = f.brief(&["translations", "export", "--to", "en", "--audience", audience]).ok().stdout();
            for (i, fact) in facts.iter().enumerate() {
                let cleared = fact.audiences.contains(&audience) && !(fact.internal && audience == EXTERNAL);
                prop_assert_eq!(xliff.contains(&canary(i)), cleared, "XLIFF for {} and fact {} ({:?})", audience, i, fact);
            }
        }
        for (document, audience, langs) in EDITIONS {
            for lang in langs {
                let name = format!("out/b/b.{document}.{audience}.{lang}");
                let pdf = f.read(&format!("{name}.pdf"));
                let text = squash(&common::pdf_text(&pdf));
                let raw = pdf_everything(&pdf);
                let typ = String::from_utf8(f.read(&format!("{name}.typ"))).unwrap();
                // Every part of the DOCX, unzipped: the MoU's editions all have one.
                let docx = (document == "mou").then(|| docx_parts(&f.read(&format!("{name}.docx"))));
                if document != "mou" {
                    prop_assert!(!f.path().join(format!("{name}.docx")).exists(), "{name} has a DOCX");
                }
                for (i, fact) in facts.iter().enumerate() {
                    let external = audience == EXTERNAL;
                    let cleared = fact.audiences.contains(&audience) && !(fact.internal && external);
                    let c = canary(i);
                    if cleared {
                        prop_assert!(text.contains(&c), "{name} lacks cleared fact {i} ({fact:?})");
                    } else {
                        prop_assert!(!text.contains(&c), "{name} text leaks fact {i} ({fact:?})");
                        prop_assert!(!contains(&raw, &c), "{name} bytes leak fact {i} ({fact:?})");
                        prop_assert!(!typ.contains(&c), "{name}.typ leaks fact {i} ({fact:?})");
                    }
                    if let Some(parts) = &docx {
                        let document = parts.iter().find(|(p, _)| p == "word/document.xml");
                        prop_assert!(document.is_some(), "{name}.docx has no document part");
                        for (part, content) in parts {
                            if !cleared {
                                prop_assert!(!contains(content, &c), "{name}.docx {part} leaks fact {i} ({fact:?})");
                            }
                        }
                        if cleared {
                            prop_assert!(contains(&document.unwrap().1, &c), "{name}.docx lacks cleared fact {i} ({fact:?})");
                        }
                    }
                }
            }
        }
    }
}
