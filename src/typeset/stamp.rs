//! The classification as machine-readable metadata. Typst writes the document information and
//! XMP a PDF/A file needs, but has no field for a marking: this module appends, as an
//! incremental update (ISO 32000 §7.5.6, which PDF/A permits), a new document information
//! dictionary with a `Classification` entry and a new XMP packet with the same value as a custom
//! property in the `brief` namespace, declared in a PDF/A extension schema as PDF/A-2 requires.
//! The XMP also lists every language of a parallel text in `dc:language`. The bytes Typst wrote
//! are left untouched; the update only adds objects after them.

use std::fmt::Write as _;

/// The namespace of `brief`'s own XMP properties.
pub const NAMESPACE: &str = "https://brief.invalid/ns/classification/1.0/";

/// What the update records.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// The marking as printed, in the edition's language(s): `RESERVADO / RESTRICTED`.
    pub label: String,
    /// The language-neutral level: `reservado`.
    pub level: String,
    /// Every language of the document as BCP 47 tags, the main one first.
    pub languages: Vec<String>,
}

/// `pdf` with `stamp` appended as an incremental update, or why it could not be done (a PDF
/// whose shape Typst does not write).
pub fn apply(pdf: &[u8], stamp: &Stamp) -> Result<Vec<u8>, String> {
    let trailer = last_trailer(pdf)?;
    let size = dict_int(&trailer.dict, "/Size").ok_or("the trailer has no /Size")?;
    let root = dict_ref(&trailer.dict, "/Root").ok_or("the trailer has no /Root")?;
    let info = dict_ref(&trailer.dict, "/Info").ok_or("the trailer has no /Info")?;
    let id = trailer
        .dict
        .find("/ID")
        .map(|at| {
            let rest = &trailer.dict[at..];
            let end = rest.find(']').map_or(rest.len(), |e| e + 1);
            rest[..end].to_owned()
        })
        .ok_or("the trailer has no /ID")?;

    let info_dict = object_body(pdf, info).ok_or("the document information is missing")?;
    let info_dict = info_dict.trim();
    let info_dict = info_dict
        .strip_suffix(">>")
        .ok_or("the document information is not a dictionary")?;
    let info_dict = format!(
        "{info_dict}/Classification{}/ClassificationLevel({})>>",
        utf16_string(&stamp.label),
        stamp.level.replace(['(', ')', '\\'], "")
    );

    let (metadata, xmp) = metadata(pdf).ok_or("the XMP metadata stream is missing")?;
    let xmp = extend_xmp(&xmp, stamp)?;

    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let info_at = out.len();
    let _ = write!(Text(&mut out), "{info} 0 obj\n{info_dict}\nendobj\n");
    let metadata_at = out.len();
    let _ = write!(
        Text(&mut out),
        "{metadata} 0 obj\n<</Length {}/Type/Metadata/Subtype/XML>>\nstream\n{xmp}\nendstream\nendobj\n",
        xmp.len()
    );
    let xref_at = out.len();
    let mut entries = [(info, info_at), (metadata, metadata_at)];
    entries.sort();
    let mut xref = String::from("xref\n");
    for (number, offset) in entries {
        let _ = write!(xref, "{number} 1\n{offset:010} 00000 n\r\n");
    }
    let _ = write!(
        xref,
        "trailer\n<</Size {size}/Root {root} 0 R/Info {info} 0 R{id}/Prev {}>>\nstartxref\n{xref_at}\n%%EOF\n",
        trailer.startxref
    );
    out.extend_from_slice(xref.as_bytes());
    Ok(out)
}

/// Writes formatted text into a byte buffer.
struct Text<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Text<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

struct Trailer {
    dict: String,
    startxref: usize,
}

/// The last trailer dictionary and the offset of the last cross-reference section.
fn last_trailer(pdf: &[u8]) -> Result<Trailer, String> {
    let at = rfind(pdf, b"trailer").ok_or("no trailer: not a PDF with a cross-reference table")?;
    let rest = &pdf[at + b"trailer".len()..];
    let open = find(rest, b"<<").ok_or("the trailer has no dictionary")?;
    let close = find(rest, b">>").ok_or("the trailer dictionary is not closed")?;
    let dict = String::from_utf8_lossy(&rest[open..close + 2]).into_owned();
    let sx = rfind(pdf, b"startxref").ok_or("no startxref")?;
    let startxref = String::from_utf8_lossy(&pdf[sx + b"startxref".len()..])
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or("startxref is not a number")?;
    Ok(Trailer { dict, startxref })
}

/// The integer after `key` in a dictionary's text.
fn dict_int(dict: &str, key: &str) -> Option<usize> {
    let at = dict.find(key)? + key.len();
    let digits: String = dict[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The object number of the reference after `key` (`/Info 343 0 R`).
fn dict_ref(dict: &str, key: &str) -> Option<usize> {
    dict_int(dict, key)
}

/// The text between `N 0 obj` and `endobj` of the last definition of object `number`.
fn object_body(pdf: &[u8], number: usize) -> Option<String> {
    let head = format!("\n{number} 0 obj");
    let at = rfind(pdf, head.as_bytes())? + head.len();
    let end = find(&pdf[at..], b"endobj")?;
    Some(String::from_utf8_lossy(&pdf[at..at + end]).into_owned())
}

/// The object number and text of the XMP metadata stream.
fn metadata(pdf: &[u8]) -> Option<(usize, String)> {
    let marker = b"/Type/Metadata/Subtype/XML>>";
    let at = find(pdf, marker)?;
    let head = rfind(&pdf[..at], b" 0 obj")?;
    let line = rfind(&pdf[..head], b"\n").map_or(0, |n| n + 1);
    let number: usize = std::str::from_utf8(&pdf[line..head])
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let start = find(&pdf[at..], b"stream\n")? + at + b"stream\n".len();
    let end = find(&pdf[start..], b"\nendstream")? + start;
    Some((number, String::from_utf8(pdf[start..end].to_vec()).ok()?))
}

/// The XMP packet with the classification properties, their extension schema and every language.
fn extend_xmp(xmp: &str, stamp: &Stamp) -> Result<String, String> {
    let mut xmp = xmp.to_owned();
    let description = "<rdf:Description rdf:about=\"\"";
    let at = xmp.find(description).ok_or("the XMP has no description")? + description.len();
    xmp.insert_str(at, &format!(" xmlns:brief=\"{NAMESPACE}\""));

    let schema = format!(
        "<rdf:li rdf:parseType=\"Resource\"><pdfaSchema:schema>brief classification schema</pdfaSchema:schema><pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI><pdfaSchema:prefix>brief</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>{}{}</rdf:Seq></pdfaSchema:property></rdf:li>",
        property(
            "Classification",
            "The security classification marking, as printed"
        ),
        property(
            "ClassificationLevel",
            "The classification level, language-neutral"
        ),
    );
    let bag = "<pdfaExtension:schemas><rdf:Bag>";
    let at = xmp.find(bag).ok_or("the XMP has no extension schemas")? + bag.len();
    xmp.insert_str(at, &schema);

    let values = format!(
        "<brief:Classification>{}</brief:Classification><brief:ClassificationLevel>{}</brief:ClassificationLevel>",
        escape(&stamp.label),
        escape(&stamp.level)
    );
    let end = "</rdf:Description>";
    let at = xmp.rfind(end).ok_or("the XMP description is not closed")?;
    xmp.insert_str(at, &values);

    let languages = "<dc:language><rdf:Bag>";
    if let Some(at) = xmp.find(languages) {
        let at = at + languages.len();
        let close = xmp[at..]
            .find("</rdf:Bag>")
            .ok_or("dc:language is not closed")?
            + at;
        let items: String = stamp
            .languages
            .iter()
            .map(|l| format!("<rdf:li>{}</rdf:li>", escape(l)))
            .collect();
        xmp.replace_range(at..close, &items);
    }
    Ok(xmp)
}

fn property(name: &str, description: &str) -> String {
    format!(
        "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>{description}</pdfaProperty:description><pdfaProperty:name>{name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType></rdf:li>"
    )
}

/// Text for XML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A PDF text string in UTF-16BE with a byte-order mark, in hex.
fn utf16_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_strings_carry_a_byte_order_mark() {
        assert_eq!(utf16_string("Pú"), "<FEFF005000FA>");
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(escape("a<b>&c"), "a&lt;b&gt;&amp;c");
    }
}
