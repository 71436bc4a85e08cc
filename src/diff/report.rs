//! The diff report for people (terminal), for merge requests (Markdown) and for tools (JSON).

use super::Report;
use std::fmt::Write;

fn clip(s: &str) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() > 160 {
        format!("{}…", one_line.chars().take(160).collect::<String>())
    } else {
        one_line
    }
}

pub fn human(r: &Report) -> String {
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
            let _ = writeln!(o, "      {}: {} → {}", c.field, clip(&c.old), clip(&c.new));
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
            "| change | fact | field | old | new |\n|---|---|---|---|---|"
        );
        for f in &r.facts {
            let id = match &f.from {
                Some(from) => format!("`{}` (was `{from}`)", f.id),
                None => format!("`{}`", f.id),
            };
            if f.fields.is_empty() {
                let _ = writeln!(o, "| {} | {id} | | | |", f.change);
            }
            for c in &f.fields {
                let cell = |s: &str| clip(s).replace('|', "\\\\|");
                let _ = writeln!(
                    o,
                    "| {} | {id} | {} | {} | {} |",
                    f.change,
                    c.field,
                    cell(&c.old),
                    cell(&c.new)
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
