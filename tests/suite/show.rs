//! `brief show <brief>/<audience>.<lang>` lists what an output holds, by section, with why each
//! fact was drawn, its classification and portion mark, and the facts behind the document's
//! marking; `brief explain` says why a fact was drawn at each place it appears.

use crate::common;

use common::{BRIEF, Fixture};

/// The valid project with one more section, drawing by kind, for the MRE edition.
fn project() -> Fixture {
    let f = Fixture::valid();
    f.write(
        "briefs/test.yaml",
        &format!(
            "{BRIEF}  - id: by-kind\n    title: {{es: Cláusulas, en: Clauses}}\n    layout: list\n    audiences: [mre]\n    kinds: [clause]\n"
        ),
    );
    f
}

fn json(f: &Fixture, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    let run = f.brief(&all).ok();
    serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()))
}

#[test]
fn show_lists_the_facts_by_section_with_why_classification_and_mark() {
    let f = project();
    let run = f
        .brief(&["show", "test-brief/test-brief.briefing-note.mre.en"])
        .ok();
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "test-brief/test-brief.briefing-note.mre.en: 4 fact(s) in 3 section(s), marked CONFIDENTIAL (confidencial)",
            "marking set by the document type: recommendations made before a Government decision (Law 27806, art. 17)",
            "section `record` (Record)",
            "1. pe-bi-approval  publico (U)  drawn by facts: list",
            "section `risks` (Risks)",
            "2. risk-trade  reservado (R)  drawn by tags: [risks]",
            "3. risk-supplier  reservado (R)  drawn by tags: [risks]",
            "section `by-kind` (Clauses)",
            "4. mou-purpose  publico (U)  drawn by kinds: [clause]",
        ],
        "{out}"
    );
}

#[test]
fn show_as_json() {
    let f = project();
    let shown = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.es"]);
    assert_eq!(
        shown["output"],
        "test-brief/test-brief.briefing-note.mre.es"
    );
    // A briefing note is confidential whatever its facts (its floor, art. 17): no fact drives it.
    assert_eq!(shown["marking"]["classification"], "confidencial");
    assert_eq!(shown["marking"]["label"], "CONFIDENCIAL");
    assert_eq!(shown["marking"]["driven_by"], serde_json::json!([]));
    assert_eq!(
        shown["marking"]["floor"],
        "recomendaciones previas a una decisión del Gobierno (Ley 27806, art. 17)"
    );
    let sections = shown["sections"].as_array().unwrap();
    let ids: Vec<&str> = sections.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["record", "risks", "by-kind"]);
    assert_eq!(sections[0]["title"], "Vínculos");
    assert_eq!(
        sections[0]["facts"][0],
        serde_json::json!({"id": "pe-bi-approval", "drawn_by": {"rule": "facts"},
            "classification": "publico", "mark": "(P)"})
    );
    assert_eq!(
        sections[1]["facts"][1]["drawn_by"],
        serde_json::json!({"rule": "tags", "value": "risks"})
    );
    assert_eq!(
        sections[2]["facts"][0]["drawn_by"],
        serde_json::json!({"rule": "kinds", "value": "clause"})
    );
}

#[test]
fn show_an_external_edition_holds_no_internal_fact_and_names_no_driver_when_public() {
    let f = project();
    let shown = json(&f, &["show", "test-brief/test-brief.non-paper.nato.en"]);
    let all: Vec<&str> = shown["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["facts"].as_array().unwrap())
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(all, ["pe-bi-approval"]);
    // Its facts are public; the document type's floor marks it (it floats the draft MoU).
    assert_eq!(shown["marking"]["classification"], "reservado");
    assert_eq!(shown["marking"]["label"], "RESERVADO (PERÚ)");
    assert_eq!(shown["marking"]["driven_by"], serde_json::json!([]));
    let human = f
        .brief(&["show", "test-brief/test-brief.non-paper.nato.en"])
        .ok()
        .stdout();
    assert!(
        human.contains("marking set by the document type: elements of an international negotiation (Law 27806, art. 16)"),
        "{human}"
    );
    // Without the floor, nothing drives it above public, and show says so.
    let catalog = std::fs::read_to_string(f.path().join("templates/catalog.yaml")).unwrap();
    let start = catalog.find("    # It floats the memorandum").unwrap();
    let end = catalog[start..].find("  - id: mou").unwrap() + start;
    f.write(
        "templates/catalog.yaml",
        &format!("{}{}", &catalog[..start], &catalog[end..]),
    );
    let shown = json(&f, &["show", "test-brief/test-brief.non-paper.nato.en"]);
    assert_eq!(shown["marking"]["classification"], "publico");
    let human = f
        .brief(&["show", "test-brief/test-brief.non-paper.nato.en"])
        .ok()
        .stdout();
    assert!(human.contains("marking: every fact is publico"), "{human}");
    // The MoU's parallel text is an output too, under the name build prints.
    let parallel = json(&f, &["show", "test-brief/test-brief.mou.nato.es-en"]);
    assert_eq!(parallel["sections"][0]["facts"][0]["id"], "mou-purpose");
}

#[test]
fn show_names_the_same_facts_as_the_build_puts_in_the_output() {
    let f = project();
    f.brief(&["build", "--quiet", "--audience", "mre", "--lang", "en"])
        .ok();
    let typ =
        String::from_utf8(f.read("out/test-brief/test-brief.briefing-note.mre.en.typ")).unwrap();
    for text in [
        "Allies approved Peru",
        "Trade partners could disapprove",
        "arms supplier could disapprove",
        "reaffirm their commitment",
    ] {
        assert!(typ.contains(text), "{text} is not in the output");
    }
    let shown = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
    let count: usize = shown["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["facts"].as_array().unwrap().len())
        .sum();
    assert_eq!(count, 4, "{shown:#}");
}

#[test]
fn an_unknown_output_is_a_usage_error_with_a_hint() {
    let f = project();
    f.brief(&["show", "test-brief/test-brief.non-paper.nato.fr"])
        .fails(2)
        .says(
            "no output `test-brief/test-brief.non-paper.nato.fr` (did you mean `test-brief/test-brief.non-paper.nato.en`?)",
        );
    f.brief(&["show", "test-brief/test-brief.non-paper.nato.en.pdf"])
        .fails(2)
        .says("did you mean `test-brief/test-brief.non-paper.nato.en`?");
    f.brief(&["show", "nothing-like-it"])
        .fails(2)
        .says("outputs: test-brief/test-brief.briefing-note.defence.en, test-brief/test-brief.briefing-note.defence.es,");
    let out = f.brief(&["show", "nothing-like-it"]).fails(2).stdout();
    assert!(out.is_empty(), "{out}");
}

#[test]
fn explain_says_why_a_fact_was_drawn_at_each_place() {
    let f = project();
    let out = f.brief(&["explain", "risk-trade"]).ok().stdout();
    assert!(
        out.contains(
            "test-brief/test-brief.briefing-note.mre.en: section `risks` (drawn by tags: [risks])"
        ),
        "{out}"
    );
    let out = f.brief(&["explain", "mou-purpose"]).ok().stdout();
    assert!(
        out.contains("test-brief/test-brief.briefing-note.mre.es: section `by-kind` (drawn by kinds: [clause])"),
        "{out}"
    );
    assert!(
        out.contains(
            "test-brief/test-brief.mou.nato.en: section `mou-paragraphs` (drawn by tags: [mou])"
        ),
        "{out}"
    );
}

#[test]
fn explain_as_json() {
    let f = project();
    let e = json(&f, &["explain", "pe-bi-approval"]);
    assert_eq!(e["id"], "pe-bi-approval");
    assert_eq!(e["file"], "data/facts.yaml");
    assert_eq!(e["line"], 2);
    assert_eq!(e["classification"], "publico");
    assert_eq!(
        e["cleared_for"],
        serde_json::json!(["mre", "defence", "nato"])
    );
    let places = e["places"].as_array().unwrap();
    assert!(
        places.contains(
            &serde_json::json!({"output": "test-brief/test-brief.non-paper.nato.en",
            "section": "record", "drawn_by": {"rule": "facts"}})
        ),
        "{places:?}"
    );
    // Cleared for nato, for whom the MoU is made too, but no MoU section draws it.
    assert!(
        !places
            .iter()
            .any(|p| p["output"].as_str().unwrap().contains("mou.")),
        "{places:?}"
    );
    f.brief(&["explain", "risk-trad", "--format", "json"])
        .fails(2)
        .says("did you mean `risk-trade`?");
}

#[test]
fn show_names_the_facts_that_drive_a_marking_above_the_document_types_floor() {
    let f = project();
    // The non-paper's floor is RESERVADO: one confidential fact cleared for nato marks it
    // above, and that fact, not the floor, explains it.
    let facts = std::fs::read_to_string(f.path().join("data/facts.yaml"))
        .unwrap()
        .replacen("classification: publico", "classification: confidencial", 1);
    f.write("data/facts.yaml", &facts);
    let shown = json(&f, &["show", "test-brief/test-brief.non-paper.nato.en"]);
    assert_eq!(shown["marking"]["classification"], "confidencial");
    assert_eq!(shown["marking"]["label"], "CONFIDENCIAL (PERÚ)");
    assert_eq!(
        shown["marking"]["driven_by"],
        serde_json::json!(["pe-bi-approval"])
    );
    assert_eq!(shown["marking"]["floor"], serde_json::Value::Null);
    let human = f
        .brief(&["show", "test-brief/test-brief.non-paper.nato.en"])
        .ok()
        .stdout();
    assert!(
        human.contains("marking driven by: pe-bi-approval"),
        "{human}"
    );
    assert!(!human.contains("set by the document type"), "{human}");
}

#[test]
fn show_names_the_section_whose_marking_raises_the_document() {
    // `record` gives its paragraphs at least CONFIDENTIAL: its public fact prints (C), and that
    // section, not the fact, nor only the document type's floor, explains the banner.
    let f = Fixture::valid();
    f.write(
        "briefs/test.yaml",
        &BRIEF.replacen(
            "    facts: [pe-bi-approval]\n",
            "    facts: [pe-bi-approval]\n    marking: confidencial\n",
            1,
        ),
    );
    let shown = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
    assert_eq!(shown["marking"]["classification"], "confidencial");
    assert_eq!(shown["marking"]["driven_by"], serde_json::json!([]));
    assert_eq!(
        shown["marking"]["driven_by_sections"],
        serde_json::json!(["record"])
    );
    assert_eq!(shown["sections"][0]["marking"], "confidencial");
    let human = f
        .brief(&["show", "test-brief/test-brief.briefing-note.mre.en"])
        .ok()
        .stdout();
    assert!(
        human.contains("marking driven by section `record`"),
        "{human}"
    );
    assert!(
        human.contains("the document type also requires at least this marking"),
        "{human}"
    );
    assert!(
        !human.contains("marking set by the document type"),
        "{human}"
    );
    assert!(
        human.contains("1. pe-bi-approval  confidencial (C)"),
        "{human}"
    );
}

/// The valid project with a fact that says again what `risk-trade` says, drawn by a later
/// section by name (`named`) or by tag.
fn with_restatement(named: bool) -> Fixture {
    let f = Fixture::valid();
    let again = "  - id: risk-trade-again\n    kind: risk\n    restates: [risk-trade]\n    tags: [more-risks]\n    text:\n      es: Los socios comerciales verían con malos ojos el acercamiento.\n      en: Trading partners would frown on the approach.\n    audiences: [mre, defence]\n    sensitivity: internal\n    classification: reservado\n    seed: \"5650-5660\"\n";
    f.write(
        "data/facts.yaml",
        &format!(
            "{}{again}",
            common::FACTS.trim_end_matches('\n').to_owned() + "\n"
        ),
    );
    let draw = if named {
        "facts: [risk-trade-again]"
    } else {
        "tags: [more-risks]"
    };
    f.write(
        "briefs/test.yaml",
        &format!(
            "{BRIEF}  - id: more\n    title: {{es: Más, en: More}}\n    documents: [briefing-note]\n    audiences: [mre]\n    {draw}\n"
        ),
    );
    f
}

#[test]
fn a_fact_that_restates_one_already_shown_is_left_out_and_a_named_one_is_reported() {
    for named in [true, false] {
        let f = with_restatement(named);
        let shown = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
        let ids: Vec<&str> = shown["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["facts"].as_array().unwrap())
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"risk-trade"), "{ids:?}");
        assert!(
            !ids.contains(&"risk-trade-again"),
            "named: {named}: {ids:?}"
        );
        let run = f.brief(&["check"]).ok();
        let out = run.stdout();
        let warned = out.lines().any(|l| {
            l.starts_with("repeated: ")
                && l.contains("restates `risk-trade`, which section `risks` already shows")
        });
        assert_eq!(warned, named, "named: {named}: {out}");
        // What it says reaches a reader, so the coverage report does not call it unused.
        assert!(
            !out.lines()
                .any(|l| l.starts_with("unused in") && l.contains("risk-trade-again")),
            "{out}"
        );
    }
    // Where the fact it restates is not drawn, the restatement prints.
    let f = with_restatement(true);
    let brief = std::fs::read_to_string(f.path().join("briefs/test.yaml")).unwrap();
    let risks = brief.find("  - id: risks\n").unwrap();
    let mou = brief.find("  - id: mou-paragraphs\n").unwrap();
    let everything = brief.find("  - id: everything-tagged\n").unwrap();
    let more = brief.find("  - id: more\n").unwrap();
    let without = format!(
        "{}{}{}",
        &brief[..risks],
        &brief[mou..everything],
        &brief[more..]
    );
    f.write("briefs/test.yaml", &without);
    let shown = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
    let text = shown.to_string();
    assert!(text.contains("\"risk-trade-again\""), "{text}");
    assert!(!text.contains("\"risk-trade\""), "{text}");
}

#[test]
fn restating_an_unknown_fact_or_itself_is_refused_at_its_line() {
    let f = with_restatement(true);
    let facts = std::fs::read_to_string(f.path().join("data/facts.yaml")).unwrap();
    f.write(
        "data/facts.yaml",
        &facts.replace(
            "restates: [risk-trade]",
            "restates: [risk-trad, risk-trade-again]",
        ),
    );
    let run = f.brief(&["check"]).fails(65);
    let line = facts.lines().position(|l| l.contains("restates:")).unwrap() + 1;
    run.says(&format!("data/facts.yaml:{line}:"))
        .says("`restates`: unknown fact `risk-trad`")
        .says("did you mean `risk-trade`?")
        .says("fact `risk-trade-again` restates itself");
}

#[test]
fn a_section_marking_marks_its_fact_alike_in_every_internal_document_and_not_the_external_ones() {
    // `advice` exists only in the Defence note and raises `pe-bi-approval` to CONFIDENTIAL. The
    // MRE note shows the same fact in `record`: it carries the same (C), the same statement
    // never being (P) in one internal document and (C) in another, and `show` names the
    // section of the other document that raised it. The NATO non-paper, which has no portion
    // marks and goes to a counterpart, is marked by its own facts.
    let f = Fixture::valid();
    f.write(
        "briefs/test.yaml",
        &format!(
            "{BRIEF}  - id: advice\n    title: {{es: Recomendación, en: Recommendation}}\n    audiences: [defence]\n    documents: [briefing-note]\n    marking: confidencial\n    facts: [pe-bi-approval]\n"
        ),
    );
    let mre = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
    let record = &mre["sections"][0];
    assert_eq!(record["id"], "record");
    assert_eq!(record["facts"][0]["id"], "pe-bi-approval");
    assert_eq!(
        record["facts"][0]["classification"], "confidencial",
        "{mre:#}"
    );
    assert_eq!(record["facts"][0]["raised_by"], "advice", "{mre:#}");
    assert_eq!(
        mre["marking"]["driven_by_sections"],
        serde_json::json!(["advice"])
    );
    let human = f
        .brief(&["show", "test-brief/test-brief.briefing-note.mre.en"])
        .ok()
        .stdout();
    assert!(
        human.contains("pe-bi-approval  confidencial (C)  drawn by facts: list (raised by section `advice`, which draws it too)"),
        "{human}"
    );
    let nato = json(&f, &["show", "test-brief/test-brief.non-paper.nato.en"]);
    assert_eq!(nato["sections"][0]["facts"][0]["id"], "pe-bi-approval");
    assert_eq!(
        nato["sections"][0]["facts"][0]["classification"], "publico",
        "{nato:#}"
    );
    assert!(nato["sections"][0]["facts"][0].get("raised_by").is_none());
}

#[test]
fn a_restatement_never_takes_a_paragraph_out_of_a_document_for_nato() {
    // A second clause, drawn by the MoU's `tags: [mou]`, says it restates the first: inside
    // the Ministry that would leave it out quietly, but the MoU is handed to a counterpart, so
    // the build refuses at the rule that draws it and writes nothing.
    let f = Fixture::built();
    let before = f.out_files();
    let facts = std::fs::read_to_string(f.path().join("data/facts.yaml")).unwrap();
    f.write(
        "data/facts.yaml",
        &format!(
            "{facts}  - id: mou-purpose-again\n    kind: clause\n    restates: [mou-purpose]\n    tags: [mou]\n    attrs:\n      heading: {{es: Alcance, en: Scope}}\n    text:\n      es: Los Participantes cooperarán en ámbitos de interés mutuo.\n      en: The Participants will cooperate in areas of mutual interest.\n    audiences: [mre, nato]\n    sensitivity: shareable\n    classification: publico\n"
        ),
    );
    let brief = std::fs::read_to_string(f.path().join("briefs/test.yaml")).unwrap();
    let line = brief
        .lines()
        .position(|l| l.contains("tags: [mou]"))
        .unwrap()
        + 1;
    for command in ["check", "build"] {
        f.brief(&[command])
            .fails(65)
            .says(&format!("briefs/test.yaml:{line}:"))
            .says("fact `mou-purpose-again`, which section `mou-paragraphs` draws for test-brief/test-brief.mou.nato.")
            .says("would be left out because it restates `mou-purpose`");
    }
    // `show` refuses it alike: it would otherwise list the MoU without the clause and no word
    // of the refusal. An internal edition of the same facts still shows.
    f.brief(&["show", "test-brief/test-brief.mou.nato.en"])
        .fails(65)
        .says(&format!("briefs/test.yaml:{line}:"))
        .says("would be left out because it restates `mou-purpose`");
    f.brief(&["show", "test-brief/test-brief.briefing-note.mre.en"])
        .ok();
    f.assert_out_unchanged(&before, "a restatement refused in the MoU");
}

#[test]
fn a_section_no_edition_has_raises_no_mark() {
    // `advice` is limited to the MoU for the MRE, an edition the brief never makes: its marking
    // marks nothing, and `show` names no section behind the MRE note's marking but its own.
    let f = Fixture::valid();
    f.write(
        "briefs/test.yaml",
        &format!(
            "{BRIEF}  - id: advice\n    title: {{es: Recomendación, en: Recommendation}}\n    audiences: [mre]\n    documents: [mou]\n    marking: confidencial\n    facts: [pe-bi-approval]\n"
        ),
    );
    let mre = json(&f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
    let record = &mre["sections"][0];
    assert_eq!(record["facts"][0]["id"], "pe-bi-approval");
    assert_eq!(record["facts"][0]["classification"], "publico", "{mre:#}");
    assert!(record["facts"][0].get("raised_by").is_none(), "{mre:#}");
    assert_eq!(mre["marking"]["driven_by_sections"], serde_json::json!([]));
}

/// The valid project with an event tagged `risks` too, so that a section drawing that tag while
/// excepting risks still draws a kind it keeps.
fn risks_tagged_event() -> Fixture {
    let f = Fixture::valid();
    let facts = common::FACTS.replacen(
        "tags: [peru-record, timeline-peru]",
        "tags: [peru-record, timeline-peru, risks]",
        1,
    );
    assert_ne!(facts, common::FACTS, "the fixture's fact moved");
    f.write("data/facts.yaml", &facts);
    f
}

/// `brief show` of the MRE note with `brief` as the brief.
fn show_with(f: &Fixture, brief: &str) -> String {
    f.write("briefs/test.yaml", brief);
    f.brief(&["show", "test-brief/test-brief.briefing-note.mre.en"])
        .ok()
        .stdout()
}

#[test]
fn a_section_leaves_the_kinds_it_excepts_to_the_section_that_gathers_them() {
    // Two sections draw the risks by tag; both except risks (their kind), so the second one's
    // `kinds: [risk]` draws them, as the dossier gathers the areas of cooperation in one list
    // instead of one by one under each theme. `except-kinds` holds for tags only.
    let f = risks_tagged_event();
    let brief = BRIEF
        .replacen(
            "    tags: [risks]\n  - id: mou-paragraphs",
            "    tags: [risks]\n    except-kinds: [risk]\n  - id: mou-paragraphs",
            1,
        )
        .replacen(
            "    tags: [risks]\n    kinds: [risk]\n",
            "    tags: [risks]\n    except-kinds: [risk]\n    kinds: [risk]\n",
            1,
        );
    assert_eq!(
        brief.matches("except-kinds").count(),
        2,
        "the fixture's brief moved"
    );
    let out = show_with(&f, &brief);
    for risk in ["risk-trade", "risk-supplier"] {
        assert!(
            out.contains(&format!("{risk}  reservado (R)  drawn by kinds: [risk]")),
            "{out}"
        );
    }
    assert!(!out.contains("drawn by tags: [risks]"), "{out}");
}

#[test]
fn a_sections_marking_does_not_raise_the_kinds_it_excepts() {
    // A marked section that excepts a kind from its tags does not draw those facts, so it
    // does not mark them either: `brief show` named it as raising a fact it never drew.
    let f = risks_tagged_event();
    let brief = BRIEF.replacen(
        "    tags: [risks]\n  - id: mou-paragraphs",
        "    tags: [risks]\n    marking: confidencial\n    except-kinds: [risk]\n  - id: mou-paragraphs",
        1,
    );
    assert_ne!(brief, BRIEF, "the fixture's brief moved");
    let out = show_with(&f, &brief);
    // The event the tag draws is raised; the risks it excepts keep their own mark.
    assert!(out.contains("pe-bi-approval  confidencial (C)"), "{out}");
    for risk in ["risk-trade", "risk-supplier"] {
        assert!(out.contains(&format!("{risk}  reservado (R)")), "{out}");
        assert!(!out.contains(&format!("{risk}  confidencial")), "{out}");
    }
}

/// The ids `show` lists for the English MRE note.
fn shown_ids(f: &Fixture) -> Vec<String> {
    let shown = json(f, &["show", "test-brief/test-brief.briefing-note.mre.en"]);
    shown["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["facts"].as_array().unwrap())
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_restatement_of_a_restatement_is_left_out_but_two_facts_restated_together_both_print() {
    // `risk-trade-third` restates `risk-trade-again`, which restates `risk-trade`: the three say
    // one thing, and the note prints it once. The dossier printed a glossary term whose
    // mechanism restated a key message beside that key message.
    let f = with_restatement(false);
    let facts = std::fs::read_to_string(f.path().join("data/facts.yaml")).unwrap();
    let third = "  - id: risk-trade-third\n    kind: risk\n    restates: [risk-trade-again]\n    tags: [more-risks]\n    text:\n      es: El acercamiento disgustaría a los socios comerciales.\n      en: The approach would displease trading partners.\n    audiences: [mre, defence]\n    sensitivity: internal\n    classification: reservado\n    seed: \"5650-5660\"\n";
    f.write("data/facts.yaml", &format!("{facts}{third}"));
    let ids = shown_ids(&f);
    assert!(ids.iter().any(|i| i == "risk-trade"), "{ids:?}");
    assert!(
        !ids.iter()
            .any(|i| i == "risk-trade-again" || i == "risk-trade-third"),
        "{ids:?}"
    );
    // Named in a section, the fact left out is reported with the chain that leaves it out: its
    // own `restates:` holds `risk-trade-again`, not `risk-trade`, and a message naming only the
    // end would send the author to look for a link that is not there.
    let brief = std::fs::read_to_string(f.path().join("briefs/test.yaml")).unwrap();
    f.write(
        "briefs/test.yaml",
        &format!(
            "{brief}  - id: third\n    title: {{es: Tercero, en: Third}}\n    documents: [briefing-note]\n    audiences: [mre]\n    facts: [risk-trade-third]\n"
        ),
    );
    let out = f.brief(&["check"]).ok().stdout();
    assert!(
        out.lines().any(|l| l.starts_with("repeated: ")
            && l.contains("fact `risk-trade-third` is named in section `third` but restates `risk-trade-again`, which restates `risk-trade`, which section `risks` already shows")),
        "{out}"
    );
    f.write("briefs/test.yaml", &brief);
    // A fact that restates two (an interviewee naming both risks) does not make the two say
    // the same thing: both still print.
    let both = facts.replace(
        "restates: [risk-trade]",
        "restates: [risk-trade, risk-supplier]",
    );
    assert_ne!(both, facts);
    f.write("data/facts.yaml", &both);
    let ids = shown_ids(&f);
    for id in ["risk-trade", "risk-supplier"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing: {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "risk-trade-again"), "{ids:?}");
}

#[test]
fn a_long_chain_is_named_by_its_first_links_and_its_end() {
    // Seven facts, each restating the next, the last restating `risk-trade`: the message names
    // three links and the end, not all seven (a 1,000-fact chain printed 13 MB of messages).
    let f = with_restatement(false);
    let mut facts = std::fs::read_to_string(f.path().join("data/facts.yaml")).unwrap();
    for i in 0..7 {
        let next = if i == 6 {
            "risk-trade".to_owned()
        } else {
            format!("risk-chain-{}", i + 1)
        };
        facts.push_str(&format!(
            "  - id: risk-chain-{i}\n    kind: risk\n    restates: [{next}]\n    text:\n      es: Riesgo encadenado {i}.\n      en: Chained risk {i}.\n    audiences: [mre, defence]\n    sensitivity: internal\n    classification: reservado\n    seed: \"5650-5660\"\n"
        ));
    }
    f.write("data/facts.yaml", &facts);
    let brief = std::fs::read_to_string(f.path().join("briefs/test.yaml")).unwrap();
    f.write(
        "briefs/test.yaml",
        &format!(
            "{brief}  - id: chain\n    title: {{es: Cadena, en: Chain}}\n    documents: [briefing-note]\n    audiences: [mre]\n    facts: [risk-chain-0]\n"
        ),
    );
    let out = f.brief(&["check"]).ok().stdout();
    assert!(
        out.lines().any(|l| l.contains(
            "fact `risk-chain-0` is named in section `chain` but restates `risk-chain-1`, which restates `risk-chain-2`, which restates `risk-chain-3`, then 3 more to `risk-trade`, which section `risks` already shows"
        )),
        "{out}"
    );
}
