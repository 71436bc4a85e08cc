//! The document model as WordprocessingML: `word/document.xml`, the header and footer, the
//! styles (Word's built-in ones, so a negotiator's edits keep the formatting), the settings and
//! the document properties. Every text and attribute goes through `quick_xml`'s escaping; no
//! part holds an rsid, a generated id or a clock time, so the same model gives the same bytes.

use super::model::{Align, Block, Change, Content, Document, Field, Para, Row, Run, Style, Table};
use quick_xml::escape::escape;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The text width of an A4 page with the PDF's margins (2.5 cm left, 2.3 cm right), in twips.
const TEXT_WIDTH: u32 = 9185;
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Who made the tracked changes, and when: the NEW revision's drafting office and its date.
#[derive(Debug, Clone)]
pub struct Revision {
    pub author: String,
    /// W3C date-time, `2022-11-30T00:00:00Z`.
    pub date: String,
}

/// A character XML 1.0 cannot hold reached the writer (validation refuses them in every text,
/// so this is an internal error).
#[derive(Debug)]
pub struct Unrepresentable(pub char);

/// Writes XML into a string, numbering tracked changes in document order.
struct Xml<'r> {
    out: String,
    revision: Option<&'r Revision>,
    next_id: u32,
    bad: Option<char>,
}

impl<'r> Xml<'r> {
    fn new(revision: Option<&'r Revision>) -> Self {
        Self {
            out: String::from(DECLARATION),
            revision,
            next_id: 1,
            bad: None,
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Escaped text, after checking that XML 1.0 can hold every character.
    fn text(&mut self, s: &str) {
        if let Some(c) = s
            .chars()
            .find(|&c| !crate::policy::xml_text::is_xml_char(c))
        {
            self.bad.get_or_insert(c);
            return;
        }
        self.out.push_str(&escape(s));
    }

    /// `name="value"`, escaped.
    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.text(value);
        self.out.push('"');
    }

    /// The attributes of a `w:ins` or `w:del`: its id, author and date.
    fn change_attrs(&mut self) {
        let id = self.next_id;
        self.next_id += 1;
        self.attr("w:id", &id.to_string());
        let revision = self.revision.cloned().unwrap_or(Revision {
            author: String::new(),
            date: String::new(),
        });
        self.attr("w:author", &revision.author);
        self.attr("w:date", &revision.date);
    }

    fn finish(self) -> Result<String, Unrepresentable> {
        match self.bad {
            Some(c) => Err(Unrepresentable(c)),
            None => Ok(self.out),
        }
    }
}

fn change_tag(change: Change) -> Option<&'static str> {
    match change {
        Change::None => None,
        Change::Inserted => Some("w:ins"),
        Change::Deleted => Some("w:del"),
    }
}

fn run(x: &mut Xml, r: &Run) {
    let tag = change_tag(r.change);
    if let Some(tag) = tag {
        x.raw(&format!("<{tag}"));
        x.change_attrs();
        x.raw(">");
    }
    let props = |x: &mut Xml| {
        let mut p = String::new();
        if r.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if let Some(c) = r.colour {
            p.push_str(&format!("<w:color w:val=\"{c}\"/>"));
        }
        x.raw("<w:rPr>");
        x.raw(&p);
        if let Some(lang) = &r.lang {
            x.raw("<w:lang");
            x.attr("w:val", lang);
            x.raw("/>");
        }
        x.raw("</w:rPr>");
    };
    match &r.content {
        Content::Field(field) => {
            let instr = match field {
                Field::Page => "PAGE",
                Field::NumPages => "NUMPAGES",
            };
            x.raw(&format!("<w:fldSimple w:instr=\" {instr} \"><w:r>"));
            props(x);
            x.raw("<w:t>1</w:t></w:r></w:fldSimple>");
        }
        Content::Tab => {
            x.raw("<w:r>");
            props(x);
            x.raw("<w:tab/></w:r>");
        }
        Content::Text(text) => {
            x.raw("<w:r>");
            props(x);
            let t = if r.change == Change::Deleted {
                "w:delText"
            } else {
                "w:t"
            };
            // A line break in a text is a line break in the paragraph, as Typst prints it; a
            // tab is a space there too.
            for (i, line) in text.split(is_line_break).enumerate() {
                if i > 0 {
                    x.raw("<w:br/>");
                }
                if !line.is_empty() {
                    x.raw(&format!("<{t} xml:space=\"preserve\">"));
                    x.text(&line.replace('\t', " "));
                    x.raw(&format!("</{t}>"));
                }
            }
            x.raw("</w:r>");
        }
    }
    if let Some(tag) = tag {
        x.raw(&format!("</{tag}>"));
    }
}

/// The characters Typst takes as a line break in text.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn para(x: &mut Xml, p: &Para) {
    x.raw("<w:p><w:pPr>");
    x.raw(&format!("<w:pStyle w:val=\"{}\"/>", p.style.id()));
    if let Some(align) = p.align {
        let jc = match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        x.raw(&format!("<w:jc w:val=\"{jc}\"/>"));
    }
    // The paragraph mark itself is inserted or deleted with a whole paragraph.
    if let Some(tag) = change_tag(p.change) {
        x.raw(&format!("<w:rPr><{tag}"));
        x.change_attrs();
        x.raw("/></w:rPr>");
    }
    x.raw("</w:pPr>");
    for r in &p.runs {
        run(x, r);
    }
    x.raw("</w:p>");
}

fn table(x: &mut Xml, t: &Table) {
    let columns = t.rows.first().map_or(2, |r| r.cells.len()).max(1) as u32;
    let width = TEXT_WIDTH / columns;
    if t.signature {
        // Room to sign above the lines.
        x.raw("<w:p><w:pPr><w:suppressLineNumbers/><w:spacing w:before=\"720\"/></w:pPr></w:p>");
    }
    x.raw("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>");
    x.raw("<w:tblCellMar><w:left w:w=\"113\" w:type=\"dxa\"/><w:right w:w=\"227\" w:type=\"dxa\"/></w:tblCellMar>");
    x.raw("<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for _ in 0..columns {
        x.raw(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    x.raw("</w:tblGrid>");
    let cell_props = |x: &mut Xml, header: bool| {
        x.raw(&format!("<w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"));
        if t.signature {
            x.raw("<w:tcBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"1B1B1B\"/></w:tcBorders>");
        } else if header {
            x.raw("<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"1B1B1B\"/></w:tcBorders>");
        }
        x.raw("</w:tcPr>");
    };
    if !t.header.is_empty() {
        x.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for cell in &t.header {
            x.raw("<w:tc>");
            cell_props(x, true);
            cell_paras(x, cell);
            x.raw("</w:tc>");
        }
        x.raw("</w:tr>");
    }
    for r in &t.rows {
        row(x, r, &cell_props);
    }
    x.raw("</w:tbl>");
}

fn row(x: &mut Xml, r: &Row, cell_props: &dyn Fn(&mut Xml, bool)) {
    x.raw("<w:tr><w:trPr><w:cantSplit/>");
    if let Some(tag) = change_tag(r.change) {
        x.raw(&format!("<{tag}"));
        x.change_attrs();
        x.raw("/>");
    }
    x.raw("</w:trPr>");
    for cell in &r.cells {
        x.raw("<w:tc>");
        cell_props(x, false);
        cell_paras(x, cell);
        x.raw("</w:tc>");
    }
    x.raw("</w:tr>");
}

/// A cell's paragraphs; a cell holds at least one.
fn cell_paras(x: &mut Xml, paras: &[Para]) {
    if paras.is_empty() {
        x.raw("<w:p/>");
    }
    for p in paras {
        para(x, p);
    }
}

/// `word/document.xml`: the body, then the section's page set-up (A4, the PDF's margins, line
/// numbers for negotiation, the header and footer).
pub fn document(doc: &Document, revision: Option<&Revision>) -> Result<String, Unrepresentable> {
    let mut x = Xml::new(revision);
    x.raw(&format!(
        "<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>"
    ));
    for block in &doc.body {
        match block {
            Block::Para(p) => para(&mut x, p),
            Block::Table(t) => table(&mut x, t),
        }
    }
    // Word wants a paragraph after a table that ends the body.
    if matches!(doc.body.last(), Some(Block::Table(_))) {
        x.raw("<w:p><w:pPr><w:suppressLineNumbers/></w:pPr></w:p>");
    }
    x.raw(concat!(
        "<w:sectPr>",
        "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>",
        "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>",
        "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
        "<w:pgMar w:top=\"1701\" w:right=\"1304\" w:bottom=\"1531\" w:left=\"1417\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>",
        "<w:lnNumType w:countBy=\"1\" w:distance=\"283\" w:restart=\"continuous\"/>",
        "</w:sectPr></w:body></w:document>"
    ));
    x.finish()
}

/// `word/header1.xml` or `word/footer1.xml`.
pub fn furniture(paras: &[Para], footer: bool) -> Result<String, Unrepresentable> {
    let mut x = Xml::new(None);
    let tag = if footer { "w:ftr" } else { "w:hdr" };
    x.raw(&format!("<{tag} xmlns:w=\"{W}\" xmlns:r=\"{R}\">"));
    for p in paras {
        para(&mut x, p);
    }
    x.raw(&format!("</{tag}>"));
    x.finish()
}

/// `word/styles.xml`: the document defaults in the edition's language and Word's built-in
/// styles the model uses, in fonts every Word and LibreOffice has (or substitutes metrically).
pub fn styles(lang: &str) -> String {
    let mut x = Xml::new(None);
    x.raw(&format!("<w:styles xmlns:w=\"{W}\">"));
    x.raw("<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang");
    x.attr("w:val", lang);
    x.attr("w:bidi", "ar-SA");
    x.raw("/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>");
    let heading = |id: &str, name: &str, level: u8, size: u8, colour: &str, before: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"120\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"{level}\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:b/><w:bCs/><w:color w:val=\"{colour}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    x.raw("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>");
    x.raw("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    x.raw("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    x.raw("<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:b/><w:bCs/><w:color w:val=\"1B1B1B\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>");
    x.raw("<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"11\"/><w:qFormat/><w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:b/><w:bCs/><w:color w:val=\"7B1E1E\"/><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr></w:style>");
    x.raw(&heading("Heading1", "heading 1", 0, 22, "7B1E1E", 240));
    // The header's office and reference sit at the margins (one right tab); the footer's date,
    // marking and page number left, centre and right.
    let center = format!("<w:tab w:val=\"center\" w:pos=\"{}\"/>", TEXT_WIDTH / 2);
    for (id, name, tabs) in [
        ("Header", "header", ""),
        ("Footer", "footer", center.as_str()),
    ] {
        x.raw(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:tabs>{tabs}<w:tab w:val=\"right\" w:pos=\"{TEXT_WIDTH}\"/></w:tabs><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"15\"/><w:szCs w:val=\"15\"/></w:rPr></w:style>"
        ));
    }
    x.raw("</w:styles>");
    x.finish()
        .expect("the styles hold only fixed text and a language tag")
}

/// `word/settings.xml`: revisions are tracked, so a counterpart's edits to the draft show as
/// changes; no rsids are recorded.
pub fn settings(lang: &str) -> String {
    let mut x = Xml::new(None);
    x.raw(&format!("<w:settings xmlns:w=\"{W}\">"));
    x.raw("<w:zoom w:percent=\"100\"/><w:trackRevisions/><w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang");
    x.attr("w:val", lang);
    x.raw("/></w:settings>");
    x.finish()
        .expect("the settings hold only fixed text and a language tag")
}

/// `docProps/core.xml`: title, subject, creator, language, keywords (the reference and the
/// marking) and the brief's date as created and modified (never the clock).
pub fn core(doc: &Document) -> Result<String, Unrepresentable> {
    let p = &doc.props;
    let mut x = Xml::new(None);
    x.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    let element = |x: &mut Xml, tag: &str, value: &str| {
        x.raw(&format!("<{tag}>"));
        x.text(value);
        x.raw(&format!("</{tag}>"));
    };
    element(&mut x, "dc:title", &p.title);
    element(&mut x, "dc:subject", &p.subject);
    if !p.creator.is_empty() {
        element(&mut x, "dc:creator", &p.creator);
    }
    let keywords = if p.reference.is_empty() {
        p.classification.clone()
    } else {
        format!("{}, {}", p.reference, p.classification)
    };
    element(&mut x, "cp:keywords", &keywords);
    element(&mut x, "cp:category", &p.classification);
    element(&mut x, "dc:language", &p.languages.join(", "));
    let when = format!("{}T00:00:00Z", p.date);
    for tag in ["dcterms:created", "dcterms:modified"] {
        x.raw(&format!("<{tag} xsi:type=\"dcterms:W3CDTF\">"));
        x.text(&when);
        x.raw(&format!("</{tag}>"));
    }
    x.raw("</cp:coreProperties>");
    x.finish()
}

/// `docProps/custom.xml`: the classification (as printed and its level) and the reference, as
/// custom properties a records system or a labelling add-in reads.
pub fn custom(doc: &Document) -> Result<String, Unrepresentable> {
    let p = &doc.props;
    let mut x = Xml::new(None);
    x.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">");
    for (i, (name, value)) in [
        ("Classification", p.classification.as_str()),
        ("ClassificationLevel", p.classification_level.as_str()),
        ("Reference", p.reference.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .enumerate()
    {
        // Property ids start at 2, by the specification.
        x.raw(&format!(
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{}\"",
            i + 2
        ));
        x.attr("name", name);
        x.raw("><vt:lpwstr>");
        x.text(value);
        x.raw("</vt:lpwstr></property>");
    }
    x.raw("</Properties>");
    x.finish()
}

/// `docProps/app.xml`: the producing application, with no template (no macros can come with one).
pub fn app() -> String {
    format!(
        "{DECLARATION}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>brief {}</Application><DocSecurity>0</DocSecurity></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// Style ids the model may use: each must be defined in [`styles`].
pub const STYLES: [Style; 6] = [
    Style::Title,
    Style::Subtitle,
    Style::Heading1,
    Style::Normal,
    Style::Header,
    Style::Footer,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_the_model_uses_is_defined() {
        let s = styles("es-PE");
        for style in STYLES {
            assert!(
                s.contains(&format!("w:styleId=\"{}\"", style.id())),
                "{style:?}"
            );
        }
    }

    #[test]
    fn text_is_escaped_and_line_breaks_are_breaks() {
        let mut x = Xml::new(None);
        run(&mut x, &Run::text("a <b> & \"c\"\nd"));
        let out = x.finish().unwrap();
        assert!(
            out.contains("a &lt;b&gt; &amp; &quot;c&quot;</w:t><w:br/>"),
            "{out}"
        );
    }

    #[test]
    fn a_character_xml_cannot_hold_is_refused() {
        let mut x = Xml::new(None);
        run(&mut x, &Run::text("a\u{FFFE}"));
        assert!(matches!(x.finish(), Err(Unrepresentable('\u{FFFE}'))));
    }
}
