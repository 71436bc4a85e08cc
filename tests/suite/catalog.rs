//! The catalog makes the set of editions data (issue 11): a project adds an audience, a language
//! and a document type in `templates/catalog.yaml` and builds with the same binary, and every
//! mistake in the catalog, or an id it does not declare, is a located error.

use crate::common;
use common::*;

const EXTENSION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extension");

fn fixture_file(name: &str) -> String {
    std::fs::read_to_string(format!("{EXTENSION}/{name}")).unwrap()
}

/// One of the three blocks of `catalog-additions.yaml`: YAML list items indented as the
/// catalog's own.
fn addition(block: &str) -> String {
    let text = fixture_file("catalog-additions.yaml");
    let start = text
        .find(&format!("\n{block}: |\n"))
        .unwrap_or_else(|| panic!("no `{block}` block"));
    text[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("  ") || l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The shipped catalog with the language `pt`, the audience `congress` and the document type
/// `aide-memoire` added in its three lists, and a Portuguese name for every audience and
/// document type (every text is written in every language of the catalog).
fn extended_catalog() -> String {
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/catalog.yaml")).unwrap();
    let with_language = shipped.replacen(
        "\naudiences:\n",
        &format!("\n{}\n\naudiences:\n", addition("language")),
        1,
    );
    let with_audience = with_language.replacen(
        "\ndocuments:\n",
        &format!("\n{}\n\ndocuments:\n", addition("audience")),
        1,
    );
    let with_document = with_audience.replacen(
        "\nresearch:\n",
        &format!("\n{}\n\nresearch:\n", addition("document")),
        1,
    );
    assert!(
        with_document.contains("id: aide-memoire"),
        "the document type was not added"
    );
    with_document
        .lines()
        .map(
            |line| match (line.find("name: {es: "), line.contains(" pt: ")) {
                (Some(_), false) => {
                    let english = line
                        .split(", en: ")
                        .nth(1)
                        .and_then(|rest| rest.strip_suffix('}'))
                        .unwrap_or_else(|| panic!("a name without English: {line}"));
                    format!("{}, pt: {english}}}", line.strip_suffix('}').unwrap())
                }
                _ => line.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .iter()
        // A text written as a block (a marking floor's reason): its English again as pt.
        .flat_map(|line| {
            let trimmed = line.trim_start();
            match trimmed.strip_prefix("en: ") {
                Some(english) if line.len() - trimmed.len() >= 8 => vec![
                    line.clone(),
                    format!("{}pt: {english}", &line[..line.len() - trimmed.len()]),
                ],
                _ => vec![line.clone()],
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A project whose facts, brief and texts carry es, en and pt, built on the extended catalog.
fn extension() -> Fixture {
    let f = Fixture::empty();
    f.write("templates/catalog.yaml", &extended_catalog());
    f.write(
        "templates/aide-memoire.typ.j2",
        &fixture_file("aide-memoire.typ.j2"),
    );
    f.write("data/facts.yaml", &fixture_file("facts.yaml"));
    f.write("briefs/ext.yaml", &fixture_file("brief.yaml"));
    f
}

const OUT: &str = "out/ext-brief/ext-brief";

#[test]
fn a_new_audience_language_and_document_type_build_without_any_rust_change() {
    let f = extension();
    let run = f.brief(&["build"]).ok();
    let mut names: Vec<String> = f
        .pdf_names()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "ext-brief/ext-brief.aide-memoire.congress.en.pdf",
            "ext-brief/ext-brief.aide-memoire.congress.es.pdf",
            "ext-brief/ext-brief.aide-memoire.congress.pt.pdf",
        ],
        "{}",
        run.stderr()
    );

    // The Portuguese aide-memoire: Portuguese dates, strings and reader, and the PDF
    // declares Portuguese (Brazil) as its language.
    let pdf = f.read(&format!("{OUT}.aide-memoire.congress.pt.pdf"));
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "15desetembrode2021",
        "3demarçode2023",
        "10demarçode2023",
        "Ajuda-memória",
        "ComissãodeDefesadoCongresso",
        "Trajetória",
        "OMinistériodecidiuprepararummemorandodeentendimento.",
        "RESERVADO",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let everything = pdf_everything(&pdf);
    assert!(
        contains(&everything, "pt-BR"),
        "the Portuguese PDF does not declare pt-BR"
    );
    assert!(!contains(&everything, "es-PE"));

    // The same document in Spanish keeps Spanish conventions.
    let es = squash(&pdf_text(
        &f.read(&format!("{OUT}.aide-memoire.congress.es.pdf")),
    ));
    assert!(es.contains("15deseptiembrede2021"), "{es}");
    assert!(es.contains("Ayudamemoria"), "{es}");
}

#[test]
fn the_catalog_command_prints_the_json_contract() {
    let f = extension();
    let run = f.brief(&["catalog", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("languages"), ["es", "en", "pt"]);
    assert_eq!(ids("audiences"), ["mre", "defence", "nato", "congress"]);
    assert_eq!(
        ids("documents"),
        [
            "briefing-note",
            "dossier",
            "talking-points",
            "non-paper",
            "mou",
            "aide-memoire"
        ]
    );
    let pt = &json["languages"][2];
    assert_eq!(pt["region"], "BR");
    assert_eq!(pt["tag"], "pt-BR");
    assert_eq!(pt["months"][8], "setembro");
    let congress = &json["audiences"][3];
    assert_eq!(congress["external"], false);
    assert_eq!(json["audiences"][2]["external"], true);
    let documents = json["documents"].as_array().unwrap();
    let by_id = |id: &str| documents.iter().find(|d| d["id"] == id).unwrap().clone();
    let mou = by_id("mou");
    assert_eq!(mou["audiences"], serde_json::json!(["nato"]));
    assert_eq!(mou["parallel"], serde_json::json!(["es", "en"]));
    assert_eq!(mou["cites"], false);
    let points = by_id("aide-memoire");
    assert_eq!(points["max_pages"], 2);
    assert_eq!(points["languages"], serde_json::Value::Null);
    assert_eq!(points["parallel"], serde_json::Value::Null);

    // And for people: one line per entry.
    let human = f.brief(&["catalog"]).ok().stdout();
    assert!(human.contains("congress"), "{human}");
    assert!(human.contains("pt-BR"), "{human}");
}

#[test]
fn an_unknown_id_anywhere_is_located_with_a_suggestion() {
    // In a fact's clearance.
    let f = extension();
    let facts = fixture_file("facts.yaml").replace("[mre, congress, nato]", "[mre, congres, nato]");
    f.write("data/facts.yaml", &facts);
    f.brief(&["check"])
        .fails(65)
        .says("data/facts.yaml:10:")
        .says("unknown audience `congres`")
        .says("did you mean `congress`?");

    // In a brief's documents, audiences and languages.
    let f = extension();
    let brief = fixture_file("brief.yaml").replace("type: aide-memoire", "type: aide-memoir");
    f.write("briefs/ext.yaml", &brief);
    f.brief(&["check"])
        .fails(65)
        .says("briefs/ext.yaml:8:")
        .says("unknown document type `aide-memoir`")
        .says("did you mean `aide-memoire`?");
    let f = extension();
    let brief =
        fixture_file("brief.yaml").replace("languages: [es, en, pt]", "languages: [es, en, ptt]");
    f.write("briefs/ext.yaml", &brief);
    f.brief(&["check"])
        .fails(65)
        .says("briefs/ext.yaml:6:")
        .says("unknown language `ptt`")
        .says("did you mean `pt`?");

    // In the catalog itself: a document type serving an audience it does not declare.
    let f = extension();
    let catalog = std::fs::read_to_string(f.path().join("templates/catalog.yaml"))
        .unwrap()
        .replace("audiences: [mre, congress]", "audiences: [mre, congres]");
    f.write("templates/catalog.yaml", &catalog);
    f.brief(&["check"])
        .fails(65)
        .says("templates/catalog.yaml:")
        .says("unknown audience `congres`")
        .says("did you mean `congress`?");

    // On the command line: a usage error, exit 2.
    let f = extension();
    f.brief(&["build", "--audience", "congres"])
        .fails(2)
        .says("no audience has the id `congres`")
        .says("did you mean `congress`?");
    f.brief(&["build", "--document", "aidememoire"])
        .fails(2)
        .says("did you mean `aide-memoire`?");
    f.brief(&["build", "--lang", "pr"])
        .fails(2)
        .says("no language has the id `pr`");
}

#[test]
fn a_string_missing_in_one_language_is_an_error_at_the_template_line() {
    let f = extension();
    let catalog = std::fs::read_to_string(f.path().join("templates/catalog.yaml"))
        .unwrap()
        .replace("      aide-memoire: Ajuda-memória\n", "");
    f.write("templates/catalog.yaml", &catalog);
    let template =
        "{% import \"partials/blocks.j2\" as b %}\n{{ b.setup() }}\n= {{ t(\"aide-memoire\") }}\n";
    f.write("templates/aide-memoire.typ.j2", template);
    // es and en lack it too (the shipped catalog has no such string); pt had it and lost it.
    f.brief(&["check"])
        .fails(65)
        .says("templates/aide-memoire.typ.j2:3:")
        .says("the string `aide-memoire` is not declared for language");
    // Declared for es and en but not pt: the error names pt, at the same line.
    let catalog = catalog
        .replace(
            "      page-of: de\n      reference: Referencia\n",
            "      page-of: de\n      reference: Referencia\n      aide-memoire: Ayuda memoria\n",
        )
        .replace(
            "      page-of: of\n      reference: Reference\n",
            "      page-of: of\n      reference: Reference\n      aide-memoire: Aide-memoire\n",
        );
    f.write("templates/catalog.yaml", &catalog);
    f.brief(&["check"])
        .fails(65)
        .says("templates/aide-memoire.typ.j2:3:")
        .says("the string `aide-memoire` is not declared for language `pt`");
}

#[test]
fn catalog_mistakes_are_located() {
    let shipped = std::fs::read_to_string(format!("{REPO}/templates/catalog.yaml")).unwrap();
    let cases: [(&str, String, &str); 8] = [
        (
            "a duplicate audience id",
            shipped.replacen("  - id: defence\n", "  - id: mre\n", 1),
            "duplicate audience id `mre`",
        ),
        (
            "eleven months",
            shipped.replacen(", diciembre]", "]", 1),
            "lists 11 month names",
        ),
        (
            "a region that is not BCP 47",
            shipped.replacen("region: PE", "region: Peru", 1),
            "is not a BCP 47 region subtag",
        ),
        (
            "a required marking string missing",
            shipped.replacen("      marking.reservado: RESTRICTED\n", "", 1),
            "language `en` has no string `marking.reservado`",
        ),
        (
            // Without it the English NATO editions printed RESTRICTED, NATO's own level.
            "Peru's marking for an external reader declared in one language only",
            shipped.replacen(
                "      marking-external.reservado: RESERVADO (PERÚ)\n      marking-external.confidencial: CONFIDENCIAL (PERÚ)\n      portion.publico: (U)",
                "      marking-external.confidencial: CONFIDENCIAL (PERÚ)\n      portion.publico: (U)",
                1,
            ),
            "language `en` has no string `marking-external.reservado`, which another language declares",
        ),
        (
            // A 300-character marking ran off the banner and lost the word RESERVADO.
            "a marking too long for a page's banner",
            shipped.replacen(
                "      marking-external.reservado: RESERVADO (PERÚ)\n      marking-external.confidencial: CONFIDENCIAL (PERÚ)\n      portion.publico: (U)",
                &format!("      marking-external.reservado: RESERVADO (PERÚ){}\n      marking-external.confidencial: CONFIDENCIAL (PERÚ)\n      portion.publico: (U)", " X".repeat(20)),
                1,
            ),
            "the marking `marking-external.reservado` of language `en` is 56 characters long; a marking has at most 32",
        ),
        (
            "a marking floor's reason in one language only",
            shipped.replacen(
                "        en: elements of an international negotiation (Law 27806, art. 16)\n",
                "",
                1,
            ),
            "has no text in English (missing `en`)",
        ),
        (
            "an audience that does not say whether it is external",
            shipped.replacen("    external: true             # internal facts never reach it: enforced in code, not here\n", "", 1),
            "missing field `external`",
        ),
    ];
    for (what, catalog, message) in cases {
        assert_ne!(catalog, shipped, "{what}: the edit did not apply");
        let f = Fixture::valid();
        f.write("templates/catalog.yaml", &catalog);
        let run = f.brief(&["check"]).fails(65);
        let err = run.stderr();
        assert!(err.contains("templates/catalog.yaml:"), "{what}: {err}");
        assert!(
            err.contains(message),
            "{what}: expected {message:?} in\n{err}"
        );
    }
}

#[test]
fn removing_a_language_that_facts_still_carry_is_an_error_at_the_first_such_fact() {
    let f = extension();
    // Back to the shipped catalog, without pt: the facts and the brief still carry pt texts.
    f.write(
        "templates/catalog.yaml",
        &std::fs::read_to_string(format!("{REPO}/templates/catalog.yaml")).unwrap(),
    );
    let run = f.brief(&["check"]).fails(65);
    let err = run.stderr();
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("data/facts.yaml:9:") && first.contains("`pt`"),
        "the first error is not at the first fact's pt text:\n{err}"
    );
    assert!(err.contains("declares no language `pt`"), "{err}");
}

#[test]
fn an_internal_fact_stays_out_of_an_external_audience_declared_in_the_catalog() {
    let f = extension();
    // Congress made external: the internal 2023 decision may no longer be cleared for it.
    let catalog = std::fs::read_to_string(f.path().join("templates/catalog.yaml"))
        .unwrap()
        .replace("  - id: congress\n    name: {es: Comisión de Defensa del Congreso, en: Congress Defence Committee, pt: Comissão de Defesa do Congresso}\n    external: false", "  - id: congress\n    name: {es: Comisión de Defensa del Congreso, en: Congress Defence Committee, pt: Comissão de Defesa do Congresso}\n    external: true");
    f.write("templates/catalog.yaml", &catalog);
    f.brief(&["build"])
        .fails(65)
        .says("data/facts.yaml:22:")
        .says("internal fact \"pe-ministerial-2023\" is cleared for `congress`");
    assert!(f.pdf_names().is_empty(), "something was written");
}

#[test]
fn making_an_external_audience_internal_is_a_release() {
    let f = Fixture::committed();
    let catalog = std::fs::read_to_string(f.path().join("templates/catalog.yaml")).unwrap();
    let edited = catalog.replacen("    external: true ", "    external: false ", 1);
    assert_ne!(edited, catalog);
    f.write("templates/catalog.yaml", &edited);
    f.brief(&["diff", "--fail-on-release"])
        .fails(1)
        .prints("audience `nato` is no longer external");
    // Unchanged, the same gate passes.
    f.write("templates/catalog.yaml", &catalog);
    f.brief(&["diff", "--fail-on-release"]).ok();
}
