//! The pipeline, stage by stage: load → validate → select → render → typeset. [`prepare`] does
//! the cheap stages for every selected edition (no Typst work); [`produce`] renders and typesets
//! the editions asked for, in memory; only `cmd::build` writes them. A failure anywhere means no
//! output.

use crate::bibliography::{self, Bibliography};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::edition::{Edition, Tongue};
use crate::error::{Failure, Result};
use crate::project::Project;
use crate::render::{Rendered, Templates, escape};
use crate::select;
use crate::typeset::{self, Document, InFile, OVERFLOW, Problem, Shared};
use crate::validate::Dataset;
use crate::view::View;
use crate::{load, validate};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use typst::foundations::Bytes;

/// Which outputs to produce (empty lists mean all), as asked on the command line: ids that
/// [`Selection::check`] finds in the catalog.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub briefs: Vec<String>,
    pub documents: Vec<String>,
    pub audiences: Vec<String>,
    /// Languages, or parallel texts as `es-en`.
    pub langs: Vec<String>,
}

impl Selection {
    /// Whether nothing narrows the selection.
    pub fn is_everything(&self) -> bool {
        self.briefs.is_empty()
            && self.documents.is_empty()
            && self.audiences.is_empty()
            && self.langs.is_empty()
    }

    /// Whether the selection asks for `edition`.
    pub fn wants(&self, edition: &Edition) -> bool {
        let any = |list: &[String], value: &str| list.is_empty() || list.iter().any(|x| x == value);
        any(&self.briefs, &edition.brief)
            && any(&self.documents, edition.document.as_str())
            && any(&self.audiences, edition.audience.as_str())
            && any(&self.langs, &edition.tongue.to_string())
    }

    /// Refuses an id the project does not declare, with a did-you-mean: a typo in a scheduled
    /// job's `--audience` must not quietly build nothing.
    pub fn check(&self, dataset: &Dataset) -> Result<()> {
        let catalog = &dataset.catalog;
        let unknown = |what: &str, list: &[String], known: Vec<String>| -> Result<()> {
            for wanted in list {
                if !known.contains(wanted) {
                    let near =
                        crate::validate::did_you_mean(wanted, known.iter().map(String::as_str))
                            .map(|n| format!("; did you mean `{n}`?"))
                            .unwrap_or_default();
                    return Err(Failure::Usage(format!(
                        "no {what} has the id `{wanted}` ({what}s: {}){near}",
                        known.join(", ")
                    )));
                }
            }
            Ok(())
        };
        unknown(
            "brief",
            &self.briefs,
            dataset.briefs.iter().map(|b| b.id().to_owned()).collect(),
        )?;
        unknown(
            "document type",
            &self.documents,
            catalog
                .documents()
                .map(|d| d.id.value.to_string())
                .collect(),
        )?;
        unknown(
            "audience",
            &self.audiences,
            catalog
                .audiences()
                .map(|a| a.id.value.to_string())
                .collect(),
        )?;
        let mut tongues: Vec<String> = catalog
            .languages()
            .map(|l| l.id.value.to_string())
            .collect();
        for d in catalog.documents() {
            if let Some(p) = &d.parallel {
                let pair: Vec<&str> = p.languages.value.iter().map(|l| l.value.as_str()).collect();
                let name = pair.join("-");
                if !tongues.contains(&name) {
                    tongues.push(name);
                }
            }
        }
        unknown("language", &self.langs, tongues)
    }
}

/// Options that change what the pipeline produces.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub selection: Selection,
    /// `SOURCE_DATE_EPOCH`, for the PDFs' dates.
    pub epoch: Option<i64>,
    /// Show a progress bar on a terminal while typesetting.
    pub progress: bool,
    /// Refuse to build where a warning would be given (`build --strict`).
    pub strict: bool,
}

/// One finished output, in memory.
pub struct Product {
    /// The output's name ([`Edition::name`]).
    pub name: String,
    pub brief: String,
    pub typ: String,
    /// The entries of the bibliography this edition cites, written beside it.
    pub bibliography: Option<String>,
    pub pdf: Vec<u8>,
    /// The editable DOCX, for a document type that makes one.
    pub docx: Option<Vec<u8>>,
    /// The first page as a small PNG, when the run asked for thumbnails.
    pub thumbnail: Option<Vec<u8>>,
    pub pages: usize,
    /// The page budget, if one is set.
    pub budget: Option<u32>,
    /// Pages before the last that are more than half empty.
    pub sparse: Vec<crate::typeset::fill::Sparse>,
    pub duration: Duration,
}

/// An edition selected, validated and ready to render: everything but the Typst work.
pub struct Planned {
    pub edition: Edition,
    pub view: View,
    pub template: String,
    pub date: crate::model::FactDate,
    /// The pages it may take, if its document type or brief sets a budget.
    pub budget: Option<crate::budget::Budget>,
    /// Whether a DOCX is written beside the PDF (its document type says `docx: true`).
    pub docx: bool,
    /// Whether its reader is external (the catalog says so): a text negotiated with an external
    /// reader names no issuing office, internal reference or domestic reason for its marking.
    pub external: bool,
}

impl Planned {
    /// This edition's bibliography: the entries it cites, written from the parsed `sources`.
    /// A document type that does not cite (`cites: false`: the non-paper, the MoU) cites
    /// nothing, so its bibliography is empty: the research behind a text handed to a
    /// counterpart stays with the ministry.
    pub fn bibliography(&self, sources: &Bibliography) -> String {
        if !self.view.cites {
            return String::new();
        }
        let ladder = self
            .view
            .strings
            .get("quotes")
            .and_then(|q| crate::render::quotes::ladder(q))
            .unwrap_or_default();
        // Inside a quoted title, the pairs after the style's own (`quotes-in-titles`; else the
        // language's pairs from one level in).
        let in_titles = self
            .view
            .strings
            .get("quotes-in-titles")
            .and_then(|q| crate::render::quotes::ladder(q));
        let edition = bibliography::Edition {
            lang: Some(self.view.lang),
            and: self.view.strings.get("and").map(String::as_str),
            quotes: match &in_titles {
                Some(pairs) => pairs,
                None => ladder.get(1..).unwrap_or_default(),
            },
        };
        bibliography::write_for(
            sources,
            |key| self.view.sources.iter().any(|s| s == key),
            &edition,
        )
    }

    /// The classification and languages the PDF's metadata records: the marking as printed
    /// in each language of the edition, its level, and each language's BCP 47 tag.
    pub fn stamp(&self) -> crate::typeset::stamp::Stamp {
        let mut labels = Vec::new();
        let mut languages = Vec::new();
        let mut view = Some(&self.view);
        while let Some(v) = view {
            if !labels.contains(&v.classification.label) {
                labels.push(v.classification.label.clone());
            }
            languages.push(format!("{}-{}", v.lang, v.region));
            view = v.parallel.as_deref();
        }
        crate::typeset::stamp::Stamp {
            label: labels.join(" / "),
            level: self.view.classification.key.as_str().to_owned(),
            languages,
        }
    }

    /// The output's name, also its path under `out/` without extension.
    pub fn name(&self) -> String {
        self.edition.name()
    }

    /// The brief's id.
    pub fn brief(&self) -> &str {
        &self.edition.brief
    }
}

/// The validated project and the editions selected from it.
pub struct Prepared {
    pub dataset: Dataset,
    pub templates: Templates,
    pub planned: Vec<Planned>,
}

impl Prepared {
    /// Drops from the dataset every fact that no planned edition shows, once selection is done:
    /// the views hold their own copies, and error messages need only the drawn facts' places.
    /// After this, memory while typesetting scales with what is built, not with the fact base.
    pub fn release_undrawn(&mut self) {
        let mut drawn = std::collections::BTreeSet::new();
        for planned in &self.planned {
            let mut view = Some(&planned.view);
            while let Some(v) = view {
                drawn.extend(v.facts.keys().map(String::as_str));
                view = v.parallel.as_deref();
            }
        }
        self.dataset.retain_facts(&drawn);
    }

    /// Facts a section names that an earlier section of the same edition already shows, each
    /// once however many editions it concerns: `(where it is named again, what happens)`.
    pub fn repeats(&self) -> Vec<(Location, String)> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for planned in &self.planned {
            for r in &planned.view.repeats {
                // One message per fact kept in its place: editions for other readers may keep
                // another fact of the chain, and the message names the one kept.
                if !seen.insert((
                    r.fact.clone(),
                    r.section.clone(),
                    r.kept_in.clone(),
                    r.restated.as_ref().map(|rs| rs.fact.clone()),
                )) {
                    continue;
                }
                if let Some(rs) = &r.restated {
                    out.push((
                        r.at.clone(),
                        format!(
                            "fact `{}` is named in section `{}` but {}, which section `{}` already shows (in {} and any edition with both); only `{}` appears",
                            r.fact,
                            r.section,
                            rs.phrase(),
                            r.kept_in,
                            planned.name(),
                            rs.fact,
                        ),
                    ));
                } else {
                    out.push((
                        r.at.clone(),
                        format!(
                            "fact `{}` is named in section `{}` but section `{}` already shows it (in {} and any edition with both); it appears once, in `{}`",
                            r.fact,
                            r.section,
                            r.kept_in,
                            planned.name(),
                            r.kept_in
                        ),
                    ));
                }
            }
        }
        out
    }

    /// The bibliography file's bytes.
    pub fn bibliography(&self) -> Option<&[u8]> {
        self.dataset
            .bibliography
            .as_ref()
            .map(|(file, _)| file.text.as_bytes())
    }
}

/// A rendered edition waiting for the compiler.
struct Job<'p> {
    planned: &'p Planned,
    rendered: Rendered,
}

/// Loads and validates the project's inputs.
pub fn load_dataset(project: &Project) -> Result<Dataset> {
    let inputs = load::load(project)?;
    Ok(validate::validate(inputs)?)
}

/// Loads, validates and selects every edition the selection asks for; no Typst work.
pub fn prepare(project: &Project, selection: &Selection) -> Result<Prepared> {
    let dataset = load_dataset(project)?;
    let templates = Templates::load(project)?;
    let planned = plan(&dataset, &templates, selection)?;
    let dropped = restated_away_from_external(
        planned
            .iter()
            .filter(|p| p.external)
            .map(|p| (p.name(), &p.view)),
    );
    if !dropped.is_empty() {
        return Err(Failure::Invalid(dropped));
    }
    Ok(Prepared {
        dataset,
        templates,
        planned,
    })
}

/// The facts a document for an external reader draws but leaves out because another fact it
/// shows restates them: refused, since a `restates:` link added to the data would otherwise take
/// a paragraph out of the text handed to a counterpart (an MoU clause, say) with nothing but a
/// warning. Each once, at the rule that draws it. `editions` are the external ones, by name.
pub fn restated_away_from_external<'v>(
    editions: impl IntoIterator<Item = (String, &'v View)>,
) -> Diagnostics {
    let mut seen = std::collections::BTreeSet::new();
    let mut errors = Diagnostics::new();
    for (name, view) in editions {
        let mut view = Some(view);
        while let Some(v) = view {
            for r in &v.repeats {
                let Some(rs) = &r.restated else {
                    continue;
                };
                if !seen.insert((r.fact.clone(), r.section.clone())) {
                    continue;
                }
                errors.push(
                    Diagnostic::at(
                        r.at.clone(),
                        format!(
                            "fact `{}`, which section `{}` draws for {}, would be left out because it {}, which section `{}` shows: a document for an external reader prints what its brief draws",
                            r.fact,
                            r.section,
                            name,
                            rs.phrase(),
                            r.kept_in
                        ),
                    )
                    .with_hint(rs.hint(&r.fact)),
                );
            }
            view = v.parallel.as_deref();
        }
    }
    errors
}

/// Renders and typesets the given editions of `prepared`, in memory, with a first-page
/// thumbnail of each when `thumbnails` is set (a build; `check` writes none).
///
/// A long-lived process (watch) passes its `warm` fonts and library, and Typst's cache is then
/// kept across runs so that an edit recompiles only what it touches; a one-shot run loads them
/// and empties the cache after each document, so that memory stays flat.
pub fn produce(
    project: &Project,
    prepared: &Prepared,
    which: &[&Planned],
    epoch: Option<i64>,
    warm: Option<&Shared>,
    progress: bool,
    thumbnails: bool,
) -> Result<Vec<Product>> {
    let mut errors = Diagnostics::new();
    let mut jobs = Vec::new();
    for &planned in which {
        match prepared.templates.render(&planned.template, &planned.view) {
            Ok(rendered) => jobs.push(Job { planned, rendered }),
            Err(d) => errors.push(d.with_hint(format!("while rendering {}", planned.name()))),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let loaded;
    let (shared, evict_after) = match warm {
        Some(shared) => (shared, WARM_CACHE_AGE),
        None => {
            loaded = load_shared(project)?;
            (&loaded, 0)
        }
    };
    let mut products = typeset_all(
        shared,
        &jobs,
        &prepared.templates,
        &prepared.dataset,
        Options {
            epoch,
            evict_after,
            progress,
            thumbnails,
        },
    )?;
    // The DOCX beside each PDF of a document type that makes one, from the same view.
    for product in &mut products {
        if let Some(job) = jobs.iter().find(|j| j.planned.name() == product.name)
            && job.planned.docx
        {
            product.docx = Some(crate::docx::edition(job.planned)?);
        }
    }
    Ok(products)
}

/// Typesets one rendered edition of `prepared` on its own (the redline), reporting Typst's
/// problems as a build does: at the template line, the fact or the style.
pub fn typeset_one(
    shared: &Shared,
    prepared: &Prepared,
    planned: &Planned,
    rendered: Rendered,
    epoch: Option<i64>,
    ident: String,
) -> Result<typeset::Typeset> {
    let bibliography = prepared.dataset.bibliography.as_ref().map(|(_, sources)| {
        let text = planned.bibliography(sources);
        (planned.view.bibliography.clone(), Bytes::from_string(text))
    });
    let job = Job { planned, rendered };
    let doc = Document {
        main: job.rendered.typ.clone(),
        style: &prepared.templates.style.text,
        bibliography,
        date: planned.date,
        epoch,
        ident,
        stamp: Some(planned.stamp()),
        thumbnail: false,
    };
    typeset::typeset(shared, &doc).map_err(|problems| {
        Failure::Invalid(
            problems
                .iter()
                .map(|p| diagnose(p, &job, &prepared.templates, &prepared.dataset))
                .collect(),
        )
    })
}

/// One line of progress, redrawn in place on a terminal: a bar, a count and the last output.
fn draw_progress(done: usize, total: usize, last: &str) {
    use std::io::Write;
    const WIDTH: usize = 24;
    let filled = done * WIDTH / total.max(1);
    let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r\x1b[K[{bar}] {done}/{total} {last}");
    if done == total {
        let _ = write!(err, "\r\x1b[K");
    }
    let _ = err.flush();
}

/// How many runs an unused entry of Typst's cache survives in a long-lived process.
const WARM_CACHE_AGE: usize = 10;

/// Loads the fonts and the standard library, for one run or for a long-lived process.
pub fn load_shared(project: &Project) -> Result<Shared> {
    let fonts = typeset::fonts::load(project).map_err(|d| Failure::Invalid(vec![d]))?;
    Ok(Shared::new(fonts.fonts, fonts.book))
}

/// Selects every edition the selection asks for, checking what selection can check: templates
/// exist, wording rules, declared markings.
fn plan(dataset: &Dataset, templates: &Templates, selection: &Selection) -> Result<Vec<Planned>> {
    selection.check(dataset)?;
    let catalog = &dataset.catalog;
    let mut errors = Diagnostics::new();
    // A document type's templates, checked once: a missing one is an error at the catalog line
    // that names it.
    for doc in catalog.documents() {
        let mut names = vec![&doc.template];
        names.extend(doc.parallel.as_ref().map(|p| &p.template));
        for name in names {
            if !templates.has(&name.value) {
                errors.push(
                    Diagnostic::at(
                        catalog.location(name),
                        format!(
                            "document type `{}` names the template `{}`, which templates/ does not hold",
                            doc.id.value, name.value
                        ),
                    )
                    .with_source_line(&catalog.file.text),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    let mut jobs = Vec::new();
    // What the selected briefs make, for the message when the selection matches none of it.
    let mut made = Vec::new();
    for brief in &dataset.briefs {
        if !selection.briefs.is_empty() && !selection.briefs.iter().any(|b| b == brief.id()) {
            continue;
        }
        // Views of every edition, selected or not, for the declared-marking check.
        let mut views = Vec::new();
        for edition in crate::edition::of_brief(catalog, brief) {
            let doc = catalog
                .document(edition.document)
                .expect("checked against the catalog");
            let template = match (edition.tongue, &doc.parallel) {
                (Tongue::Parallel(..), Some(p)) => p.template.value.clone(),
                _ => doc.template.value.clone(),
            };
            let view = select::select_edition(dataset, brief, &edition);
            select::audit(dataset, &view).map_err(|d| Failure::Internal(d.message))?;
            if let Tongue::One(_) = edition.tongue {
                // A parallel edition repeats the texts of the single-language ones.
                errors.extend(crate::policy::wording::check(dataset, &view));
                errors.extend(crate::policy::wording::check_brief(dataset, brief, &view));
                // Another audience's edition may hold the same section or table.
                for d in crate::policy::pdf_string::check_view(brief, dataset, &view) {
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                }
            }
            views.push((edition, view, template));
        }
        let refs: Vec<(&Edition, &View)> = views.iter().map(|(e, v, _)| (e, v)).collect();
        errors.extend(select::check_declared_marking(brief, &refs));
        for (edition, view, template) in views {
            if !selection.wants(&edition) {
                made.push(edition.name());
                continue;
            }
            jobs.push(Planned {
                docx: catalog.document(edition.document).is_some_and(|d| d.docx),
                external: catalog.is_external(edition.audience),
                budget: crate::budget::of(catalog, brief, &edition),
                edition,
                view,
                template,
                date: brief.date,
            });
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    if jobs.is_empty() && !selection.is_everything() && !made.is_empty() {
        // Every id is declared, but no brief makes that combination (`--document dossier` of a
        // brief that makes none, `--lang es-en` of a document type with no parallel text): a
        // scheduled job must not report success having built nothing.
        let more = made.len().saturating_sub(12);
        made.truncate(12);
        if more > 0 {
            made.push(format!("and {more} more"));
        }
        return Err(Failure::Usage(format!(
            "the selection matches no output the briefs make (outputs: {})",
            made.join(", ")
        )));
    }
    Ok(jobs)
}

/// How [`typeset_all`] runs.
struct Options {
    epoch: Option<i64>,
    /// Runs an unused cache entry survives (0: evicted after each document).
    evict_after: usize,
    progress: bool,
    thumbnails: bool,
}

/// Typesets every job on plain threads, one per core, each taking the next job in turn.
fn typeset_all(
    shared: &Shared,
    jobs: &[Job],
    templates: &Templates,
    dataset: &Dataset,
    options: Options,
) -> Result<Vec<Product>> {
    let Options {
        epoch,
        evict_after,
        progress,
        thumbnails,
    } = options;
    let bibliography = dataset.bibliography.as_ref().map(|(_, b)| b);
    // Largest first, and no two large documents side by side: peak memory stays near that of
    // the largest document instead of the sum of the two largest.
    let scheduler = crate::schedule::Scheduler::new(
        jobs.iter().map(|j| j.rendered.typ.len()).collect(),
        crate::schedule::SOURCE_BUDGET,
    );
    let results: Mutex<Vec<(usize, std::result::Result<Product, Diagnostics>)>> =
        Mutex::new(Vec::new());
    let progress =
        progress && jobs.len() > 1 && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(i) = scheduler.next(crate::interrupt::requested) {
                    let job = &jobs[i];
                    let started = Instant::now();
                    let view = &job.planned.view;
                    let subset = bibliography.map(|full| job.planned.bibliography(full));
                    let doc = Document {
                        main: job.rendered.typ.clone(),
                        style: &templates.style.text,
                        bibliography: subset
                            .clone()
                            .map(|text| (view.bibliography.clone(), Bytes::from_string(text))),
                        date: job.planned.date,
                        epoch,
                        ident: job.planned.name(),
                        stamp: Some(job.planned.stamp()),
                        thumbnail: thumbnails,
                    };
                    let result = typeset::typeset(shared, &doc)
                        .map_err(|problems| {
                            one_overflow_per_place(
                                problems
                                    .iter()
                                    .map(|p| diagnose(p, job, templates, dataset)),
                            )
                        })
                        .and_then(|t| {
                            let name = job.planned.name();
                            let budget = job.planned.budget.as_ref();
                            if let Some(over) = budget
                                .and_then(|b| crate::budget::check(b, &name, t.pages, &t.sections))
                            {
                                return Err(vec![over]);
                            }
                            Ok(Product {
                                docx: None,
                                brief: job.planned.brief().to_owned(),
                                typ: job.rendered.typ.clone(),
                                bibliography: subset,
                                pdf: t.pdf,
                                thumbnail: t.thumbnail,
                                pages: t.pages,
                                budget: budget.map(|b| b.max),
                                sparse: t.sparse,
                                duration: started.elapsed(),
                                name,
                            })
                        });
                    // Keep memory flat across documents: drop cache entries unused for a while
                    // (at once, in a one-shot run, where no later run can reuse them).
                    typst::comemo::evict(evict_after);
                    crate::schedule::return_freed_memory();
                    scheduler.finished(i);
                    let mut done = results
                        .lock()
                        .expect("no worker panics while holding the lock");
                    done.push((i, result));
                    if progress {
                        draw_progress(done.len(), jobs.len(), &job.planned.name());
                    }
                }
            });
        }
    });
    if crate::interrupt::requested() {
        return Err(Failure::Interrupted(
            "interrupted while typesetting; nothing was written and out/ is unchanged".to_owned(),
        ));
    }
    let mut results = results.into_inner().expect("workers finished");
    results.sort_by_key(|(i, _)| *i);
    let mut outputs = Vec::new();
    let mut errors = Diagnostics::new();
    for (_, r) in results {
        match r {
            Ok(p) => outputs.push(p),
            Err(mut d) => errors.append(&mut d),
        }
    }
    if errors.is_empty() {
        Ok(outputs)
    } else {
        Err(Failure::Invalid(errors))
    }
}

/// `diagnostics` with one overflow error per place: an overlong title leaves the text area twice
/// (the word and the full stop after it), and both are placed at the title. Overflows with no
/// place are each kept.
fn one_overflow_per_place(diagnostics: impl Iterator<Item = Diagnostic>) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = Vec::new();
    for d in diagnostics {
        let repeat = d.message.starts_with(OVERFLOW)
            && d.location.is_some()
            && found
                .iter()
                .any(|f| f.message.starts_with(OVERFLOW) && f.location == d.location);
        if !repeat {
            found.push(d);
        }
    }
    found
}

/// Maps a Typst problem back to what a person edits: the template line that generated the
/// failing line (and the fact whose text is there), the style file, or the bibliography.
fn diagnose(p: &Problem, job: &Job, templates: &Templates, dataset: &Dataset) -> Diagnostic {
    if let Some(o) = &p.overflow
        && let Some((file, sources)) = dataset.bibliography.as_ref()
        && let Some(d) = crate::source_place::overflow(
            o,
            &p.message,
            &job.rendered.typ,
            &job.planned.view,
            file,
            sources,
            &job.planned.name(),
        )
    {
        return d;
    }
    if let Some(o) = &p.overflow
        && let Some(d) = crate::fact_place::overflow(
            o,
            &p.message,
            &job.planned.view,
            &job.rendered.typ,
            dataset,
            &job.planned.name(),
        )
    {
        return d;
    }
    if let Some(o) = &p.overflow
        && let Some(brief) = dataset
            .briefs
            .iter()
            .find(|b| b.id() == job.planned.brief())
        && let Some(d) = crate::brief_place::overflow(o, &p.message, brief, &job.planned.edition)
    {
        return d;
    }
    let generated = PathBuf::from("out").join(format!("{}.typ", job.planned.name()));
    let generated_line = |line: usize| {
        job.rendered
            .typ
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .to_owned()
    };
    let at_template = |line: usize, col: usize| -> Diagnostic {
        let mut d = match job
            .rendered
            .origin(line)
            .and_then(|o| templates.source(&o.template).map(|f| (o, f)))
        {
            Some((origin, file)) => {
                Diagnostic::at(Location::new(&file.path, origin.line, 1), p.message.clone())
                    .with_source_line(&file.text)
            }
            None => Diagnostic::at(Location::new(&generated, line, col), p.message.clone()),
        };
        // The generated file is written only by a successful build: name its line, and show it.
        d = d.with_hint(format!(
            "in the Typst generated for {}, line {line}, column {col}: {}",
            job.planned.name(),
            generated_line(line).trim()
        ));
        if let Some(fact) = fact_on_line(&job.planned.view, &generated_line(line), &p.excerpt) {
            let place = dataset
                .fact(&fact)
                .map(|r| format!(" ({})", Location::of(&r.file, &r.fact.id)))
                .unwrap_or_default();
            d = d.with_hint(format!("the text there comes from fact `{fact}`{place}"));
        }
        d
    };
    let mut d = match p.file {
        InFile::Main => at_template(p.line, p.column),
        InFile::Style => {
            let mut d = Diagnostic::at(
                Location::new(&templates.style.path, p.line, p.column),
                p.message.clone(),
            )
            .with_source_line(&templates.style.text);
            if let Some((l, c)) = p.main_call {
                let call = at_template(l, c);
                if let Some(loc) = call.location {
                    d = d.with_hint(format!("called from {loc}"));
                }
                d.hints.extend(call.hints);
            }
            d
        }
        InFile::Bibliography => at_source(p, job, dataset),
        InFile::Nowhere => Diagnostic::global(p.message.clone()),
    };
    // Typst's own advice about its command line does not apply inside brief.
    d.hints
        .extend(p.hints.iter().filter(|h| !h.contains("--root")).cloned());
    d.with_hint(format!(
        "while typesetting {} from templates/{}",
        job.planned.name(),
        job.planned.template
    ))
}

/// A Typst error in an edition's bibliography, at the entry of `data/sources.yaml` it was
/// written from (the written file's lines are not the file's).
fn at_source(p: &Problem, job: &Job, dataset: &Dataset) -> Diagnostic {
    let Some((file, sources)) = dataset.bibliography.as_ref() else {
        return Diagnostic::global(p.message.clone());
    };
    let written = job.planned.bibliography(sources);
    let entry = bibliography::key_at_line(&written, p.line).and_then(|k| sources.get(&k));
    let location = entry.map_or(Location::new(&file.path, 1, 1), |e| {
        Location::of(&file.path, e)
    });
    Diagnostic::at(location, p.message.clone())
        .with_source_line(&file.text)
        .with_hint(format!(
            "in the bibliography written for this edition (line {} of {}.bib.yaml)",
            p.line,
            job.planned.name()
        ))
}

/// The fact whose (escaped) text appears on a generated line, preferring the one that contains
/// the excerpt Typst complained about.
fn fact_on_line(view: &View, line: &str, excerpt: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for fact in view.facts.values() {
        let mut texts = vec![fact.text.as_str()];
        texts.extend(fact.title.as_deref());
        for text in texts {
            let escaped = escape::markup(text);
            if escaped.len() >= 4 && line.contains(&escaped) {
                let score = usize::from(!excerpt.is_empty() && escaped.contains(excerpt))
                    * 1_000_000
                    + escaped.len();
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, fact.id.as_str()));
                }
            }
        }
    }
    best.map(|(_, id)| id.to_owned())
}
