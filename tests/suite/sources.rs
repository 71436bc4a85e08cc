//! `data/sources.yaml` is data too: each edition's bibliography is written from the parsed
//! entries it cites, every field prints as the text it is, and only http(s) addresses are
//! accepted.

use crate::common;
use common::*;

const NATO_BIB: &str = "out/test-brief/test-brief.non-paper.nato.en.bib.yaml";
const NATO_PDF: &str = "out/test-brief/test-brief.non-paper.nato.en.pdf";

/// The fixture's bibliography with the entry the NATO edition cites (`gi-2021a`) replaced.
fn with_cited_source(entry: &str) -> Fixture {
    let f = Fixture::valid();
    let sources = SOURCES.replacen(
        "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  author: {name: NATO Building Integrity Programme}\n  date: 2021\n",
        entry,
        1,
    );
    assert_ne!(sources, SOURCES, "the fixture's entry moved");
    f.write("data/sources.yaml", &sources);
    f
}

/// The valid project with `entries` in place of the cited source, and its fact citing `keys`.
fn citing(entries: &str, keys: &[impl AsRef<str>]) -> Fixture {
    let f = with_cited_source(entries);
    let keys: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
    f.write(
        "data/facts.yaml",
        &FACTS.replacen(
            "sources: [gi-2021a]",
            &format!("sources: [{}]", keys.join(", ")),
            1,
        ),
    );
    f
}

/// The English non-paper's text, spaces collapsed, built with `title` as the cited source's.
fn printed_with_title(title: &str) -> String {
    let f = with_cited_source(&format!(
        "gi-2021a:\n  type: report\n  title: {title}\n  author:\n  - Novak, Fabián\n  date: 2021\n"
    ));
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    f.pdf_text(NATO_PDF)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn comments_in_a_cited_source_never_ship() {
    let f = with_cited_source(
        "# CANARYLINECOMMENTXQ\ngi-2021a:  # CANARYKEYCOMMENTXQ\n  type: report # CANARYTYPECOMMENTXQ\n  title: Building Integrity Newsletter  # CANARYEOLXQ\n  author: {name: NATO Building Integrity Programme}\n    # CANARYINDENTEDXQ\n  date: 2021\n",
    );
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let bib = String::from_utf8(f.read(NATO_BIB)).unwrap();
    assert!(!bib.contains("CANARY") && !bib.contains('#'), "{bib}");
    assert!(bib.starts_with("gi-2021a:\n"), "{bib}");
    assert!(
        !bib.contains("supplier-2022") && !bib.contains("nac-2021"),
        "{bib}"
    );
    let pdf = pdf_everything(&f.read(NATO_PDF));
    assert!(!contains(&pdf, "CANARY"));
    assert!(squash(&f.pdf_text(NATO_PDF)).contains("BuildingIntegrityNewsletter"));
}

/// Pieces that Hayagriva or Typst could read as markup: math, verbatim groups, Typst code,
/// labels, references, backslashes.
const HOSTILE: &str = r"Costs $x^2$ {braces} #emph[x] <label> @cite back\slash \$ } {";

#[test]
fn every_source_field_prints_as_text() {
    let quoted = serde_json::to_string(HOSTILE).unwrap();
    let f = with_cited_source(&format!(
        "gi-2021a:\n  type: article\n  title: {quoted}\n  author: [\"Rose {{x}} $y$, Henning\"]\n  date: 2021\n  url: https://example.org/gi?a=1&b=$2\n  parent:\n    type: periodical\n    title: \"Journal $z$ {{of}} #strong[it]\"\n    publisher: \"Pub $w$ {{house}}\"\n"
    ));
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text(NATO_PDF));
    for piece in [HOSTILE, "Rose {x} $y$", "Journal $z$ {of} #strong[it]"] {
        assert!(
            text.to_lowercase().contains(&squash(piece).to_lowercase()),
            "{piece:?} does not print as written:\n{text}"
        );
    }
    // The style does not print an article's publisher; that it builds at all shows its
    // `$w$` was not read as math. The one link is the http(s) address.
    let pdf = pdf_everything(&f.read(NATO_PDF));
    assert!(contains(&pdf, "https://example.org/gi?a=1&b=$2"));
}

#[test]
fn only_web_addresses_are_accepted_at_their_line() {
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://example.org/x",
        "https:///etc/passwd",
    ] {
        let f = with_cited_source(&format!(
            "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  url: \"{url}\"\n  date: 2021\n"
        ));
        let text = String::from_utf8(f.read("data/sources.yaml")).unwrap();
        let line = text.lines().position(|l| l.contains(url)).unwrap() + 1;
        f.brief(&["build"])
            .fails(65)
            .says(&format!("data/sources.yaml:{line}:8: error:"))
            .says("a source may link only to an http:// or https:// address");
        let written: Vec<_> = f
            .out_files()
            .into_keys()
            .filter(|p| !p.ends_with(".brief.lock"))
            .collect();
        assert!(
            written.is_empty(),
            "{url}: a refused build wrote {written:?}"
        );
    }
}

#[test]
fn fields_brief_does_not_know_are_refused_at_their_line() {
    let f = with_cited_source(
        "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  abstract: \"$#read(\\\"/etc/passwd\\\")$\"\n",
    );
    f.brief(&["build"])
        .fails(65)
        .says("data/sources.yaml:")
        .says("abstract");
}

/// A one-name author list (`- Rynning, Sten`, as most entries are written) is a person cited by
/// family name, never an organisation whose name holds a comma: the typed entry once read the
/// list as a struct and wrote `name: "Rynning, Sten"`, and every citation became
/// "Rynning, Sten 2021".
#[test]
fn a_one_person_author_list_is_cited_by_family_name() {
    let f = with_cited_source(
        "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  author:\n  - Rynning, Sten\n  date: 2021\n",
    );
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let bib = String::from_utf8(f.read(NATO_BIB)).unwrap();
    assert!(bib.contains("    - \"Rynning, Sten\"\n"), "{bib}");
    let text = f.pdf_text(NATO_PDF);
    assert!(!text.contains("Rynning, Sten 2021"), "{text}");
    assert!(squash(&text).contains("Rynning"), "{text}");
}

/// A YAML escape is decoded before the checks: `"\u202E"` in a source's title is as refused as
/// the raw character (which the file scan catches), in every text field and in names.
#[test]
fn escaped_hidden_characters_in_a_source_are_refused_at_their_line() {
    for (field, value) in [
        ("title", r#"title: "Building \u202EIntegrity""#),
        ("title", r#"title: "Bell \x07 here""#),
        (
            "note",
            "title: Building Integrity Newsletter\n  note: \"a\\u2066b\"",
        ),
    ] {
        let f = Fixture::built();
        let before = f.out_files();
        let entry = format!(
            "gi-2021a:\n  type: report\n  {value}\n  author: {{name: NATO Building Integrity Programme}}\n  date: 2021\n"
        );
        let sources = SOURCES.replacen(
            "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  author: {name: NATO Building Integrity Programme}\n  date: 2021\n",
            &entry,
            1,
        );
        f.write("data/sources.yaml", &sources);
        f.brief(&["build"])
            .fails(65)
            .says(&format!("`{field}` holds a"))
            .says("data/sources.yaml:");
        f.assert_out_unchanged(&before, field);
    }
    let f = Fixture::built();
    f.write(
        "data/sources.yaml",
        &SOURCES.replace(
            "{name: NATO Building Integrity Programme}",
            r#"["Rose, \u202EHenning"]"#,
        ),
    );
    f.brief(&["build"]).fails(65).says("a name holds a");
}

const NATO_ES_PDF: &str = "out/test-brief/test-brief.non-paper.nato.es.pdf";

/// Two authors cited by family name alone join as the language joins two names, in the list and
/// in the citation: Hayagriva counts the first as inverted and printed "Lara Silva, and Jiménez
/// Reina" (Chicago's comma after an inverted name) where nothing shows the inversion.
#[test]
fn two_names_without_given_names_join_without_a_comma() {
    let f = with_cited_source(
        "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  author:\n  - name: Lara Silva\n  - name: Jiménez Reina\n  date: 2021\n",
    );
    f.brief(&["build", "--document", "non-paper"]).ok();
    for (pdf, and) in [(NATO_PDF, "and"), (NATO_ES_PDF, "y")] {
        let text = squash(&f.pdf_text(pdf));
        let joined = format!("LaraSilva{and}JiménezReina");
        assert!(!text.contains("LaraSilva,"), "{pdf}: {text}");
        // Once in the citation, once in the list.
        assert_eq!(text.matches(&joined).count(), 2, "{pdf}: {text}");
    }
    // A first author with a given name keeps Chicago's comma after the inverted name.
    let f = with_cited_source(
        "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  author:\n  - Novak, Fabián\n  - Namihas, Sandra\n  date: 2021\n",
    );
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text(NATO_PDF));
    assert!(text.contains("Novak,Fabián,andSandraNamihas"), "{text}");
}

#[test]
fn an_acronym_keeps_its_case_and_the_space_after_it() {
    // Title case must not print "Nato" or "Ac/135", and protecting the acronym must not glue it
    // to the next word ("NATOHandbook", "NATO2022"), which Hayagriva does to the text after a
    // verbatim group.
    let text = printed_with_title("NATO 2022 Handbook and the AC/135 Committee");
    assert!(
        text.contains("NATO 2022 Handbook and the AC/135 Committee"),
        "{text}"
    );
    for glued in ["NATO2022", "AC/135Committee", "Nato", "Ac/135"] {
        assert!(!text.contains(glued), "{glued}: {text}");
    }
}

#[test]
fn a_letter_whose_capital_is_two_letters_is_printed_as_written() {
    // Title case maps a word's first letter to its capital: "ß" to "SS", the ligature "ﬁ" to
    // "FI". A title holding such a letter prints as written instead.
    let text = printed_with_title("ßeta grants and ﬁnancial straße reports");
    assert!(text.contains("eta grants and"), "{text}");
    for mangled in [
        "SSeta",
        "Sseta",
        "FInancial",
        "Financial",
        "Straße",
        "Strasse",
    ] {
        assert!(!text.contains(mangled), "{mangled}: {text}");
    }
}

#[test]
fn a_person_cited_twice_in_one_year_gets_letters() {
    // Two works by one person in one year, with and without a given name: adding given names,
    // which Hayagriva tries first, cannot tell them apart, and the year letters must. (Two
    // people of one surname and year are told apart by their initials: see
    // `two_people_of_one_surname_and_year_are_told_apart_by_their_given_names`.)
    let mut entries = String::new();
    let mut keys = Vec::new();
    for (key, author) in [
        ("hendrickson-2011z", "  - name: Hendrickson\n"),
        ("hendrickson-2011a", "  - name: Hendrickson\n"),
        ("garcia-2019z", "  - García, Juan\n"),
        ("garcia-2019a", "  - García, Juan\n"),
    ] {
        let year = &key[key.len() - 5..key.len() - 1];
        let title = if key.ends_with('z') { "Zeta" } else { "Alpha" };
        entries.push_str(&format!(
            "{key}:\n  type: report\n  title: {title} report\n  author:\n{author}  date: {year}\n"
        ));
        keys.push(key);
    }
    prints_citing(
        &entries,
        &keys,
        &[
            "Hendrickson.2011a.AlphaReport.",
            "Hendrickson.2011b.ZetaReport.",
            "García,Juan.2019a.AlphaReport.",
            "García,Juan.2019b.ZetaReport.",
        ],
    );
}

/// Builds the English non-paper citing `keys` of `entries`, and asserts that its text, spaces
/// removed, holds each of `printed`.
fn prints_citing(entries: &str, keys: &[impl AsRef<str>], printed: &[&str]) {
    let f = citing(entries, keys);
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text(NATO_PDF));
    for p in printed {
        assert!(text.contains(p), "no {p:?} in {text}");
    }
}

#[test]
fn year_letters_never_repeat_within_a_group() {
    // 300 reports by one body in one year: letters a to z, then aa, ab and so on up to kn.
    // Hayagriva kept the letter's index in a byte, so the 257th report was "2021a" again.
    let mut entries = String::new();
    let mut keys = Vec::new();
    for n in 0..300 {
        let key = format!("nac-2021-{n:03}");
        entries.push_str(&format!(
            "{key}:\n  type: report\n  title: Report {n:03}\n  author: {{name: North Atlantic Council}}\n  date: 2021\n"
        ));
        keys.push(key);
    }
    let f = citing(&entries, &keys);
    // A long list: the dossier, which has no page budget, prints it.
    let brief = BRIEF
        .replacen(
            "  - {type: non-paper, audiences: [nato]}\n",
            "  - {type: non-paper, audiences: [nato]}\n  - {type: dossier, audiences: [mre]}\n",
            1,
        )
        .replacen(
            "documents: [briefing-note, non-paper]",
            "documents: [briefing-note, non-paper, dossier]",
            1,
        );
    assert_ne!(brief, BRIEF, "the fixture's brief moved");
    f.write("briefs/test.yaml", &brief);
    f.brief(&["build", "--document", "dossier", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text("out/test-brief/test-brief.dossier.mre.en.pdf"));
    for (letters, n) in [
        ("a", 0),
        ("z", 25),
        ("aa", 26),
        ("iv", 255),
        ("iw", 256),
        ("kn", 299),
    ] {
        let entry = format!("2021{letters}.Report{n:03}.");
        assert_eq!(
            text.matches(&format!("2021{letters}.")).count(),
            1,
            "{entry}: {text}"
        );
        assert!(text.contains(&entry), "no {entry:?} in {text}");
    }
}

#[test]
fn every_same_author_same_year_group_gets_letters_in_the_lists_order() {
    // Five years, two reports by the same body in each, all cited by one fact. Hayagriva 0.10.1
    // lettered three groups at most and in order of citation (vendor/hayagriva is patched):
    // here every year gets a and b, and a is the title the reference list puts first.
    let mut entries = String::new();
    let mut keys = Vec::new();
    for year in 2014..2019 {
        // Cited in reverse title order, so citation order and list order differ.
        for (suffix, title) in [("z", "Zeta report"), ("a", "Alpha report")] {
            let key = format!("nato-{year}{suffix}");
            entries.push_str(&format!(
                "{key}:\n  type: report\n  title: {title} {year}\n  author: {{name: North Atlantic Council}}\n  date: {year}\n"
            ));
            keys.push(key);
        }
    }
    let f = citing(&entries, &keys);
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text(NATO_PDF));
    for year in 2014..2019 {
        for (letter, title) in [("a", "Alpha"), ("b", "Zeta")] {
            let entry = format!("NorthAtlanticCouncil.{year}{letter}.{title}Report{year}.");
            assert!(text.contains(&entry), "no {entry:?} in {text}");
        }
        // Cited as the fact lists them: the Zeta report, which the list puts second, first.
        assert!(text.contains(&format!("{year}b;{year}a")), "{text}");
    }
}

#[test]
fn a_capital_inside_a_word_keeps_its_case() {
    // Title case lowercased the capitals inside a word: "Mcdonnell", "Youtube", "Iphone".
    let text = printed_with_title("McDonnell jets and YouTube or iPhone diplomacy");
    assert!(
        text.contains("McDonnell jets and YouTube or iPhone diplomacy"),
        "{text}"
    );
}

#[test]
fn two_people_of_one_surname_and_year_are_told_apart_by_their_given_names() {
    // "Díaz, Ana" and "Díaz, Luis", both 2017: the citations add the initial of the given name
    // ("A. Díaz 2017", "L. Díaz 2017"), and the list keeps both full names. Hayagriva printed
    // "Díaz 2017; Díaz 2017" and dropped both given names from the list.
    let entries = "diaz-ana-2017:\n  type: report\n  title: Alpha report\n  author:\n  - Díaz, Ana\n  date: 2017\n\
                   diaz-luis-2017:\n  type: report\n  title: Zeta report\n  author:\n  - Díaz, Luis\n  date: 2017\n";
    prints_citing(
        entries,
        &["diaz-ana-2017", "diaz-luis-2017"],
        &[
            "Díaz,Ana.2017.AlphaReport.",
            "Díaz,Luis.2017.ZetaReport.",
            "A.Díaz2017",
            "L.Díaz2017",
        ],
    );
}

#[test]
fn an_edited_volume_is_listed_by_its_editors_and_a_journal_without_volume_leaves_no_comma() {
    // Chicago substitutes the editors for a missing author inside a `cs:choose`; Hayagriva gave
    // them no name options there ("H. Edström, J. H. Matlary. 2011."), and left the comma of a
    // month the date does not have ("Foreign Affairs,.", "Palgrave Macmillan,.").
    let entries = "edstrom-2011:\n  type: anthology\n  title: Alpha volume\n  editor:\n  - Edström, Håkan\n  - Matlary, Janne Haaland\n  publisher: Palgrave Macmillan\n  date: 2011\n\
                   petersen-1973:\n  type: article\n  title: Zeta article\n  author:\n  - name: Petersen\n  date: 1973\n  parent:\n    type: periodical\n    title: Foreign Affairs\n";
    let f = citing(entries, &["edstrom-2011", "petersen-1973"]);
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text(NATO_PDF));
    for p in [
        "Edström,Håkan,andJanneHaalandMatlary,eds.2011.AlphaVolume.PalgraveMacmillan.",
        "EdströmandMatlary2011",
        "ForeignAffairs.",
    ] {
        assert!(text.contains(p), "no {p:?} in {text}");
    }
    assert!(!text.contains(",."), "{text}");
}

#[test]
fn a_spanish_container_title_is_never_recased() {
    // The chapter is English-language data about a Spanish volume: the volume's title prints
    // as written, not in English title case ("Relaciones Internacionales Y Política...").
    prints_citing(
        "bagley-2011:\n  type: chapter\n  title: Alpha chapter\n  author:\n  - Bagley, Bruce M.\n  date: 2011\n  parent:\n    type: anthology\n    title: Relaciones internacionales y política exterior de Colombia\n    language: es\n    editor:\n    - Borda, Sandra\n    date: 2011\n",
        &["bagley-2011"],
        &["InRelacionesinternacionalesypolíticaexteriordeColombia"],
    );
}

#[test]
fn a_quotation_in_a_quoted_english_title_takes_the_other_quotes() {
    // The British style quotes an article's title ‘…’: a quotation inside it takes “…”. With the
    // language's pairs from one level in (‘…’ again), the title's own closing quote was lost:
    // ‘… Could Become ‘Partners’.
    prints_citing(
        "brunnstrom-2019:\n  type: web\n  title: 'Countries Could Become \"Partners\"'\n  author:\n  - Brunnstrom, David\n  date: 2019\n",
        &["brunnstrom-2019"],
        &["‘CountriesCouldBecome“Partners”’"],
    );
}

#[test]
fn a_name_with_an_empty_part_is_refused_at_its_field() {
    // Each printed stray punctuation or lost the surname: "Doe, , ed.", "Faf,. 2001.", ", John".
    for names in [
        "editor:\n  - 'Doe,'\n",
        "editor:\n  - 'Doe, , Jane'\n",
        "author:\n  - '  , John'\n",
        "author:\n  - {name: Faf, given-name: ''}\n",
        "editor:\n  - {name: Gaa, given-name: ' '}\n",
    ] {
        let f = with_cited_source(&format!(
            "gi-2021a:\n  type: report\n  title: Building Integrity Newsletter\n  {}  date: 2021\n",
            names.replace("\n  - ", "\n    - ")
        ));
        let text = String::from_utf8(f.read("data/sources.yaml")).unwrap();
        // At the list of names: its first item.
        let item = names.lines().nth(1).unwrap().trim();
        let line = text.lines().position(|l| l.trim() == item).unwrap() + 1;
        f.brief(&["check"])
            .fails(65)
            .says(&format!("data/sources.yaml:{line}:"))
            .says("invalid name");
    }
}

#[test]
fn a_title_ending_in_a_question_mark_takes_no_period_after_it() {
    // Chicago leaves out the period after a title's own question mark; Hayagriva printed
    // "Act Globally?." and ‘Initiative?’.
    let entries = "flockhart-2008:\n  type: report\n  title: To Be Global or to Act Globally?\n  author:\n  - Flockhart, Trine\n  date: 2008\n\
                   razoux-2010:\n  type: article\n  title: Istanbul Cooperation Initiative?\n  author:\n  - Razoux, Pierre\n  date: 2010\n  parent:\n    type: periodical\n    title: Journal\n    volume: 3\n";
    let f = citing(entries, &["flockhart-2008", "razoux-2010"]);
    f.brief(&["build", "--document", "non-paper", "--lang", "en"])
        .ok();
    let text = squash(&f.pdf_text(NATO_PDF));
    assert!(text.contains("ActGlobally?"), "{text}");
    assert!(text.contains("Initiative?’Journal3."), "{text}");
    assert!(!text.contains("?."), "{text}");
    assert!(!text.contains("?’."), "{text}");
}

#[test]
fn an_english_title_is_set_alike_in_both_editions() {
    // A title written once, with no `language:`, is English: headline case in the Spanish
    // edition too, which printed it as written.
    let f = citing(
        "otan-2021a:\n  type: web\n  title: Strengthening relations with Colombia\n  author: {name: North Atlantic Treaty Organization}\n  date: 2021\n",
        &["otan-2021a"],
    );
    f.brief(&["build", "--document", "non-paper"]).ok();
    for lang in ["es", "en"] {
        let text = squash(&f.pdf_text(&format!(
            "out/test-brief/test-brief.non-paper.nato.{lang}.pdf"
        )));
        assert!(
            text.contains("StrengtheningRelationswithColombia"),
            "{lang}: {text}"
        );
    }
}

#[test]
fn a_broken_address_is_never_given_a_second_hyphen_in_spanish() {
    // Spanish repeats a hyphen at a line break ("concepto- / -estrategico"): in an address, that
    // prints an address that is not the link's.
    let url = "https://example.org/analisis/la-otan-se-actualiza-el-concepto-estrategico-de-madrid-y-los-socios-globales-de-la-alianza-atlantica-en-el-indo-pacifico";
    let f = citing(
        &format!(
            "arteaga-2021:\n  type: report\n  title: La OTAN se actualiza\n  author:\n  - Arteaga, Félix\n  date: 2021\n  language: es\n  url: {url}\n"
        ),
        &["arteaga-2021"],
    );
    f.brief(&["build", "--document", "non-paper", "--lang", "es"])
        .ok();
    let text = f.pdf_text("out/test-brief/test-brief.non-paper.nato.es.pdf");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines
            .windows(2)
            .any(|w| w[0].ends_with('-') && w[0].contains("example.org")),
        "the address should break at a hyphen for this test to mean anything: {text}"
    );
    for w in lines.windows(2) {
        assert!(
            !(w[0].ends_with('-') && w[1].starts_with('-')),
            "a repeated hyphen in the address: {:?} / {:?}",
            w[0],
            w[1]
        );
    }
}
