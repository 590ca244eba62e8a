//! The endpoints readers and writers lean on most, timed in process: a request through the whole
//! router (access guard, idempotency, handler, store, JSON) to the last byte of its answer,
//! without a network — what a function spends on a request once Lambda has handed it over.

use crate::market::{Market, Party};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::time::Instant;
use tower::ServiceExt;
use uuid::Uuid;

/// Timed calls per endpoint, one at a time, after [`WARM_UP`] untimed ones.
pub const SAMPLES: usize = 2_000;
const WARM_UP: usize = 50;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Read,
    Write,
}

impl Kind {
    /// The targets: p99 in milliseconds.
    pub fn target_p99_ms(self) -> f64 {
        match self {
            Kind::Read => 2.0,
            Kind::Write => 5.0,
        }
    }
}

pub struct Timing {
    pub name: &'static str,
    pub route: &'static str,
    pub kind: Kind,
    pub p50: f64,
    pub p99: f64,
}

/// One endpoint: its name in the report, its route, and the `n`th request to it.
struct Endpoint<'a> {
    name: &'static str,
    route: &'static str,
    kind: Kind,
    expect: StatusCode,
    request: Box<dyn Fn(usize) -> Request<Body> + 'a>,
}

fn get(path: String, who: Option<&Party>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(party) = who {
        request = request.header("authorization", format!("Bearer {}", party.token));
    }
    request.body(Body::empty()).expect("a request")
}

fn post(path: String, who: &Party, body: serde_json::Value) -> Request<Body> {
    Request::post(path)
        .header("authorization", format!("Bearer {}", who.token))
        .header("content-type", "application/json")
        .header("idempotency-key", Uuid::new_v4().to_string())
        .body(Body::from(body.to_string()))
        .expect("a request")
}

fn read<'a>(
    name: &'static str,
    route: &'static str,
    request: Box<dyn Fn(usize) -> Request<Body> + 'a>,
) -> Endpoint<'a> {
    Endpoint { name, route, kind: Kind::Read, expect: StatusCode::OK, request }
}

fn endpoints(m: &Market) -> Vec<Endpoint<'_>> {
    let item = |n: usize| m.items[n % m.items.len()].code.to_string();
    let provider = |n: usize| m.approved[n % m.approved.len()];
    vec![
        read(
            "open needs, closing soonest (the home page)",
            "GET /projects?state=published&sort=closing",
            Box::new(|_| get("/api/v1/projects?state=published&sort=closing&limit=20".into(), None)),
        ),
        read(
            "open needs of a service item (the home page, filtered)",
            "GET /projects?state=published&sort=closing&item=",
            Box::new(move |n| {
                get(format!("/api/v1/projects?state=published&sort=closing&item={}", item(n)), None)
            }),
        ),
        read(
            "needs of a service item, newest first",
            "GET /projects?item=",
            Box::new(move |n| get(format!("/api/v1/projects?item={}", item(n)), None)),
        ),
        read(
            "a need",
            "GET /projects/{id}",
            Box::new(|n| get(format!("/api/v1/projects/{}", m.need(n)), None)),
        ),
        read(
            "a need's event log",
            "GET /projects/{id}/events",
            Box::new(|n| get(format!("/api/v1/projects/{}/events", m.need(n)), None)),
        ),
        read("the service catalogue", "GET /catalog", Box::new(|_| get("/api/v1/catalog".into(), None))),
        read("statistics", "GET /statistics", Box::new(|_| get("/api/v1/statistics".into(), None))),
        read(
            "providers serving an item",
            "GET /providers?item=",
            Box::new(move |n| get(format!("/api/v1/providers?item={}", item(n)), None)),
        ),
        read(
            "a provider",
            "GET /providers/{id}",
            Box::new(move |n| get(format!("/api/v1/providers/{}", provider(n)), None)),
        ),
        read(
            "a provider's credit record",
            "GET /providers/{id}/credit",
            Box::new(move |n| get(format!("/api/v1/providers/{}/credit", provider(n)), None)),
        ),
        read(
            "OCDS releases, first page",
            "GET /ocds/releases",
            Box::new(|_| get("/api/v1/ocds/releases".into(), None)),
        ),
        read(
            "an OCDS record",
            "GET /ocds/records/{ocid}",
            Box::new(|n| get(format!("/api/v1/ocds/records/ocds-zjzjcs-{}", m.need(n)), None)),
        ),
        read(
            "a buyer's needs (signed in)",
            "GET /me/projects",
            Box::new(|_| get("/api/v1/me/projects".into(), Some(&m.enterprise))),
        ),
        read(
            "a provider's quotes (signed in)",
            "GET /me/quotes",
            Box::new(|_| get("/api/v1/me/quotes".into(), Some(&m.provider))),
        ),
        read(
            "a provider's notifications (signed in)",
            "GET /me/notifications",
            Box::new(|_| get("/api/v1/me/notifications".into(), Some(&m.provider))),
        ),
        read(
            "providers awaiting review (supervisor)",
            "GET /supervision/providers/pending",
            Box::new(|_| get("/api/v1/supervision/providers/pending".into(), Some(&m.supervisor))),
        ),
        Endpoint {
            name: "submit a quote",
            route: "POST /projects/{id}/quotes",
            kind: Kind::Write,
            expect: StatusCode::CREATED,
            request: Box::new(|n| {
                let need = m.writable[n * 7 % m.writable.len()];
                post(
                    format!("/api/v1/projects/{need}/quotes"),
                    &m.writer,
                    serde_json::json!({ "price": "30,000.00", "promised_days": 5 }),
                )
            }),
        },
        Endpoint {
            name: "ask a question about a need",
            route: "POST /projects/{id}/questions",
            kind: Kind::Write,
            expect: StatusCode::CREATED,
            request: Box::new(|n| {
                post(
                    format!("/api/v1/projects/{}/questions", m.need(n)),
                    &m.provider,
                    serde_json::json!({ "text": "成果是否需要提交电子版？" }),
                )
            }),
        },
        Endpoint {
            name: "post a need (a draft)",
            route: "POST /projects",
            kind: Kind::Write,
            expect: StatusCode::CREATED,
            request: Box::new(|_| post("/api/v1/projects".into(), &m.enterprise, crate::market::need_form())),
        },
    ]
}

/// Sends `request` through `router` and reads the whole answer.
async fn call(router: &Router, request: Request<Body>) -> (StatusCode, axum::body::Bytes) {
    let response = router.clone().oneshot(request).await.expect("the router answers");
    let status = response.status();
    let body = response.into_body().collect().await.expect("a body").to_bytes();
    (status, body)
}

/// p50 and p99 of each endpoint, in milliseconds. Panics on an unexpected answer: a figure for
/// an error page would measure the wrong thing.
pub async fn measure(m: &Market) -> Vec<Timing> {
    let router = market_functions::routes::all(m.state.clone());
    let mut timings = Vec::new();
    for endpoint in endpoints(m) {
        let mut took = Vec::with_capacity(SAMPLES);
        for n in 0..WARM_UP + SAMPLES {
            let request = (endpoint.request)(n);
            let start = Instant::now();
            let (status, body) = call(&router, request).await;
            let elapsed = start.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(
                status,
                endpoint.expect,
                "{} ({}), call {n}: {}",
                endpoint.name,
                endpoint.route,
                String::from_utf8_lossy(&body)
            );
            if n >= WARM_UP {
                took.push(elapsed);
            }
        }
        let (p50, p99) = crate::percentiles(&mut took);
        println!("{:<45} p50 {p50:.3} ms  p99 {p99:.3} ms", endpoint.name);
        timings.push(Timing { name: endpoint.name, route: endpoint.route, kind: endpoint.kind, p50, p99 });
    }
    timings
}
