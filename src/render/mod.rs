//! Stage 4: render an edition's view through its minijinja template into Typst source.
//!
//! Every printed value is escaped for Typst (see [`escape`]); undefined values are errors; the
//! templates are linted before use; and each generated line remembers the template line that
//! produced it, so Typst's errors can point at the template.

pub mod escape;
pub mod lint;
pub mod marks;
pub mod quotes;
pub mod sourcemap;

use crate::diag::{Diagnostic, Diagnostics, Location, line_column};
use crate::project::{Project, SourceFile};
use crate::view::View;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use sourcemap::Origin;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shared Typst style file every template imports as `/style.typ`.
pub const STYLE: &str = "style.typ";

/// Built-in filters templates may not use: they mark strings safe, or transform a string while
/// keeping its safe mark.
const UNSAFE_FILTERS: &[&str] = &[
    "safe",
    "escape",
    "e",
    "lower",
    "upper",
    "title",
    "capitalize",
    "replace",
    "trim",
    "join",
    "split",
    "lines",
    "first",
    "last",
    "string",
    "slice",
    "reverse",
    "format",
    "indent",
    "pprint",
    "urlencode",
    "tojson",
    "truncate",
    "center",
    "wordwrap",
];

/// Instructions a template may run, so a runaway loop ends with an error in bounded time.
const FUEL: u64 = 50_000_000;

/// The project's templates, linted, instrumented and compiled once.
pub struct Templates {
    env: Environment<'static>,
    /// Template names by marker index.
    names: Vec<String>,
    /// Original and instrumented text by template name.
    sources: BTreeMap<String, (SourceFile, String)>,
    pub style: SourceFile,
}

/// Generated Typst source and the origin of each of its lines.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub typ: String,
    pub origins: Vec<Option<Origin>>,
}

impl Rendered {
    /// The template line that produced generated line `line` (1-based).
    pub fn origin(&self, line: usize) -> Option<&Origin> {
        self.origins.get(line.checked_sub(1)?)?.as_ref()
    }
}

fn template_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            template_files(&path, out)?;
        } else if name.ends_with(".j2") {
            out.push(path);
        }
    }
    Ok(())
}

/// The formatter for every `{{ }}`: data is escaped as Typst markup; only values built by the
/// `str` filter (Typst string literals) pass as they are. `none` and undefined are errors.
fn typst_formatter(
    out: &mut minijinja::Output,
    _state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if value.is_undefined() || value.is_none() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "the template printed a missing (none) value",
        ));
    }
    let text = value.to_string();
    let written = if value.is_safe() {
        text
    } else if let Some(marked) = marks::lookup(&text) {
        marked
    } else {
        escape::markup(&text)
    };
    out.write_str(&written).map_err(Error::from)
}

/// Template names a source refers to with a literal in an import, from, include or extends tag.
fn referenced_templates(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in source.split("{%").skip(1) {
        let body = tag.split("%}").next().unwrap_or("").trim_start();
        let keyword = ["import", "from", "include", "extends"]
            .iter()
            .find(|k| body.starts_with(**k));
        if keyword.is_some() {
            let quoted = body.split(['"', '\'']).nth(1);
            if let Some(name) = quoted {
                out.push(name.to_owned());
            }
        }
    }
    out
}

/// The `lit` filter: a value as a Typst literal for code context (`#f(label({{ key|lit }}))`):
/// strings become escaped string literals, numbers and booleans Typst numbers and booleans.
fn typst_literal(value: Value) -> Result<Value, Error> {
    use minijinja::value::ValueKind;
    let literal = match value.kind() {
        ValueKind::String => escape::string_literal(value.as_str().unwrap_or_default()),
        ValueKind::Number => {
            let n = f64::try_from(value.clone())
                .map_err(|_| Error::new(ErrorKind::InvalidOperation, "not a number"))?;
            if !n.is_finite() {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    "a non-finite number has no Typst literal",
                ));
            }
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{n:.0}")
            } else {
                format!("{n}")
            }
        }
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::None => "none".to_owned(),
        other => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("`lit` takes a string, number or boolean, not {other}"),
            ));
        }
    };
    Ok(Value::from_safe_string(literal))
}

/// `t("key")`: the catalog's string `key` in the edition's language; `t("key", "en")` in
/// another language of the edition (a parallel text's second column). A string the catalog does
/// not declare for that language is an error at the template line that prints it.
fn catalog_string(state: &State, key: String, lang: Option<String>) -> Result<String, Error> {
    let own = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned));
    let (lang, strings) = match lang {
        None => (own.clone().unwrap_or_default(), state.lookup("strings")),
        Some(l) if Some(&l) == own.as_ref() => (l, state.lookup("strings")),
        Some(l) => {
            let other = state.lookup("parallel").filter(|p| {
                p.get_attr("lang")
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .as_deref()
                    == Some(l.as_str())
            });
            match other {
                Some(p) => (l, p.get_attr("strings").ok()),
                None => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!(
                            "`{l}` is not a language of this edition, so t(\"{key}\", \"{l}\") cannot print"
                        ),
                    ));
                }
            }
        }
    };
    strings
        .and_then(|s| s.get_attr(&key).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "the string `{key}` is not declared for language `{lang}` in {}",
                    crate::catalog::path().display()
                ),
            )
        })
}

impl Templates {
    /// Loads every `templates/**/*.j2` and `templates/style.typ`, linting each.
    pub fn load(project: &Project) -> Result<Self, Diagnostics> {
        let dir = project.dir("templates");
        let mut files = Vec::new();
        template_files(&dir, &mut files)
            .map_err(|e| vec![Diagnostic::global(format!("cannot read templates/: {e}"))])?;
        let mut errors = Diagnostics::new();

        let style_path = dir.join(STYLE);
        let style = match project.read_text(&style_path) {
            Ok(s) => {
                errors.extend(lint::lint(&s.path, &s.text, false));
                for (offset, message) in lint::typst_syntax(&s.text) {
                    let (line, column) = line_column(&s.text, offset);
                    errors.push(
                        Diagnostic::at(Location::new(&s.path, line, column), message)
                            .with_source_line(&s.text),
                    );
                }
                Some(s)
            }
            // Only a style that is not there at all is "missing"; anything else there (a FIFO,
            // a broken link, a file too large) is refused at its path.
            Err(d) if std::fs::symlink_metadata(&style_path).is_ok() => {
                errors.push(d);
                None
            }
            Err(_) => {
                errors.push(Diagnostic::global(format!(
                    "templates/{STYLE} is missing: every template imports it"
                )));
                None
            }
        };

        let mut env = Environment::new();
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("static syntax configuration"),
        );
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        env.set_debug(true);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
        env.set_formatter(typst_formatter);
        // Filters that return a string keeping the "safe" mark of their input could turn escaped
        // markup back into live markup (`x|e|replace("\\", "")`): templates do without them.
        for name in UNSAFE_FILTERS {
            env.remove_filter(name);
        }
        env.add_filter("lit", typst_literal);
        env.add_function("t", catalog_string);

        let mut names = Vec::new();
        let mut sources = BTreeMap::new();
        for path in files {
            let file = match project.read_text(&path) {
                Ok(f) => f,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            let lint_errors = lint::lint(&file.path, &file.text, true);
            if !lint_errors.is_empty() {
                errors.extend(lint_errors);
                continue;
            }
            let name = path
                .strip_prefix(&dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let instrumented = sourcemap::instrument(names.len(), &file.text);
            names.push(name.clone());
            sources.insert(name.clone(), (file, instrumented.clone()));
            if let Err(e) = env.add_template_owned(name, instrumented) {
                errors.push(Self::diagnostic_in(&sources, &e));
            }
        }
        match (errors.is_empty(), style) {
            (true, Some(style)) => Ok(Self {
                env,
                names,
                sources,
                style,
            }),
            _ => Err(errors),
        }
    }

    /// The templates `name` uses, itself included: what it imports, includes or extends, and so
    /// on, as written in `{% import "…" %}`, `{% from "…" %}`, `{% include "…" %}` and
    /// `{% extends "…" %}` with literal names.
    pub fn dependencies(&self, name: &str) -> Vec<String> {
        let mut seen = vec![name.to_owned()];
        let mut i = 0;
        while i < seen.len() {
            if let Some((file, _)) = self.sources.get(&seen[i]) {
                for dep in referenced_templates(&file.text) {
                    if !seen.contains(&dep) {
                        seen.push(dep);
                    }
                }
            }
            i += 1;
        }
        seen.sort();
        seen
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The original source of a template, by name.
    pub fn source(&self, name: &str) -> Option<&SourceFile> {
        self.sources.get(name).map(|(f, _)| f)
    }

    /// Renders template `name` over `view` with redline `marks`: each value printed in markup
    /// that equals a key of `marks` prints as its marked markup. Returns the rendering and how
    /// many marked texts were printed.
    pub fn render_marked(
        &self,
        name: &str,
        view: &View,
        marks: marks::Marks,
    ) -> Result<(Rendered, usize), Diagnostic> {
        let marks = quotes::convert_marks(view, marks);
        let (rendered, used) = marks::with_marks(marks, || self.render(name, view));
        Ok((rendered?, used))
    }

    /// Renders template `name` over `view`, its texts in their language's quotes ([`quotes`]).
    pub fn render(&self, name: &str, view: &View) -> Result<Rendered, Diagnostic> {
        let view = &quotes::apply(view);
        let template = self
            .env
            .get_template(name)
            .map_err(|e| Self::diagnostic_in(&self.sources, &e))?;
        let output = template
            .render(Value::from(minijinja::value::Serde(view)))
            .map_err(|e| Self::diagnostic_in(&self.sources, &e))?;
        let (typ, origins) = sourcemap::strip(&output, &self.names).ok_or_else(|| {
            Diagnostic::global(format!(
                "internal error: the line map of {name} is damaged; nothing was written"
            ))
        })?;
        let rendered = Rendered { typ, origins };
        if let Some((offset, message)) = lint::typst_syntax(&rendered.typ).into_iter().next() {
            let (line, column) = line_column(&rendered.typ, offset);
            let generated = rendered
                .typ
                .lines()
                .nth(line - 1)
                .unwrap_or("")
                .trim()
                .to_owned();
            let d = match rendered
                .origin(line)
                .and_then(|o| self.source(&o.template).map(|f| (o, f)))
            {
                Some((origin, file)) => {
                    Diagnostic::at(Location::new(&file.path, origin.line, 1), message)
                        .with_source_line(&file.text)
                }
                None => Diagnostic::global(message),
            };
            return Err(d.with_hint(format!(
                "in the generated Typst, line {line}, column {column}: {generated}"
            )));
        }
        Ok(rendered)
    }

    /// A minijinja error as a diagnostic at the original (uninstrumented) template line.
    fn diagnostic_in(sources: &BTreeMap<String, (SourceFile, String)>, err: &Error) -> Diagnostic {
        let mut message = err.kind().to_string();
        if let Some(detail) = err.detail() {
            message = format!("{message}: {detail}");
        }
        let found = err.name().and_then(|n| sources.get(n));
        let Some((file, instrumented)) = found else {
            return Diagnostic::global(message);
        };
        let (line, column) = match (err.range(), err.line()) {
            (Some(range), _) => {
                let (line, col) = line_column(instrumented, range.start);
                (
                    line,
                    col.saturating_sub(sourcemap::marker_width(instrumented, line))
                        .max(1),
                )
            }
            (None, Some(line)) => (line, 1),
            (None, None) => (1, 1),
        };
        Diagnostic::at(Location::new(&file.path, line, column), message)
            .with_source_line(&file.text)
    }
}
