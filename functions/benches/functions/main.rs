//! The functions against their performance targets, written into docs/performance.md
//! ("The functions"): each Lambda binary's size and cold start ([`cold_start`]), then, at a
//! tenth of the full size and at full size, the endpoints most used, in process ([`endpoints`]), the
//! store's access patterns beneath them ([`patterns`]) and public reads per second over loopback
//! ([`throughput`]).
//!
//! `cargo bench -p market-functions --bench functions` (`npm run bench` runs it with a
//! DynamoDB-compatible server for the cold starts). `MARKET_BENCH_PROJECTS` sets the full size
//! (default 100,000 needs, so a million quotes).

mod cold_start;
mod endpoints;
mod market;
mod patterns;
mod report;
mod throughput;

use market::Market;

/// The figures of one market size.
pub struct Size {
    pub projects: usize,
    pub load_seconds: f64,
    pub file_bytes: u64,
    pub endpoints: Vec<endpoints::Timing>,
    pub patterns: Vec<patterns::Timing>,
    pub throughput: Vec<throughput::Run>,
}

/// p50 and p99 of `took` (sorted in place).
pub fn percentiles(took: &mut [f64]) -> (f64, f64) {
    took.sort_by(|a, b| a.total_cmp(b));
    (took[took.len() / 2], took[took.len() * 99 / 100])
}

fn main() {
    let full: usize =
        std::env::var("MARKET_BENCH_PROJECTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let binaries = runtime.block_on(cold_start::measure());
    let sizes: Vec<Size> = [full / 10, full]
        .into_iter()
        .map(|projects| {
            runtime.block_on(async {
                let market = Market::load(projects).await;
                println!("{} needs loaded in {:.0} s", projects, market.load_seconds);
                Size {
                    projects,
                    load_seconds: market.load_seconds,
                    file_bytes: market.file_bytes,
                    // The store as loaded first: the endpoints' writes add quotes.
                    patterns: patterns::measure(&market).await,
                    endpoints: endpoints::measure(&market).await,
                    throughput: throughput::measure(&market).await,
                }
            })
        })
        .collect();
    let section = report::render(&binaries, &sizes);
    print!("{section}");
    report::write(&section);
}
