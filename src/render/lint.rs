//! Templates are code that runs on every build: before any of them is used, refuse the
//! constructs that would let data become markup or let the document reach outside the project.

use crate::diag::{Diagnostic, Location, line_column};
use std::path::Path;

/// Constructs refused in minijinja templates, with why.
const JINJA_RULES: &[(&str, &str)] = &[
    ("|safe", "`|safe` would print data as Typst markup"),
    ("| safe", "`|safe` would print data as Typst markup"),
    (
        "autoescape",
        "`autoescape` blocks could turn off Typst escaping",
    ),
    (
        "{%-",
        "whitespace control `{%-` breaks the line map to templates; the environment trims blocks already",
    ),
    (
        "-%}",
        "whitespace control `-%}` breaks the line map to templates; the environment trims blocks already",
    ),
];

/// Typst functions refused anywhere in templates and the style file.
const TYPST_CALLS: &[(&str, &str)] = &[
    ("eval", "`eval` would run data as Typst code"),
    (
        "read",
        "`read` reads files; templates get their data from the view",
    ),
    ("plugin", "`plugin` loads WebAssembly"),
];

/// Typst constructs refused as text.
const TYPST_TEXT: &[(&str, &str)] = &[
    (
        "@preview/",
        "package imports need the network and are disabled",
    ),
    ("@local/", "package imports are disabled"),
];

/// Checks one template or style source. `jinja` says whether minijinja rules apply.
pub fn lint(path: &Path, source: &str, jinja: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut report = |offset: usize, message: &str| {
        let (line, column) = line_column(source, offset);
        found.push(
            Diagnostic::at(
                Location::new(path, line, column),
                format!("forbidden construct: {message}"),
            )
            .with_source_line(source),
        );
    };
    if jinja {
        for (needle, why) in JINJA_RULES {
            for (offset, _) in source.match_indices(needle) {
                report(offset, why);
            }
        }
    }
    for (needle, why) in TYPST_TEXT {
        for (offset, _) in source.match_indices(needle) {
            report(offset, why);
        }
    }
    for (name, why) in TYPST_CALLS {
        for (offset, _) in source.match_indices(name) {
            let before = source[..offset].chars().next_back();
            let after = source[offset + name.len()..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next();
            let word_start =
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
            if word_start && after == Some('(') {
                report(offset, why);
            }
        }
    }
    found.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(src: &str) -> Vec<String> {
        lint(Path::new("templates/t.typ.j2"), src, true)
            .into_iter()
            .map(|d| d.to_string().lines().next().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn refuses_escapes_from_the_sandbox() {
        assert_eq!(messages("ok\n{{ x|safe }}").len(), 1);
        assert!(
            messages("{% autoescape false %}{{ x }}{% endautoescape %}")[0]
                .starts_with("templates/t.typ.j2:1:4:")
        );
        assert_eq!(messages("#eval(\"1\")").len(), 1);
        assert_eq!(messages("#read (\"/etc/hostname\")").len(), 1);
        assert_eq!(messages("#import \"@preview/cetz:0.3.0\"").len(), 1);
        assert_eq!(messages("#plugin(\"x.wasm\")").len(), 1);
    }

    #[test]
    fn allows_ordinary_words() {
        assert!(messages("Please read the brief; #thread(x) #my-eval(1) #x.read(2)").is_empty());
    }
}
