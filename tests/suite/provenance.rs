//! Every number and every date in a fact's Spanish text occurs within the thesis lines the fact
//! cites, so a transcription error fails CI. The thesis lives outside the repository
//! (`../shared/seed/`); where it is absent the test says so and passes without checking.

use brief::project::Project;
use std::collections::BTreeSet;
use std::path::Path;

const SEED: &str = "../shared/seed/000_68dd88b0c3985961.txt";

use brief::reports::drift::numbers;

/// Spanish month names (the catalog's, `months` of `es`) used as words ("mayo", not the
/// "mayo" inside "mayor").
fn months<'m>(names: &'m [String], text: &str) -> BTreeSet<&'m str> {
    let lower = text.to_lowercase().replace("setiembre", "septiembre");
    let words: BTreeSet<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    names
        .iter()
        .map(String::as_str)
        .filter(|m| words.contains(m))
        .collect()
}

/// `text` with its whitespace runs made one space (the thesis breaks lines anywhere).
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_number_and_date_in_spanish_text_is_in_the_cited_lines() {
    let seed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let Ok(seed) = std::fs::read_to_string(&seed_path) else {
        eprintln!(
            "SKIPPED: the thesis is not at {SEED}; provenance is checked where it is (CI has it)"
        );
        return;
    };
    let lines: Vec<&str> = seed.lines().collect();
    let project = Project::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let dataset = brief::pipeline::load_dataset(&project)
        .unwrap_or_else(|_| panic!("the shipped data is invalid: run brief check"));

    let es = brief::model::Lang::new("es");
    let month_names = dataset.catalog.lang(es).months.value.clone();
    let months = |text: &str| {
        months(&month_names, text)
            .into_iter()
            .map(str::to_owned)
            .collect::<BTreeSet<String>>()
    };
    let mut problems = Vec::new();
    let mut checked = 0;
    for record in &dataset.facts {
        if record.seed.is_empty() {
            continue;
        }
        let mut cited = String::new();
        for &(a, b) in &record.seed {
            assert!(
                (b as usize) <= lines.len(),
                "{}: seed line {b} is past the end of the thesis ({} lines)",
                record.id(),
                lines.len()
            );
            for line in &lines[a as usize - 1..b as usize] {
                cited.push_str(line);
                cited.push('\n');
            }
        }
        let fact = &record.fact;
        let mut spanish = fact.text.get(es).to_owned();
        if let Some(title) = &fact.title {
            spanish.push('\n');
            spanish.push_str(title.get(es));
        }
        // Where the text corrects the thesis, the thesis' words are in the cited lines and the
        // corrected ones are what the text may say instead.
        let mut corrected = String::new();
        for correction in &fact.corrections {
            if !squashed(&cited).contains(&squashed(&correction.seed.value)) {
                problems.push(format!(
                    "{}: the correction's `seed` {:?} is not in seed lines {:?}",
                    record.id(),
                    correction.seed.value,
                    record.seed
                ));
            }
            corrected.push_str(&correction.now.value);
            corrected.push('\n');
        }
        let available: BTreeSet<_> = numbers(&cited)
            .into_iter()
            .chain(numbers(&corrected))
            .collect();
        for n in numbers(&spanish) {
            if !available.contains(&n) {
                problems.push(format!(
                    "{} ({}): number {n} is not in seed lines {:?}",
                    record.id(),
                    record.file.display(),
                    record.seed
                ));
            }
        }
        let available: BTreeSet<String> = months(&cited)
            .into_iter()
            .chain(months(&corrected))
            .collect();
        for m in months(&spanish) {
            if !available.contains(&m) {
                problems.push(format!(
                    "{} ({}): month `{m}` is not in seed lines {:?}",
                    record.id(),
                    record.file.display(),
                    record.seed
                ));
            }
        }
        checked += 1;
    }
    assert!(checked > 400, "only {checked} facts carry provenance");
    assert!(
        problems.is_empty(),
        "{} provenance problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn number_normalisation() {
    assert_eq!(
        numbers("80 089 y 80,089 y 80089"),
        BTreeSet::from(["80089".to_string()])
    );
    assert_eq!(
        numbers("el 15 de mayo de 2017"),
        BTreeSet::from(["15".to_string(), "2017".to_string()])
    );
    assert_eq!(
        numbers("2,5"),
        BTreeSet::from(["2".to_string(), "5".to_string()])
    );
    let names: Vec<String> = ["enero", "mayo", "septiembre"].map(String::from).to_vec();
    assert_eq!(
        months(&names, "setiembre de 2021"),
        BTreeSet::from(["septiembre"])
    );
    assert!(months(&names, "un mayor presupuesto").is_empty());
}
