//! `market-modules [--apart <module>]… <src dir>…`: reads each crate's modules and fails
//! (exit 1) on any import cycle among them, and on any use between two children of a module
//! named with `--apart` (e.g. `crate::pages`: one page never imports another), printing each
//! use at fault with its file and line.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (mut apart, mut dirs) = (Vec::new(), Vec::new());
    while let Some(arg) = args.next() {
        if arg == "--apart" {
            match args.next() {
                Some(module) => apart.push(module.to_string_lossy().into_owned()),
                None => return usage(),
            }
        } else {
            dirs.push(PathBuf::from(arg));
        }
    }
    if dirs.is_empty() {
        return usage();
    }
    let mut found = 0;
    for dir in &dirs {
        let graph = match market_modules::read_crate(dir) {
            Ok(graph) => graph,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let cycles = graph.cycles();
        println!(
            "{}: {} modules, {} uses between them, {} import cycles",
            dir.display(),
            graph.modules(),
            graph.uses.len(),
            cycles.len()
        );
        for cycle in &cycles {
            println!("  cycle among {}:", cycle.modules.join(", "));
            for hop in &cycle.around {
                print_use("   ", hop);
            }
        }
        found += cycles.len();
        for parent in &apart {
            for crossing in graph.crossings(parent) {
                print!("  the children of {parent} stand apart, but");
                print_use("", &crossing);
                found += 1;
            }
        }
    }
    if found > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_use(indent: &str, hop: &market_modules::Use) {
    println!("{indent} {} uses {} at {}:{} ({})", hop.from, hop.to, hop.file.display(), hop.line, hop.path);
}

fn usage() -> ExitCode {
    eprintln!("usage: market-modules [--apart <module>]… <crate src dir>…");
    ExitCode::from(2)
}
