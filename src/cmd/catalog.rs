//! `brief catalog`: the languages, audiences and document types the project declares, as
//! people read them or as JSON for tools.

use crate::catalog::Catalog;
use crate::cli::{CatalogArgs, Format};
use crate::error::Result;
use crate::pipeline;
use crate::project::Project;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Report {
    languages: Vec<Language>,
    audiences: Vec<Audience>,
    documents: Vec<Document>,
}

#[derive(Serialize)]
struct Language {
    id: String,
    name: String,
    region: String,
    /// The BCP 47 tag the PDFs declare: `es-PE`.
    tag: String,
    months: Vec<String>,
    decimal: String,
    group: String,
    strings: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct Audience {
    id: String,
    name: BTreeMap<String, String>,
    external: bool,
    portion_marks: bool,
}

#[derive(Serialize)]
struct Document {
    id: String,
    name: BTreeMap<String, String>,
    template: String,
    audiences: Vec<String>,
    /// The languages it is made in; `null` when it follows each brief's languages.
    languages: Option<Vec<String>>,
    /// The two languages of its parallel text, left column first; `null` when it has none.
    parallel: Option<Vec<String>>,
    max_pages: Option<u32>,
    cites: bool,
    /// Whether every edition is also written as a DOCX.
    docx: bool,
    /// Whether its paragraphs carry portion marks where the audience reads them.
    portion_marks: bool,
    wording_rules: usize,
}

fn report(catalog: &Catalog) -> Report {
    let texts = |t: &crate::model::Texts| {
        t.iter()
            .map(|(l, s)| (l.to_string(), s.value.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    Report {
        languages: catalog
            .languages()
            .map(|l| Language {
                id: l.id.value.to_string(),
                name: l.name.value.clone(),
                region: l.region.value.clone(),
                tag: format!("{}-{}", l.id.value, l.region.value),
                months: l.months.value.clone(),
                decimal: l.numbers.decimal.value.clone(),
                group: l.numbers.group.value.clone(),
                strings: l
                    .strings
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value.clone()))
                    .collect(),
            })
            .collect(),
        audiences: catalog
            .audiences()
            .map(|a| Audience {
                id: a.id.value.to_string(),
                name: texts(&a.name),
                external: a.external.value,
                portion_marks: a.portion_marks,
            })
            .collect(),
        documents: catalog
            .documents()
            .map(|d| Document {
                id: d.id.value.to_string(),
                name: texts(&d.name),
                template: d.template.value.clone(),
                audiences: d.audiences.iter().map(|a| a.value.to_string()).collect(),
                languages: d
                    .languages
                    .as_ref()
                    .map(|l| l.iter().map(|l| l.value.to_string()).collect()),
                parallel: d.parallel.as_ref().map(|p| {
                    p.languages
                        .value
                        .iter()
                        .map(|l| l.value.to_string())
                        .collect()
                }),
                max_pages: d.max_pages.as_ref().map(|m| m.value),
                cites: d.cites,
                docx: d.docx,
                portion_marks: d.portion_marks,
                wording_rules: d.wording.len(),
            })
            .collect(),
    }
}

pub fn catalog(project: &Project, args: &CatalogArgs) -> Result<()> {
    let dataset = pipeline::load_dataset(project)?;
    let report = report(&dataset.catalog);
    if args.format == Format::Json {
        out!(
            "{}",
            serde_json::to_string_pretty(&report).expect("the report serialises")
        );
        return Ok(());
    }
    out!("languages");
    for l in &report.languages {
        out!(
            "  {:<10} {} ({}), {} strings",
            l.id,
            l.name,
            l.tag,
            l.strings.len()
        );
    }
    out!("audiences");
    for a in &report.audiences {
        let name = a.name.values().next().cloned().unwrap_or_default();
        out!(
            "  {:<10} {}{}{}",
            a.id,
            name,
            if a.external {
                ", external"
            } else {
                ", internal"
            },
            if a.portion_marks {
                ", portion marks"
            } else {
                ""
            }
        );
    }
    out!("documents");
    for d in &report.documents {
        let name = d.name.values().next().cloned().unwrap_or_default();
        let mut parts = vec![format!("for {}", d.audiences.join(", "))];
        if let Some(l) = &d.languages {
            parts.push(format!("in {}", l.join(", ")));
        }
        if let Some(p) = &d.parallel {
            parts.push(format!("parallel {}", p.join("-")));
        }
        if let Some(m) = d.max_pages {
            parts.push(format!("at most {m} pages"));
        }
        if !d.cites {
            parts.push("no citations".to_owned());
        }
        if d.docx {
            parts.push("also DOCX".to_owned());
        }
        if !d.portion_marks {
            parts.push("no portion marks".to_owned());
        }
        if d.wording_rules > 0 {
            parts.push(format!("{} wording rules", d.wording_rules));
        }
        out!(
            "  {:<14} {} ({}): {}",
            d.id,
            name,
            d.template,
            parts.join("; ")
        );
    }
    Ok(())
}
