//! `market-modules <src dir>…`: reads each crate's modules and fails (exit 1) on any import
//! cycle among them, printing each cycle as the uses that close it, with their file and line.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dirs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        eprintln!("usage: market-modules <crate src dir>…");
        return ExitCode::from(2);
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
                println!(
                    "    {} uses {} at {}:{} ({})",
                    hop.from,
                    hop.to,
                    hop.file.display(),
                    hop.line,
                    hop.path
                );
            }
        }
        found += cycles.len();
    }
    if found > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
