//! Articles from the web: pages and feeds served by a local HTTP server, good and broken
//! (404, a redirect loop, a binary body, a charset declared only in the page, a 100 MB body,
//! a server error before success, a broken feed). Nothing here reaches the internet.

mod common;

use common::{geokg, http_server_with, Reply};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const ARTICLE: &str = r#"<!doctype html>
<html><head>
<title>Russia strikes Kharkiv | World News</title>
<link rel="canonical" href="https://news.example/world/kharkiv-strike">
<meta property="article:published_time" content="2025-03-02T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Russia strikes Kharkiv</h1>
<p>Russian forces attacked the Ukrainian city of Kharkiv on Sunday, regional officials said,
in one of the heaviest bombardments of the city this year.</p>
<p>Emergency services worked through the night to reach people trapped under the rubble of
apartment buildings in the north of the city, the regional governor said in a statement.</p>
<p>The strike came as diplomats prepared for another round of talks on a ceasefire, with
European governments urging both sides to return to negotiations without conditions.</p>
</article>
<footer>Copyright News Example. All rights reserved.</footer>
</body></html>"#;

fn latin1_article() -> Vec<u8> {
    let html = ARTICLE
        .replace("utf-8", "iso-8859-1")
        .replace("<head>", "<head><meta charset=\"iso-8859-1\">")
        .replace(
            "regional officials said,",
            "officials told reporters in Zürich,",
        );
    // Encoded as the page says it is; the server's Content-Type names no charset.
    html.chars().map(|c| c as u32 as u8).collect()
}

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
<item><title>Russia strikes Kharkiv</title><link>{base}/article</link>
<pubDate>Sun, 02 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing</link></item>
</channel></rss>"#
    )
}

/// A server with every page the tests use.
fn news_site() -> String {
    let flaky = Arc::new(AtomicUsize::new(0));
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let site = Arc::clone(&base);
    let (url, _) = http_server_with(move |request| {
        let base = site.get().cloned().unwrap_or_default();
        match request.path.as_str() {
            "/article" => Reply::new(200, "text/html; charset=utf-8", ARTICLE),
            "/latin1" => Reply::new(200, "text/html", latin1_article()),
            "/loop" => Reply::new(302, "text/html", "").with_header("Location", "/loop"),
            "/image" => Reply::new(200, "image/png", vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2]),
            "/huge" => Reply::new(200, "text/html", vec![b'a'; 100_000_000]),
            "/flaky" if flaky.fetch_add(1, Ordering::SeqCst) == 0 => {
                Reply::new(503, "text/plain", "busy").with_header("Retry-After", "0")
            }
            "/flaky" => Reply::new(200, "text/html", ARTICLE),
            "/feed.rss" => Reply::new(200, "application/rss+xml", rss(&base)),
            "/broken.rss" => Reply::new(200, "application/rss+xml", "<rss><channel><item><title>"),
            _ => Reply::new(404, "text/html", "<h1>Not found</h1>"),
        }
    });
    base.set(url.clone()).unwrap();
    url
}

fn statements(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_page_gives_its_main_text_and_broken_ones_are_named_and_skipped() {
    let base = news_site();
    let output = geokg()
        .arg("extract")
        .args(["--fetch-interval", "0"])
        .args(["--url", &format!("{base}/article")])
        .args(["--url", &format!("{base}/missing")])
        .args(["--url", &format!("{base}/loop")])
        .args(["--url", &format!("{base}/image")])
        .args(["--url", &format!("{base}/huge")])
        .args(["--url", &format!("{base}/flaky")])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (path, reason) in [
        ("/missing", "HTTP 404"),
        ("/loop", "redirect"),
        ("/image", "not a web page or feed (image/png)"),
        ("/huge", "larger than the limit of 10000000 bytes"),
    ] {
        assert!(
            stderr.contains(&format!("{base}{path}: ")) && stderr.contains(reason),
            "{path} should fail with {reason}: {stderr}"
        );
    }
    let found = statements(&output.stdout);
    // The article, and the flaky page once retried: the same text, the same statement.
    let attacks: Vec<_> = found
        .iter()
        .filter(|s| s["type"] == "ASSAULT" && s["source"][0]["country"] == "RUS")
        .collect();
    assert_eq!(attacks.len(), 2, "{found:#?}");
    assert_eq!(
        attacks[0]["time"], "2025-03-02",
        "dated by the page's publication time"
    );
    assert!(!found.iter().any(|s| s["sentence_text"]
        .as_str()
        .is_some_and(|t| t.contains("Copyright") || t.contains("Home"))));
}

#[test]
fn a_charset_declared_in_the_page_is_honoured() {
    let base = news_site();
    let output = geokg()
        .args(["extract", "--fetch-interval", "0", "--url"])
        .arg(format!("{base}/latin1"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let found = statements(&output);
    assert!(
        found
            .iter()
            .any(|s| s["sentence_text"].as_str().unwrap().contains("in Zürich")),
        "{found:#?}"
    );
}

#[test]
fn a_feed_is_ingested_with_each_article_s_metadata() {
    let base = news_site();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    geokg()
        .args(["ingest", "--fetch-interval", "0", "--store"])
        .arg(&store)
        .args(["--feed", &format!("{base}/feed.rss")])
        .args(["--feed", &format!("{base}/broken.rss")])
        .assert()
        .code(3)
        .stderr(predicates::str::contains(format!(
            "{base}/missing: HTTP 404"
        )))
        .stderr(predicates::str::contains(format!(
            "{base}/broken.rss: not an RSS or Atom feed"
        )))
        .stderr(predicates::str::contains("(1 new,"));
    let documents = common::stdout_of(&[
        "query",
        "PREFIX schema: <https://schema.org/>
         SELECT ?url ?title ?published WHERE {
           ?doc a <https://w3id.org/geokg/ns#Document> ; schema:url ?url ;
                schema:headline ?title ; schema:datePublished ?published }",
        "--format",
        "csv",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(
        documents.contains(
            "https://news.example/world/kharkiv-strike,Russia strikes Kharkiv | World News,2025-03-02"
        ),
        "{documents}"
    );
}
