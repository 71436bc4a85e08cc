//! `brief diff` on fixture git repositories built in temporary folders: a commit, then each kind
//! of change in the working tree.

use crate::common;

use common::{FACTS, Fixture};

fn json(f: &Fixture, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = f.brief(&all).ok();
    serde_json::from_str(&run.stdout()).expect("JSON report")
}

#[test]
fn reformatting_is_not_a_change() {
    let f = Fixture::committed();
    // Other indentation, quoting, flow style and order of facts: the same values.
    let reformatted = FACTS
        .replace("    tags: [peru-record, timeline-peru]", "    tags:\n      - peru-record\n      - \"timeline-peru\"")
        .replace("    seed: \"1734-1742\"", "    seed: '1734-1742'")
        .replace("title: {es: Aprobación de la participación del Perú, en: \"Approval of Peru's participation\"}", "title:\n      en: \"Approval of Peru's participation\"\n      es: 'Aprobación de la participación del Perú'");
    assert_ne!(reformatted, FACTS);
    f.write("data/facts.yaml", &reformatted);
    let report = json(&f, &[]);
    assert_eq!(report["facts"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(report["outputs"].as_array().unwrap().len(), 0, "{report:#}");
}

#[test]
fn an_english_edit_is_modified_drift_and_touches_only_english_outputs() {
    let f = Fixture::committed();
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "On 15 September 2021 the Allies approved",
            "On 15 September 2021 NATO Allies approved",
        ),
    );
    let report = json(&f, &["HEAD"]);
    let facts = report["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0]["id"], "pe-bi-approval");
    assert_eq!(facts[0]["change"], "modified");
    assert_eq!(facts[0]["fields"][0]["field"], "text.en");
    assert_eq!(report["drift"][0]["id"], "pe-bi-approval");
    let outputs: Vec<&str> = report["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        vec![
            "test-brief/test-brief.briefing-note.defence.en",
            "test-brief/test-brief.briefing-note.mre.en",
            "test-brief/test-brief.non-paper.nato.en"
        ]
    );
    assert!(report["releases"].as_array().unwrap().is_empty());
    for key in ["facts", "releases", "drift", "outputs"] {
        assert!(report.get(key).is_some(), "JSON contract: missing `{key}`");
    }
}

#[test]
fn clearing_an_internal_fact_for_nato_is_a_release_and_fails_the_gate() {
    let f = Fixture::committed();
    let released = FACTS.replacen(
        "    audiences: [mre, defence]\n    sensitivity: internal\n    classification: reservado\n    seed: \"5650-5660\"",
        "    audiences: [mre, defence, nato]\n    sensitivity: shareable\n    classification: publico\n    seed: \"5650-5660\"",
        1,
    );
    assert_ne!(released, FACTS);
    f.write("data/facts.yaml", &released);
    let run = f.brief(&["diff", "--fail-on-release"]).fails(1);
    run.prints("RELEASES");
    assert!(
        run.stdout()
            .contains("risk-trade: now cleared for `nato` (an EXTERNAL reader)"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout()
            .contains("classification lowered from `reservado` to `publico`"),
        "{}",
        run.stdout()
    );
    // The NATO editions now draw the fact through the section open to every audience.
    run.prints("test-brief/test-brief.non-paper.nato.en: risk-trade");
    // Without the gate, the same report exits 0.
    f.brief(&["diff"]).ok();
}

#[test]
fn added_removed_and_renamed_facts() {
    let f = Fixture::committed();
    let changed = FACTS
        .replace("  - id: risk-trade\n", "  - id: risk-trade-partners\n")
        .replace("  - id: risk-supplier\n", "  - id: risk-arms-supplier\n")
        .replace(
            "An arms supplier could disapprove",
            "A main arms supplier could disapprove",
        );
    f.write("data/facts.yaml", &changed);
    let report = json(&f, &[]);
    let by: Vec<(String, String)> = report["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_owned(),
                c["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        by.contains(&("renamed".into(), "risk-trade-partners".into())),
        "{by:?}"
    );
    assert!(
        by.contains(&("added".into(), "risk-arms-supplier".into())),
        "{by:?}"
    );
    assert!(
        by.contains(&("removed".into(), "risk-supplier".into())),
        "{by:?}"
    );
}

#[test]
fn two_folders_and_markdown() {
    let old = Fixture::valid();
    let new = Fixture::valid();
    new.write(
        "data/facts.yaml",
        &FACTS.replace("Trade partners could", "Trading partners could"),
    );
    let run = new
        .brief(&[
            "diff",
            old.path().to_str().unwrap(),
            "WORKTREE",
            "--format",
            "markdown",
        ])
        .ok();
    assert!(
        run.stdout()
            .contains("| modified | `risk-trade` | text.en |"),
        "{}",
        run.stdout()
    );
    run.prints("- `test-brief/test-brief.briefing-note.mre.en`: `risk-trade`");
}

#[test]
fn explain_says_where_a_fact_goes() {
    let f = Fixture::valid();
    let run = f.brief(&["explain", "risk-trade"]).ok();
    let out = run.stdout();
    assert!(out.contains("risk-trade (data/facts.yaml:15:9)"), "{out}");
    assert!(out.contains("cleared for: mre, defence"), "{out}");
    assert!(
        out.contains("test-brief/test-brief.briefing-note.mre.es: section `risks`"),
        "{out}"
    );
    assert!(!out.contains("nato."), "{out}");
    f.brief(&["explain", "risk-trad"])
        .fails(2)
        .says("did you mean `risk-trade`?");
}

#[test]
fn the_redline_shows_inserted_and_deleted_text() {
    let f = Fixture::committed();
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "On 15 September 2021 the Allies approved",
            "On 15 September 2021 NATO Allies formally approved",
        ),
    );
    let run = f
        .brief(&[
            "diff",
            "HEAD",
            "--redline",
            "test-brief/test-brief.non-paper.nato.en",
        ])
        .ok();
    assert!(
        run.stderr()
            .contains("wrote out/test-brief/test-brief.non-paper.nato.en.redline.pdf"),
        "{}",
        run.stderr()
    );
    let text =
        common::squash(&f.pdf_text("out/test-brief/test-brief.non-paper.nato.en.redline.pdf"));
    assert!(text.contains("REDLINE"), "no legend: {text}");
    assert!(
        text.contains("HEAD("),
        "the legend does not name the old revision: {text}"
    );
    // Between the unchanged "15 September 2021" and "Allies" stand both the deleted "the" and the
    // inserted "NATO"; "formally" is inserted before the unchanged "approved".
    let start = text.find("15September2021").expect("unchanged text kept");
    let between = &text[start + "15September2021".len()..];
    let between = &between[..between.find("Allies").expect("Allies kept")];
    assert!(
        between.contains("NATO") && between.contains("the"),
        "{between:?}"
    );
    assert!(text.contains("formallyapproved"), "{text}");
    f.brief(&["diff", "HEAD", "--redline", "test-brief/nato.fr"])
        .fails(2)
        .says("no output `test-brief/nato.fr`");
}

#[test]
fn brief_definition_changes_name_the_sections() {
    let f = Fixture::committed();
    let brief = common::BRIEF;
    let cut = &brief[..brief.find("  - id: everything-tagged").unwrap()];
    f.write("briefs/test.yaml", cut);
    let report = json(&f, &[]);
    assert_eq!(
        report["briefs"][0], "test-brief (section everything-tagged removed)",
        "{report:#}"
    );
    assert!(report["facts"].as_array().unwrap().is_empty());
}

#[test]
fn a_restates_change_is_shown_as_a_change_of_the_fact() {
    // `restates` can take another fact out of a document: a reviewer sees it as a field change.
    let f = Fixture::committed();
    f.write(
        "data/facts.yaml",
        &FACTS.replacen(
            "  - id: risk-supplier\n    kind: risk\n",
            "  - id: risk-supplier\n    kind: risk\n    restates: [risk-trade]\n",
            1,
        ),
    );
    let report = json(&f, &["HEAD"]);
    let facts = report["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 1, "{report:#}");
    assert_eq!(facts[0]["id"], "risk-supplier");
    let fields: Vec<&str> = facts[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["restates"], "{report:#}");
}
