//! Maps lines of the generated Typst back to the template lines that produced them.
//!
//! Before a template is compiled, every line that starts in template text (not inside or at a
//! `{% %}`/`{# #}` tag) is prefixed with an invisible marker naming the template and line. After
//! rendering, the markers are stripped and remembered per output line. Markers are private-use
//! characters, which validation refuses in facts, so data cannot forge them.

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Where a generated line came from: a template and a 1-based line in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub template: String,
    pub line: usize,
}

/// Prefixes template-text lines of `source` with markers naming template number `index`.
pub fn instrument(index: usize, source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    let mut in_tag: Option<&'static [u8]> = None;
    for (n, line) in source.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let starts_with_block = trimmed.starts_with("{%") || trimmed.starts_with("{#");
        if in_tag.is_none() && !starts_with_block {
            out.push(OPEN);
            out.push_str(&format!("{index}:{}", n + 1));
            out.push(CLOSE);
        }
        out.push_str(line);
        in_tag = ends_inside_tag(line, in_tag);
    }
    out
}

/// Whether a line leaves an expression, statement or comment tag open. `open` is the closer
/// awaited from earlier lines; a tag closes only with its own closer (`}}` for `{{`).
fn ends_inside_tag(line: &str, open: Option<&'static [u8]>) -> Option<&'static [u8]> {
    let bytes = line.as_bytes();
    let mut awaited = open;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let pair = &bytes[i..i + 2];
        match awaited {
            None => {
                awaited = match pair {
                    b"{{" => Some(b"}}"),
                    b"{%" => Some(b"%}"),
                    b"{#" => Some(b"#}"),
                    _ => None,
                };
                i += if awaited.is_some() { 2 } else { 1 };
            }
            Some(closer) if pair == closer => {
                awaited = None;
                i += 2;
            }
            Some(_) => i += 1,
        }
    }
    awaited
}

/// Length in characters of the marker at the start of line `line` of an instrumented source.
pub fn marker_width(instrumented: &str, line: usize) -> usize {
    instrumented
        .lines()
        .nth(line.saturating_sub(1))
        .filter(|l| l.starts_with(OPEN))
        .and_then(|l| l.find(CLOSE).map(|end| l[..end].chars().count() + 1))
        .unwrap_or(0)
}

/// Strips markers from rendered output, returning the clean text and each output line's origin:
/// the last marker on the line (the innermost, when a macro's output follows its call), or the
/// origin of the line before when a line has none.
/// `None` if a marker is cut short, which means template output was damaged.
pub fn strip(rendered: &str, templates: &[String]) -> Option<(String, Vec<Option<Origin>>)> {
    let mut text = String::with_capacity(rendered.len());
    let mut origins = Vec::new();
    let mut current: Option<Origin> = None;
    let mut chars = rendered.chars();
    while let Some(c) = chars.next() {
        if c == OPEN {
            let mut tag = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == CLOSE {
                    closed = true;
                    break;
                }
                tag.push(c);
            }
            if !closed || tag.len() > 32 {
                return None;
            }
            if let Some((i, l)) = tag.split_once(':')
                && let (Ok(i), Ok(l)) = (i.parse::<usize>(), l.parse::<usize>())
                && let Some(name) = templates.get(i)
            {
                current = Some(Origin {
                    template: name.clone(),
                    line: l,
                });
            }
            continue;
        }
        text.push(c);
        if c == '\n' {
            origins.push(current.clone());
        }
    }
    origins.push(current);
    Some((text, origins))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_text_lines_only() {
        let src = "= Title\n{% if x %}\n  {{ a }}\n{% endif %}\n{{ b\n }} tail\n";
        let out = instrument(3, src);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "\u{E000}3:1\u{E001}= Title");
        assert_eq!(lines[1], "{% if x %}");
        assert_eq!(lines[2], "\u{E000}3:3\u{E001}  {{ a }}");
        assert_eq!(lines[3], "{% endif %}");
        assert_eq!(lines[4], "\u{E000}3:5\u{E001}{{ b");
        assert_eq!(
            lines[5], " }} tail",
            "a line inside an open tag gets no marker"
        );
        assert_eq!(marker_width(&out, 1), 5);
        assert_eq!(marker_width(&out, 2), 0);
    }

    #[test]
    fn strip_restores_text_and_origins() {
        let names = vec!["a.j2".to_string(), "b.j2".to_string()];
        let rendered = "\u{E000}0:1\u{E001}x\n\u{E000}0:2\u{E001}\u{E000}1:7\u{E001}y\nz\n";
        let (text, origins) = strip(rendered, &names).unwrap();
        assert!(
            strip("a\u{E000}0:1 rest of the document", &names).is_none(),
            "an unterminated marker must not swallow text"
        );
        assert_eq!(text, "x\ny\nz\n");
        assert_eq!(
            origins[0],
            Some(Origin {
                template: "a.j2".into(),
                line: 1
            })
        );
        assert_eq!(
            origins[1],
            Some(Origin {
                template: "b.j2".into(),
                line: 7
            })
        );
        assert_eq!(
            origins[2],
            Some(Origin {
                template: "b.j2".into(),
                line: 7
            }),
            "unmarked lines inherit"
        );
    }
}
