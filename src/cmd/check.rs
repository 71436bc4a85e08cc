//! `brief check`: the whole pipeline in memory, writing nothing, then the coverage report.

use crate::cli::CheckArgs;
use crate::error::Result;
use crate::pipeline;
use crate::project::Project;

pub fn check(project: &Project, args: &CheckArgs) -> Result<()> {
    let settings = super::settings(&args.select)?;
    let products = pipeline::produce(project, &settings)?;
    print!("{}", crate::coverage::report(&products.dataset));
    let pages: usize = products.outputs.iter().map(|p| p.pages).sum();
    println!(
        "ok: {} facts, {} brief(s), {} output(s) typeset ({pages} pages); nothing written",
        products.dataset.facts.len(),
        products.dataset.briefs.len(),
        products.outputs.len()
    );
    Ok(())
}
