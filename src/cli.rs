//! The command line: what a person or a scheduler can ask `brief` to do.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `brief --version`: the tool, the Typst it embeds and the commit it was built from.
const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ntypst ",
    env!("BRIEF_TYPST_VERSION"),
    "\ncommit ",
    env!("BRIEF_COMMIT")
);

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    long_version = LONG_VERSION,
    about = "Builds reviewed YAML facts into per-audience PDF briefs",
    long_about = "Builds reviewed YAML facts (data/) into PDF briefs for each audience and language \
                  (briefs/, templates/), typeset with the embedded Typst compiler and the fonts in fonts/.\n\
                  Outputs go to out/<brief>/<brief>.<document>.<audience>.<lang>.pdf, each beside its generated\n\
                  Typst source. templates/catalog.yaml declares the languages, audiences and document types.",
    after_help = "Examples:\n  \
        brief build                              build every brief, audience and language\n  \
        brief build --audience nato --lang en    only the English NATO editions\n  \
        brief build --document mou               only the MoU (es, en and the es-en parallel text)\n  \
        brief check                              validate and typeset everything, write nothing\n  \
        brief check --stale                      exit 1 if any output needs rebuilding (for cron/CI)\n  \
        brief watch --audience nato              rebuild the NATO editions on every save\n  \
        brief diff HEAD~1 --format markdown      what the last commit changed, for a merge request\n  \
        brief diff main WORKTREE --redline peru-nato-global-partner/peru-nato-global-partner.mou.nato.es --docx\n  \
                                                 the MoU's changes as tracked changes in a DOCX\n  \
        brief explain pe-toledo-visit-2005       where a fact appears, why, and who may see it\n  \
        brief show peru-nato-global-partner/peru-nato-global-partner.non-paper.nato.en\n  \
                                                 the facts that output holds, by section\n  \
        brief catalog --format json              the languages, audiences and document types\n  \
        brief translations export --to en --stale-only > en.xlf\n  \
                                                 the translations to redo, for a CAT tool\n  \
        brief translations import en.xlf         write them back into data/ and confirm them\n  \
        brief build --force --format json        rebuild everything, report as JSON\n  \
        brief --root ../briefs-repo build        a project in another folder\n\n\
        Exit codes: 0 ok, 1 stale (check --stale) or released (diff --fail-on-release), 2 usage, 65 invalid inputs, 66 missing input, 70 internal error,\n\
        73 cannot create output, 74 I/O error, 75 locked by another run."
)]
pub struct Cli {
    /// The project folder (holding data/, briefs/, templates/, fonts/). Default: the nearest
    /// folder holding data/, briefs/ and templates/, from the current folder upwards.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// When to colour errors, warnings and diffs: on a terminal (auto, and never under NO_COLOR),
    /// always or never.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: crate::colour::Choice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the selected outputs into out/ (everything by default).
    Build(BuildArgs),
    /// Load, validate, render and typeset everything in memory; write nothing.
    Check(CheckArgs),
    /// Rebuild what each saved edit makes stale, until Ctrl-C.
    Watch(WatchArgs),
    /// What a change means: facts changed, releases, translation drift, outputs affected.
    Diff(DiffArgs),
    /// Where a fact appears and why it was drawn there, who may see it, and what it rests on.
    Explain(ExplainArgs),
    /// The facts an output holds, by section, with why each was drawn and its classification.
    Show(ShowArgs),
    /// The languages, audiences and document types the project declares (templates/catalog.yaml).
    Catalog(CatalogArgs),
    /// Translation state and exchange with CAT tools: confirm, export and import XLIFF 2.0.
    #[command(subcommand)]
    Translations(TranslationsCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on standard output.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff) on standard output: `brief man > brief.1`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum TranslationsCommand {
    /// Record that the translations of these facts were made from their current source text
    /// (data/translations.lock).
    Confirm(ConfirmArgs),
    /// Write an XLIFF 2.0 file for a CAT tool on standard output: `> en.xlf`.
    Export(ExportArgs),
    /// Read an XLIFF 2.0 file back: write its targets into the YAML and confirm them.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// The facts whose translations to confirm.
    #[arg(value_name = "FACT", required_unless_present = "all")]
    pub facts: Vec<String>,
    /// Confirm every translation of every fact (and drop entries for fields that no longer exist).
    #[arg(long, conflicts_with = "facts")]
    pub all: bool,
    /// Only this language (repeatable; default: every language but the source).
    #[arg(long = "lang", value_name = "LANG")]
    pub langs: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The language to translate into.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Only the translations that are stale or missing.
    #[arg(long)]
    pub stale_only: bool,
    /// Only the facts cleared for this audience of the catalog (as its editions select them):
    /// for a translator outside the ministry, `--audience nato` holds no internal fact.
    #[arg(long, value_name = "ID")]
    pub audience: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The XLIFF file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The audience the file was exported for (`export --audience`): a unit for a fact not
    /// cleared for it is refused, so a file back from an outside translator can change only the
    /// facts it was sent.
    #[arg(long, value_name = "ID")]
    pub audience: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DiffFormat {
    #[default]
    Human,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old side: a git revision (HEAD, main, HEAD~3, a commit) or a folder. Default: HEAD.
    pub old: Option<String>,
    /// The new side: a git revision, a folder, or WORKTREE (the project as it is). Default: WORKTREE.
    pub new: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiffFormat,
    /// Exit 1 when a change clears a fact for a new audience or lowers its classification.
    #[arg(long)]
    pub fail_on_release: bool,
    /// Also write `out/<brief>/<audience>.<lang>.redline.pdf`: that output as it is at NEW, with the
    /// facts' text inserted since OLD underlined and deleted text struck through.
    #[arg(long, value_name = "BRIEF/AUDIENCE.LANG")]
    pub redline: Option<String>,
    /// With --redline, write `out/<output>.redline.docx` instead: the output at NEW as a DOCX
    /// whose changes since OLD are tracked changes (by NEW's office, on NEW's date) that can be
    /// accepted or rejected in Word or LibreOffice. For document types that make a DOCX (the MoU).
    #[arg(long, requires = "redline")]
    pub docx: bool,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The fact's id.
    pub fact: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The output, named as `build` prints it: `<brief>/<brief>.<document>.<audience>.<lang>`,
    /// e.g. `peru-nato-global-partner/peru-nato-global-partner.non-paper.nato.en`.
    #[arg(value_name = "OUTPUT")]
    pub output: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// How often to look at the inputs, in milliseconds.
    #[arg(long, default_value_t = 50)]
    pub interval_ms: u64,
}

#[derive(Debug, Args, Clone, Default)]
pub struct SelectArgs {
    /// Only this brief (repeatable).
    #[arg(long = "brief", value_name = "ID")]
    pub briefs: Vec<String>,
    /// Only this document type of the catalog (repeatable): `briefing-note`, `non-paper`…
    #[arg(long = "document", value_name = "TYPE")]
    pub documents: Vec<String>,
    /// Only this audience of the catalog (repeatable).
    #[arg(long = "audience", value_name = "ID")]
    pub audiences: Vec<String>,
    /// Only this language of the catalog (repeatable); `es-en` is a parallel text.
    #[arg(long = "lang", value_name = "LANG")]
    pub langs: Vec<String>,
}

/// How a command reports what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Lines for people.
    #[default]
    Human,
    /// One JSON object on standard output, for tools.
    Json,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// Rebuild every selected output, current or not.
    #[arg(long)]
    pub force: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Fail at once (exit 75) if another run holds the lock, instead of waiting.
    #[arg(long)]
    pub no_wait: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Fail (exit 65), writing nothing, where a warning would be given: an external edition
    /// printing a stale translation.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// Only tell whether outputs are current: exit 1, listing what and why, when any is stale
    /// or missing; exit 0 when all are current. Does no Typst work.
    #[arg(long)]
    pub stale: bool,
    /// Fail (exit 65) on translation drift and on stale or missing translations, which are
    /// otherwise reported as warnings: a gate for CI.
    #[arg(long, conflicts_with = "stale")]
    pub strict: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
