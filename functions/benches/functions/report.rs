//! The "functions" section of docs/performance.md: every figure beside its target.

use crate::cold_start::{Binary, TARGET_MS};
use crate::endpoints::{Kind, SAMPLES};
use crate::market::QUOTES_PER_PROJECT;
use crate::Size;
use std::fmt::Write;

/// The target for public reads per second, at full size.
const TARGET_READS_PER_SECOND: f64 = 20_000.0;

/// "met" when `value` is at most `target`, else by how much it is missed.
fn at_most(value: f64, target: f64, unit: &str) -> String {
    if value <= target {
        "met".to_owned()
    } else {
        format!("**missed by {:.2} {unit}**", value - target)
    }
}

pub fn render(binaries: &[Binary], sizes: &[Size]) -> String {
    let mut out = String::new();
    let date = chrono::Utc::now().format("%Y-%m-%d");
    let _ = writeln!(
        out,
        "## The functions\n\n`npm run bench` (`cargo bench -p market-functions --bench functions`, the release \
         build), {date}, on the 2-core build machine."
    );
    cold_starts(&mut out, binaries);
    endpoints(&mut out, sizes);
    throughput(&mut out, sizes);
    patterns(&mut out, sizes);
    out
}

fn cold_starts(out: &mut String, binaries: &[Binary]) {
    let runs = binaries.first().map_or(0, |b| b.answered_ms.len());
    let _ = writeln!(
        out,
        "\n### Each Lambda binary: size and cold start\n\n\
         Cold start is process start → first request answered: the binary started {runs} times with a fake \
         Lambda runtime API on loopback, which hands it one event and notes when the answer comes back; \
         the functions read DynamoDB as in production (dynoxide on loopback, holding the demo data), so \
         the figure includes reading the settings, building the DynamoDB client, the first connection \
         and the store's answer. \"Initialised\" is when the binary first asks for an event. Sizes: \
         x86-64 release build, stripped with `strip` (as deployed).\n\n\
         | function | its first request | stripped (as built) | initialised, median | answered, median | answered, slowest | target ≤ {TARGET_MS:.0} ms (median) |\n\
         |---|---|---|---|---|---|---|"
    );
    for b in binaries {
        let median = b.answered_ms[b.answered_ms.len() / 2];
        let _ = writeln!(
            out,
            "| `{}` | {} | {:.1} MB ({:.1} MB) | {:.1} ms | {:.1} ms | {:.1} ms | {} |",
            b.name,
            b.first_request,
            b.stripped_bytes as f64 / 1e6,
            b.bytes as f64 / 1e6,
            b.init_ms[b.init_ms.len() / 2],
            median,
            b.answered_ms[b.answered_ms.len() - 1],
            at_most(median, TARGET_MS, "ms"),
        );
    }
}

fn header(out: &mut String, sizes: &[Size]) {
    for s in sizes {
        let _ = write!(out, " {} needs |", thousands(s.projects));
    }
}

fn endpoints(out: &mut String, sizes: &[Size]) {
    let _ = write!(
        out,
        "\n### The endpoints most used, in process\n\n\
         Each request through the whole router (access check, idempotency, handler, store, JSON) to the \
         last byte of its answer, without a network: what a function spends once Lambda hands it the \
         request. {SAMPLES} timed calls of each, one at a time, after 50 untimed; the embedded store in a \
         file on disk holding the demo data and the needs shown, each with {QUOTES_PER_PROJECT} quotes. \
         A write commits durably twice (the change, then the answer under its Idempotency-Key). \
         Milliseconds, p50 / p99.\n\n| endpoint | route |"
    );
    header(out, sizes);
    let _ = writeln!(out, " target (p99) | |\n|---|---|{}---|---|", "---|".repeat(sizes.len()));
    for (i, e) in sizes[0].endpoints.iter().enumerate() {
        let target = e.kind.target_p99_ms();
        let _ = write!(out, "| {} | `{}` |", e.name, e.route);
        let mut worst: f64 = 0.0;
        for s in sizes {
            let t = &s.endpoints[i];
            worst = worst.max(t.p99);
            let _ = write!(out, " {:.3} / {:.3} |", t.p50, t.p99);
        }
        let kind = if e.kind == Kind::Read { "read" } else { "write" };
        let _ = writeln!(out, " {kind} ≤ {target:.0} ms | {} |", at_most(worst, target, "ms"));
    }
}

fn throughput(out: &mut String, sizes: &[Size]) {
    let seconds = sizes[0].throughput.first().map_or(0, |r| r.seconds);
    let _ = write!(
        out,
        "\n### Public reads per second, over loopback\n\n\
         `wrk -t2 -c64 --latency` for {seconds} s against the router served by axum on 127.0.0.1 (no logging \
         subscriber), both on the same two cores. Requests per second, and wrk's p50 / p99 in \
         milliseconds.\n\n| requests |"
    );
    header(out, sizes);
    let _ = writeln!(
        out,
        " target at {} needs |\n|---|{}---|",
        thousands(full(sizes)),
        "---|".repeat(sizes.len())
    );
    for (i, r) in sizes[0].throughput.iter().enumerate() {
        let _ = write!(out, "| {} |", r.name);
        for s in sizes {
            let t = &s.throughput[i];
            let _ = write!(
                out,
                " {} /s; {:.2} / {:.2} |",
                thousands(t.requests_per_second as usize),
                t.p50_ms,
                t.p99_ms
            );
        }
        let last = sizes[sizes.len() - 1].throughput[i].requests_per_second;
        let verdict = if last >= TARGET_READS_PER_SECOND {
            "met".to_owned()
        } else {
            format!("**missed by {} /s**", thousands((TARGET_READS_PER_SECOND - last) as usize))
        };
        let _ = writeln!(out, " ≥ {} /s: {verdict} |", thousands(TARGET_READS_PER_SECOND as usize));
    }
}

fn patterns(out: &mut String, sizes: &[Size]) {
    let _ = write!(
        out,
        "\n### The store's access patterns beneath them\n\n\
         The same stores, each access pattern called 2,000 times through the store alone. \
         Milliseconds, p50 / p99.\n\n| access pattern |"
    );
    header(out, sizes);
    let _ = writeln!(out, "\n|---|{}", "---|".repeat(sizes.len()));
    for (i, p) in sizes[0].patterns.iter().enumerate() {
        let _ = write!(out, "| {} |", p.name);
        for s in sizes {
            let _ = write!(out, " {:.3} / {:.3} |", s.patterns[i].p50, s.patterns[i].p99);
        }
        out.push('\n');
    }
    out.push_str("| loading time (the demo data, then the needs), file size |");
    for s in sizes {
        let _ = write!(out, " {:.0} s, {} MB |", s.load_seconds, s.file_bytes / 1_000_000);
    }
    out.push('\n');
}

fn full(sizes: &[Size]) -> usize {
    sizes[sizes.len() - 1].projects
}

/// 100000 → "100,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Replaces the section between its markers in docs/performance.md (or appends it).
pub fn write(section: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/performance.md");
    let (start, end) = ("<!-- functions-bench:start -->", "<!-- functions-bench:end -->");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let block = format!("{start}\n{section}{end}");
    let doc = match (doc.find(start), doc.find(end)) {
        (Some(a), Some(b)) => format!("{}{block}{}", &doc[..a], &doc[b + end.len()..]),
        _ => format!("{}\n\n{block}\n", doc.trim_end()),
    };
    std::fs::write(&path, doc).expect("writing docs/performance.md");
}
