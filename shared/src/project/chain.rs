//! The project's event log as a hash chain: each event's hash is
//! SHA-256(previous hash ‖ the event's canonical JSON), the first event's previous hash being 32
//! zero bytes. Altering, dropping or reordering any stored event changes every hash after it, so
//! anyone holding the published hashes can tell.
//!
//! Canonical JSON is the event's JSON with every object's members sorted by key (by their UTF-8
//! bytes) and no whitespace; strings and numbers are written as `serde_json` writes them.
//! An event a reader may not see yet (a sealed quote) comes as its hash alone: the chain still
//! verifies through it, and the event itself once it is revealed.

use super::event_hash::EventHash;
use super::Event;
use crate::locale::{Explain, Locale};
use serde_json::Value;
use sha2::{Digest, Sha256};

impl EventHash {
    /// The hash of `event` following `previous`.
    pub fn link(previous: &EventHash, event: &Event) -> EventHash {
        let mut hash = Sha256::new();
        hash.update(previous.as_bytes());
        hash.update(canonical_json(event).as_bytes());
        EventHash::from_bytes(hash.finalize().into())
    }
}

/// The event's canonical JSON (see the module's documentation).
pub fn canonical_json(event: &Event) -> String {
    let value = serde_json::to_value(event).expect("an event is plain data and always serializes");
    let mut out = String::new();
    write_canonical(&value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(members) => {
            let mut sorted: Vec<_> = members.iter().collect();
            sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, member)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(member, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// One link of a published chain: its sequence number, the event (or `None` while it is sealed
/// from this reader) and the hash published with it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainLink<'a> {
    pub seq: u64,
    pub event: Option<&'a Event>,
    pub hash: EventHash,
}

/// Where a chain stops holding together.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("event {seq} hashes to {computed}, but {published} is published with it: the event was altered")]
    Altered { seq: u64, published: EventHash, computed: EventHash },
    #[error("event {seq} follows event {previous}: the events between them are missing")]
    Gap { seq: u64, previous: u64 },
    #[error("the chain starts at event {seq}: expected the first event, number 1")]
    NotFromTheStart { seq: u64 },
    #[error("event {seq} has no hash: it was stored before the log was chained")]
    Unhashed { seq: u64 },
    #[error("the log holds {events} events, but the project says it is made of {version}")]
    Short { events: u64, version: u64 },
    #[error("event {seq} hashes to {found}, but the project publishes {published} as its head")]
    NotTheHead { seq: u64, published: EventHash, found: EventHash },
}

impl Explain for ChainBreak {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Altered { seq, published, computed }, Locale::Zh) => {
                format!("第 {seq} 条记录的哈希值为 {computed}，与随它公布的 {published} 不符：该记录已被改动")
            }
            (Self::Gap { seq, previous }, Locale::Zh) => {
                format!("第 {seq} 条记录紧接在第 {previous} 条之后：中间的记录缺失")
            }
            (Self::NotFromTheStart { seq }, Locale::Zh) => format!("记录从第 {seq} 条开始：应从第 1 条开始"),
            (Self::Unhashed { seq }, Locale::Zh) => {
                format!("第 {seq} 条记录没有哈希值：它保存于启用哈希链之前")
            }
            (Self::Short { events, version }, Locale::Zh) => {
                format!("记录只有 {events} 条，而项目由 {version} 条记录构成")
            }
            (Self::NotTheHead { seq, published, found }, Locale::Zh) => {
                format!("第 {seq} 条记录的哈希值为 {found}，而项目公布的链尾为 {published}")
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// Checks a chain from its first event: every visible event against its published hash, and
/// that no event is missing. Returns the hash of the last link (what the next event will follow).
pub fn verify_chain<'a>(links: impl IntoIterator<Item = ChainLink<'a>>) -> Result<EventHash, ChainBreak> {
    let mut previous = EventHash::GENESIS;
    let mut last_seq = 0;
    for link in links {
        if last_seq == 0 && link.seq != 1 {
            return Err(ChainBreak::NotFromTheStart { seq: link.seq });
        }
        if last_seq != 0 && link.seq != last_seq + 1 {
            return Err(ChainBreak::Gap { seq: link.seq, previous: last_seq });
        }
        if let Some(event) = link.event {
            let computed = EventHash::link(&previous, event);
            if computed != link.hash {
                return Err(ChainBreak::Altered { seq: link.seq, published: link.hash, computed });
            }
        }
        previous = link.hash;
        last_seq = link.seq;
    }
    Ok(previous)
}

/// What a verified log holds: how many events, how many of them sealed from the reader, and the
/// project's head it was checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifiedLog {
    pub events: u64,
    pub sealed: u64,
    pub head: EventHash,
}

/// Checks a project's published log against the head the project publishes: the chain holds from
/// its first event, and its event number `version` (the project's count of events) hashes to
/// `head`. The log may have grown since the project was read; events after `version` are checked
/// as links of the chain all the same.
pub fn verify_log<'a>(
    links: impl IntoIterator<Item = ChainLink<'a>>,
    head: EventHash,
    version: u64,
) -> Result<VerifiedLog, ChainBreak> {
    let links: Vec<ChainLink<'a>> = links.into_iter().collect();
    verify_chain(links.iter().cloned())?;
    let Some(at_version) = links.iter().find(|link| link.seq == version) else {
        return Err(ChainBreak::Short { events: links.len() as u64, version });
    };
    if at_version.hash != head {
        return Err(ChainBreak::NotTheHead { seq: version, published: head, found: at_version.hash });
    }
    let sealed = links.iter().filter(|link| link.event.is_none()).count() as u64;
    Ok(VerifiedLog { events: links.len() as u64, sealed, head })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Actor, EventKind};
    use crate::text::Description;
    use chrono::{TimeZone, Utc};

    fn cancelled(reason: &str, minute: u32) -> Event {
        Event {
            at: Utc.with_ymd_and_hms(2026, 11, 27, 9, minute, 0).unwrap(),
            actor: Actor::SYSTEM,
            kind: EventKind::Cancelled { reason: Description::parse(reason).unwrap() },
        }
    }

    fn three_events() -> [Event; 3] {
        [cancelled("第一条理由。", 1), cancelled("第二条理由。", 2), cancelled("第三条理由。", 3)]
    }

    fn chain(events: &[Event]) -> Vec<EventHash> {
        let mut previous = EventHash::GENESIS;
        events
            .iter()
            .map(|event| {
                previous = EventHash::link(&previous, event);
                previous
            })
            .collect()
    }

    fn links<'a>(events: &'a [Event], hashes: &[EventHash]) -> Vec<ChainLink<'a>> {
        events
            .iter()
            .zip(hashes)
            .enumerate()
            .map(|(i, (event, hash))| ChainLink { seq: i as u64 + 1, event: Some(event), hash: *hash })
            .collect()
    }

    #[test]
    fn canonical_json_sorts_members_and_has_no_whitespace() {
        let json = canonical_json(&cancelled("预算调整，取消本次采购。", 5));
        assert_eq!(
            json,
            r#"{"actor":{"account":null,"organisation":null,"role":"system"},"at":"2026-11-27T09:05:00Z","event":"cancelled","reason":"预算调整，取消本次采购。"}"#
        );
    }

    /// A vector for verifiers in other languages, computed outside Rust: Python's
    /// `json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` gives the
    /// same text, and `sha256(bytes(32) + text.encode()).hexdigest()` this hash.
    #[test]
    fn the_first_hash_is_sha256_of_zeros_then_the_canonical_json() {
        let event = cancelled("预算调整，取消本次采购。", 5);
        assert_eq!(
            EventHash::link(&EventHash::GENESIS, &event).to_hex(),
            "b88ceaadd4b31708f7b99142921137c4d3c94c6394c055834a52f24c9b490859"
        );
    }

    #[test]
    fn an_untouched_chain_verifies_to_its_last_hash() {
        let events = three_events();
        let hashes = chain(&events);
        assert_eq!(verify_chain(links(&events, &hashes)), Ok(hashes[2]));
    }

    #[test]
    fn an_altered_event_breaks_the_chain_at_that_event() {
        let mut events = three_events();
        let hashes = chain(&events);
        events[1] = cancelled("改过的理由。", 2);
        match verify_chain(links(&events, &hashes)) {
            Err(ChainBreak::Altered { seq: 2, published, .. }) => assert_eq!(published, hashes[1]),
            other => panic!("expected event 2 to be caught, got {other:?}"),
        }
    }

    #[test]
    fn a_sealed_event_is_taken_by_its_hash_and_the_chain_still_verifies() {
        let events = three_events();
        let hashes = chain(&events);
        let mut published = links(&events, &hashes);
        published[1].event = None;
        assert_eq!(verify_chain(published.clone()), Ok(hashes[2]));
        // A sealed link whose hash was changed breaks at the next visible event.
        published[1].hash = EventHash::link(&hashes[0], &cancelled("别的事件。", 9));
        assert!(matches!(verify_chain(published), Err(ChainBreak::Altered { seq: 3, .. })));
    }

    #[test]
    fn a_missing_or_reordered_event_is_caught() {
        let events = three_events();
        let hashes = chain(&events);
        let mut dropped = links(&events, &hashes);
        dropped.remove(1);
        assert_eq!(verify_chain(dropped), Err(ChainBreak::Gap { seq: 3, previous: 1 }));
        let mut late_start = links(&events, &hashes);
        late_start.remove(0);
        assert_eq!(verify_chain(late_start), Err(ChainBreak::NotFromTheStart { seq: 2 }));
        let mut swapped = links(&events, &hashes);
        swapped.swap(0, 1);
        swapped[0].seq = 1;
        swapped[1].seq = 2;
        assert!(matches!(verify_chain(swapped), Err(ChainBreak::Altered { seq: 1, .. })));
    }

    #[test]
    fn a_log_verifies_against_the_projects_published_head() {
        let events = three_events();
        let hashes = chain(&events);
        let mut published = links(&events, &hashes);
        published[1].event = None;
        assert_eq!(
            verify_log(published.clone(), hashes[2], 3),
            Ok(VerifiedLog { events: 3, sealed: 1, head: hashes[2] })
        );
        // Read before the third event was added: its head is the second event's hash.
        assert_eq!(verify_log(published.clone(), hashes[1], 2).map(|v| v.head), Ok(hashes[1]));
        assert_eq!(
            verify_log(published.clone(), hashes[1], 3),
            Err(ChainBreak::NotTheHead { seq: 3, published: hashes[1], found: hashes[2] })
        );
        assert_eq!(
            verify_log(published[..2].to_vec(), hashes[2], 3),
            Err(ChainBreak::Short { events: 2, version: 3 })
        );
        published[2].hash = hashes[1];
        assert!(matches!(verify_log(published, hashes[2], 3), Err(ChainBreak::Altered { seq: 3, .. })));
    }

    #[test]
    fn breaks_explain_themselves_in_both_languages() {
        let hashes = chain(&three_events());
        let altered = ChainBreak::Altered { seq: 2, published: hashes[1], computed: hashes[2] };
        assert!(
            altered.explain(Locale::Zh).starts_with("第 2 条记录的哈希值为"),
            "{}",
            altered.explain(Locale::Zh)
        );
        assert!(altered.explain(Locale::Zh).ends_with("该记录已被改动"));
        assert_eq!(altered.explain(Locale::En), altered.to_string());
        assert_eq!(
            ChainBreak::Gap { seq: 3, previous: 1 }.explain(Locale::Zh),
            "第 3 条记录紧接在第 1 条之后：中间的记录缺失"
        );
    }

    #[test]
    fn the_hash_reads_back_from_its_hex() {
        let hash = EventHash::link(&EventHash::GENESIS, &cancelled("第一条理由。", 1));
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json.len(), 66);
        assert_eq!(serde_json::from_str::<EventHash>(&json).unwrap(), hash);
        assert!(EventHash::parse("00").is_err());
    }
}
