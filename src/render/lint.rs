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
            let after = source[offset + name.len()..].trim_start().chars().next();
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if word_start && after == Some('(') {
                report(offset, why);
            }
        }
    }
    found.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    found
}

/// The Typst functions no document may call, however it names them (`eval`, `std.eval`, a
/// `let` alias): any identifier or field with these names is refused.
const FORBIDDEN_IDENTS: &[&str] = &["eval", "read", "plugin"];

/// Functions that load a file by path: the path must be written in the template, never computed
/// (so no data can choose what is loaded).
const PATH_TAKING: &[&str] = &["image", "json", "yaml", "toml", "csv", "xml", "cbor"];

/// Checks Typst source by its syntax tree: forbidden identifiers anywhere (code, math, field
/// access) and imports or includes whose path is not a literal. Returns byte offsets and
/// messages. Escaped data cannot form identifiers, so every finding comes from a template.
pub fn typst_syntax(source: &str) -> Vec<(usize, String)> {
    use typst::syntax::{LinkedNode, SyntaxKind, parse};
    fn walk(node: &LinkedNode, found: &mut Vec<(usize, String)>) {
        match node.kind() {
            SyntaxKind::Ident | SyntaxKind::MathIdent
                if FORBIDDEN_IDENTS.contains(&node.leaf_text().as_str()) =>
            {
                found.push((
                    node.offset(),
                    format!(
                        "forbidden construct: `{}` is not available to templates",
                        node.leaf_text()
                    ),
                ));
            }
            SyntaxKind::FuncCall => {
                let callee = node.children().next();
                let name = callee
                    .as_ref()
                    .filter(|c| c.kind() == SyntaxKind::Ident)
                    .map(|c| c.leaf_text().to_string());
                if let Some(name) = name.filter(|n| PATH_TAKING.contains(&n.as_str())) {
                    let first = node
                        .children()
                        .find(|c| c.kind() == SyntaxKind::Args)
                        .and_then(|args| {
                            args.children().find(|c| {
                                !c.kind().is_trivia()
                                    && !matches!(
                                        c.kind(),
                                        SyntaxKind::LeftParen
                                            | SyntaxKind::RightParen
                                            | SyntaxKind::Comma
                                            | SyntaxKind::Named
                                    )
                            })
                        });
                    if first.is_some_and(|c| c.kind() != SyntaxKind::Str) {
                        found.push((
                            node.offset(),
                            format!("forbidden construct: `{name}` needs a literal path"),
                        ));
                    }
                }
            }
            SyntaxKind::ModuleImport | SyntaxKind::ModuleInclude => {
                let source = node
                    .children()
                    .find(|c| !c.kind().is_trivia() && !c.kind().is_keyword());
                if source.is_some_and(|c| c.kind() != SyntaxKind::Str) {
                    found.push((
                        node.offset(),
                        "forbidden construct: imports and includes need a literal path".to_owned(),
                    ));
                }
            }
            _ => {}
        }
        for child in node.children() {
            walk(&child, found);
        }
    }
    let root = parse(source);
    let mut found = Vec::new();
    walk(&LinkedNode::new(&root), &mut found);
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
    fn syntax_lint_sees_every_spelling() {
        for bad in [
            "#eval(\"1\")",
            "#std.eval(\"1\")",
            "#let e = eval\n#e(\"1\")",
            "#(read\n(\"x\"))",
            "$plugin(1)$",
            "#import (\"a\" + \"b\"): x",
            "#let p = \"x.png\"\n#image(p)",
            "#image(\"a\" + \"b\", alt: \"x\")",
            "#yaml(sys.inputs.at(\"f\"))",
        ] {
            assert!(!typst_syntax(bad).is_empty(), "{bad:?} passed");
        }
        for good in [
            "#import \"/style.typ\": *",
            "Please read this and evaluate it.",
            "#let reading = 1",
            "#x.evaluate",
            "#image(\"/logo.png\", alt: \"logo\")",
            "#image(alt: \"logo\", \"/logo.png\")",
        ] {
            assert!(typst_syntax(good).is_empty(), "{good:?} refused");
        }
    }

    #[test]
    fn allows_ordinary_words() {
        assert!(messages("Please read the brief; #thread(x) #my-eval(1) #x.reading(2)").is_empty());
        assert_eq!(messages("#std.read(\"x\")").len(), 1);
        assert_eq!(messages("#(eval\n(\"1\"))").len(), 1);
    }
}
