//! The browsable API reference at `/api/v1/docs`: the OpenAPI document rendered as one plain
//! HTML page on the server — every route with who may call it, its parameters, body and
//! answers, and every schema. No script and nothing fetched from elsewhere, so it works offline
//! and behind any content security policy.

use crate::access::{policy, Allowed};
use axum::http::Method;
use serde_json::Value;
use std::fmt::Write;
use utoipa::openapi::OpenApi;

/// Where handlers get the whole API's document: built on first use (a Lambda function that is
/// never asked for it never builds it), handed to the routes as an extension by the router.
pub type Document = fn() -> &'static OpenApi;

pub fn render(doc: &OpenApi) -> String {
    let doc = serde_json::to_value(doc).expect("the OpenAPI document serializes");
    let mut html = String::from(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>中介超市 API</title><style>\
         body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:60rem;margin:auto;padding:1rem;line-height:1.5}\
         code,pre{font-family:ui-monospace,monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto}\
         section{border-top:1px solid #ccc;margin-top:1rem}.m{font-weight:bold;text-transform:uppercase}\
         a:focus,summary:focus{outline:3px solid #1a5fb4}</style></head><body>",
    );
    let info = &doc["info"];
    let _ = write!(html, "<h1>{}</h1>", esc(info["title"].as_str().unwrap_or("API")));
    let _ = write!(html, "<p>{}</p>", esc(info["description"].as_str().unwrap_or("")));
    html.push_str("<p><a href=\"/api/v1/openapi.json\">openapi.json</a></p><h2>Routes</h2><nav><ul>");
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    let operations: Vec<(String, String, Value)> = paths
        .iter()
        .flat_map(|(path, item)| {
            ["get", "post", "put", "delete", "patch"]
                .into_iter()
                .filter_map(move |m| item.get(m).map(|op| (m.to_owned(), path.clone(), op.clone())))
        })
        .collect();
    for (method, path, _) in &operations {
        let _ = write!(
            html,
            "<li><a href=\"#{}\"><code>{} {}</code></a></li>",
            anchor(method, path),
            method.to_uppercase(),
            esc(path)
        );
    }
    html.push_str("</ul></nav>");
    for (method, path, op) in &operations {
        let _ = write!(
            html,
            "<section id=\"{}\"><h3><span class=\"m\">{}</span> <code>{}</code></h3>",
            anchor(method, path),
            esc(method),
            esc(path)
        );
        let _ = write!(html, "<p><strong>Who:</strong> {}</p>", who(method, path));
        for key in ["summary", "description"] {
            if let Some(text) = op[key].as_str() {
                let _ = write!(html, "<p>{}</p>", esc(text));
            }
        }
        if let Some(params) = op["parameters"].as_array() {
            html.push_str("<h4>Parameters</h4><ul>");
            for p in params {
                let _ = write!(
                    html,
                    "<li><code>{}</code> ({}{}) {}</li>",
                    esc(p["name"].as_str().unwrap_or("")),
                    esc(p["in"].as_str().unwrap_or("")),
                    if p["required"].as_bool() == Some(true) { ", required" } else { "" },
                    esc(p["description"].as_str().unwrap_or(""))
                );
            }
            html.push_str("</ul>");
        }
        if let Some(body) = op.get("requestBody") {
            let _ = write!(html, "<h4>Body</h4><pre>{}</pre>", esc(&schema_ref(body)));
        }
        if let Some(responses) = op["responses"].as_object() {
            html.push_str("<h4>Answers</h4><ul>");
            for (status, r) in responses {
                let _ = write!(
                    html,
                    "<li><code>{}</code> {} {}</li>",
                    esc(status),
                    esc(r["description"].as_str().unwrap_or("")),
                    esc(&schema_ref(r))
                );
            }
            html.push_str("</ul>");
        }
        html.push_str("</section>");
    }
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        html.push_str("<h2>Schemas</h2>");
        for (name, schema) in schemas {
            let pretty = serde_json::to_string_pretty(schema).unwrap_or_default();
            let _ = write!(
                html,
                "<section id=\"schema-{0}\"><details><summary><code>{0}</code></summary><pre>{1}</pre></details></section>",
                esc(name),
                esc(&pretty)
            );
        }
    }
    html.push_str("</body></html>");
    html
}

fn who(method: &str, path: &str) -> String {
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap_or(Method::GET);
    match policy(&method, path).map(|p| p.allowed) {
        Some(Allowed::Anyone) => "anyone".into(),
        Some(Allowed::SignedIn) => "any signed-in account".into(),
        Some(Allowed::Only(roles)) => {
            roles.iter().map(|r| format!("{r:?}").to_lowercase()).collect::<Vec<_>>().join(", ")
        }
        None => "nobody (no policy)".into(),
    }
}

/// The `$ref`s a request body or response names, e.g. `#/components/schemas/Quote`.
fn schema_ref(v: &Value) -> String {
    let mut refs = Vec::new();
    collect_refs(v, &mut refs);
    refs.join(", ")
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v.as_str()) {
                    ("$ref", Some(r)) => out.push(r.trim_start_matches("#/components/schemas/").to_owned()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}

fn anchor(method: &str, path: &str) -> String {
    format!("{method}-{}", path.replace(['/', '{', '}', '.'], "-"))
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
