//! The diff report for people (terminal), for merge requests (Markdown) and for tools (JSON).

use super::words::{Op, visible, with_context};
use super::{FieldChange, Report};
use crate::colour::{paint, styles};
use std::fmt::Write;

/// A changed field for a person: the changes whole, with their context, on one line; inserted
/// and deleted words coloured when `colour` (the styles also underline and strike through),
/// and marked `{+…+}` and `[-…-]` otherwise, as `git diff --word-diff=plain` does.
fn words_for_people(c: &FieldChange, colour: bool) -> String {
    with_context(&c.ops)
        .iter()
        .map(|p| {
            let text = one_line(&p.text);
            match p.op {
                Op::Equal => text,
                Op::Delete if colour => paint(true, styles::DELETED, &visible(&text)),
                Op::Insert if colour => paint(true, styles::INSERTED, &visible(&text)),
                Op::Delete => format!("[-{}-]", visible(&text)),
                Op::Insert => format!("{{+{}+}}", visible(&text)),
            }
        })
        .collect()
}

/// Line breaks as `↵` (a report line is one line): a text's own breaks stay visible.
fn one_line(s: &str) -> String {
    s.replace("\r\n", "↵").replace(['\n', '\r'], "↵")
}

/// A changed field for a merge request: deleted words `~~struck~~`, inserted ones `**bold**`,
/// the text escaped so that nothing in it is Markdown or HTML, on one line (a table cell).
fn words_for_markdown(c: &FieldChange) -> String {
    with_context(&c.ops)
        .iter()
        .map(|p| {
            let text = one_line(&p.text);
            let (lead, core, trail) = split_space(&text);
            match p.op {
                Op::Equal => md_escape(&text),
                _ if core.is_empty() => {
                    let mark = if p.op == Op::Delete { "~~" } else { "**" };
                    format!("{mark}{}{mark}", md_escape(&visible(&text)))
                }
                Op::Delete => format!("{lead}~~{}~~{trail}", md_escape(core)),
                Op::Insert => format!("{lead}**{}**{trail}", md_escape(core)),
            }
        })
        .collect()
}

/// `s` as leading whitespace, the rest, and trailing whitespace (emphasis marks must touch text).
fn split_space(s: &str) -> (&str, &str, &str) {
    let core = s.trim();
    if core.is_empty() {
        return (s, "", "");
    }
    let start = s.len() - s.trim_start().len();
    let end = start + core.len();
    (&s[..start], core, &s[end..])
}

/// Every character that Markdown (GitHub and GitLab flavours) or inline HTML could read as
/// syntax, backslash-escaped, so that a fact's text prints as itself.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_~[]()<>|#!&${}:@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The report for people; `colour` paints inserted and deleted words (`colour::stdout()`).
pub fn human(r: &Report, colour: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "brief diff: {} → {}", r.old, r.new);
    if !r.releases.is_empty() {
        let _ = writeln!(
            o,
            "\n!!! RELEASES: {} change(s) widen who may see a fact !!!",
            r.releases.len()
        );
        for x in &r.releases {
            let _ = writeln!(o, "  ! {}: {}", x.id, x.what);
        }
    }
    let _ = writeln!(o, "\nfacts: {} changed", r.facts.len());
    for f in &r.facts {
        let from = f
            .from
            .as_ref()
            .map(|x| format!(" (from {x})"))
            .unwrap_or_default();
        let _ = writeln!(o, "  {} {}{from}  [{}]", f.change, f.id, f.file);
        for c in &f.fields {
            let _ = writeln!(o, "      {}: {}", c.field, words_for_people(c, colour));
        }
    }
    if !r.drift.is_empty() {
        let _ = writeln!(o, "\ntranslation drift:");
        for d in &r.drift {
            let _ = writeln!(o, "  ~ {} {}: {}", d.id, d.field, d.what);
        }
    }
    for (what, list) in [
        ("brief definitions", &r.briefs),
        ("templates", &r.templates),
        ("sources", &r.sources),
    ] {
        if !list.is_empty() {
            let _ = writeln!(o, "\n{what} changed: {}", list.join(", "));
        }
    }
    let _ = writeln!(o, "\noutputs that change: {}", r.outputs.len());
    for out in &r.outputs {
        let mut why = out.facts.clone();
        why.extend(out.other.iter().cloned());
        let _ = writeln!(o, "  {}: {}", out.name, why.join(", "));
    }
    o
}

pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "### brief diff: `{}` → `{}`\n", r.old, r.new);
    if !r.releases.is_empty() {
        let _ = writeln!(
            o,
            "> [!CAUTION]\n> **{} release(s): facts visible to more readers than before.**",
            r.releases.len()
        );
        for x in &r.releases {
            let _ = writeln!(o, "> - `{}`: {}", x.id, x.what);
        }
        o.push('\n');
    }
    let _ = writeln!(o, "**Facts** ({} changed)\n", r.facts.len());
    if !r.facts.is_empty() {
        let _ = writeln!(
            o,
            "| change | fact | field | old → new |\n|---|---|---|---|"
        );
        for f in &r.facts {
            let id = match &f.from {
                Some(from) => format!("`{}` (was `{from}`)", f.id),
                None => format!("`{}`", f.id),
            };
            if f.fields.is_empty() {
                let _ = writeln!(o, "| {} | {id} | | |", f.change);
            }
            for c in &f.fields {
                let _ = writeln!(
                    o,
                    "| {} | {id} | {} | {} |",
                    f.change,
                    c.field,
                    words_for_markdown(c)
                );
            }
        }
        o.push('\n');
    }
    if !r.drift.is_empty() {
        let _ = writeln!(o, "**Translation drift**\n");
        for d in &r.drift {
            let _ = writeln!(o, "- `{}` {}: {}", d.id, d.field, d.what);
        }
        o.push('\n');
    }
    let _ = writeln!(o, "**Outputs that change** ({})\n", r.outputs.len());
    for out in &r.outputs {
        let mut why: Vec<String> = out.facts.iter().map(|f| format!("`{f}`")).collect();
        why.extend(out.other.iter().cloned());
        let _ = writeln!(o, "- `{}`: {}", out.name, why.join(", "));
    }
    o
}

pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).expect("reports serialize")
}
