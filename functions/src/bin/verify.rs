//! `market-verify <site> <project-id>`: checks a project's public event log as a hash chain, from
//! outside the marketplace — anyone can run it against the live site. It reads the project (the
//! chain head and version it publishes) and every page of its events, recomputes the hash of each
//! event it may see (`market_domain::project::chain`; sealed quotes count by their hash) and says
//! whether the log holds together, or which event breaks it.
//!
//! Exit status: 0 the log verifies, 1 it does not, 2 it could not be read.

use market_domain::api::{verify_events, Page, ProjectEvent, ProjectView};
use market_domain::ids::ProjectId;
use market_domain::{Explain, Locale};
use std::process::ExitCode;

const USAGE: &str = "usage: market-verify <site, e.g. https://example.org> <project id>";
/// Far more pages (of 100 events) than any project's log holds.
const MAX_PAGES: usize = 1_000;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, id] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(id) = id.parse::<uuid::Uuid>().map(ProjectId) else {
        eprintln!("项目编号 {id:?} 不是 UUID / the project id {id:?} is not a UUID\n{USAGE}");
        return ExitCode::from(2);
    };
    let site = site.trim_end_matches('/');
    let (view, events) = match read(site, id).await {
        Ok(read) => read,
        Err(reason) => {
            eprintln!("无法读取 / could not read: {reason}");
            return ExitCode::from(2);
        }
    };
    let project = view.project;
    match verify_events(&events, project.chain_head, project.version) {
        Ok(log) => {
            println!(
                "验证通过：{} 的 {} 条记录（其中 {} 条密封）构成完整的哈希链，链尾 {}",
                project.code, log.events, log.sealed, log.head
            );
            println!(
                "verified: the {} events of {} ({} sealed) form an unbroken hash chain ending at {}",
                log.events, project.code, log.sealed, log.head
            );
            ExitCode::SUCCESS
        }
        Err(broken) => {
            println!("验证未通过：{}", broken.explain(Locale::Zh));
            println!("does not verify: {}", broken.explain(Locale::En));
            ExitCode::from(1)
        }
    }
}

/// The project's view, then its whole event log, page by page.
async fn read(site: &str, id: ProjectId) -> Result<(ProjectView, Vec<ProjectEvent>), String> {
    let client = reqwest::Client::new();
    let view: ProjectView = get(&client, &format!("{site}/api/v1/projects/{id}"), &[]).await?;
    let mut events = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut query = vec![("limit", "100".to_owned())];
        query.extend(cursor.take().map(|c| ("cursor", c)));
        let page: Page<ProjectEvent> =
            get(&client, &format!("{site}/api/v1/projects/{id}/events"), &query).await?;
        events.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok((view, events)),
        }
    }
    Err(format!("the log has more than {MAX_PAGES} pages"))
}

async fn get<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    url: &str,
    query: &[(&str, String)],
) -> Result<T, String> {
    let response = client.get(url).query(query).send().await.map_err(|e| format!("{url}: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{url}: {status}"));
    }
    response.json().await.map_err(|e| format!("{url}: not what the API answers ({e})"))
}
