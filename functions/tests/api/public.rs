//! The public reads over HTTP: the project listing with its filters and paging, a project, its
//! event log, quotes and draw record as each reader may see them, the provider directory,
//! profiles and credit records, statistics — on markets built through `lifecycle` directly (the
//! bidding routes are tested on their own), read back over HTTP.

use crate::helpers::{json_of, spawn_app, Party, TestApp};
use chrono::{DateTime, Duration, Utc};
use market_domain::api::{verify_events, Page, ProjectEvent, SelectionView};
use market_domain::credit::{Blacklisting, CreditContribution};
use market_domain::ids::{ProjectId, QuoteId};
use market_domain::organisation::{Organisation, OrganisationKind, ProviderStatus};
use market_domain::project::{
    Actor, Command, Evaluation, EventHash, Funding, Project, ProjectState, ProjectTerms, Role,
};
use market_domain::selection::{verify_selection, SelectionMethod};
use market_domain::{Description, Money, ServiceItem, ServiceItemCode, Title, WorkingDays};
use market_functions::lifecycle;
use market_functions::repo::{self, accounts, keys};
use market_functions::store::{Condition, Write};
use serde_json::{json, Value};
use uuid::Uuid;

// --- building a market through the lifecycle --------------------------------------------------------

fn actor(party: &Party) -> Actor {
    Actor { role: party.role, account: Some(party.account), organisation: party.organisation }
}

async fn organisation_of(app: &TestApp, party: &Party) -> Organisation {
    let id = party.organisation.expect("a party with an organisation");
    accounts::organisation(app.state.store.as_ref(), id).await.unwrap().unwrap().value
}

async fn catalogue_item(app: &TestApp, code: &str) -> ServiceItem {
    let catalogue = repo::catalogue::catalogue(app.state.store.as_ref()).await.unwrap();
    catalogue.items().iter().find(|i| i.code.as_str() == code).unwrap().clone()
}

fn terms(
    item: &str,
    title: &str,
    budget_cap: &str,
    method: SelectionMethod,
    funding: Funding,
) -> ProjectTerms {
    ProjectTerms {
        item: ServiceItemCode::parse(item).unwrap(),
        title: Title::parse(title).unwrap(),
        description: Description::parse("项目概况、服务范围与成果要求").unwrap(),
        budget_cap: Money::parse(budget_cap).unwrap(),
        service_days: WorkingDays::new(10).unwrap(),
        requirements: vec![],
        method,
        funding,
        bid_window: WorkingDays::new(3).unwrap(),
    }
}

/// The terms most tests here need: an enterprise's HP-001 project at lowest price, capped at 50,000.
fn hp001_lowest_price() -> ProjectTerms {
    terms("HP-001", "环评报告编制", "50,000", SelectionMethod::LowestPrice, Funding::Enterprise)
}

fn department_funding() -> Funding {
    Funding::Department { budget_line: Title::parse("2026年度技术审查专项").unwrap() }
}

async fn draft(app: &TestApp, buyer: &Party, terms: ProjectTerms) -> Project {
    let item = catalogue_item(app, terms.item.as_str()).await;
    let org = organisation_of(app, buyer).await;
    lifecycle::create(&app.state, &actor(buyer), |id, code| {
        Ok(Command::CreateDraft { id, code, terms: terms.clone(), item: item.clone(), buyer: org.clone() })
    })
    .await
    .unwrap()
}

async fn act(app: &TestApp, party: &Party, id: ProjectId, command: Command) -> Project {
    lifecycle::act(&app.state, id, &actor(party), |_| Ok((command.clone(), vec![]))).await.unwrap()
}

async fn publish(app: &TestApp, buyer: &Party, id: ProjectId) -> Project {
    let current = repo::projects::get(app.state.store.as_ref(), id).await.unwrap().unwrap();
    let item = catalogue_item(app, current.terms.item.as_str()).await;
    let (_secret, commitment, keep) = lifecycle::new_secret(id);
    lifecycle::act(&app.state, id, &actor(buyer), |_| {
        Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
    })
    .await
    .unwrap()
}

async fn quote(app: &TestApp, provider: &Party, id: ProjectId, price: &str, days: u16) -> QuoteId {
    let quote = QuoteId(Uuid::new_v4());
    let command = Command::SubmitQuote {
        quote,
        price: Money::parse(price).unwrap(),
        promised_days: WorkingDays::new(days).unwrap(),
        provider: organisation_of(app, provider).await,
    };
    act(app, provider, id, command).await;
    quote
}

fn evaluation(scores: [u8; 5]) -> Evaluation {
    serde_json::from_value(json!({
        "quality": scores[0], "timeliness": scores[1], "attitude": scores[2],
        "fee_reasonableness": scores[3], "compliance": scores[4], "comment": "按时完成，质量良好"
    }))
    .unwrap()
}

/// From selection to the buyer's evaluation: contract after the publicity period, service,
/// delivery, acceptance, rating.
async fn deliver_and_rate(app: &TestApp, buyer: &Party, provider: &Party, id: ProjectId, scores: [u8; 5]) {
    let selected = repo::projects::get(app.state.store.as_ref(), id).await.unwrap().unwrap();
    app.clock.advance_to(selected.publicity_ends_at.unwrap());
    let price = selected.winner().unwrap().price;
    act(app, buyer, id, Command::ProposeContract { price }).await;
    act(app, provider, id, Command::SignContract).await;
    act(app, provider, id, Command::StartService).await;
    let summary = Description::parse("报告已编制完成").unwrap();
    act(app, provider, id, Command::SubmitDelivery { summary }).await;
    act(app, buyer, id, Command::AcceptDelivery).await;
    act(app, buyer, id, Command::Evaluate { evaluation: evaluation(scores) }).await;
}

// --- reading over HTTP ---------------------------------------------------------------------------------

async fn get(app: &TestApp, path: &str, party: Option<&Party>) -> Value {
    json_of(app.get(path, party).send().await.unwrap(), 200).await
}

async fn status(app: &TestApp, path: &str, party: Option<&Party>) -> u16 {
    app.get(path, party).send().await.unwrap().status().as_u16()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect()
}

fn id_of(project: &Project) -> String {
    project.id.to_string()
}

fn org(party: &Party) -> String {
    party.organisation.unwrap().to_string()
}

fn quote_ids(view: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        view["quotes"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

fn event_kinds(page: &Value) -> Vec<(u64, String)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["seq"].as_u64().unwrap(), e["event"]["event"].as_str().unwrap_or("sealed").to_owned()))
        .collect()
}

/// Checks a page holding a whole event log as a hash chain ending at its project's published head.
async fn assert_verifies_to_head(app: &TestApp, id: ProjectId, log: Value) {
    let log: Page<ProjectEvent> = serde_json::from_value(log).unwrap();
    assert_eq!(log.next, None, "the whole log on one page");
    let view = get(app, &format!("/api/v1/projects/{id}"), None).await;
    let head: EventHash = serde_json::from_value(view["project"]["chain_head"].clone()).unwrap();
    let version = view["project"]["version"].as_u64().unwrap();
    let verified = verify_events(&log.items, head, version).unwrap();
    assert_eq!(verified.events, log.items.len() as u64);
}

fn instant(value: &Value) -> DateTime<Utc> {
    value.as_str().unwrap().parse().unwrap()
}

async fn bad_request(app: &TestApp, path: &str) -> Value {
    let response = app.get(path, None).header("accept-language", "en").send().await.unwrap();
    json_of(response, 400).await
}

// --- projects --------------------------------------------------------------------------------------------

/// Three published projects an hour apart (newest last) and a draft.
struct Listing {
    eia: Project,
    review: Project,
    noise: Project,
    draft: Project,
}

async fn listing(app: &TestApp) -> Listing {
    let enterprise = app.enterprise(1).await;
    let department = app.department(2).await;
    let lowest = SelectionMethod::LowestPrice;
    let eia =
        draft(app, &enterprise, terms("HP-001", "园区环评报告编制", "80,000", lowest, Funding::Enterprise))
            .await;
    let review =
        draft(app, &department, terms("SB-001", "水保方案技术审查", "60,000", lowest, department_funding()))
            .await;
    let noise = draft(
        app,
        &enterprise,
        terms("HP-001", "Noise Study 噪声评估", "40,000", lowest, Funding::Enterprise),
    )
    .await;
    let unpublished =
        draft(app, &enterprise, terms("HP-001", "尚未发布的需求", "10,000", lowest, Funding::Enterprise))
            .await;
    let eia = publish(app, &enterprise, eia.id).await;
    app.advance(Duration::hours(1));
    let review = publish(app, &department, review.id).await;
    app.advance(Duration::hours(1));
    let noise = publish(app, &enterprise, noise.id).await;
    Listing { eia, review, noise, draft: unpublished }
}

#[tokio::test]
async fn the_listing_shows_published_projects_newest_first_with_filters_and_paging() {
    let app = spawn_app().await;
    let Listing { eia, review, noise, draft } = listing(&app).await;
    let (eia, review, noise) = (id_of(&eia), id_of(&review), id_of(&noise));
    let (eia, review, noise) = (eia.as_str(), review.as_str(), noise.as_str());

    let all = get(&app, "/api/v1/projects", None).await;
    assert_eq!(ids(&all), [noise, review, eia]);
    assert_eq!(all["next"], Value::Null);
    assert!(!ids(&all).contains(&id_of(&draft)), "a draft is never listed");
    let first = &all["items"][0];
    assert_eq!(first["state"], "published");
    assert_eq!(first["title"], "Noise Study 噪声评估");
    assert_eq!(first["budget_cap"], 4_000_000);
    assert_eq!(first["winning_price"], Value::Null);

    let page1 = get(&app, "/api/v1/projects?limit=2", None).await;
    assert_eq!(ids(&page1), [noise, review]);
    let cursor = page1["next"].as_str().unwrap();
    let page2 = get(&app, &format!("/api/v1/projects?limit=2&cursor={cursor}"), None).await;
    assert_eq!(ids(&page2), [eia]);
    assert_eq!(page2["next"], Value::Null);

    assert_eq!(ids(&get(&app, "/api/v1/projects?item=HP-001", None).await), [noise, eia]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?item=SB-001", None).await), [review]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?item=DZ-001", None).await), Vec::<String>::new());
    // Filtered and paged: the cursor goes on right after the last project returned.
    let filtered = get(&app, "/api/v1/projects?item=HP-001&limit=1", None).await;
    assert_eq!(ids(&filtered), [noise]);
    let cursor = filtered["next"].as_str().unwrap();
    let rest = get(&app, &format!("/api/v1/projects?item=HP-001&limit=1&cursor={cursor}"), None).await;
    assert_eq!(ids(&rest), [eia]);

    assert_eq!(ids(&get(&app, "/api/v1/projects?funding=department", None).await), [review]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?funding=enterprise", None).await), [noise, eia]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?q=noise%20STUDY", None).await), [noise]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?q=%E7%8E%AF%E8%AF%84", None).await), [eia], "环评");
    assert_eq!(ids(&get(&app, "/api/v1/projects?q=zj-2026-000002", None).await), [review], "by code");
    assert_eq!(ids(&get(&app, "/api/v1/projects?state=published", None).await), [noise, review, eia]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?state=bidding_closed", None).await), Vec::<String>::new());
    assert_eq!(
        ids(&get(&app, "/api/v1/projects?state=published&item=HP-001&funding=enterprise&q=园区", None).await),
        [eia]
    );
}

#[tokio::test]
async fn the_listing_sorted_by_close_time_shows_open_projects_soonest_close_first() {
    let app = spawn_app().await;
    let enterprise = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    // Published an hour apart in this order, with bid windows that close in another.
    let mut published = Vec::new();
    for (title, days) in [("五日窗口评估", 5), ("三日窗口评估", 3), ("四日窗口评估", 4), ("六日窗口评估", 6)]
    {
        let mut terms = terms("HP-001", title, "50,000", SelectionMethod::LowestPrice, Funding::Enterprise);
        terms.bid_window = WorkingDays::new(days).unwrap();
        let project = draft(&app, &enterprise, terms).await;
        published.push(publish(&app, &enterprise, project.id).await);
        app.advance(Duration::hours(1));
    }
    let closes: Vec<DateTime<Utc>> = published.iter().map(|p| p.closes_at.unwrap()).collect();
    assert!(closes[1] < closes[2] && closes[2] < closes[0] && closes[0] < closes[3], "{closes:?}");
    let all: Vec<String> = published.iter().map(id_of).collect();
    let [five, three, four, six] = [&all[0], &all[1], &all[2], &all[3]].map(String::as_str);

    assert_eq!(ids(&get(&app, "/api/v1/projects", None).await), [six, four, three, five]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?sort=newest", None).await), [six, four, three, five]);
    let closing = get(&app, "/api/v1/projects?sort=closing", None).await;
    assert_eq!(ids(&closing), [three, four, five, six]);
    assert_eq!(closing["next"], Value::Null);
    assert_eq!(closing["items"][0]["title"], "三日窗口评估");
    assert_eq!(instant(&closing["items"][0]["closes_at"]), closes[1]);

    // Paged, filtered, and with `state=published` (the only state it lists).
    let page1 = get(&app, "/api/v1/projects?sort=closing&limit=2", None).await;
    assert_eq!(ids(&page1), [three, four]);
    let cursor = page1["next"].as_str().unwrap();
    let page2 = get(&app, &format!("/api/v1/projects?sort=closing&limit=2&cursor={cursor}"), None).await;
    assert_eq!(ids(&page2), [five, six]);
    assert_eq!(page2["next"], Value::Null);
    assert_eq!(
        ids(&get(&app, "/api/v1/projects?sort=closing&state=published", None).await),
        [three, four, five, six]
    );
    assert_eq!(
        ids(&get(&app, "/api/v1/projects?sort=closing&q=%E5%9B%9B%E6%97%A5", None).await),
        [four],
        "四日"
    );
    assert_eq!(
        ids(&get(&app, "/api/v1/projects?sort=closing&item=SB-001", None).await),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&get(&app, "/api/v1/projects?sort=closing&funding=department", None).await),
        Vec::<String>::new()
    );

    // Once the soonest window has ended, listing closes that project and leaves it out.
    quote(&app, &provider, published[1].id, "40,000", 8).await;
    app.clock.advance_to(closes[1]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?sort=closing", None).await), [four, five, six]);
    assert_eq!(ids(&get(&app, "/api/v1/projects?state=selected", None).await), [three]);

    let body = bad_request(&app, "/api/v1/projects?sort=soonest").await;
    assert_eq!(body["code"], "malformed");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("The request is malformed: sort: unknown variant `soonest`"),
        "{body}"
    );
    let body = bad_request(&app, "/api/v1/projects?sort=closing&state=selected").await;
    assert_eq!(
        body["message"],
        "The request is malformed: sort: `closing` lists only projects open for quotes (state `published`)"
    );
}

#[tokio::test]
async fn malformed_filters_are_refused_by_name() {
    let app = spawn_app().await;
    let body = bad_request(&app, "/api/v1/projects?state=open").await;
    assert_eq!(body["code"], "malformed");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("The request is malformed: state: unknown variant `open`"));
    let body = bad_request(&app, "/api/v1/projects?item=hp001").await;
    assert!(body["message"].as_str().unwrap().starts_with("The request is malformed: item: "), "{body}");
    let body = bad_request(&app, "/api/v1/projects?funding=city").await;
    assert!(body["message"].as_str().unwrap().starts_with("The request is malformed: funding: "), "{body}");
    let body = bad_request(&app, "/api/v1/projects?cursor=not-a-cursor").await;
    assert_eq!(body["message"], "The request is malformed: cursor: not a cursor this list gave");
    bad_request(&app, "/api/v1/projects?limit=many").await;
    let body = bad_request(&app, "/api/v1/providers?item=nothing").await;
    assert!(body["message"].as_str().unwrap().starts_with("The request is malformed: item: "), "{body}");
    // Chinese by default.
    let response = app.get("/api/v1/projects?state=open", None).send().await.unwrap();
    let body = json_of(response, 400).await;
    assert!(body["message"].as_str().unwrap().starts_with("请求格式不正确：state: "), "{body}");
}

#[tokio::test]
async fn a_draft_is_its_buyers_alone() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let other_buyer = app.enterprise(2).await;
    let provider = app.provider(3, &["HP-001"]).await;
    let supervisor = app.supervisor(4).await;
    let project = draft(
        &app,
        &buyer,
        terms("HP-001", "环评报告编制", "50,000", SelectionMethod::RandomDraw, Funding::Enterprise),
    )
    .await;
    let id = project.id;
    for path in [
        format!("/api/v1/projects/{id}"),
        format!("/api/v1/projects/{id}/events"),
        format!("/api/v1/projects/{id}/quotes"),
        format!("/api/v1/projects/{id}/selection"),
    ] {
        for party in [None, Some(&other_buyer), Some(&provider), Some(&supervisor)] {
            assert_eq!(status(&app, &path, party).await, 404, "{path} as {:?}", party.map(|p| p.role));
        }
    }
    let view = get(&app, &format!("/api/v1/projects/{id}"), Some(&buyer)).await;
    assert_eq!(view["project"]["state"], "draft");
    assert_eq!(view["project"]["id"], id.to_string());
    assert_eq!(view["quotes_sealed"], false);
    let events = get(&app, &format!("/api/v1/projects/{id}/events"), Some(&buyer)).await;
    assert_eq!(event_kinds(&events), [(1, "draft_created".to_owned())]);
    // No selection yet, even for the buyer.
    assert_eq!(status(&app, &format!("/api/v1/projects/{id}/selection"), Some(&buyer)).await, 404);
    // Unknown and malformed ids name nothing.
    assert_eq!(status(&app, &format!("/api/v1/projects/{}", Uuid::new_v4()), None).await, 404);
    assert_eq!(status(&app, "/api/v1/projects/not-an-id", None).await, 404);

    publish(&app, &buyer, id).await;
    let view = get(&app, &format!("/api/v1/projects/{id}"), None).await;
    assert_eq!(view["project"]["state"], "published");
    assert_eq!(view["quotes_sealed"], true);
}

/// An enterprise's direct-choice need (organisation 1) with a quote from each of providers 2 and
/// 3, still open.
struct TwoQuotes {
    buyer: Party,
    a: Party,
    b: Party,
    id: ProjectId,
    closes_at: DateTime<Utc>,
    qa: QuoteId,
    qb: QuoteId,
}

async fn two_quotes(app: &TestApp) -> TwoQuotes {
    let buyer = app.enterprise(1).await;
    let a = app.provider(2, &["HP-001"]).await;
    let b = app.provider(3, &["HP-001"]).await;
    let project = draft(
        app,
        &buyer,
        terms("HP-001", "环评报告编制", "50,000", SelectionMethod::DirectChoice, Funding::Enterprise),
    )
    .await;
    let id = project.id;
    let closes_at = publish(app, &buyer, id).await.closes_at.unwrap();
    let qa = quote(app, &a, id, "42,000", 8).await;
    let qb = quote(app, &b, id, "45,000", 9).await;
    TwoQuotes { buyer, a, b, id, closes_at, qa, qb }
}

#[tokio::test]
async fn sealed_quotes_open_to_each_reader_in_turn() {
    let app = spawn_app().await;
    let TwoQuotes { buyer, a, b, id, closes_at, qa, qb } = two_quotes(&app).await;
    let supervisor = app.supervisor(4).await;
    let (qa, qb) = (qa.0.to_string(), qb.0.to_string());
    let quotes = format!("/api/v1/projects/{id}/quotes");
    let events = format!("/api/v1/projects/{id}/events");
    let detail = format!("/api/v1/projects/{id}");

    // While bidding is open: a provider sees its own quote, nobody else sees any.
    let none: Vec<String> = vec![];
    for party in [None, Some(&buyer), Some(&supervisor)] {
        let view = get(&app, &quotes, party).await;
        assert_eq!((quote_ids(&view), &view["quotes_sealed"]), (none.clone(), &json!(true)));
    }
    assert_eq!(quote_ids(&get(&app, &quotes, Some(&a)).await), [qa.as_str()]);
    assert_eq!(quote_ids(&get(&app, &detail, Some(&b)).await["project"]), [qb.as_str()]);
    assert_eq!(quote_ids(&get(&app, &detail, None).await["project"]), none);
    // The public sees that two events are sealed, and their hashes: the chain verifies to the
    // project's published head without showing what the sealed events say.
    let mut public_log =
        vec![(1, "draft_created".to_owned()), (2, "published".to_owned()), (3, "sealed".to_owned())];
    public_log.push((4, "sealed".to_owned()));
    let log = get(&app, &events, None).await;
    assert_eq!(event_kinds(&log), public_log);
    assert_eq!(log["items"][2].as_object().unwrap().keys().collect::<Vec<_>>(), ["hash", "seq"]);
    assert_verifies_to_head(&app, id, log).await;
    assert_eq!(
        event_kinds(&get(&app, &events, Some(&a)).await),
        [
            (1, "draft_created".to_owned()),
            (2, "published".to_owned()),
            (3, "quote_submitted".to_owned()),
            (4, "sealed".to_owned())
        ]
    );

    // The window ends; no scheduler runs. The first read closes it, as of the close instant.
    app.clock.advance_to(closes_at + Duration::hours(5));
    let view = get(&app, &detail, None).await;
    assert_eq!(view["project"]["state"], "bidding_closed");
    assert_eq!(view["quotes_sealed"], true);
    let all = sorted(vec![qa.clone(), qb.clone()]);
    assert_eq!(quote_ids(&get(&app, &quotes, Some(&buyer)).await), all);
    assert_eq!(get(&app, &quotes, Some(&buyer)).await["quotes_sealed"], false);
    assert_eq!(quote_ids(&get(&app, &quotes, Some(&a)).await), [qa.as_str()]);
    assert_eq!(quote_ids(&get(&app, &quotes, None).await), none);
    assert_eq!(quote_ids(&get(&app, &quotes, Some(&supervisor)).await), none);
    public_log.push((5, "sealed".to_owned()));
    assert_eq!(event_kinds(&get(&app, &events, None).await), public_log, "the close is sealed too");
    let buyers_log = get(&app, &events, Some(&buyer)).await;
    assert_eq!(event_kinds(&buyers_log)[4], (5, "bidding_closed".to_owned()));
    assert_eq!(instant(&buyers_log["items"][4]["event"]["at"]), closes_at);

    // The buyer chooses; the selection is public, and so is everything sealed before it.
    let secret = repo::projects::secret(app.state.store.as_ref(), id).await.unwrap().unwrap();
    act(&app, &buyer, id, Command::ChooseDirectly { quote: qb.parse().map(QuoteId).unwrap(), secret }).await;
    let view = get(&app, &quotes, None).await;
    assert_eq!((quote_ids(&view), &view["quotes_sealed"]), (all.clone(), &json!(false)));
    assert_eq!(quote_ids(&get(&app, &quotes, Some(&supervisor)).await), all);
    let log = get(&app, &events, None).await;
    assert_eq!(
        event_kinds(&log),
        [
            (1, "draft_created".to_owned()),
            (2, "published".to_owned()),
            (3, "quote_submitted".to_owned()),
            (4, "quote_submitted".to_owned()),
            (5, "bidding_closed".to_owned()),
            (6, "selected".to_owned()),
        ]
    );
    assert_eq!(instant(&log["items"][4]["event"]["at"]), closes_at);
    assert_eq!(log["items"][4]["event"]["actor"]["role"], "system");
    // The log pages like every list.
    let first = get(&app, &format!("{events}?limit=4"), None).await;
    assert_eq!(event_kinds(&first).len(), 4);
    let rest = get(&app, &format!("{events}?limit=4&cursor={}", first["next"].as_str().unwrap()), None).await;
    assert_eq!(event_kinds(&rest), [(5, "bidding_closed".to_owned()), (6, "selected".to_owned())]);
    assert_eq!(rest["next"], Value::Null);
}

/// The command-line verifier, run as anyone would run it against the site: the log verifies while
/// a quote is still sealed, and an event altered in the table is named, in both languages.
#[tokio::test]
async fn the_command_line_verifier_checks_the_log_and_names_an_altered_event() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let project = draft(&app, &buyer, hp001_lowest_price()).await;
    let id = project.id;
    publish(&app, &buyer, id).await;
    quote(&app, &provider, id, "42,000", 8).await;

    let verified = market_verify(&app, &id.to_string()).await;
    let out = String::from_utf8(verified.stdout).unwrap();
    assert_eq!(verified.status.code(), Some(0), "{out}");
    assert!(out.contains(&format!("verified: the 3 events of {} (1 sealed)", project.code)), "{out}");

    // Someone with access to the table moves the close of bidding in the stored publish event.
    let store = app.state.store.as_ref();
    let mut item = store.get(&keys::event(id, 2)).await.unwrap().expect("the publish event");
    assert_eq!(item.data["event"], "published");
    item.data["closes_at"] = json!("2030-01-01T00:00:00Z");
    store.write(vec![Write::Put { item, condition: Condition::Always }]).await.unwrap();
    let caught = market_verify(&app, &id.to_string()).await;
    let out = String::from_utf8(caught.stdout).unwrap();
    assert_eq!(caught.status.code(), Some(1), "{out}");
    assert!(out.contains("验证未通过：第 2 条记录的哈希值为"), "{out}");
    assert!(out.contains("does not verify: event 2 hashes to"), "{out}");

    // What cannot be read is said so, apart from a log that does not verify.
    let unknown = market_verify(&app, &Uuid::new_v4().to_string()).await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8(unknown.stderr).unwrap().contains("404"));
    let malformed = market_verify(&app, "HP-001").await;
    assert_eq!(malformed.status.code(), Some(2));
}

/// Runs `market-verify <site> <project>` against the test server.
async fn market_verify(app: &TestApp, project: &str) -> std::process::Output {
    let (site, project) = (app.address.clone(), project.to_owned());
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_market-verify"))
            .args([site, project])
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_window_that_ended_is_listed_closed_although_no_scheduler_ran() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let cheap = app.provider(2, &["HP-001"]).await;
    let dear = app.provider(3, &["HP-001"]).await;
    let project = draft(&app, &buyer, hp001_lowest_price()).await;
    let id = project.id;
    let closes_at = publish(&app, &buyer, id).await.closes_at.unwrap();
    let winner = quote(&app, &cheap, id, "30,000", 8).await;
    quote(&app, &dear, id, "35,000", 8).await;
    app.clock.advance_to(closes_at + Duration::minutes(1));
    let stored = repo::projects::get(app.state.store.as_ref(), id).await.unwrap().unwrap();
    assert_eq!(stored.state, ProjectState::Published, "nothing has closed it yet");

    // `state=published` reads the project as still published in the index, closes it, and
    // leaves it out.
    let open = get(&app, "/api/v1/projects?state=published", None).await;
    assert_eq!(ids(&open), Vec::<String>::new());
    let all = get(&app, "/api/v1/projects", None).await;
    assert_eq!(ids(&all), [id.to_string()]);
    assert_eq!(all["items"][0]["state"], "selected");
    assert_eq!(all["items"][0]["winning_price"], 3_000_000);
    assert_eq!(ids(&get(&app, "/api/v1/projects?state=selected", None).await), [id.to_string()]);

    let log = get(&app, &format!("/api/v1/projects/{id}/events"), None).await;
    let closed = &log["items"][4]["event"];
    assert_eq!((closed["event"].as_str(), instant(&closed["at"])), (Some("bidding_closed"), closes_at));
    let selected = &log["items"][5]["event"];
    assert_eq!((selected["event"].as_str(), instant(&selected["at"])), (Some("selected"), closes_at));
    // Once selected, the whole log is public, and anyone can check it as a hash chain that ends
    // at the project's published head.
    assert!(log["items"].as_array().unwrap().iter().all(|e| e.get("event").is_some()));
    assert_verifies_to_head(&app, id, log).await;

    // The draw record: published, and it recomputes to the same winner from its contents alone.
    let view: SelectionView =
        serde_json::from_value(get(&app, &format!("/api/v1/projects/{id}/selection"), None).await).unwrap();
    let record = view.selection.expect("a selection in force");
    assert_eq!(view.voided, vec![]);
    assert_eq!(record.outcome.winner, winner);
    assert_eq!(record.project_code, project.code.to_string());
    assert_eq!(verify_selection(&record).unwrap(), record.outcome);
    let mut forged = record.clone();
    forged.quotes.retain(|q| q.quote_id == winner);
    assert!(verify_selection(&forged).is_err(), "a record with inputs left out does not verify");
}

// --- providers ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_directory_lists_approved_providers_only() {
    let app = spawn_app().await;
    let eia = app.provider(1, &["HP-001"]).await;
    let both = app.provider(2, &["HP-001", "SB-001"]).await;
    let profile = app.provider_profile(&["HP-001"], ProviderStatus::Pending).await;
    let pending = app.party(Role::Provider, 3, OrganisationKind::Provider(profile)).await;
    let enterprise = app.enterprise(4).await;
    let supervisor = app.supervisor(5).await;

    // Blacklist one: the directory shows until when.
    let store = app.state.store.as_ref();
    let stored = accounts::organisation(store, both.organisation.unwrap()).await.unwrap().unwrap();
    let mut blacklisted = stored.value.clone();
    let until = app.clock_now() + Duration::days(90);
    if let OrganisationKind::Provider(p) = &mut blacklisted.kind {
        p.blacklistings.push(Blacklisting::new("串通报价".into(), app.clock_now(), until).unwrap());
    }
    accounts::save_organisation(store, Some(&stored), &blacklisted, app.clock_now()).await.unwrap();

    let approved = sorted(vec![org(&eia), org(&both)]);
    let page = get(&app, "/api/v1/providers", None).await;
    assert_eq!(ids(&page), approved);
    assert_eq!(page["next"], Value::Null);
    let entry = page["items"].as_array().unwrap().iter().find(|p| p["id"] == org(&eia)).unwrap();
    assert_eq!(entry["name"], "测试机构1有限公司");
    assert_eq!(entry["credit_score"], 100);
    assert_eq!(entry["rating"], Value::Null);
    assert_eq!(entry["blacklisted_until"], Value::Null);
    assert_eq!(entry["served_items"][0]["item"], "HP-001");
    let entry = page["items"].as_array().unwrap().iter().find(|p| p["id"] == org(&both)).unwrap();
    assert_eq!(instant(&entry["blacklisted_until"]), until);

    assert_eq!(ids(&get(&app, "/api/v1/providers?item=SB-001", None).await), [org(&both)]);
    assert_eq!(ids(&get(&app, "/api/v1/providers?item=HP-001", None).await), approved);
    assert_eq!(ids(&get(&app, "/api/v1/providers?item=DZ-001", None).await), Vec::<String>::new());
    let first = get(&app, "/api/v1/providers?limit=1", None).await;
    assert_eq!(ids(&first), [approved[0].clone()]);
    let next = first["next"].as_str().unwrap();
    assert_eq!(
        ids(&get(&app, &format!("/api/v1/providers?limit=1&cursor={next}"), None).await)[0],
        approved[1]
    );
    // A supervisor sees every provider, the pending one too.
    let everyone = sorted(vec![org(&eia), org(&both), org(&pending)]);
    assert_eq!(ids(&get(&app, "/api/v1/providers", Some(&supervisor)).await), everyone);

    // Profiles: a pending provider is not public, but it sees itself, and supervisors see it.
    let path = |p: &Party| format!("/api/v1/providers/{}", org(p));
    assert_eq!(status(&app, &path(&pending), None).await, 404);
    assert_eq!(status(&app, &path(&pending), Some(&eia)).await, 404);
    assert_eq!(get(&app, &path(&pending), Some(&pending)).await["organisation"]["id"], org(&pending));
    assert_eq!(status(&app, &path(&pending), Some(&supervisor)).await, 200);
    assert_eq!(status(&app, &format!("{}/credit", path(&pending)), None).await, 404);
    // Buyers are in no directory.
    assert_eq!(status(&app, &path(&enterprise), None).await, 404);
    assert_eq!(status(&app, &format!("/api/v1/providers/{}", Uuid::new_v4()), None).await, 404);

    let profile = get(&app, &path(&eia), None).await;
    assert_eq!(profile["organisation"]["name"], "测试机构1有限公司");
    assert_eq!(profile["organisation"]["kind"]["kind"], "provider");
    assert_eq!(profile["score"], 100);
    assert_eq!(profile["rating"], Value::Null);
    assert_eq!(profile["ratings_by_dimension"], Value::Null);
    assert_eq!(profile["credit"]["contributions"], json!([]));
}

#[tokio::test]
async fn a_providers_credit_explains_itself_in_both_languages() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let provider_id = provider.organisation.unwrap();
    let mut projects = Vec::new();
    for (title, scores) in [("一期环评", [5, 5, 4, 4, 5]), ("二期环评", [3, 4, 3, 2, 3])] {
        let project = draft(
            &app,
            &buyer,
            terms("HP-001", title, "50,000", SelectionMethod::LowestPrice, Funding::Enterprise),
        )
        .await;
        let closes_at = publish(&app, &buyer, project.id).await.closes_at.unwrap();
        quote(&app, &provider, project.id, "40,000", 8).await;
        app.clock.advance_to(closes_at);
        lifecycle::settle(&app.state, project.id).await.unwrap();
        deliver_and_rate(&app, &buyer, &provider, project.id, scores).await;
        projects.push(project.id);
    }
    // Later than the last evaluation: a record lists its contributions in time order.
    app.advance(chrono::Duration::hours(1));
    let violation = CreditContribution::violation("出具虚假报告".into(), -20, app.clock_now()).unwrap();
    accounts::add_credit_contribution(app.state.store.as_ref(), provider_id, &violation).await.unwrap();

    let credit = get(&app, &format!("/api/v1/providers/{provider_id}/credit"), None).await;
    assert_eq!(credit["provider"], provider_id.to_string());
    assert_eq!(credit["base_score"], 100);
    // 100 + (23 − 15) + (15 − 15) − 20
    assert_eq!(credit["score"], 88);
    let lines = credit["contributions"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["contribution"]["points"], 8);
    assert_eq!(lines[0]["contribution"]["reason"]["kind"], "evaluation");
    assert_eq!(lines[0]["contribution"]["reason"]["project"], projects[0].to_string());
    assert_eq!(
        lines[0]["explanation"],
        json!({
            "zh": "服务评价：五项评分合计 23 分，减去 15 分，计 +8 分",
            "en": "Evaluation: the five scores sum to 23, less 15: +8 points",
        })
    );
    assert_eq!(lines[1]["explanation"]["zh"], "服务评价：五项评分合计 15 分，减去 15 分，计 +0 分");
    assert_eq!(lines[2]["explanation"]["zh"], "违规记录（出具虚假报告），计 -20 分");
    // Both languages travel whatever the reader's; the reader picks.
    let response =
        app.get(&format!("/api/v1/providers/{provider_id}/credit"), None).header("accept-language", "en");
    let english = json_of(response.send().await.unwrap(), 200).await;
    assert_eq!(
        english["contributions"][2]["explanation"]["en"],
        "Violation recorded (出具虚假报告): -20 points"
    );
    assert_eq!(english, credit);

    let profile = get(&app, &format!("/api/v1/providers/{provider_id}"), None).await;
    assert_eq!(profile["score"], 88);
    // (23 × 20 + 15 × 20) / 2
    assert_eq!(profile["rating"], 380);
    assert_eq!(
        profile["ratings_by_dimension"],
        json!({
            "evaluations": 2, "quality": 400, "timeliness": 450, "attitude": 350,
            "fee_reasonableness": 300, "compliance": 400,
        })
    );
    assert_eq!(profile["credit"]["contributions"].as_array().unwrap().len(), 3);
    let listed = get(&app, "/api/v1/providers", None).await;
    assert_eq!(
        (listed["items"][0]["credit_score"].as_i64(), listed["items"][0]["rating"].as_u64()),
        (Some(88), Some(380))
    );
}

// --- statistics ----------------------------------------------------------------------------------------------

#[tokio::test]
async fn statistics_are_exact_for_a_known_market() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let a = app.provider(2, &["HP-001"]).await;
    let b = app.provider(3, &["HP-001"]).await;
    let profile = app.provider_profile(&["HP-001"], ProviderStatus::Pending).await;
    app.party(Role::Provider, 4, OrganisationKind::Provider(profile)).await;
    let lowest = SelectionMethod::LowestPrice;

    let empty = get(&app, "/api/v1/statistics", None).await;
    assert_eq!(empty["counters"], json!({}));
    assert_eq!(empty["quotes_per_need_x100"], Value::Null);
    assert_eq!(
        (empty["sampled_projects"].as_u64(), empty["sample_complete"].as_bool()),
        (Some(0), Some(true))
    );
    assert_eq!(empty["providers"], 2);

    // Two selected projects (caps 50,000 and 20,000; won at 30,000 and 19,000), one still open
    // with no quote, one draft.
    let first = draft(&app, &buyer, terms("HP-001", "一期环评", "50,000", lowest, Funding::Enterprise)).await;
    let second =
        draft(&app, &buyer, terms("HP-001", "二期环评", "20,000", lowest, Funding::Enterprise)).await;
    let open = draft(&app, &buyer, terms("HP-001", "三期环评", "10,000", lowest, Funding::Enterprise)).await;
    draft(&app, &buyer, terms("HP-001", "四期环评", "10,000", lowest, Funding::Enterprise)).await;
    let first_published = publish(&app, &buyer, first.id).await;
    let closes_at = first_published.closes_at.unwrap();
    publish(&app, &buyer, second.id).await;
    quote(&app, &a, first.id, "30,000", 8).await;
    quote(&app, &b, first.id, "32,000", 8).await;
    quote(&app, &b, first.id, "31,000", 8).await;
    quote(&app, &a, second.id, "19,000", 8).await;
    app.clock.advance_to(closes_at);
    lifecycle::settle(&app.state, first.id).await.unwrap();
    lifecycle::settle(&app.state, second.id).await.unwrap();
    publish(&app, &buyer, open.id).await;

    let stats = get(&app, "/api/v1/statistics", None).await;
    assert_eq!(
        stats["counters"],
        json!({ "projects_created": 4, "projects_published": 3, "quotes_submitted": 4, "selections": 2 })
    );
    // 4 quotes (one a replacement) over 3 published projects.
    assert_eq!(stats["quotes_per_need_x100"], 133);
    assert_eq!(
        (stats["sampled_projects"].as_u64(), stats["sample_complete"].as_bool()),
        (Some(3), Some(true))
    );
    let months: Vec<(String, u64)> = stats["needs_by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["month"].as_str().unwrap().to_owned(), m["needs"].as_u64().unwrap()))
        .collect();
    let expected: Vec<(String, u64)> = [
        "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
        "2026-01", "2026-02", "2026-03",
    ]
    .iter()
    .map(|m| (m.to_string(), if *m == "2026-03" { 3 } else { 0 }))
    .collect();
    assert_eq!(months, expected);
    assert_eq!(
        stats["savings"],
        json!({
            "selected_projects": 2,
            "budget_caps": 7_000_000,
            "winning_prices": 4_900_000,
            "saved": 2_100_000,
            "saved_basis_points": 3_000,
        })
    );
    assert_eq!((stats["providers"].as_u64(), stats["providers_complete"].as_bool()), (Some(2), Some(true)));
    // Both published at once and selected when bidding closed, 3 working days later: 3 days
    // 15 hours (313,200 s), 3.625 calendar days → 3.6. The open need's quotes are not counted yet.
    let published = first_published.published_at.unwrap();
    assert_eq!((closes_at - published).num_seconds(), 313_200);
    assert_eq!(stats["median_days_to_selection_x10"], 36);
    assert_eq!(stats["median_days_to_acceptance_x10"], Value::Null);
    assert_eq!(stats["needs_by_quotes"], json!([0, 1, 1, 0, 0, 0]));
    let a_id = a.organisation.unwrap().to_string();
    let a_name = organisation_of(&app, &a).await.name.to_string();
    assert_eq!(
        stats["provider_concentration"],
        json!({
            "selections": 2,
            "top": [{ "provider": a_id, "name": a_name, "selections": 2 }],
            "top_basis_points": 10_000,
        })
    );
    assert_eq!(stats["satisfaction"], Value::Null);

    // The first need delivered, accepted and rated when its publicity ends.
    deliver_and_rate(&app, &buyer, &a, first.id, [5, 4, 3, 2, 1]).await;
    let accepted = repo::projects::get(app.state.store.as_ref(), first.id).await.unwrap().unwrap();
    // 9 days 15 hours (831,600 s) after publication → 9.6; the selection's figure is unchanged.
    assert_eq!((accepted.accepted_at.unwrap() - published).num_seconds(), 831_600);
    let stats = get(&app, "/api/v1/statistics", None).await;
    assert_eq!(stats["median_days_to_acceptance_x10"], 96);
    assert_eq!(stats["median_days_to_selection_x10"], 36);
    assert_eq!(
        stats["satisfaction"],
        json!({
            "evaluations": 1, "quality": 500, "timeliness": 400, "attitude": 300,
            "fee_reasonableness": 200, "compliance": 100,
        })
    );
}

/// Statistics are computed again as soon as a counter moves (above); what no counter counts — a
/// provider approved — shows once what the process computed is a minute old.
#[tokio::test]
async fn statistics_are_reused_while_the_counters_stand_still_for_at_most_a_minute() {
    let app = spawn_app().await;
    app.provider(2, &["HP-001"]).await;
    let profile = app.provider_profile(&["HP-001"], ProviderStatus::Pending).await;
    let pending = app.party(Role::Provider, 3, OrganisationKind::Provider(profile)).await;
    let supervisor = app.supervisor(1).await;
    assert_eq!(get(&app, "/api/v1/statistics", None).await["providers"], 1);

    let approve = format!("/api/v1/supervision/providers/{}/approve", pending.organisation.unwrap());
    let response = app.post(&approve, Some(&supervisor), &json!({})).send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.text().await.unwrap());
    assert_eq!(get(&app, "/api/v1/statistics", None).await["providers"], 1, "reused");

    app.clock.advance(Duration::seconds(59));
    assert_eq!(get(&app, "/api/v1/statistics", None).await["providers"], 1, "reused for a minute");
    app.clock.advance(Duration::seconds(1));
    assert_eq!(get(&app, "/api/v1/statistics", None).await["providers"], 2, "computed again");
}

// --- store budgets ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_public_read_stays_within_its_store_budget() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let project = draft(&app, &buyer, hp001_lowest_price()).await;
    let id = project.id;
    let closes_at = publish(&app, &buyer, id).await.closes_at.unwrap();
    quote(&app, &provider, id, "40,000", 8).await;
    app.clock.advance_to(closes_at);

    // The first read after the close closes the project: the project, its secret, the
    // quoting provider's organisation and credit record, the write.
    app.store_calls.take();
    assert_eq!(status(&app, &format!("/api/v1/projects/{id}"), None).await, 200);
    assert_eq!(app.store_calls.take().total(), 5);

    deliver_and_rate(&app, &buyer, &provider, id, [4, 4, 4, 4, 4]).await;
    let p = provider.organisation.unwrap();
    let budgets: [(String, usize); 11] = [
        ("/api/v1/projects".into(), 1),
        ("/api/v1/projects?sort=closing".into(), 1),
        // One item's open projects: their own index, whole pages.
        ("/api/v1/projects?sort=closing&item=HP-001".into(), 1),
        ("/api/v1/projects?item=HP-001&q=环评".into(), 1),
        (format!("/api/v1/projects/{id}"), 1),
        (format!("/api/v1/projects/{id}/events"), 2),
        (format!("/api/v1/projects/{id}/quotes"), 1),
        (format!("/api/v1/projects/{id}/selection"), 1),
        // The directory page, and each listed provider's credit record.
        ("/api/v1/providers".into(), 2),
        // The organisation, its credit record, and each rated project.
        (format!("/api/v1/providers/{p}"), 3),
        (format!("/api/v1/providers/{p}/credit"), 2),
    ];
    // Statistics: the counters, the sample, the directory, and the one top provider's name.
    for (path, budget) in budgets.iter().cloned().chain([("/api/v1/statistics".to_owned(), 4)]) {
        app.store_calls.take();
        assert_eq!(status(&app, &path, None).await, 200, "{path}");
        let calls = app.store_calls.take();
        assert!(calls.total() <= budget, "{path} made {calls:?}, over its budget of {budget}");
        assert_eq!(calls.writes, 0, "{path} wrote");
    }
}

// --- the description -------------------------------------------------------------------------------------------

fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                found.push(r);
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn the_public_reads_are_described_with_their_parameters_and_bodies() {
    let app = spawn_app().await;
    let doc = get(&app, "/api/v1/openapi.json", None).await;
    let params = |path: &str| -> Vec<String> {
        let get = &doc["paths"][path]["get"];
        assert!(get["description"].is_string() || get["summary"].is_string(), "{path} is undocumented");
        assert!(
            get["responses"]["200"]["content"]["application/json"]["schema"].is_object(),
            "{path}: no body"
        );
        get["parameters"]
            .as_array()
            .map_or(vec![], |ps| ps.iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect())
    };
    assert_eq!(params("/api/v1/projects"), ["cursor", "limit", "state", "item", "funding", "q", "sort"]);
    assert_eq!(params("/api/v1/projects/{id}"), ["id"]);
    assert_eq!(params("/api/v1/projects/{id}/events"), ["id", "cursor", "limit"]);
    assert_eq!(params("/api/v1/projects/{id}/quotes"), ["id"]);
    assert_eq!(params("/api/v1/projects/{id}/selection"), ["id"]);
    assert_eq!(params("/api/v1/providers"), ["cursor", "limit", "item"]);
    assert_eq!(params("/api/v1/providers/{id}"), ["id"]);
    assert_eq!(params("/api/v1/providers/{id}/credit"), ["id"]);
    assert_eq!(params("/api/v1/statistics"), Vec::<String>::new());
    assert_eq!(params("/api/v1/ocds/releases"), ["since", "cursor", "limit"]);
    assert_eq!(params("/api/v1/ocds/records/{ocid}"), ["ocid"]);
    let mut found = Vec::new();
    refs(&doc, &mut found);
    for r in found {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r}"));
        assert!(doc["components"]["schemas"][name].is_object(), "{r} is not defined");
    }
}

/// The public record names its parties as they were named when they acted: the buyer from the
/// start, every bidder and the winner once the selection unseals the quotes — and no bidder's name
/// shows anywhere public before that (the name is sealed with the quote).
#[tokio::test]
async fn the_public_record_names_the_buyer_and_once_unsealed_every_bidder() {
    let app = spawn_app().await;
    let (buyer_name, a_name, b_name) = ("测试机构1有限公司", "测试机构2有限公司", "测试机构3有限公司");
    let TwoQuotes { buyer, a, id, closes_at, qb, .. } = two_quotes(&app).await;
    let public = [
        format!("/api/v1/projects/{id}"),
        format!("/api/v1/projects/{id}/quotes"),
        format!("/api/v1/projects/{id}/events"),
        format!("/api/v1/projects/{id}/selection"),
        "/api/v1/projects".to_owned(),
        "/api/v1/statistics".to_owned(),
        "/api/v1/ocds/releases".to_owned(),
    ];
    // Bidding open: the buyer is named everywhere it appears; no bidder is named, nor is the
    // other bidder to a quoting provider.
    let listed = get(&app, "/api/v1/projects", None).await;
    assert_eq!(listed["items"][0]["buyer_name"], buyer_name);
    assert_eq!(get(&app, &public[0], None).await["project"]["buyer_name"], buyer_name);
    let seen = public_text(&app, &public).await;
    assert!(seen.contains(buyer_name));
    assert!(!seen.contains(a_name) && !seen.contains(b_name), "a bidder named while sealed");
    let own = get(&app, &public[0], Some(&a)).await;
    assert_eq!(own["project"]["quotes"][0]["provider_name"], a_name);
    assert!(!own.to_string().contains(b_name));

    // Closed: the buyer sees the firm behind each quote to choose from.
    app.clock.advance_to(closes_at + Duration::hours(1));
    let for_buyer = get(&app, &public[1], Some(&buyer)).await;
    let mut firms: Vec<&str> = for_buyer["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["provider_name"].as_str().unwrap())
        .collect();
    firms.sort_unstable();
    assert_eq!(firms, [a_name, b_name]);
    assert!(!public_text(&app, &public).await.contains(a_name), "still sealed from the public");

    // Chosen: the public record names the winner in the listing, the project, its contract
    // partner in OCDS, and every bidder in the quotes.
    let secret = repo::projects::secret(app.state.store.as_ref(), id).await.unwrap().unwrap();
    act(&app, &buyer, id, Command::ChooseDirectly { quote: qb, secret }).await;
    let listed = get(&app, "/api/v1/projects?state=selected", None).await;
    let names = (&listed["items"][0]["buyer_name"], &listed["items"][0]["winner_name"]);
    assert_eq!(names, (&json!(buyer_name), &json!(b_name)));
    let view = get(&app, &public[1], None).await;
    let mut firms: Vec<&str> =
        view["quotes"].as_array().unwrap().iter().map(|q| q["provider_name"].as_str().unwrap()).collect();
    firms.sort_unstable();
    assert_eq!(firms, [a_name, b_name]);
    let releases = get(&app, "/api/v1/ocds/releases", None).await.to_string();
    assert!(releases.contains(b_name) && releases.contains(buyer_name), "{releases}");
    // The buyer's name is searchable.
    assert_eq!(ids(&get(&app, "/api/v1/projects?q=测试机构1", None).await), [id.to_string()]);
}

/// Everything the public reads at `paths`, as one text.
async fn public_text(app: &TestApp, paths: &[String]) -> String {
    let mut text = String::new();
    for path in paths {
        text.push_str(&app.get(path, None).send().await.unwrap().text().await.unwrap());
    }
    text
}
