//! Translation state, XLIFF 2.0 exchange and the term base (issue 16): exported files are valid
//! against the OASIS XLIFF 2.0 core schema (`xmllint --schema`, Debian's libxml2-utils), a round
//! trip without edits changes no byte, a Spanish edit makes its translation stale (listed by
//! `check`, warned by `build` for an external edition, refused by `build --strict`), an import
//! writes a translation into the YAML in place, every bad XLIFF input is refused at its line and
//! column with nothing changed, and a forbidden variant of a glossary term is reported where it
//! is written.

use crate::common;

use common::{Fixture, REPO};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `xmllint`, Debian's libxml2-utils; where it is not installed, CI fails and a developer is
/// told to install it.
fn xmllint() -> Option<&'static str> {
    match Command::new("xmllint").arg("--version").output() {
        Ok(out) if out.status.success() => Some("xmllint"),
        _ if std::env::var_os("CI").is_none() => {
            eprintln!(
                "SKIPPED: `xmllint` is not installed (apt-get install libxml2-utils); CI runs this check"
            );
            None
        }
        other => panic!("`xmllint` is needed in CI: {other:?}"),
    }
}

/// Validates `file` against the XLIFF 2.0 core schema, without the network.
fn assert_valid_xliff(file: &Path) {
    let Some(tool) = xmllint() else { return };
    let schema = Path::new(REPO).join("tests/fixtures/xliff/xliff_core_2.0.xsd");
    let out = Command::new(tool)
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} is not valid XLIFF 2.0:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The schema itself refuses what XLIFF 2.0 refuses: a check that could not fail proves nothing.
#[test]
fn the_schema_refuses_an_invalid_file() {
    let Some(tool) = xmllint() else { return };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xlf");
    std::fs::write(
        &bad,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"es\">\
         <file id=\"f\"><unit id=\"u\"><segment state=\"done\"><source>a</source></segment></unit></file></xliff>",
    )
    .unwrap();
    let schema = Path::new(REPO).join("tests/fixtures/xliff/xliff_core_2.0.xsd");
    let out = Command::new(tool)
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'done'"));
}

/// Every file under `data/`, by path.
fn data(f: &Fixture) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(f.path().join("data")).unwrap() {
        let entry = entry.unwrap();
        out.insert(
            PathBuf::from(entry.file_name()),
            std::fs::read(entry.path()).unwrap(),
        );
    }
    out
}

/// `brief translations export ARGS` in `f`, written to `f/<name>`.
fn export(f: &Fixture, name: &str, args: &[&str]) -> String {
    let mut all = vec!["translations", "export"];
    all.extend_from_slice(args);
    let run = f.brief(&all).ok();
    let xml = run.stdout();
    f.write(name, &xml);
    xml
}

/// `brief translations import NAME`, run from the fixture so that messages show `NAME`.
fn import(f: &Fixture, name: &str) -> common::Run {
    let mut command = f.command(&["translations", "import", name]);
    command.current_dir(f.path());
    f.run(command, common::DEADLINE)
}

#[test]
fn the_shipped_project_exports_valid_xliff_and_round_trips_without_changing_a_byte() {
    let f = Fixture::shipped();
    let before = data(&f);
    let xml = export(&f, "en.xlf", &["--to", "en"]);
    assert!(
        xml.contains("srcLang=\"es\" trgLang=\"en\""),
        "{}",
        &xml[..300]
    );
    assert!(xml.contains("<unit id=\"term-nato.title\">"));
    // The shipped translations are all confirmed: `final`, none left to redo.
    assert!(xml.contains("state=\"final\""));
    assert!(!xml.contains("state=\"initial\""));
    assert!(!xml.contains("state=\"translated\""));
    assert!(xml.contains("<note category=\"provenance\">"));
    assert_valid_xliff(&f.path().join("en.xlf"));
    let run = import(&f, "en.xlf").ok();
    assert!(run.stdout().contains("nothing changed"), "{}", run.stdout());
    assert_eq!(data(&f), before, "a round trip without edits changed data/");
    // Nothing stale: a stale-only export has nothing to hold.
    let run = f
        .brief(&["translations", "export", "--to", "en", "--stale-only"])
        .ok();
    assert_eq!(run.stdout(), "");
    assert!(
        run.stderr()
            .contains("every translation into `en` is confirmed")
    );
}

#[test]
fn an_unconfirmed_project_round_trips_too_and_exports_translated_units() {
    let f = Fixture::valid();
    let before = data(&f);
    let xml = export(&f, "en.xlf", &["--to", "en"]);
    assert!(xml.contains("state=\"translated\""), "{xml}");
    assert!(!xml.contains("state=\"final\""), "{xml}");
    assert_valid_xliff(&f.path().join("en.xlf"));
    import(&f, "en.xlf").ok();
    assert_eq!(data(&f), before);
}

#[test]
fn a_spanish_edit_makes_its_translation_stale_until_confirmed() {
    let f = Fixture::built();
    f.brief(&["translations", "confirm", "--all"]).ok();
    let lock = String::from_utf8(f.read("data/translations.lock")).unwrap();
    assert!(lock.contains("pe-bi-approval text en "), "{lock}");
    let check = f.brief(&["check", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    assert_eq!(json["translations"]["stale"], serde_json::json!([]));
    assert_eq!(json["translations"]["missing"], serde_json::json!([]));
    assert!(json["translations"]["confirmed"].as_u64().unwrap() > 0);

    let facts = String::from_utf8(f.read("data/facts.yaml")).unwrap();
    let edited = facts.replace(
        "es: El 15 de septiembre de 2021 los Aliados aprobaron",
        "es: El 15 de septiembre de 2021 los Aliados de la OTAN aprobaron",
    );
    assert_ne!(edited, facts);
    f.write("data/facts.yaml", &edited);
    let check = f.brief(&["check", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let stale = json["translations"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["fact"], "pe-bi-approval");
    assert_eq!(stale[0]["field"], "text");
    assert_eq!(stale[0]["lang"], "en");
    let line = edited
        .lines()
        .position(|l| l.contains("en: On 15 September 2021"))
        .unwrap()
        + 1;
    assert!(
        stale[0]["at"]
            .as_str()
            .unwrap()
            .starts_with(&format!("data/facts.yaml:{line}:")),
        "{stale:?}"
    );
    let human = f.brief(&["check"]).ok();
    human.prints("translations: ");
    human.prints("stale: data/facts.yaml:");
    f.brief(&["check", "--strict"])
        .fails(65)
        .says(&format!("data/facts.yaml:{line}:"))
        .says("the en translation is stale");

    // The stale-only export holds exactly that unit, in state `initial`, and is valid.
    let xml = export(&f, "stale.xlf", &["--to", "en", "--stale-only"]);
    assert_eq!(xml.matches("<unit ").count(), 1, "{xml}");
    assert!(xml.contains("<unit id=\"pe-bi-approval.text\">"));
    assert!(xml.contains("state=\"initial\""));
    assert_valid_xliff(&f.path().join("stale.xlf"));

    // The NATO editions print the fact: build warns, and --strict refuses, writing nothing.
    let out_before = f.out_files();
    let strict = f.brief(&["build", "--strict"]).fails(65);
    assert!(
        strict.stderr().contains("pe-bi-approval"),
        "{}",
        strict.stderr()
    );
    assert!(strict.stderr().contains("stale"), "{}", strict.stderr());
    f.assert_out_unchanged(&out_before, "build --strict with a stale translation");
    let build = f.brief(&["build", "--quiet"]).ok();
    assert!(
        build.stderr().contains(&format!("data/facts.yaml:{line}:")),
        "{}",
        build.stderr()
    );
    assert!(build.stderr().contains("nato"), "{}", build.stderr());

    f.brief(&["translations", "confirm", "pe-bi-approval"]).ok();
    let check = f.brief(&["check", "--strict", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    assert_eq!(json["translations"]["stale"], serde_json::json!([]));
    f.brief(&["build", "--strict", "--quiet", "--force"]).ok();
}

#[test]
fn an_import_writes_the_translation_in_place_and_confirms_it() {
    let f = Fixture::valid();
    let facts = String::from_utf8(f.read("data/facts.yaml")).unwrap();
    let commented = facts.replacen("facts:\n", "# A comment the import must keep.\nfacts:\n", 1);
    f.write("data/facts.yaml", &commented);
    let xml = export(&f, "en.xlf", &["--to", "en"]);
    let old =
        "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";
    let new = "On 15 September 2021 the Allies approved Peru's participation in the Building Integrity programme: a first step.";
    assert!(xml.contains(&old.replace('\'', "&apos;")), "{xml}");
    let edited = xml.replace(&old.replace('\'', "&apos;"), &new.replace('\'', "&apos;"));
    f.write("en.xlf", &edited);
    let run = import(&f, "en.xlf").ok();
    run.prints("changed data/facts.yaml:");
    let after = String::from_utf8(f.read("data/facts.yaml")).unwrap();
    assert!(after.starts_with("# A comment the import must keep.\n"));
    // Only the one line changed; every other line is as it was.
    let (a, b): (Vec<&str>, Vec<&str>) = (commented.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len());
    let differing: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    assert_eq!(differing.len(), 1, "{differing:?}");
    assert!(b[differing[0]].contains("the Building Integrity programme: a first step."));
    // Confirmed by the import (the unit was `translated`, and its target changed).
    let lock = String::from_utf8(f.read("data/translations.lock")).unwrap();
    assert!(lock.contains("pe-bi-approval text en "), "{lock}");
    let check = f.brief(&["check", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let missing = json["translations"]["missing"].as_array().unwrap();
    assert!(
        !missing
            .iter()
            .any(|m| m["fact"] == "pe-bi-approval" && m["field"] == "text"),
        "{missing:?}"
    );
    // And the same file imported again changes nothing more.
    let before = data(&f);
    import(&f, "en.xlf").ok();
    assert_eq!(data(&f), before);
}

/// Each bad input is refused at its line and column in the XLIFF, and nothing is changed.
#[test]
fn bad_xliff_inputs_are_located_and_change_nothing() {
    let f = Fixture::valid();
    f.brief(&["translations", "confirm", "--all"]).ok();
    let xml = export(&f, "en.xlf", &["--to", "en"]);
    let before = data(&f);
    let line_of = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
            + 1
    };
    let unit = "<unit id=\"pe-bi-approval.text\">";
    let target_en = "On 15 September 2021 the Allies approved";
    let source_es = "El 15 de septiembre de 2021 los Aliados aprobaron";
    let unit_block = {
        let start = xml.find(unit).unwrap();
        let end = start + xml[start..].find("</unit>").unwrap() + "</unit>\n".len();
        xml[start..end].to_owned()
    };
    let cases: Vec<(&str, String, String)> = vec![
        (
            "unknown id",
            xml.replace(unit, "<unit id=\"pe-bi-aproval.text\">"),
            "pe-bi-aproval.text".into(),
        ),
        (
            "unknown field",
            xml.replace(unit, "<unit id=\"pe-bi-approval.txet\">"),
            "txet".into(),
        ),
        (
            "changed source",
            xml.replace(
                source_es,
                "El 16 de septiembre de 2021 los Aliados aprobaron",
            ),
            "is not the current `es` text".into(),
        ),
        (
            "duplicate unit",
            xml.replacen(
                unit_block.as_str(),
                &format!("{unit_block}    {unit_block}"),
                1,
            ),
            "appears twice".into(),
        ),
        (
            "malformed XML",
            xml.replacen("</segment>", "</segmnet>", 1),
            "malformed XML".into(),
        ),
        (
            "control character",
            xml.replace(
                target_en,
                "On 15 September 2021 the Allies&#x1B;[2J approved",
            ),
            "control character U+001B".into(),
        ),
        (
            "bidi character",
            xml.replace(
                target_en,
                "On 15 September 2021 the Allies \u{202E}approved",
            ),
            "bidirectional".into(),
        ),
        (
            "two targets",
            xml.replacen(
                "</target>",
                "</target>\n        <target xml:space=\"preserve\">the Allies said otherwise</target>",
                1,
            ),
            "a segment has one `<target>`".into(),
        ),
        (
            "target too long",
            xml.replace(
                target_en,
                &format!(
                    "On 15 September 2021 the Allies {}",
                    "approved ".repeat(2300)
                ),
            ),
            "a text may have at most 20000".into(),
        ),
    ];
    for (what, bad, needle) in cases {
        assert_ne!(bad, xml, "{what}: the case did not change the file");
        f.write("bad.xlf", &bad);
        let run = import(&f, "bad.xlf").fails(65);
        let stderr = run.stderr();
        assert!(stderr.contains(&needle), "{what}:\n{stderr}");
        // Located in the XLIFF: `bad.xlf:LINE:COL`, on the line that holds the problem.
        let expected_line = match what {
            "unknown id" => line_of(&bad, "pe-bi-aproval.text"),
            "unknown field" => line_of(&bad, "pe-bi-approval.txet"),
            "changed source" => line_of(&bad, "El 16 de septiembre"),
            "duplicate unit" => {
                bad.lines()
                    .enumerate()
                    .filter(|(_, l)| l.contains(unit))
                    .nth(1)
                    .unwrap()
                    .0
                    + 1
            }
            "malformed XML" => line_of(&bad, "</segmnet>"),
            "two targets" => line_of(&bad, "the Allies said otherwise"),
            _ => line_of(&bad, "the Allies"),
        };
        assert!(
            stderr.contains(&format!("bad.xlf:{expected_line}:")),
            "{what}: expected bad.xlf:{expected_line}: in\n{stderr}"
        );
        assert_eq!(data(&f), before, "{what}: data/ changed");
    }
    // The bidirectional override is located at its column, not just its line.
    let bad = xml.replace(
        target_en,
        "On 15 September 2021 the Allies \u{202E}approved",
    );
    f.write("bad.xlf", &bad);
    let line = line_of(&bad, "\u{202E}");
    let text = bad.lines().nth(line - 1).unwrap();
    let column = text[..text.find('\u{202E}').unwrap()].chars().count() + 1;
    let run = import(&f, "bad.xlf").fails(65);
    assert!(
        run.stderr().contains(&format!("bad.xlf:{line}:{column}:")),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_forbidden_variant_is_reported_where_it_is_written_with_the_preferred_term() {
    let f = Fixture::valid();
    let facts = String::from_utf8(f.read("data/facts.yaml")).unwrap();
    f.write(
        "data/glossary.yaml",
        "facts:\n  - id: term-mou\n    kind: term\n    title: {es: Memorándum de entendimiento, en: Memorandum of understanding}\n    text: {es: Acuerdo político., en: A political agreement.}\n    forbidden:\n      es: {memorando: memorándum}\n      en: {co-operation: cooperation}\n    audiences: [mre]\n    sensitivity: internal\n    classification: publico\n    seed: \"1\"\n",
    );
    let with_variant = facts.replace(
        "en: On 15 September 2021 the Allies approved Peru's participation in Building Integrity.",
        "en: On 15 September 2021 the Allies approved Peru's co-operation in Building Integrity.",
    );
    assert_ne!(with_variant, facts);
    f.write("data/facts.yaml", &with_variant);
    let line = with_variant
        .lines()
        .position(|l| l.contains("co-operation"))
        .unwrap()
        + 1;
    let text = with_variant.lines().nth(line - 1).unwrap();
    let column = text.find("co-operation").unwrap() + 1;
    let run = f.brief(&["check"]).fails(65);
    assert!(
        run.stderr()
            .contains(&format!("data/facts.yaml:{line}:{column}:")),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("`cooperation`"), "{}", run.stderr());
    assert!(run.stderr().contains("term-mou"), "{}", run.stderr());
    // A variant only as part of a longer word is not the variant.
    f.write(
        "data/facts.yaml",
        &facts.replace("Building Integrity.", "Building Integrity (memorandos-x)."),
    );
    f.brief(&["check"]).ok();
}

#[test]
fn an_audience_export_holds_only_what_the_audience_may_see() {
    let f = Fixture::valid();
    let all = export(&f, "all.xlf", &["--to", "en"]);
    let nato = export(&f, "nato.xlf", &["--to", "en", "--audience", "nato"]);
    // The fixture's internal fact carries a canary that only the ministries may read.
    assert!(all.contains("CANARY"), "the fixture has no internal canary");
    assert!(!nato.contains("CANARY"), "{nato}");
    // A fact's editorial note is the ministry's record, never sent with an audience's export.
    let facts = String::from_utf8(f.read("data/facts.yaml")).unwrap();
    f.write(
        "data/facts.yaml",
        &facts.replacen(
            "    seed: \"1734-1742\"\n",
            "    seed: \"1734-1742\"\n    note: Weighed against risk-trade NOTECANARY.\n",
            1,
        ),
    );
    let all = export(&f, "all.xlf", &["--to", "en"]);
    let nato = export(&f, "nato.xlf", &["--to", "en", "--audience", "nato"]);
    assert!(
        all.contains("NOTECANARY"),
        "the note is not in the full export"
    );
    assert!(!nato.contains("NOTECANARY"), "{nato}");
    assert!(!nato.contains("category=\"note\""), "{nato}");
    assert_valid_xliff(&f.path().join("nato.xlf"));
    f.brief(&[
        "translations",
        "export",
        "--to",
        "en",
        "--audience",
        "natto",
    ])
    .fails(2)
    .says("did you mean `nato`?");
}

#[test]
fn numbers_and_dates_must_match_between_languages() {
    let f = Fixture::valid();
    f.brief(&["translations", "confirm", "--all"]).ok();
    f.brief(&["check", "--strict"]).ok();
    let facts = String::from_utf8(f.read("data/facts.yaml")).unwrap();
    // The English says October where the Spanish says septiembre: the same numbers, another date.
    let drifted = facts.replace(
        "en: On 15 September 2021 the Allies approved",
        "en: On 15 October 2021 the Allies approved",
    );
    assert_ne!(drifted, facts);
    f.write("data/facts.yaml", &drifted);
    let line = drifted
        .lines()
        .position(|l| l.contains("On 15 October 2021"))
        .unwrap()
        + 1;
    let at = format!("data/facts.yaml:{line}:");
    // A warning by default, at the translation, and an error under --strict.
    let warned = f.brief(&["check"]).ok();
    assert!(warned.stderr().contains(&at), "{}", warned.stderr());
    assert!(
        warned.stderr().contains("months in dates differ"),
        "{}",
        warned.stderr()
    );
    f.brief(&["check", "--strict"]).fails(65).says(&at);
    // Written in words in one language and in digits in the other, a number agrees.
    let words = facts.replace(
        "en: On 15 September 2021 the Allies approved",
        "en: On 15 September 2021 the two Allies' councils approved",
    );
    f.write(
        "data/facts.yaml",
        &words.replace("los Aliados aprobaron", "los 2 consejos aliados aprobaron"),
    );
    f.brief(&["translations", "confirm", "--all"]).ok();
    f.brief(&["check", "--strict"]).ok();
}

#[test]
fn the_shipped_data_is_clean_under_strict_check() {
    let f = Fixture::shipped();
    let run = f.brief(&["check", "--strict", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(json["translations"]["stale"], serde_json::json!([]));
    assert_eq!(json["translations"]["missing"], serde_json::json!([]));
    assert_eq!(json["drift"], serde_json::json!([]));
    assert_eq!(json["terms"], serde_json::json!([]));
    assert!(json["translations"]["confirmed"].as_u64().unwrap() > 1000);
}

#[test]
fn a_file_for_an_audience_can_change_only_the_facts_it_was_sent() {
    let f = Fixture::valid();
    f.brief(&["translations", "confirm", "--all"]).ok();
    // The full export holds the internal fact; a translator for NATO was sent the nato export
    // and returns a unit for it all the same (copied from a file they should never have seen).
    let all = export(&f, "all.xlf", &["--to", "en"]);
    let nato = export(&f, "nato.xlf", &["--to", "en", "--audience", "nato"]);
    let start = all
        .find("<unit id=\"risk-trade.text\">")
        .expect("internal unit");
    let end = start + all[start..].find("</unit>").unwrap() + "</unit>\n".len();
    let smuggled = all[start..end].replace(
        "Trade partners could disapprove of the approach CANARYSECRETXQ.",
        "Altered by an outsider.",
    );
    let at = nato.find("    <unit ").expect("a unit");
    let bad = format!("{}{smuggled}    {}", &nato[..at], &nato[at..]);
    f.write("back.xlf", &bad);
    let before = data(&f);
    let line = bad
        .lines()
        .position(|l| l.contains("<unit id=\"risk-trade.text\">"))
        .unwrap()
        + 1;
    let mut command = f.command(&["translations", "import", "back.xlf", "--audience", "nato"]);
    command.current_dir(f.path());
    f.run(command, common::DEADLINE)
        .fails(65)
        .says(&format!("back.xlf:{line}:"))
        .says("fact `risk-trade` is not cleared for `nato`");
    assert_eq!(data(&f), before, "a refused import changed data/");
    // Without the audience the staff's own import of the same file is taken as asked.
    import(&f, "back.xlf").ok();
    assert!(
        String::from_utf8(f.read("data/facts.yaml"))
            .unwrap()
            .contains("Altered by an outsider.")
    );
}
