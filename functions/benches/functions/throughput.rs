//! Public reads per second over loopback: the router served by axum on 127.0.0.1, driven by
//! `wrk` (Debian's; `scripts/setup.sh` installs it) on the same two cores.

use crate::market::Market;
use std::net::SocketAddr;
use std::process::Command;

/// Open connections and the length of each run; `MARKET_BENCH_WRK_SECONDS` overrides the latter.
const CONNECTIONS: usize = 64;
const SECONDS: u64 = 10;
/// Distinct needs the mixes ask for, so reads are not of one hot record.
const NEEDS_ASKED: usize = 1_000;

pub struct Run {
    pub name: &'static str,
    /// How long wrk ran.
    pub seconds: u64,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// The request mixes: what a visitor's browser asks for.
fn mixes(m: &Market) -> Vec<(&'static str, Vec<String>)> {
    let needs: Vec<String> = (0..NEEDS_ASKED).map(|n| format!("/api/v1/projects/{}", m.need(n))).collect();
    let mut mixed = Vec::new();
    for (n, need) in needs.iter().enumerate() {
        mixed.push(need.clone());
        mixed.push(format!("{need}/events"));
        mixed.push(match n % 4 {
            0 => "/api/v1/projects?state=published&sort=closing&limit=20".to_owned(),
            1 => "/api/v1/catalog".to_owned(),
            2 => "/api/v1/statistics".to_owned(),
            _ => format!("/api/v1/projects?item={}", m.items[n % m.items.len()].code),
        });
    }
    vec![
        (
            "the home page's list of open needs",
            vec!["/api/v1/projects?state=published&sort=closing&limit=20".to_owned()],
        ),
        ("a need, 1,000 different ones", needs),
        ("a visitor's mix: needs, their logs, lists, catalogue, statistics", mixed),
    ]
}

/// A wrk script that asks for `paths` in turn.
fn script(paths: &[String]) -> String {
    let list: Vec<String> = paths.iter().map(|p| format!("{p:?}")).collect();
    format!(
        "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n",
        list.join(",")
    )
}

pub async fn measure(m: &Market) -> Vec<Run> {
    let seconds: u64 =
        std::env::var("MARKET_BENCH_WRK_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(SECONDS);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let router = market_functions::routes::all(m.state.clone());
    let server = tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await
    });
    let mut runs = Vec::new();
    for (name, paths) in mixes(m) {
        let file = std::env::temp_dir().join(format!("market-bench-{}.lua", std::process::id()));
        std::fs::write(&file, script(&paths)).expect("the wrk script");
        let url = format!("http://{address}");
        let output = tokio::task::spawn_blocking(move || {
            Command::new("wrk")
                .args(["-t2", &format!("-c{CONNECTIONS}"), &format!("-d{seconds}s"), "--latency", "-s"])
                .arg(&file)
                .arg(&url)
                .output()
        })
        .await
        .expect("joined")
        .expect("wrk runs (scripts/setup.sh installs it)");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "wrk failed: {text}{}", String::from_utf8_lossy(&output.stderr));
        let run = parse(name, seconds, &text);
        println!(
            "{name}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms",
            run.requests_per_second, run.p50_ms, run.p99_ms
        );
        runs.push(run);
    }
    server.abort();
    runs
}

/// Reads wrk's report; refuses a run with errors or answers other than 2xx, whose rate would
/// not be of reads served.
fn parse(name: &'static str, seconds: u64, text: &str) -> Run {
    assert!(!text.contains("Non-2xx or 3xx responses"), "{name}: some answers were errors:\n{text}");
    assert!(!text.contains("Socket errors"), "{name}: socket errors:\n{text}");
    let value_after = |label: &str| -> &str {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("{name}: no {label:?} in wrk's report:\n{text}"))
            .trim()
    };
    let requests_per_second = value_after("Requests/sec:").parse().expect("a rate");
    Run {
        name,
        seconds,
        requests_per_second,
        p50_ms: duration_ms(value_after("50%")),
        p99_ms: duration_ms(value_after("99%")),
    }
}

/// wrk's "635.91us", "1.21ms", "2.00s" in milliseconds.
fn duration_ms(text: &str) -> f64 {
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        panic!("not a wrk duration: {text:?}")
    };
    number.parse::<f64>().unwrap_or_else(|_| panic!("not a wrk duration: {text:?}")) * scale
}
