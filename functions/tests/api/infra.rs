//! The production template (`infra/template.yaml`) against the code: each function's HTTP routes
//! are exactly its router's, every route of the access table is deployed, the scheduler runs every
//! minute, every function's table grant is exactly the store engine's actions, and the site's CSP
//! admits the front-end's one inline script.

use base64::Engine as _;
use market_functions::access::POLICIES;
use market_functions::routes::{Function, TEST_HOOKS_PREFIX};
use market_functions::store::dynamo::ACTIONS;
use serde_norway::{Mapping, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

const TEMPLATE: &str = include_str!("../../../infra/template.yaml");
const INDEX_HTML: &str = include_str!("../../../frontend/static/index.html");

/// The binaries deployed as Lambda functions, with the router each serves (none: the scheduler).
const DEPLOYED: [(&str, Option<Function>); 5] = [
    ("market-public", Some(Function::Public)),
    ("market-accounts", Some(Function::Accounts)),
    ("market-bidding", Some(Function::Bidding)),
    ("market-supervision", Some(Function::Supervision)),
    ("market-scheduler", None),
];

type Routes = BTreeSet<(String, String)>;

fn template() -> Value {
    serde_norway::from_str(TEMPLATE).expect("infra/template.yaml is YAML")
}

fn resources(template: &Value) -> &Mapping {
    template["Resources"].as_mapping().expect("the template has Resources")
}

/// The logical id and properties of the function built from `binary`; exactly one.
fn function_resource<'t>(template: &'t Value, binary: &str) -> (&'t str, &'t Value) {
    let found: Vec<_> = resources(template)
        .iter()
        .filter(|(_, r)| r["Type"].as_str() == Some("AWS::Serverless::Function"))
        .filter(|(_, r)| r["Metadata"]["BuildProperties"]["Binary"].as_str() == Some(binary))
        .map(|(id, r)| (id.as_str().expect("a logical id"), r))
        .collect();
    assert_eq!(found.len(), 1, "functions built from {binary}");
    found[0]
}

/// A `!Ref` to a logical id, as the id.
fn reference(value: &Value) -> Option<&str> {
    match value {
        Value::Tagged(tagged) if tagged.tag == "Ref" => tagged.value.as_str(),
        _ => value.get("Ref").and_then(Value::as_str),
    }
}

/// The method and path of every HttpApi event of a function, each on the template's one API;
/// a greedy path variable (`{name+}`, the router's catch-all) as the API description writes it,
/// `{name}`.
fn http_events(resource: &Value) -> Routes {
    let Some(events) = resource["Properties"]["Events"].as_mapping() else { return Routes::new() };
    events
        .values()
        .filter(|e| e["Type"].as_str() == Some("HttpApi"))
        .map(|e| {
            let p = &e["Properties"];
            assert_eq!(reference(&p["ApiId"]), Some("HttpApi"), "the API of {e:?}");
            let text = |key: &str| p[key].as_str().unwrap_or_else(|| panic!("{key} of {e:?}")).to_owned();
            (text("Method"), text("Path").replace("+}", "}"))
        })
        .collect()
}

fn served(function: Function) -> Routes {
    function.operations().into_iter().map(|(m, p)| (m.as_str().to_owned(), p)).collect()
}

#[test]
fn each_function_is_deployed_with_exactly_the_routes_of_its_router() {
    let template = template();
    for (binary, function) in DEPLOYED {
        let (_, resource) = function_resource(&template, binary);
        let expected = function.map(served).unwrap_or_default();
        assert!(function.is_none() || !expected.is_empty(), "{binary} serves routes");
        assert_eq!(http_events(resource), expected, "the HttpApi events of {binary}");
    }
}

#[test]
fn every_route_of_the_access_table_is_deployed_once_and_nothing_else() {
    let template = template();
    let mut deployed = Vec::new();
    for (_, resource) in resources(&template) {
        deployed.extend(http_events(resource));
    }
    let unique: Routes = deployed.iter().cloned().collect();
    assert_eq!(unique.len(), deployed.len(), "a route is attached to two functions");
    let policies: Routes = POLICIES
        .iter()
        .filter(|p| !p.path.starts_with(TEST_HOOKS_PREFIX))
        .map(|p| (p.method.as_str().to_owned(), p.path.to_owned()))
        .collect();
    assert_eq!(unique, policies);
    assert!(!unique.iter().any(|(_, path)| path.starts_with(TEST_HOOKS_PREFIX)), "a test route is deployed");
}

#[test]
fn the_scheduler_runs_every_minute() {
    let template = template();
    let (_, scheduler) = function_resource(&template, "market-scheduler");
    let events: Vec<_> = scheduler["Properties"]["Events"].as_mapping().expect("events").values().collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["Type"].as_str(), Some("ScheduleV2"));
    assert_eq!(events[0]["Properties"]["ScheduleExpression"].as_str(), Some("rate(1 minute)"));
}

#[test]
fn every_function_may_do_exactly_what_the_store_engine_does_on_the_table_and_its_indexes() {
    let template = template();
    // Every function's only grant is the store's policy.
    for (binary, _) in DEPLOYED {
        let (id, resource) = function_resource(&template, binary);
        let policies = resource["Properties"]["Policies"].as_sequence().expect("Policies");
        let names: Vec<_> = policies.iter().map(reference).collect();
        assert_eq!(names, [Some("StoreAccessPolicy")], "the policies of {id}");
    }
    let policy = &resources(&template)["StoreAccessPolicy"];
    assert_eq!(policy["Type"].as_str(), Some("AWS::IAM::ManagedPolicy"));
    let statements = policy["Properties"]["PolicyDocument"]["Statement"].as_sequence().expect("statements");
    assert_eq!(statements.len(), 1);
    let statement = &statements[0];
    assert_eq!(statement["Effect"].as_str(), Some("Allow"));
    let actions: Vec<_> = statement["Action"]
        .as_sequence()
        .expect("a list of actions")
        .iter()
        .map(|a| a.as_str().expect("an action"))
        .collect();
    assert_eq!(actions, ACTIONS);
    // The table and its two indexes, by their ARNs.
    let resources: Vec<String> = statement["Resource"]
        .as_sequence()
        .expect("a list of resources")
        .iter()
        .map(|r| match r {
            Value::Tagged(t) => format!("{} {}", t.tag, t.value.as_str().expect("an operand")),
            other => panic!("a resource that is not the table's: {other:?}"),
        })
        .collect();
    assert_eq!(
        resources,
        ["!GetAtt Table.Arn", "!Sub ${Table.Arn}/index/GSI1", "!Sub ${Table.Arn}/index/GSI2"]
    );
}

#[test]
fn the_site_csp_admits_the_front_ends_boot_script_by_its_hash() {
    let (_, rest) = INDEX_HTML.split_once("<script type=\"module\">").expect("the boot script");
    let (script, _) = rest.split_once("</script>").expect("the end of the boot script");
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
    let template = template();
    let csp = resources(&template)["SiteHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
        ["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        .as_str()
        .expect("the site's CSP");
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp} lacks the boot script's hash {hash}");
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
}
