//! Clearance holds whatever the catalog declares (issue 11): over randomly generated catalogs,
//! with random audiences of which some are external, and random facts cleared for random
//! audiences, an internal fact never reaches an external audience's edition, and every edition
//! holds exactly the facts cleared for it. Checked on what templates produce (the rendered Typst
//! of every edition) and on every part of its DOCX (the document type opts in), without
//! typesetting, so that many catalogs can be tried; the translation export for each audience
//! (XLIFF) is held to the same rule.

use crate::common;
use brief::pipeline::{self, Selection};
use brief::project::Project;
use common::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The shipped catalog's `languages:` block, reused so that the shipped templates render.
fn languages_block() -> String {
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/catalog.yaml")).unwrap();
    let start = shipped.find("languages:\n").unwrap();
    let end = shipped.find("\naudiences:\n").unwrap();
    shipped[start..end].to_owned()
}

#[derive(Debug, Clone)]
struct Case {
    /// Per audience: whether it is external.
    external: Vec<bool>,
    /// Per fact: the audiences it lists (indices), and whether it is internal.
    facts: Vec<(BTreeSet<usize>, bool)>,
}

fn case() -> impl Strategy<Value = Case> {
    prop::collection::vec(any::<bool>(), 1..6).prop_flat_map(|external| {
        let n = external.len();
        let fact = (prop::collection::btree_set(0..n, 1..=n), any::<bool>());
        prop::collection::vec(fact, 1..9).prop_map(move |facts| Case {
            external: external.clone(),
            facts,
        })
    })
}

fn canary(i: usize) -> String {
    format!("CANARYINTERNAL{i}XQ")
}

fn write(f: &Fixture, c: &Case) {
    let audiences: String = c
        .external
        .iter()
        .enumerate()
        .map(|(i, ext)| {
            format!(
                "  - id: aud-{i}\n    name: {{es: Lector {i}, en: Reader {i}}}\n    external: {ext}\n    portion-marks: {}\n",
                !ext
            )
        })
        .collect();
    let all: Vec<String> = (0..c.external.len()).map(|i| format!("aud-{i}")).collect();
    let catalog = format!(
        "{}\naudiences:\n{audiences}\ndocuments:\n  - id: note\n    name: {{es: Nota, en: Note}}\n    template: briefing-note.typ.j2\n    docx: true\n    audiences: [{}]\n",
        languages_block(),
        all.join(", ")
    );
    f.write("templates/catalog.yaml", &catalog);
    let facts: String = c
        .facts
        .iter()
        .enumerate()
        .map(|(i, (listed, internal))| {
            let listed: Vec<String> = listed.iter().map(|a| format!("aud-{a}")).collect();
            let text = if *internal {
                canary(i)
            } else {
                format!("Hecho compartible {i}")
            };
            format!(
                "  - id: fact-{i}\n    kind: finding\n    tags: [t]\n    text: {{es: \"{text} es\", en: \"{text} en\"}}\n    audiences: [{}]\n    sensitivity: {}\n    classification: publico\n    seed: \"1-2\"\n",
                listed.join(", "),
                if *internal { "internal" } else { "shareable" }
            )
        })
        .collect();
    f.write("data/facts.yaml", &format!("facts:\n{facts}"));
    f.write(
        "briefs/b.yaml",
        &format!(
            "id: b\ntitle: {{es: Informe, en: Brief}}\nreference: \"R-1\"\noffice: {{es: Oficina, en: Office}}\ndate: 2022-11-30\nlanguages: [es, en]\ndocuments:\n  - {{type: note, audiences: [{}]}}\nsections:\n  - id: all\n    title: {{es: Todo, en: All}}\n    tags: [t]\n",
            all.join(", ")
        ),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn clearance_holds_over_random_catalogs(c in case()) {
        let f = Fixture::empty();
        write(&f, &c);
        let project = Project::open(f.path()).unwrap();
        let refused: Vec<usize> = c
            .facts
            .iter()
            .enumerate()
            .filter(|(_, (listed, internal))| *internal && listed.iter().any(|&a| c.external[a]))
            .map(|(i, _)| i)
            .collect();
        match pipeline::prepare(&project, &Selection::default()) {
            Err(failure) => {
                // Refused only because an internal fact lists an external audience, at that fact.
                let message = format!("{failure:?}");
                prop_assert!(!refused.is_empty(), "a valid project was refused: {message}");
                for i in &refused {
                    prop_assert!(
                        message.contains(&format!("internal fact \\\"fact-{i}\\\" is cleared for")),
                        "fact-{i} not named in {message}"
                    );
                }
            }
            Ok(prepared) => {
                prop_assert!(refused.is_empty(), "internal facts {refused:?} listed for external audiences were accepted");
                prop_assert_eq!(prepared.planned.len(), c.external.len() * 2);
                // A translation export for an audience holds what its editions may hold: no
                // internal fact for an external audience, whatever the catalog says.
                let lock = brief::translations::lock::Lock::default();
                for a in 0..c.external.len() {
                    let audience = brief::model::Audience::new(&format!("aud-{a}"));
                    let en = brief::model::Lang::new("en");
                    let xliff = brief::translations::xliff::export(&prepared.dataset, &lock, en, false, Some(audience)).unwrap_or_default();
                    for (i, (listed, internal)) in c.facts.iter().enumerate() {
                        let cleared = listed.contains(&a) && !(*internal && c.external[a]);
                        if *internal {
                            prop_assert_eq!(xliff.contains(&canary(i)), cleared, "XLIFF for aud-{} and fact-{}", a, i);
                        }
                    }
                }
                for planned in &prepared.planned {
                    let a: usize = planned.view.audience.as_str()["aud-".len()..].parse().unwrap();
                    let expected: BTreeSet<String> = c
                        .facts
                        .iter()
                        .enumerate()
                        .filter(|(_, (listed, internal))| listed.contains(&a) && !(*internal && c.external[a]))
                        .map(|(i, _)| format!("fact-{i}"))
                        .collect();
                    let held: BTreeSet<String> = planned.view.facts.keys().cloned().collect();
                    prop_assert_eq!(&held, &expected, "edition {}", planned.name());
                    let typ = prepared
                        .templates
                        .render(&planned.template, &planned.view)
                        .unwrap()
                        .typ;
                    prop_assert!(planned.docx, "the catalog asks for a DOCX");
                    let docx = brief::docx::edition(planned).unwrap();
                    let parts = docx_parts(&docx);
                    prop_assert!(parts.len() >= 10, "{} parts", parts.len());
                    for (i, (listed, internal)) in c.facts.iter().enumerate() {
                        let present = typ.contains(&canary(i));
                        if *internal && c.external[a] {
                            prop_assert!(!present, "internal fact-{i} reached external {}", planned.name());
                        }
                        if *internal {
                            prop_assert_eq!(present, listed.contains(&a), "fact-{} in {}", i, planned.name());
                        }
                        // Every part of the package (document, header, footer, properties):
                        // the canary is where the Typst has it, and nowhere else.
                        let in_docx = parts.iter().any(|(_, content)| contains(content, &canary(i)));
                        prop_assert_eq!(in_docx, present, "fact-{} in the DOCX of {}", i, planned.name());
                    }
                }
            }
        }
    }
}
