//! Who may do what — decided here and nowhere else, denying by default.
//!
//! Two layers: [`POLICIES`] says, for every route, which roles may call it at all (the guard
//! middleware refuses any route missing from the table); the functions below say what of a
//! project a given viewer may see: drafts only by their buyer, and sealed quotes — a provider
//! sees its own until bidding closes, the buyer sees all of its project's once bidding has
//! closed, everyone (the public, supervisors too) once a selection is made.

use crate::auth::token::{Claims, TokenKey};
use crate::clock::Clock;
use crate::error::ApiError;
use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use market_domain::ids::OrganisationId;
use market_domain::organisation::{Organisation, OrganisationKind, ProviderStatus};
use market_domain::project::{Actor, Event, EventKind, Project, ProjectState, Role};
use std::borrow::Cow;

/// Which callers a route admits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allowed {
    Anyone,
    SignedIn,
    Only(&'static [Role]),
}

pub const BUYERS: &[Role] = &[Role::Enterprise, Role::Department];
pub const PROVIDERS: &[Role] = &[Role::Provider];
pub const SUPERVISORS: &[Role] = &[Role::Supervisor];

/// A route and who may call it.
#[derive(Clone, Debug)]
pub struct Policy {
    pub method: Method,
    pub path: &'static str,
    pub allowed: Allowed,
}

const fn rule(method: Method, path: &'static str, allowed: Allowed) -> Policy {
    Policy { method, path, allowed }
}

use Allowed::{Anyone, Only, SignedIn};
const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PUT: Method = Method::PUT;

/// Every route of the API and who may call it. A route not listed here answers 403 to all.
pub const POLICIES: &[Policy] = &[
    // --- public reads (market-public) ---
    rule(GET, "/api/v1/health", Anyone),
    rule(GET, "/api/v1/catalog", Anyone),
    rule(GET, "/api/v1/openapi.json", Anyone),
    rule(GET, "/api/v1/docs", Anyone),
    rule(GET, "/api/v1/projects", Anyone),
    rule(GET, "/api/v1/projects/{id}", Anyone),
    rule(GET, "/api/v1/projects/{id}/events", Anyone),
    rule(GET, "/api/v1/projects/{id}/quotes", Anyone),
    rule(GET, "/api/v1/projects/{id}/selection", Anyone),
    rule(GET, "/api/v1/providers", Anyone),
    rule(GET, "/api/v1/providers/{id}", Anyone),
    rule(GET, "/api/v1/providers/{id}/credit", Anyone),
    rule(GET, "/api/v1/statistics", Anyone),
    rule(GET, "/api/v1/inspections", Anyone),
    rule(GET, "/api/v1/inspections/{id}", Anyone),
    rule(GET, "/api/v1/ocds/releases", Anyone),
    rule(GET, "/api/v1/ocds/records/{ocid}", Anyone),
    rule(GET, "/api/v1/ocds/extension/{file}", Anyone),
    // --- accounts (market-accounts) ---
    rule(POST, "/api/v1/accounts", Anyone),
    rule(POST, "/api/v1/sessions", Anyone),
    rule(POST, "/api/v1/sessions/refresh", Anyone),
    rule(POST, "/api/v1/sessions/logout", Anyone),
    rule(GET, "/api/v1/me", SignedIn),
    rule(GET, "/api/v1/me/notifications", SignedIn),
    rule(POST, "/api/v1/me/notifications/read", SignedIn),
    // --- buying and quoting (market-bidding) ---
    rule(GET, "/api/v1/me/projects", Only(BUYERS)),
    rule(POST, "/api/v1/projects", Only(BUYERS)),
    rule(PUT, "/api/v1/projects/{id}", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/publish", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/cancel", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/questions", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/questions/{question}/answer", Only(BUYERS)),
    rule(GET, "/api/v1/projects/{id}/eligibility", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/quotes", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/quotes/{quote}/withdraw", Only(PROVIDERS)),
    rule(GET, "/api/v1/me/quotes", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/choice", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/objections", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/contract", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/contract/sign", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/service/start", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/delivery", Only(PROVIDERS)),
    rule(POST, "/api/v1/projects/{id}/delivery/accept", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/delivery/return", Only(BUYERS)),
    rule(POST, "/api/v1/projects/{id}/evaluation", Only(BUYERS)),
    // --- supervision (market-supervision) ---
    rule(GET, "/api/v1/supervision/providers/pending", Only(SUPERVISORS)),
    rule(POST, "/api/v1/supervision/providers/{id}/approve", Only(SUPERVISORS)),
    rule(POST, "/api/v1/supervision/providers/{id}/reject", Only(SUPERVISORS)),
    rule(GET, "/api/v1/supervision/objections", Only(SUPERVISORS)),
    rule(POST, "/api/v1/projects/{id}/objections/{objection}/uphold", Only(SUPERVISORS)),
    rule(POST, "/api/v1/projects/{id}/objections/{objection}/reject", Only(SUPERVISORS)),
    rule(GET, "/api/v1/supervision/overdue", Only(SUPERVISORS)),
    rule(PUT, "/api/v1/catalog/{code}", Only(SUPERVISORS)),
    rule(POST, "/api/v1/providers/{id}/violations", Only(SUPERVISORS)),
    rule(POST, "/api/v1/providers/{id}/blacklistings", Only(SUPERVISORS)),
    rule(POST, "/api/v1/inspections", Only(SUPERVISORS)),
    // --- the test routes, compiled in only with the `test-hooks` feature ---
    rule(POST, "/api/v1/test/clock", Anyone),
    rule(POST, "/api/v1/test/tamper", Anyone),
];

/// The policy of a route, by method and the route's path pattern.
pub fn policy(method: &Method, path: &str) -> Option<&'static Policy> {
    POLICIES.iter().find(|p| p.method == method && p.path == path)
}

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    Anonymous,
    Signed(Claims),
}

impl Viewer {
    pub fn claims(&self) -> Option<&Claims> {
        match self {
            Viewer::Anonymous => None,
            Viewer::Signed(c) => Some(c),
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.claims().map(|c| c.role)
    }

    pub fn organisation(&self) -> Option<OrganisationId> {
        self.claims().and_then(|c| c.organisation)
    }

    /// The viewer as the domain's rules see the one acting.
    pub fn actor(&self) -> Option<Actor> {
        self.claims().map(|c| Actor { role: c.role, account: Some(c.account), organisation: c.organisation })
    }

    pub fn is_buyer_of(&self, p: &Project) -> bool {
        matches!(self.role(), Some(Role::Enterprise | Role::Department))
            && self.organisation() == Some(p.buyer)
    }

    fn is_provider(&self) -> bool {
        self.role() == Some(Role::Provider)
    }
}

impl Allowed {
    pub fn admits(self, viewer: &Viewer) -> bool {
        match (self, viewer) {
            (Allowed::Anyone, _) => true,
            (_, Viewer::Anonymous) => false,
            (Allowed::SignedIn, Viewer::Signed(_)) => true,
            (Allowed::Only(roles), Viewer::Signed(c)) => roles.contains(&c.role),
        }
    }
}

/// The guard every route passes: reads the bearer token (a bad or expired one is 401 whatever
/// the route), finds the route's policy (none: 403) and admits or refuses the caller (401 when
/// anonymous, 403 otherwise). Handlers read the [`Viewer`] it leaves.
pub async fn guard(
    State(guard): State<Guard>,
    matched: Option<MatchedPath>,
    mut request: Request,
    next: Next,
) -> Response {
    let viewer = match bearer(&request) {
        None => Viewer::Anonymous,
        Some(token) => match guard.tokens.verify(token, guard.clock.now()) {
            Ok(claims) => Viewer::Signed(claims),
            Err(_) => return ApiError::Unauthorized.into_response(),
        },
    };
    let pattern = route_pattern(matched.as_ref().map(|m| m.as_str()).unwrap_or_default());
    let path = pattern.as_ref();
    // axum's 405 for a path served with other methods passes through here too.
    if !guard.serves(request.method(), path) {
        return ApiError::MethodNotAllowed.into_response();
    }
    let Some(policy) = policy(request.method(), path) else {
        tracing::error!(method = %request.method(), path, "a route without an access policy was refused");
        return ApiError::Forbidden.into_response();
    };
    if !policy.allowed.admits(&viewer) {
        let error = if viewer == Viewer::Anonymous { ApiError::Unauthorized } else { ApiError::Forbidden };
        return error.into_response();
    }
    request.extensions_mut().insert(viewer);
    next.run(request).await
}

/// A route's pattern as the API description and [`POLICIES`] write it: axum's catch-all
/// `{*name}` (a parameter spanning segments, which OpenAPI cannot say) is written `{name}`.
fn route_pattern(matched: &str) -> Cow<'_, str> {
    if matched.contains("{*") {
        Cow::Owned(matched.replace("{*", "{"))
    } else {
        Cow::Borrowed(matched)
    }
}

/// The guard's state: what checks a token (the key, and the time it is checked at), and the
/// routes this router serves (a function's router serves only its own routes, while the table
/// lists every function's).
#[derive(Clone)]
pub struct Guard {
    pub tokens: std::sync::Arc<TokenKey>,
    pub clock: std::sync::Arc<dyn Clock>,
    pub served: std::sync::Arc<Vec<(Method, String)>>,
}

impl Guard {
    fn serves(&self, method: &Method, path: &str) -> bool {
        self.served.iter().any(|(m, p)| m == method && p == path)
    }
}

fn bearer(request: &Request) -> Option<&str> {
    let value = request.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(str::trim)
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().copied().unwrap_or(Viewer::Anonymous))
    }
}

/// A signed-in caller, as the one acting. Routes that need it are never `Anyone` in
/// [`POLICIES`], so the guard has already refused the anonymous.
#[derive(Clone, Copy, Debug)]
pub struct Signed {
    pub claims: Claims,
    pub actor: Actor,
}

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Viewer::from_request_parts(parts, state).await? {
            Viewer::Signed(claims) => {
                let actor = Viewer::Signed(claims).actor().expect("a signed viewer acts");
                Ok(Signed { claims, actor })
            }
            Viewer::Anonymous => Err(ApiError::Unauthorized),
        }
    }
}

// --- what of a project a viewer may see ---------------------------------------------------------

/// Drafts are their buyer's alone; everything published is public.
pub fn may_see_project(viewer: &Viewer, p: &Project) -> bool {
    p.published_at.is_some() || viewer.is_buyer_of(p)
}

/// Which sealed quotes a viewer may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteVisibility {
    All,
    /// Only the quotes of this provider (its own).
    OwnOnly(OrganisationId),
    None,
}

pub fn quote_visibility(viewer: &Viewer, p: &Project) -> QuoteVisibility {
    let closed = !matches!(p.state, ProjectState::Draft | ProjectState::Published | ProjectState::Cancelled);
    if p.quotes_unsealed() || (closed && viewer.is_buyer_of(p)) {
        return QuoteVisibility::All;
    }
    match (viewer.is_provider(), viewer.organisation()) {
        (true, Some(org)) => QuoteVisibility::OwnOnly(org),
        _ => QuoteVisibility::None,
    }
}

/// The project as `viewer` may see it: quotes it may not see are removed (with the eligibility
/// list of the close, which carries their prices). Returns whether anything was sealed.
pub fn redact(viewer: &Viewer, mut p: Project) -> (Project, bool) {
    let visibility = quote_visibility(viewer, &p);
    let before = p.quotes.len() + p.eligible.len();
    match visibility {
        QuoteVisibility::All => {}
        QuoteVisibility::OwnOnly(org) => {
            p.quotes.retain(|q| q.provider == org);
            p.eligible.retain(|q| q.provider_id == org);
        }
        QuoteVisibility::None => {
            p.quotes.clear();
            p.eligible.clear();
        }
    }
    let sealed = visibility != QuoteVisibility::All && (before > 0 || p.state == ProjectState::Published);
    (p, sealed)
}

/// Whether `viewer` may read `event` of `p`: events about quotes are sealed like the quotes.
pub fn may_see_event(viewer: &Viewer, p: &Project, event: &Event) -> bool {
    match quote_visibility(viewer, p) {
        QuoteVisibility::All => true,
        QuoteVisibility::OwnOnly(org) => !is_sealed(event) || event.actor.organisation == Some(org),
        QuoteVisibility::None => !is_sealed(event),
    }
}

fn is_sealed(event: &Event) -> bool {
    matches!(
        event.kind,
        EventKind::QuoteSubmitted { .. } | EventKind::QuoteWithdrawn { .. } | EventKind::BiddingClosed { .. }
    )
}

/// Providers are public once approved; one awaiting review, refused or suspended is seen only by
/// itself and by supervisors. Enterprises and departments are in no directory.
pub fn may_see_provider(viewer: &Viewer, org: &Organisation) -> bool {
    match &org.kind {
        OrganisationKind::Provider(profile) => {
            profile.status == ProviderStatus::Approved
                || viewer.role() == Some(Role::Supervisor)
                || viewer.organisation() == Some(org.id)
        }
        _ => false,
    }
}
