//! The Wikidata client against a local server that replays answers in the API's documented
//! shapes, errors included: nothing here reaches the internet.

mod common;

use common::{geokg, http_server, ingest_seed, stdout_of};
use geokg::link::cache::Cache;
use geokg::link::client::{LinkError, WikidataClient};
use predicates::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const GLASS_SEARCH: &str = include_str!("fixtures/wikidata/search-george-glass.json");
const GLASS_ENTITIES: &str = include_str!("fixtures/wikidata/entities-george-glass.json");
const EMPTY_SEARCH: &str = include_str!("fixtures/wikidata/search-empty.json");
const BAD_VALUE: &str = include_str!("fixtures/wikidata/error-badvalue.json");
const MAXLAG: &str = include_str!("fixtures/wikidata/error-maxlag.json");
const TWO_NAMESAKES_SEARCH: &str = include_str!("fixtures/wikidata/search-two-namesakes.json");
const TWO_NAMESAKES_ENTITIES: &str = include_str!("fixtures/wikidata/entities-two-namesakes.json");
const HAMAS_SEARCH: &str = include_str!("fixtures/wikidata/search-hamas.json");
const HAMAS_ENTITIES: &str = include_str!("fixtures/wikidata/entities-hamas.json");
const HEZBOLLAH_SEARCH: &str = include_str!("fixtures/wikidata/search-hezbollah.json");
const HEZBOLLAH_ENTITIES: &str = include_str!("fixtures/wikidata/entities-hezbollah.json");

/// Replays answers on 127.0.0.1. Each "busy" or "lagging" search is answered 429 or
/// `maxlag` the first time, then properly; a request without a descriptive User-Agent or
/// `maxlag` is refused.
struct Replay {
    url: String,
    requests: Arc<AtomicUsize>,
}

fn query_params(path: &str) -> HashMap<String, String> {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    reqwest::Url::parse(&format!("http://x/?{query}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn answer(params: &HashMap<String, String>, seen_before: bool) -> (u16, String) {
    let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
    match (get("action"), get("search"), get("ids")) {
        ("wbsearchentities", "George Glass", _) => (200, GLASS_SEARCH.into()),
        ("wbsearchentities", "Busy Person", _) if !seen_before => (429, String::new()),
        ("wbsearchentities", "Busy Person", _) => (200, EMPTY_SEARCH.into()),
        ("wbsearchentities", "Lagging Person", _) if !seen_before => (200, MAXLAG.into()),
        ("wbsearchentities", "Lagging Person", _) => (200, GLASS_SEARCH.into()),
        ("wbsearchentities", "Broken Person", _) => (200, "{\"search\": [".into()),
        ("wbsearchentities", "Bad Value", _) => (200, BAD_VALUE.into()),
        ("wbsearchentities", "Server Down", _) => (500, "oops".into()),
        ("wbsearchentities", "Marco Rubio", _) => (200, TWO_NAMESAKES_SEARCH.into()),
        ("wbsearchentities", "Hamas", _) => (200, HAMAS_SEARCH.into()),
        ("wbsearchentities", "Hezbollah", _) => (200, HEZBOLLAH_SEARCH.into()),
        ("wbsearchentities", _, _) => (200, EMPTY_SEARCH.into()),
        ("wbgetentities", _, ids) if ids.starts_with("Q9000001|") => (200, GLASS_ENTITIES.into()),
        ("wbgetentities", _, ids) if ids.starts_with("Q9000010") => {
            (200, TWO_NAMESAKES_ENTITIES.into())
        }
        ("wbgetentities", _, ids) if ids.starts_with("Q9000020") => (200, HAMAS_ENTITIES.into()),
        ("wbgetentities", _, ids) if ids.starts_with("Q9000030") => {
            (200, HEZBOLLAH_ENTITIES.into())
        }
        _ => (200, "{\"entities\":{}}".into()),
    }
}

fn replay() -> Replay {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let (base, requests) = http_server(move |request| {
        let params = query_params(&request.path);
        let polite = request
            .header("user-agent")
            .is_some_and(|a| a.contains("geokg/"))
            && params.contains_key("maxlag");
        if !polite {
            return (
                403,
                "a descriptive User-Agent and maxlag, please".to_owned(),
            );
        }
        let key = format!(
            "{}|{}",
            params.get("search").cloned().unwrap_or_default(),
            params.get("ids").cloned().unwrap_or_default()
        );
        let count = seen.entry(key).or_default();
        let reply = answer(&params, *count > 0);
        *count += 1;
        reply
    });
    Replay {
        url: format!("{base}/w/api.php"),
        requests,
    }
}

fn client(replay: &Replay) -> WikidataClient {
    WikidataClient::builder()
        .with_api(&replay.url)
        .with_timeout(Duration::from_secs(5))
        .with_retries(3, Duration::from_millis(10))
        .build()
        .unwrap()
}

#[test]
fn search_and_items_parse_the_documented_shapes() {
    let replay = replay();
    let client = client(&replay);
    let hits = client.search("George Glass", 7).unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(
        hits[0].description.as_deref(),
        Some("American businessman and diplomat")
    );
    let ids: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
    let items = client.items(&ids).unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].instance_of, vec!["Q5"]);
    assert_eq!(items[0].citizenship, vec!["Q30"]);
}

#[test]
fn busy_and_lagging_answers_are_retried() {
    let replay = replay();
    let client = client(&replay);
    assert!(client.search("Busy Person", 7).unwrap().is_empty());
    assert_eq!(client.search("Lagging Person", 7).unwrap().len(), 3);
    assert_eq!(replay.requests.load(Ordering::SeqCst), 4, "one retry each");
}

#[test]
fn errors_say_what_went_wrong() {
    let replay = replay();
    let client = client(&replay);
    assert!(matches!(
        client.search("Broken Person", 7),
        Err(LinkError::Malformed { .. })
    ));
    match client.search("Bad Value", 7) {
        Err(LinkError::Api { code, .. }) => assert_eq!(code, "badvalue"),
        other => panic!("expected an API error, got {other:?}"),
    }
    assert!(matches!(
        client.search("Server Down", 7),
        Err(LinkError::Status { status: 500, .. })
    ));
    let unreachable = WikidataClient::builder()
        .with_api("http://127.0.0.1:9/w/api.php")
        .with_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    assert!(matches!(
        unreachable.search("George Glass", 7),
        Err(LinkError::Transport(_))
    ));
}

#[test]
fn nothing_is_asked_twice_even_across_runs() {
    let replay = replay();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wikidata.jsonl");
    let first = WikidataClient::builder()
        .with_api(&replay.url)
        .with_cache(Cache::open(&path).unwrap())
        .build()
        .unwrap();
    first.search("George Glass", 7).unwrap();
    first.search("George Glass", 7).unwrap();
    assert_eq!(replay.requests.load(Ordering::SeqCst), 1);
    drop(first);
    let second = WikidataClient::builder()
        .with_api(&replay.url)
        .with_cache(Cache::open(&path).unwrap())
        .build()
        .unwrap();
    assert_eq!(second.search("George Glass", 7).unwrap().len(), 3);
    assert_eq!(
        replay.requests.load(Ordering::SeqCst),
        1,
        "answered from the cache file"
    );
}

#[test]
fn link_online_links_the_one_fitting_candidate_and_refuses_the_rest() {
    let replay = replay();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    let more = dir.path().join("more.txt");
    std::fs::write(
        &more,
        "US Secretary of State Marco Rubio met Japanese Foreign Minister Takeshi Iwaya in Tokyo.",
    )
    .unwrap();
    geokg()
        .arg("ingest")
        .arg(&more)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let before = stdout_of(&["link", "--store", store.to_str().unwrap()]);
    for name in ["George Glass", "Marco Rubio", "Takeshi Iwaya"] {
        assert!(before.contains(name), "{name} is unlinked before: {before}");
    }
    assert!(
        before.contains(
            "unlinked\tAntony Blinken\thttps://w3id.org/geokg/actor/person/antony-blinken"
        ),
        "the gazetteer's own office holders without a checked id: {before}"
    );
    let cache = dir.path().join("cache.jsonl");
    let out = geokg()
        .args(["link", "--online", "--wikidata-api", &replay.url, "--store"])
        .arg(&store)
        .arg("--cache")
        .arg(&cache)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("linked\tGeorge Glass\tQ9000001"),
        "the American, not the British footballer: {out}"
    );
    assert!(
        out.contains("linked\tMarco Rubio\tQ9000010"),
        "of two American namesakes, the office holder, since the article gives him an office: {out}"
    );
    assert!(
        out.contains("linked\tHamas\tQ9000020"),
        "the organisation known as Hamas, not the person named Hamas: {out}"
    );
    assert!(
        out.contains("unsure\tHezbollah"),
        "two organisations of that name, no link: {out}"
    );
    assert!(
        out.contains("unsure\tTakeshi Iwaya"),
        "no candidate, no link: {out}"
    );
    let ask = stdout_of(&[
        "query",
        "ASK { <https://w3id.org/geokg/actor/x/george-glass> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q9000001> . <http://www.wikidata.org/entity/Q9000001> <https://schema.org/description> ?d }",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(ask.trim(), "true");
    let after = stdout_of(&["link", "--store", store.to_str().unwrap()]);
    assert!(
        !after.contains("George Glass"),
        "linked persons are not looked up again: {after}"
    );
}

#[test]
fn ingest_online_links_and_a_dead_service_never_fails_it() {
    let replay = replay();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let seed = common::fixture(common::SEED);
    geokg()
        .arg("ingest")
        .arg(&seed)
        .args(["--online", "--wikidata-api", &replay.url, "--store"])
        .arg(&store)
        .arg("--cache")
        .arg(dir.path().join("cache.jsonl"))
        .assert()
        .success()
        .stdout(predicates::str::contains("linked\tGeorge Glass\tQ9000001"));

    let other = dir.path().join("other");
    geokg()
        .arg("ingest")
        .arg(&seed)
        .args([
            "--online",
            "--wikidata-api",
            "http://127.0.0.1:9/w/api.php",
            "--store",
        ])
        .arg(&other)
        .arg("--cache")
        .arg(dir.path().join("cache-2.jsonl"))
        .assert()
        .success()
        .stderr(
            predicates::str::contains("geokg: George Glass:")
                .and(predicates::str::contains("failed (try again later)")),
        );
    let unlinked = stdout_of(&["link", "--store", other.to_str().unwrap()]);
    assert!(
        unlinked.contains("George Glass"),
        "still unlinked, ready for a later run: {unlinked}"
    );
}
