//! The staff page's HTML: one self-contained file (inline CSS, no script, no font, no request
//! outside `out/`), in Spanish and English side by side. Every text it prints is escaped, the
//! manifest's included (it is untrusted input), and every link is relative to `out/`.

use super::{BriefHead, Listing, Stamp};
use crate::incremental::manifest::Manifest;
use crate::model::Classification;
use std::fmt::Write as _;

/// `text` escaped for HTML text and for a double-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A badge's background and text colours: white text on a dark colour, each pair above the
/// 4.5:1 contrast WCAG asks of normal text (`tests/suite/catalogue_page.rs` measures it).
pub fn badge_colours(c: Classification) -> (&'static str, &'static str) {
    match c {
        Classification::Publico => ("#1e5e2a", "#ffffff"),
        Classification::Reservado => ("#7a4600", "#ffffff"),
        Classification::Confidencial => ("#a01818", "#ffffff"),
    }
}

fn badge(c: Classification, label: &str, lang: Option<&str>) -> String {
    let (background, colour) = badge_colours(c);
    let lang = lang
        .map(|l| format!(" lang=\"{}\"", escape(l)))
        .unwrap_or_default();
    format!(
        "<span class=\"badge\"{lang} style=\"background:{background};color:{colour}\">{}</span>",
        escape(label)
    )
}

/// Seconds since 1970 as `2026-12-06 15:02 UTC`, and as an HTML `datetime` value.
fn utc(secs: i64) -> (String, String) {
    let (y, m, d) = crate::typeset::civil_from_days(secs.div_euclid(86_400));
    let rest = secs.rem_euclid(86_400);
    let (h, min) = (rest / 3600, rest % 3600 / 60);
    (
        format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02} UTC"),
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}Z"),
    )
}

fn time(secs: i64) -> String {
    let (shown, machine) = utc(secs);
    format!("<time datetime=\"{machine}\">{shown}</time>")
}

/// A Spanish and an English text side by side, the English one marked as such.
fn both(es: &str, en: &str) -> String {
    format!("{es} <span class=\"en\" lang=\"en\">{en}</span>")
}

/// The id of an output's card: its name with `/` and `.` made `-`.
fn anchor(name: &str) -> String {
    format!(
        "out-{}",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    )
}

const CSS: &str = "\
:root{color-scheme:light;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#1a1a1a;background:#f6f6f4}
body{margin:0 auto;max-width:72rem;padding:0 1rem 3rem;line-height:1.45}
.staff{background:#5c0a0a;color:#ffffff;padding:.6rem 1rem;margin:0 -1rem 1rem;font-size:.95rem}
.staff strong{letter-spacing:.04em}
.en{color:#4a4a4a}
.staff .en{color:#ffffff}
h1{font-size:1.7rem;margin:.4rem 0}
h1 .en,h2 .en{font-weight:normal}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid #c9c9c4;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .3rem}
.warn{background:#fff3cd;border:1px solid #8a6d00;padding:.5rem .8rem}
.asof{font-size:.95rem}
ul.outputs{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(27rem,1fr));gap:.8rem}
li.output{display:flex;gap:.8rem;background:#ffffff;border:1px solid #d5d5d0;border-radius:6px;padding:.7rem}
li.output img{width:149px;height:auto;border:1px solid #b9b9b4;display:block;background:#ffffff}
.nothumb{width:149px;min-height:5rem;border:1px dashed #8a8a85;font-size:.8rem;padding:.3rem;box-sizing:border-box}
.title{font-style:italic;margin:.2rem 0}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:3px;font-weight:700;font-size:.8rem;letter-spacing:.03em}
.external{display:inline-block;border:1px solid #1a1a1a;padding:0 .35rem;border-radius:3px;font-size:.8rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;margin:.4rem 0;font-size:.9rem}
.file{font-size:.8rem;word-break:break-all;margin:.2rem 0}
dt{color:#4a4a4a;white-space:nowrap}
dt .en{display:block}
dd{margin:0}
.changed{font-size:.85rem;margin:.3rem 0 0}
.changed ul{margin:.1rem 0;padding-left:1.1rem}
.unchecked{font-size:.85rem;color:#7a4600;font-weight:600}
code{font-size:.85em}
.matrix{overflow-x:auto}
table{border-collapse:collapse;font-size:.82rem;background:#ffffff}
th,td{border:1px solid #d5d5d0;padding:.15rem .35rem;text-align:center}
th[scope=row]{text-align:left;font-weight:normal;white-space:nowrap}
summary{cursor:pointer;margin:.3rem 0}
caption{text-align:left;padding:.3rem 0}
thead th{vertical-align:bottom}
thead th span{display:block;white-space:nowrap}
footer{margin-top:3rem;font-size:.85rem;color:#4a4a4a}
";

/// Reasons shown per output before "and N more".
const SHOWN_REASONS: usize = 6;
/// Facts listed under "latest changes" before "and N more".
const SHOWN_FACTS: usize = 40;

/// The page, from the briefs' headings, every edition's listing (in the briefs' order), the
/// manifest as the run leaves it and what the run was.
pub fn page(
    briefs: &[BriefHead],
    listings: &[Listing],
    manifest: &Manifest,
    stamp: &Stamp,
) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(
        "<title>Catálogo de documentos (uso interno) · Document catalogue (staff only)</title>\n",
    );
    let _ = writeln!(h, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(
        h,
        "<p class=\"staff\" role=\"note\"><strong>SOLO PARA EL PERSONAL DEL MINISTERIO · NO DISTRIBUIR.</strong> \
         <strong lang=\"en\">MINISTRY STAFF ONLY · NOT FOR DISTRIBUTION.</strong><br>{}</p>",
        both(
            "Esta página enumera ediciones internas y los identificadores de hechos internos. No la envíe ni la copie junto con los documentos para destinatarios externos: a ellos solo se entrega el PDF de su edición.",
            "This page lists internal editions and internal fact ids. Never send or copy it with the documents for external readers: they are given their edition's PDF only."
        )
    );
    let _ = writeln!(
        h,
        "<header>\n<h1>Catálogo de documentos <span class=\"en\" lang=\"en\">Document catalogue</span></h1>"
    );
    match stamp.inputs_as_of {
        Some(secs) => {
            let _ = writeln!(
                h,
                "<p class=\"asof\">{}</p>",
                both(
                    &format!(
                        "Refleja el proyecto con los cambios hechos hasta el {} ({} archivos de entrada).",
                        time(secs),
                        stamp.input_files
                    ),
                    &format!(
                        "Shows the project with the changes made up to {} ({} input files).",
                        time(secs),
                        stamp.input_files
                    )
                )
            );
        }
        None => h.push_str("<p class=\"asof\">Sin archivos de entrada. <span class=\"en\" lang=\"en\">No input files.</span></p>\n"),
    }
    let _ = writeln!(
        h,
        "<p class=\"asof\">{}</p>",
        both(
            "Si algún archivo de <code>data/</code>, <code>briefs/</code>, <code>templates/</code> o <code>fonts/</code> es más reciente, esta página está desactualizada: ejecute <code>brief build</code> (<code>brief check --stale</code> lo comprueba).",
            "If any file in <code>data/</code>, <code>briefs/</code>, <code>templates/</code> or <code>fonts/</code> is newer, this page is out of date: run <code>brief build</code> (<code>brief check --stale</code> tells)."
        )
    );
    if let Some(checked) = &stamp.partial {
        let _ = writeln!(
            h,
            "<p class=\"warn\" role=\"alert\">{}</p>",
            both(
                &format!(
                    "La última compilación fue parcial: revisó {} de {} documentos. Los marcados «no revisado» pueden estar desactualizados.",
                    checked.len(),
                    listings.len()
                ),
                &format!(
                    "The last build was partial: it checked {} of {} outputs. Those marked “not checked” may be out of date.",
                    checked.len(),
                    listings.len()
                )
            )
        );
    }
    latest(&mut h, listings, manifest);
    h.push_str("<nav aria-label=\"Informes / Briefs\">\n<h2>Informes <span class=\"en\" lang=\"en\">Briefs</span></h2>\n<ul>\n");
    for brief in briefs {
        let _ = writeln!(
            h,
            "<li><a href=\"#brief-{}\">{}</a></li>",
            escape(&brief.id),
            titles(brief)
        );
    }
    h.push_str("</ul>\n</nav>\n</header>\n<main>\n");
    for brief in briefs {
        let mine: Vec<&Listing> = listings.iter().filter(|l| l.brief == brief.id).collect();
        let _ = writeln!(
            h,
            "<section id=\"brief-{}\">\n<h2>{}</h2>",
            escape(&brief.id),
            titles(brief)
        );
        let _ = writeln!(
            h,
            "<h3>Documentos <span class=\"en\" lang=\"en\">Documents</span></h3>\n<ul class=\"outputs\">"
        );
        for listing in &mine {
            card(&mut h, listing, manifest, stamp);
        }
        h.push_str("</ul>\n");
        facts(&mut h, &mine);
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n<footer>");
    h.push_str(&both(
        "Escrita por <code>brief build</code> junto con los documentos. Los hechos se listan por identificador, nunca por su texto.",
        "Written by <code>brief build</code> with the documents. Facts are listed by id, never by their text.",
    ));
    h.push_str("</footer>\n</body>\n</html>\n");
    h
}

fn titles(brief: &BriefHead) -> String {
    let mut out = String::new();
    for (i, (lang, title)) in brief.titles.iter().enumerate() {
        if i > 0 {
            out.push_str(" <span aria-hidden=\"true\">·</span> ");
        }
        let class = if i > 0 { " class=\"en\"" } else { "" };
        let _ = write!(
            out,
            "<span{class} lang=\"{}\">{}</span>",
            escape(lang),
            escape(title)
        );
    }
    if out.is_empty() {
        out = escape(&brief.id);
    }
    out
}

/// What the most recent build changed: the facts its reasons name, and when.
fn latest(h: &mut String, listings: &[Listing], manifest: &Manifest) {
    let entries: Vec<_> = listings
        .iter()
        .filter_map(|l| manifest.outputs.get(&l.name))
        .collect();
    let Some(when) = entries.iter().filter_map(|e| e.when).max() else {
        return;
    };
    let rebuilt = entries.iter().filter(|e| e.when == Some(when)).count();
    let mut facts: Vec<&str> = Vec::new();
    for e in entries.iter().filter(|e| e.when == Some(when)) {
        for r in &e.reasons {
            if r.starts_with("fact ") && !facts.contains(&r.as_str()) {
                facts.push(r);
            }
        }
    }
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"latest\">\n<h2 id=\"latest\">Últimos cambios <span class=\"en\" lang=\"en\">Latest changes</span></h2>\n<p>{}</p>",
        both(
            &format!(
                "{rebuilt} documento(s) reconstruidos por cambios hechos hasta el {}.",
                time(when)
            ),
            &format!(
                "{rebuilt} output(s) rebuilt for changes made up to {}.",
                time(when)
            )
        )
    );
    if facts.is_empty() {
        h.push_str(
            "<p>Ningún hecho cambió. <span class=\"en\" lang=\"en\">No fact changed.</span></p>\n",
        );
    } else {
        h.push_str("<ul lang=\"en\">\n");
        for f in facts.iter().take(SHOWN_FACTS) {
            let _ = writeln!(h, "<li><code>{}</code></li>", escape(f));
        }
        if facts.len() > SHOWN_FACTS {
            let _ = writeln!(h, "<li>and {} more</li>", facts.len() - SHOWN_FACTS);
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

fn card(h: &mut String, l: &Listing, manifest: &Manifest, stamp: &Stamp) {
    let entry = manifest.outputs.get(&l.name);
    let lang = escape(&l.lang);
    let pdf = escape(&format!("{}.pdf", l.name));
    let _ = writeln!(h, "<li class=\"output\" id=\"{}\">", anchor(&l.name));
    match entry.and_then(|e| e.png.as_ref()) {
        Some(_) => {
            let _ = writeln!(
                h,
                "<a href=\"{pdf}\"><img src=\"{}\" alt=\"{}\" width=\"149\"></a>",
                escape(&format!("{}.png", l.name)),
                escape(&format!(
                    "Primera página de / First page of: {} ({}, {}, {})",
                    l.title, l.document, l.audience, l.tongue
                ))
            );
        }
        None => {
            let _ = writeln!(
                h,
                "<div class=\"nothumb\">{}</div>",
                both("Aún no construido.", "Not built yet.")
            );
        }
    }
    h.push_str("<div>\n");
    let _ = writeln!(
        h,
        "<h4><span lang=\"{lang}\">{}</span> · <span lang=\"{lang}\">{}</span> · {}</h4>",
        escape(&l.document),
        escape(&l.audience),
        escape(&l.tongue.to_uppercase())
    );
    let _ = writeln!(
        h,
        "<p class=\"title\" lang=\"{lang}\">{}</p>",
        escape(&l.title)
    );
    let external = if l.external {
        format!(
            " <span class=\"external\">{}</span>",
            both("destinatario externo", "external reader")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        h,
        "<p>{}{external}</p>",
        badge(l.marking, &l.marking_label, Some(&l.lang))
    );
    let pages = match (entry.map(|e| e.pages), l.budget) {
        (Some(p), Some(b)) => format!("{p} / {b}"),
        (Some(p), None) => format!("{p} <span class=\"en\">(sin límite · no budget)</span>"),
        (None, Some(b)) => format!("— / {b}"),
        (None, None) => "—".to_owned(),
    };
    let _ = writeln!(
        h,
        "<dl>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd lang=\"{lang}\">{}</dd>\n<dt>{}</dt><dd>{pages}</dd>\n</dl>",
        both("Referencia", "Reference"),
        escape(&l.reference),
        both("Fecha", "Date"),
        escape(&l.date),
        both("Páginas / límite", "Pages / budget"),
    );
    if entry.is_some() {
        let file = l.name.rsplit('/').next().unwrap_or(&l.name);
        let _ = writeln!(
            h,
            "<p class=\"file\"><a href=\"{pdf}\">{}.pdf</a></p>",
            escape(file)
        );
        // The editable DOCX beside it, for a document type that makes one (the MoU).
        if entry.is_some_and(|e| e.docx.is_some()) {
            let _ = writeln!(
                h,
                "<p class=\"file\"><a href=\"{}\">{}.docx</a></p>",
                escape(&format!("{}.docx", l.name)),
                escape(file)
            );
        }
    }
    if stamp
        .partial
        .as_ref()
        .is_some_and(|checked| !checked.contains(&l.name))
    {
        let _ = writeln!(
            h,
            "<p class=\"unchecked\">{}</p>",
            both(
                "No revisado en la última compilación.",
                "Not checked by the last build."
            )
        );
    }
    if let Some(e) = entry {
        let when = e.when.map(time).unwrap_or_else(|| "—".to_owned());
        let _ = write!(
            h,
            "<div class=\"changed\">{}: {when}",
            both("Construido por cambios hasta", "Built for changes up to")
        );
        if !e.reasons.is_empty() {
            h.push_str("<ul lang=\"en\">");
            for r in e.reasons.iter().take(SHOWN_REASONS) {
                let _ = write!(h, "<li>{}</li>", escape(r));
            }
            if e.reasons.len() > SHOWN_REASONS {
                let _ = write!(h, "<li>and {} more</li>", e.reasons.len() - SHOWN_REASONS);
            }
            h.push_str("</ul>");
        }
        h.push_str("</div>\n");
    }
    h.push_str("</div>\n</li>\n");
}

/// The facts of a brief against its outputs: which output holds which fact.
fn facts(h: &mut String, listings: &[&Listing]) {
    let mut all: std::collections::BTreeMap<&str, Classification> = Default::default();
    for l in listings {
        for (id, c) in &l.facts {
            all.insert(id, *c);
        }
    }
    let _ = writeln!(
        h,
        "<h3>Hechos por documento <span class=\"en\" lang=\"en\">Facts by output</span></h3>\n<details>\n<summary>{}</summary>\n<div class=\"matrix\">\n<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        both(
            &format!(
                "Mostrar los {} hechos y los documentos que contienen cada uno",
                all.len()
            ),
            &format!(
                "Show the {} facts and the outputs that hold each",
                all.len()
            )
        ),
        both(
            "✓: el documento contiene el hecho (lo que lista <code>brief show</code>).",
            "✓: the output holds the fact (what <code>brief show</code> lists)."
        ),
        both("Hecho", "Fact"),
        both("Clasificación", "Classification"),
    );
    for l in listings {
        let file = l.name.split_once('/').map_or(l.name.as_str(), |(_, f)| f);
        let short = file.split_once('.').map_or(file, |(_, rest)| rest);
        let (document, rest) = short.split_once('.').unwrap_or((short, ""));
        let _ = write!(
            h,
            "<th scope=\"col\"><a href=\"#{}\"><span>{}</span><span>{}</span></a></th>",
            anchor(&l.name),
            escape(document),
            escape(&rest.replace('.', " · "))
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (id, c) in &all {
        let _ = write!(
            h,
            "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td>",
            escape(id),
            badge(*c, c.as_str(), None)
        );
        for l in listings {
            let held = l.facts.iter().any(|(f, _)| f == id);
            h.push_str(if held {
                "<td><span aria-label=\"sí / yes\">✓</span></td>"
            } else {
                "<td></td>"
            });
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</div>\n</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("<a href=\"x\" onclick='y'>&</a>"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(
            utc(1_669_766_400 + 3_600 + 120),
            (
                "2022-11-30 01:02 UTC".to_owned(),
                "2022-11-30T01:02Z".to_owned()
            )
        );
    }
}
