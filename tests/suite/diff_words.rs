//! `brief diff` shows changes word by word: a change at the end of a long paragraph is visible in
//! every format, the JSON pieces rebuild both sides, an added fact is shown with its text, and
//! colour is used only when asked for or on a terminal.

use crate::common;

use common::{FACTS, Fixture};

const SHORT_EN: &str =
    "On 15 September 2021 the Allies approved Peru's participation in Building Integrity.";

/// A paragraph of about 600 characters that ends in `Nivel {level}`.
fn long_text(level: u8) -> String {
    let sentence = "The Allies reviewed the self-assessment questionnaire and the peer review report in detail. ";
    let mut text = sentence.repeat(6);
    text.push_str(&format!("Peru was then placed at Nivel {level}"));
    assert!(text.len() > 580, "{}", text.len());
    text
}

/// The valid fixture with the long English text at level 1, committed; the working tree at
/// level 2.
fn long_paragraph_changed() -> Fixture {
    let f = Fixture::valid();
    f.write("data/facts.yaml", &FACTS.replace(SHORT_EN, &long_text(1)));
    common::commit_all(f.path());
    f.write("data/facts.yaml", &FACTS.replace(SHORT_EN, &long_text(2)));
    f
}

fn diff(f: &Fixture, args: &[&str]) -> String {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    let mut command = f.command(&all);
    command.env_remove("NO_COLOR");
    f.run(command, common::DEADLINE).ok().stdout()
}

fn text_en_change(report: &serde_json::Value, id: &str) -> serde_json::Value {
    let fact = report["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no change to {id}: {report:#}"))
        .clone();
    fact["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "text.en")
        .unwrap_or_else(|| panic!("no text.en in {fact:#}"))
        .clone()
}

fn side(ops: &serde_json::Value, keep: &str) -> String {
    ops.as_array()
        .unwrap()
        .iter()
        .filter(|p| p["op"] == "equal" || p["op"] == keep)
        .map(|p| p["text"].as_str().unwrap())
        .collect()
}

#[test]
fn a_change_at_the_end_of_a_long_paragraph_shows_in_the_human_report() {
    let f = long_paragraph_changed();
    let out = diff(&f, &[]);
    assert!(
        out.contains("Nivel [-1-]{+2+}"),
        "the change is not shown:\n{out}"
    );
    // Context is cut to words around the change, never the change itself.
    assert!(out.contains("…"), "{out}");
    assert!(!out.contains("\u{1b}["), "colour in a pipe:\n{out}");
}

#[test]
fn a_change_at_the_end_of_a_long_paragraph_shows_in_markdown() {
    let f = long_paragraph_changed();
    let out = diff(&f, &["--format", "markdown"]);
    let row = out
        .lines()
        .find(|l| l.contains("| text.en |"))
        .unwrap_or_else(|| panic!("no text.en row:\n{out}"));
    assert!(row.contains("Nivel ~~1~~**2**"), "{row}");
}

#[test]
fn json_ops_rebuild_old_and_new_exactly() {
    let f = long_paragraph_changed();
    let report: serde_json::Value = serde_json::from_str(&diff(&f, &["--format", "json"])).unwrap();
    let change = text_en_change(&report, "pe-bi-approval");
    assert_eq!(change["old"], long_text(1));
    assert_eq!(change["new"], long_text(2));
    assert_eq!(side(&change["ops"], "delete"), long_text(1));
    assert_eq!(side(&change["ops"], "insert"), long_text(2));
    let changed: Vec<(&str, &str)> = change["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["op"] != "equal")
        .map(|p| (p["op"].as_str().unwrap(), p["text"].as_str().unwrap()))
        .collect();
    assert_eq!(changed, [("delete", "1"), ("insert", "2")]);
}

#[test]
fn an_added_fact_is_shown_with_its_text_in_both_languages() {
    let f = Fixture::valid();
    common::commit_all(f.path());
    let added = "  - id: risk-new-entrant\n    kind: risk\n    tags: [risks]\n    text:\n      es: Un competidor nuevo podría ofrecer condiciones mejores.\n      en: A new entrant could offer better terms.\n    audiences: [mre, defence]\n    sensitivity: internal\n    classification: reservado\n    seed: \"5650-5660\"\n";
    f.write("data/facts.yaml", &format!("{FACTS}{added}"));
    let out = diff(&f, &[]);
    assert!(out.contains("added risk-new-entrant"), "{out}");
    assert!(
        out.contains("text.en: {+A new entrant could offer better terms.+}"),
        "{out}"
    );
    assert!(
        out.contains("text.es: {+Un competidor nuevo podría ofrecer condiciones mejores.+}"),
        "{out}"
    );
    let md = diff(&f, &["--format", "markdown"]);
    assert!(
        md.contains("**A new entrant could offer better terms.**"),
        "{md}"
    );
    let report: serde_json::Value = serde_json::from_str(&diff(&f, &["--format", "json"])).unwrap();
    let change = text_en_change(&report, "risk-new-entrant");
    assert_eq!(change["new"], "A new entrant could offer better terms.");
    assert_eq!(change["ops"][0]["op"], "insert");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let f = long_paragraph_changed();
    let plain = diff(&f, &[]);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let coloured = diff(&f, &["--color", "always"]);
    // Deleted words red and struck through, inserted ones green and underlined, no brackets.
    assert!(coloured.contains("\u{1b}["), "no ANSI codes:\n{coloured}");
    assert!(!coloured.contains("[-1-]"), "{coloured}");
    let line = coloured
        .lines()
        .find(|l| l.contains("text.en:"))
        .unwrap_or_else(|| panic!("{coloured}"));
    assert!(
        line.contains("1\u{1b}[0m") && line.contains("2\u{1b}[0m"),
        "{line:?}"
    );
    let never = diff(&f, &["--color", "never"]);
    assert!(!never.contains('\u{1b}'), "{never}");
}

#[test]
fn markdown_specials_in_a_text_are_escaped() {
    let f = Fixture::valid();
    common::commit_all(f.path());
    f.write(
        "data/facts.yaml",
        &FACTS.replace(
            "the Allies approved",
            "the *Allies* | <b>approved</b> [x](y)",
        ),
    );
    let md = diff(&f, &["--format", "markdown"]);
    let row = md
        .lines()
        .find(|l| l.contains("| text.en |"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        row.contains(r"**\*Allies\* \| \<b\>approved\</b\> \[x\]\(y\)**"),
        "{row}"
    );
    // The row keeps its four cells: no unescaped pipe from the text.
    assert_eq!(row.matches(" | ").count(), 3, "{row}");
}
