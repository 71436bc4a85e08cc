//! The MoU wording rules (issue 13, class 8) attacked: treaty language that a reader of the MoU
//! sees but the rules did not look at.

use crate::common;

use common::{BRIEF, FACTS, Fixture};

const MOU_EN: &str = "The Participants reaffirm their commitment to common values.";
const MOU_ES: &str = "Los Participantes reafirman su compromiso con los valores comunes.";

#[test]
fn treaty_terms_in_capitals_are_refused_in_the_mou() {
    // The case-sensitive rules tell "Parties" the treaty term from "parties" in general prose;
    // "PARTIES" in capitals is the treaty term all the same.
    for (case, from, to, term) in [
        (
            "PARTIES",
            MOU_EN,
            "The PARTIES reaffirm their commitment to common values.",
            "`Parties`",
        ),
        (
            "ARTICLE",
            MOU_EN,
            "ARTICLE 2. The Participants reaffirm their commitment.",
            "`Article`",
        ),
        (
            "ARTÍCULO",
            MOU_ES,
            "ARTÍCULO 2. Los Participantes reafirman su compromiso.",
            "`Artículo`",
        ),
        (
            "PARTES",
            MOU_ES,
            "Las PARTES reafirman su compromiso con los valores comunes.",
            "`Partes`",
        ),
    ] {
        let f = Fixture::built();
        let before = f.out_files();
        f.write("data/facts.yaml", &FACTS.replacen(from, to, 1));
        f.brief(&["build"])
            .fails(65)
            .says("data/facts.yaml:")
            .says("treaty language in a memorandum of understanding")
            .says(term);
        f.assert_out_unchanged(&before, case);
    }
    // Lower case is general prose and stays allowed.
    let f = Fixture::valid();
    f.write(
        "data/facts.yaml",
        &FACTS.replacen(
            MOU_EN,
            "The Participants reaffirm their commitment to third parties.",
            1,
        ),
    );
    f.brief(&["check"]).ok();
}

#[test]
fn treaty_terms_in_the_brief_definition_are_refused_in_the_mou() {
    // The MoU prints the brief's title and its sections' titles as well as the facts' texts.
    for (case, from, to, at) in [
        (
            "section title",
            "{es: Entendimiento, en: Understanding}",
            "{es: Entendimiento, en: \"Article 1: Understanding\"}",
            "briefs/test.yaml:22:",
        ),
        (
            "brief title",
            "title: {es: Informe de prueba, en: Test brief}",
            "title: {es: Acuerdo que entrará en vigor, en: Test brief}",
            "briefs/test.yaml:2:",
        ),
    ] {
        let f = Fixture::built();
        let before = f.out_files();
        let brief = BRIEF.replacen(from, to, 1);
        assert_ne!(brief, BRIEF);
        f.write("briefs/test.yaml", &brief);
        f.brief(&["build"])
            .fails(65)
            .says(at)
            .says("treaty language in a memorandum of understanding");
        f.assert_out_unchanged(&before, case);
    }
}
