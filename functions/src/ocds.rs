//! The open-data feed in OCDS 1.1: release packages of every release since a date, a page at a
//! time, and the record of one contracting process — built from the stored event logs by
//! [`market_domain::ocds`], for the public routes (`routes::ocds`) and `market-admin ocds`.
//! Also the marketplace's OCDS extension (`docs/ocds-extension/`), served beside the data so
//! that the URL packages name in `extensions` resolves.

use crate::access::{self, Viewer};
use crate::error::ApiError;
use crate::lifecycle;
use crate::market::Market;
use crate::repo::{accounts, catalogue, projects};
use crate::store::{Cursor, Store};
use chrono::{DateTime, Utc};
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::ocds::{self, Record, RecordPackage, Release, ReleasePackage, Sources};
use market_domain::organisation::Organisation;
use market_domain::project::Project;
use market_domain::{ServiceItem, ServiceItemCode};
use std::collections::btree_map::{BTreeMap, Entry};

/// Where the extension is served; packages name `{origin}{EXTENSION_PATH}extension.json`.
pub const EXTENSION_PATH: &str = "/api/v1/ocds/extension/";

/// The extension's files by their path under [`EXTENSION_PATH`], with their media type.
pub const EXTENSION_FILES: &[(&str, &str, &str)] = &[
    ("extension.json", "application/json", include_str!("../../docs/ocds-extension/extension.json")),
    (
        "release-schema.json",
        "application/json",
        include_str!("../../docs/ocds-extension/release-schema.json"),
    ),
    ("README.md", "text/markdown; charset=utf-8", include_str!("../../docs/ocds-extension/README.md")),
    (
        "codelists/+awardCriteria.csv",
        "text/csv; charset=utf-8",
        include_str!("../../docs/ocds-extension/codelists/+awardCriteria.csv"),
    ),
    (
        "codelists/+itemClassificationScheme.csv",
        "text/csv; charset=utf-8",
        include_str!("../../docs/ocds-extension/codelists/+itemClassificationScheme.csv"),
    ),
];

/// One extension file: its media type and text.
pub fn extension_file(path: &str) -> Option<(&'static str, &'static str)> {
    EXTENSION_FILES.iter().find(|(name, ..)| *name == path).map(|(_, media, text)| (*media, *text))
}

/// What every package of this marketplace says about itself, given the public origin
/// (`https://host`) its URLs start with.
#[derive(Clone, Debug)]
pub struct Publication {
    pub origin: String,
}

impl Publication {
    fn extensions(&self) -> Vec<String> {
        vec![format!("{}{EXTENSION_PATH}extension.json", self.origin)]
    }

    /// A release package at `uri` (a path and query under the origin), dated by its latest
    /// release (`now` when it has none), with the link to `next` (a path and query) if any.
    pub fn release_package(
        &self,
        uri: &str,
        releases: Vec<Release>,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> ReleasePackage {
        ReleasePackage {
            uri: format!("{}{uri}", self.origin),
            version: ocds::VERSION.to_owned(),
            published_date: releases.iter().map(|r| r.date).max().unwrap_or(now),
            publisher: Default::default(),
            extensions: self.extensions(),
            releases,
            links: next.map(|next| ocds::Links { next: format!("{}{next}", self.origin) }),
        }
    }

    /// The package of one record, at `uri` (a path under the origin).
    pub fn record_package(&self, uri: &str, record: Record) -> RecordPackage {
        RecordPackage {
            uri: format!("{}{uri}", self.origin),
            version: ocds::VERSION.to_owned(),
            published_date: record.compiled_release.date,
            publisher: Default::default(),
            extensions: self.extensions(),
            records: vec![record],
        }
    }
}

/// The organisations and catalogue items releases name, each read once per request.
struct Lookups<'a> {
    store: &'a dyn Store,
    organisations: BTreeMap<OrganisationId, Organisation>,
    items: BTreeMap<ServiceItemCode, Option<ServiceItem>>,
}

impl<'a> Lookups<'a> {
    fn new(store: &'a dyn Store) -> Self {
        Self { store, organisations: BTreeMap::new(), items: BTreeMap::new() }
    }

    /// Every release of a project, oldest first (none for a project never published).
    async fn releases_of(&mut self, id: ProjectId) -> Result<Vec<Release>, ApiError> {
        let events = projects::every_numbered_event(self.store, id).await?;
        let Some(project) = Project::from_events(events.iter().map(|e| &e.event)) else {
            return Ok(Vec::new());
        };
        for org in ocds::organisations_of(&project) {
            if !self.organisations.contains_key(&org) {
                if let Some(stored) = accounts::organisation(self.store, org).await? {
                    self.organisations.insert(org, stored.value);
                }
            }
        }
        let code = &project.terms.item;
        if !self.items.contains_key(code) {
            self.items.insert(code.clone(), catalogue::item(self.store, code).await?);
        }
        let sources = Sources {
            organisations: &self.organisations,
            item: self.items.get(code).and_then(Option::as_ref),
        };
        Ok(ocds::releases(events.iter().map(|e| (e.seq, &e.event)), sources))
    }
}

/// One page of the feed: up to `limit` releases dated at or after `since` (all without it),
/// oldest first, and where the next page starts. A page may hold fewer releases while a next
/// page follows (the index orders by the millisecond; see [`projects::releases_since`]).
pub async fn release_page(
    store: &dyn Store,
    since: Option<DateTime<Utc>>,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<(Vec<Release>, Option<Cursor>), ApiError> {
    let page = projects::releases_since(store, since, cursor, limit).await?;
    let mut lookups = Lookups::new(store);
    let mut built: BTreeMap<ProjectId, Vec<Release>> = BTreeMap::new();
    let mut releases = Vec::with_capacity(page.items.len());
    for entry in page.items {
        if let Entry::Vacant(slot) = built.entry(entry.project) {
            slot.insert(lookups.releases_of(entry.project).await?);
        }
        let id = ocds::release_id(entry.project, entry.seq);
        let release = built[&entry.project].iter().find(|r| r.id == id);
        releases.extend(release.filter(|r| since.is_none_or(|since| r.date >= since)).cloned());
    }
    Ok((releases, page.next))
}

/// The record of the process `ocid` names, as it is now (a project whose bid window has ended
/// is closed first, as every public read does). 400 for a malformed ocid, 404 for one naming
/// no published project.
pub async fn record(market: &Market, ocid: &str) -> Result<Record, ApiError> {
    let id = ocds::parse_ocid(ocid.trim()).map_err(|e| ApiError::Malformed(format!("ocid: {e}")))?;
    let project = lifecycle::settle(market, id).await?;
    if !access::may_see_project(&Viewer::Anonymous, &project) {
        return Err(ApiError::NotFound);
    }
    let releases = Lookups::new(market.store.as_ref()).releases_of(id).await?;
    Record::compile(releases).ok_or(ApiError::NotFound)
}

/// The path and query of one page of the feed, as packages link it.
pub fn feed_uri(since: Option<&str>, cursor: Option<&str>, limit: usize) -> String {
    #[derive(serde::Serialize)]
    struct FeedQuery<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        since: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cursor: Option<&'a str>,
        limit: usize,
    }
    let query = serde_urlencoded::to_string(FeedQuery { since, cursor, limit }).unwrap_or_default();
    format!("/api/v1/ocds/releases?{query}")
}

/// What [`export`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exported {
    pub release_packages: usize,
    pub releases: usize,
    pub records: usize,
}

/// Writes every release package of the feed (pages of 100: `releases-0001.json` …) and the
/// record package of every process they name (`record-<ocid>.json`) into `dir`, as the API
/// serves them at `publication`'s origin — for validating the whole output against the OCDS
/// schema (`scripts/validate-ocds.py`).
pub async fn export(
    market: &Market,
    publication: &Publication,
    dir: &std::path::Path,
) -> Result<Exported, crate::serve::Error> {
    const PAGE: usize = 100;
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let write = |name: String, json: String| -> Result<(), crate::serve::Error> {
        let path = dir.join(name);
        std::fs::write(&path, json).map_err(|e| format!("writing {}: {e}", path.display()).into())
    };
    let store = market.store.as_ref();
    let mut exported = Exported { release_packages: 0, releases: 0, records: 0 };
    let mut ocids = std::collections::BTreeSet::new();
    let mut cursor: Option<Cursor> = None;
    loop {
        let uri = feed_uri(None, cursor.as_ref().map(|c| c.0.as_str()), PAGE);
        let (releases, next) = release_page(store, None, cursor, PAGE).await?;
        exported.release_packages += 1;
        exported.releases += releases.len();
        ocids.extend(releases.iter().map(|r| r.ocid.clone()));
        let next_uri = next.as_ref().map(|n| feed_uri(None, Some(&n.0), PAGE));
        let package = publication.release_package(&uri, releases, next_uri, market.clock.now());
        write(
            format!("releases-{:04}.json", exported.release_packages),
            serde_json::to_string_pretty(&package)?,
        )?;
        match next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    for ocid in ocids {
        let package =
            publication.record_package(&format!("/api/v1/ocds/records/{ocid}"), record(market, &ocid).await?);
        write(format!("record-{ocid}.json"), serde_json::to_string_pretty(&package)?)?;
        exported.records += 1;
    }
    Ok(exported)
}
