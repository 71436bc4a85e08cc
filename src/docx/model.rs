//! What a DOCX edition holds, as plain data: paragraphs in Word's built-in styles, the parallel
//! text's table, the header and footer with the marking, and the document's properties. It is
//! built from the edition's view, the same clearance-filtered data the PDF template sees, section
//! by section as the MoU templates lay it out (title, participants, recitals, numbered
//! paragraphs, signature), so the two outputs say the same thing. [`super::ooxml`] writes it.

use crate::edition::Tongue;
use crate::model::brief::Layout;
use crate::pipeline::Planned;
use crate::view::{FactView, SectionView, View};

/// One DOCX document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The properties (`docProps/core.xml`, `docProps/custom.xml`).
    pub props: Properties,
    /// The language of the text, BCP 47 (`es-PE`): the styles' default.
    pub lang: String,
    pub header: Vec<Para>,
    pub footer: Vec<Para>,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Properties {
    pub title: String,
    /// What the document is: `Memorándum de Entendimiento / Memorandum of Understanding`.
    pub subject: String,
    /// The office that drafts it.
    pub creator: String,
    pub reference: String,
    /// The languages, BCP 47, first column first (`es-PE, en-GB`).
    pub languages: Vec<String>,
    /// The marking as printed (`RESERVADO / RESTRICTED`) and its level (`reservado`).
    pub classification: String,
    pub classification_level: String,
    /// The brief's date, ISO (`2022-11-30`): the document's created and modified date.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    /// A parallel text: one row per paragraph pair.
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Repeated at the top of each page.
    pub header: Vec<Vec<Para>>,
    pub rows: Vec<Row>,
    /// Whether the table shows its grid lines (the parallel text does not; the signature lines
    /// are drawn as top borders of their cells).
    pub signature: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What the row shows, stable across revisions (for the redline's alignment).
    pub key: String,
    pub cells: Vec<Vec<Para>>,
    /// A row inserted or deleted as a whole in a redline.
    pub change: Change,
}

/// Word's built-in paragraph styles, by their style ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Subtitle,
    Heading1,
    Normal,
    Header,
    Footer,
}

impl Style {
    /// The style id in `styles.xml`, which is also Word's built-in name without spaces.
    pub fn id(self) -> &'static str {
        match self {
            Style::Title => "Title",
            Style::Subtitle => "Subtitle",
            Style::Heading1 => "Heading1",
            Style::Normal => "Normal",
            Style::Header => "Header",
            Style::Footer => "Footer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// What the paragraph shows, stable across revisions: `fact/<id>/text`, `section/<id>`…
    pub key: String,
    pub style: Style,
    pub align: Option<Align>,
    pub runs: Vec<Run>,
    /// A paragraph inserted or deleted as a whole in a redline (its paragraph mark too).
    pub change: Change,
}

impl Para {
    fn new(key: impl Into<String>, style: Style, runs: Vec<Run>) -> Self {
        Self {
            key: key.into(),
            style,
            align: None,
            runs,
            change: Change::None,
        }
    }

    fn aligned(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    /// The paragraph's text as it reads once every change is accepted.
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .filter(|r| r.change != Change::Deleted)
            .map(|r| match &r.content {
                Content::Text(t) => t.as_str(),
                Content::Tab => "\t",
                Content::Field(_) => "",
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub content: Content,
    pub bold: bool,
    /// A marking's colour, as the PDF prints it (red for anything restricted).
    pub colour: Option<&'static str>,
    /// The run's language when it is not the document's (the parallel text's second column).
    pub lang: Option<String>,
    pub change: Change,
}

impl Run {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            content: Content::Text(text.into()),
            bold: false,
            colour: None,
            lang: None,
            change: Change::None,
        }
    }

    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    fn coloured(mut self, colour: Option<&'static str>) -> Self {
        self.colour = colour;
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Tab,
    Field(Field),
}

/// Fields Word computes when it lays the document out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Page,
    NumPages,
}

/// A tracked change: what the redline marks, and what a negotiator accepts or rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Change {
    #[default]
    None,
    Inserted,
    Deleted,
}

/// The red of a restricted marking, as the PDF's style prints it (`#a4161a`).
const MARKING_RED: &str = "A4161A";
/// The grey of the page furniture (`luma(95)`).
const MUTED: &str = "5F5F5F";

/// The DOCX of an edition: its view (and for a parallel text, the second language's view), laid
/// out as the MoU templates lay out the PDF.
pub fn document(planned: &Planned) -> Document {
    let view = &planned.view;
    let second = match planned.edition.tongue {
        Tongue::Parallel(..) => view.parallel.as_deref(),
        Tongue::One(_) => None,
    };
    let views: Vec<&View> = std::iter::once(view).chain(second).collect();
    let both = |f: &dyn Fn(&View) -> String| -> String {
        let mut parts: Vec<String> = Vec::new();
        for v in &views {
            let text = f(v);
            if !parts.contains(&text) {
                parts.push(text);
            }
        }
        parts.join(" / ")
    };
    let t = |v: &View, key: &str| v.strings.get(key).cloned().unwrap_or_default();
    let colour = (view.classification.key.as_str() != "publico").then_some(MARKING_RED);
    let marking = both(&|v| v.classification.label.clone());
    let banner = format!("{marking} — {}", both(&|v| t(v, "draft-for-negotiation")));
    // A draft negotiated with an external reader, like its PDF, names no issuing office, no
    // internal reference and no domestic reason for its marking (`setup(attributed=false)`).
    let attributed = !planned.external;
    let props = Properties {
        title: both(&|v| v.brief.title.clone()),
        subject: both(&|v| v.document.name.clone()),
        creator: if attributed {
            view.brief.office.clone()
        } else {
            String::new()
        },
        reference: if attributed {
            view.brief.reference.clone()
        } else {
            String::new()
        },
        languages: views
            .iter()
            .map(|v| format!("{}-{}", v.lang, v.region))
            .collect(),
        classification: marking.clone(),
        classification_level: view.classification.key.as_str().to_owned(),
        date: view.brief.date.iso.clone(),
    };
    let mut header = vec![
        Para::new(
            "header/banner",
            Style::Header,
            vec![Run::text(&banner).bold().coloured(colour)],
        )
        .aligned(Align::Center),
    ];
    if attributed {
        header.push(Para::new(
            "header/office",
            Style::Header,
            vec![
                Run::text(both(&|v| v.brief.office.clone())).coloured(Some(MUTED)),
                tab(),
                Run::text(&view.brief.reference).coloured(Some(MUTED)),
            ],
        ));
    }
    let mut page = Vec::new();
    for (i, v) in views.iter().enumerate() {
        if i > 0 {
            page.push(Run::text(" / "));
        }
        let lang = (i > 0).then(|| format!("{}-{}", v.lang, v.region));
        for content in [
            Content::Text(format!("{} ", t(v, "page"))),
            Content::Field(Field::Page),
            Content::Text(format!(" {} ", t(v, "page-of"))),
            Content::Field(Field::NumPages),
        ] {
            page.push(Run {
                content,
                lang: lang.clone(),
                ..Run::text("")
            });
        }
    }
    // The date, the marking and the page number on one line; a parallel text's banner, in both
    // languages, takes a line of its own above them, as in the PDF.
    let date = Run::text(both(&|v| v.brief.date.text.clone()));
    let banner_run = Run::text(&banner).bold().coloured(colour);
    let footer = if second.is_some() {
        let mut runs = vec![date, tab(), tab()];
        runs.extend(page);
        vec![
            Para::new("footer/banner", Style::Footer, vec![banner_run]).aligned(Align::Center),
            Para::new("footer", Style::Footer, runs),
        ]
    } else {
        let mut runs = vec![date, tab(), banner_run, tab()];
        runs.extend(page);
        vec![Para::new("footer", Style::Footer, runs)]
    };

    let mut body = Vec::new();
    // The marking again as the body's first words, with the floor's reason, as the PDF has it.
    let marking_runs = vec![
        Run::text(format!("{}: ", both(&|v| t(v, "classification")))).coloured(colour),
        Run::text(&marking).bold().coloured(colour),
    ];
    body.push(Block::Para(
        Para::new("marking", Style::Normal, marking_runs).aligned(Align::Right),
    ));
    if attributed && view.floor.is_some() {
        body.push(Block::Para(
            Para::new(
                "marking/floor",
                Style::Normal,
                vec![
                    Run::text(both(&|v| v.floor.clone().unwrap_or_default())).coloured(Some(MUTED)),
                ],
            )
            .aligned(Align::Right),
        ));
    }
    body.push(Block::Para(
        Para::new(
            "draft",
            Style::Subtitle,
            vec![Run::text(both(&|v| t(v, "draft-for-negotiation")))],
        )
        .aligned(Align::Center),
    ));
    match second {
        None => body.extend(one_language(view)),
        Some(other) => body.push(Block::Table(parallel(view, other))),
    }
    body.push(Block::Table(signature_lines(&views)));
    Document {
        props,
        lang: format!("{}-{}", view.lang, view.region),
        header,
        footer,
        body,
    }
}

/// A tab, to the style's next tab stop.
fn tab() -> Run {
    Run {
        content: Content::Tab,
        ..Run::text("")
    }
}

/// A fact's text as printed: open text (not yet agreed) in brackets.
fn body_text(f: &FactView) -> String {
    if f.open {
        format!("[{}]", f.text)
    } else {
        f.text.clone()
    }
}

/// A numbered paragraph's heading: `3. Purpose`, as the PDF prints it.
fn clause_heading(f: &FactView, n: usize) -> String {
    let heading = f
        .attrs
        .get("heading")
        .cloned()
        .or_else(|| f.title.clone())
        .unwrap_or_default();
    format!("{n}. {heading}")
}

/// The paragraphs of one section in one language, each with its key: what a template prints of
/// it, in order.
fn section_paras(s: &SectionView) -> Vec<Para> {
    let fact = |f: &FactView, field: &str, style: Style, text: String| {
        Para::new(
            format!("fact/{}/{field}", f.id),
            style,
            vec![Run::text(text)],
        )
    };
    let title = || {
        Para::new(
            format!("section/{}", s.id),
            Style::Heading1,
            vec![Run::text(&s.title)],
        )
    };
    let mut out = Vec::new();
    match s.layout {
        Layout::Title => {
            for f in &s.facts {
                out.push(fact(f, "text", Style::Title, body_text(f)).aligned(Align::Center));
            }
        }
        Layout::Parties => {
            for f in &s.facts {
                out.push(fact(f, "text", Style::Normal, body_text(f)));
            }
        }
        // The numbered paragraphs follow the preamble with no part heading of their own, each
        // heading at the level of the preamble's and the signature's, as in the PDF.
        Layout::Clauses => {
            for (i, f) in s.facts.iter().enumerate() {
                out.push(fact(
                    f,
                    "heading",
                    Style::Heading1,
                    clause_heading(f, i + 1),
                ));
                out.push(fact(f, "text", Style::Normal, body_text(f)));
            }
        }
        Layout::Recitals | Layout::Signature => {
            out.push(title());
            for f in &s.facts {
                out.push(fact(f, "text", Style::Normal, body_text(f)));
            }
        }
        // Any other layout, as the shared section macros print it: the fact's title as a lead
        // before its text, unless the text's opening already says it.
        _ => {
            out.push(title());
            for f in &s.facts {
                let lead = match &f.title {
                    Some(t) if !f.title_said => format!("{t}. "),
                    _ => String::new(),
                };
                out.push(fact(f, "text", Style::Normal, lead + &body_text(f)));
            }
        }
    }
    out
}

/// The document's title first: a draft without a title section takes the brief's, as the
/// template does.
fn titled(view: &View) -> Option<Para> {
    (!view.sections.iter().any(|s| s.layout == Layout::Title)).then(|| {
        Para::new(
            "brief/title",
            Style::Title,
            vec![Run::text(&view.brief.title)],
        )
        .aligned(Align::Center)
    })
}

fn one_language(view: &View) -> Vec<Block> {
    let mut out: Vec<Block> = titled(view).into_iter().map(Block::Para).collect();
    for s in &view.sections {
        out.extend(section_paras(s).into_iter().map(Block::Para));
    }
    out
}

/// The parallel text: each paragraph beside its translation, one row per pair. Selection does
/// not depend on the language, so the two views hold the same sections and facts in the same
/// order, and their paragraphs pair up one to one.
fn parallel(view: &View, other: &View) -> Table {
    let lang = format!("{}-{}", other.lang, other.region);
    let second = |mut p: Para| {
        for r in &mut p.runs {
            r.lang = Some(lang.clone());
        }
        p
    };
    let t = |v: &View, key: &str| v.strings.get(key).cloned().unwrap_or_default();
    let heading = |v: &View| {
        Para::new(
            "column",
            Style::Normal,
            vec![
                Run::text(t(v, "column-heading"))
                    .bold()
                    .coloured(Some(MUTED)),
            ],
        )
    };
    let mut rows = Vec::new();
    let mut pair = |left: Para, right: Para| {
        rows.push(Row {
            key: left.key.clone(),
            cells: vec![vec![left], vec![second(right)]],
            change: Change::None,
        });
    };
    if let (Some(a), Some(b)) = (titled(view), titled(other)) {
        pair(a, b);
    }
    for (s, o) in view.sections.iter().zip(&other.sections) {
        for (a, b) in section_paras(s).into_iter().zip(section_paras(o)) {
            pair(a, b);
        }
    }
    Table {
        header: vec![vec![heading(view)], vec![second(heading(other))]],
        rows,
        signature: false,
    }
}

/// The signature lines under the text: one column per Participant, the signatory named in each
/// language.
fn signature_lines(views: &[&View]) -> Table {
    let cell = |key: &str| -> Vec<Para> {
        views
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut run = Run::text(v.strings.get(key).cloned().unwrap_or_default());
                if i > 0 {
                    run.lang = Some(format!("{}-{}", v.lang, v.region));
                }
                Para::new(format!("signatory/{key}/{i}"), Style::Normal, vec![run])
                    .aligned(Align::Left)
            })
            .collect()
    };
    Table {
        header: Vec::new(),
        rows: vec![Row {
            key: "signatories".into(),
            cells: vec![cell("signatory-peru"), cell("signatory-nato")],
            change: Change::None,
        }],
        signature: true,
    }
}
