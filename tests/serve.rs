//! `geokg serve` over real HTTP: the SPARQL 1.1 Protocol, content negotiation, the Graph
//! Store Protocol, writes behind a token, limits, SERVICE allow-list, CORS, ingest over HTTP
//! and the page's assets.

mod common;

use common::{geokg, ingest_seed, Served};
use reqwest::blocking::{Client, Response};
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use tempfile::TempDir;

const SUPPORTS: &str = "PREFIX gk: <https://w3id.org/geokg/ns#>
SELECT ?a ?b WHERE { ?x gk:supports ?y . ?x gk:code ?a . ?y gk:code ?b } ORDER BY ?a ?b";
const DERIVED: &str = "https://w3id.org/geokg/graph/derived";

fn seeded() -> (TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    (dir, store)
}

fn client() -> Client {
    Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

fn media_type(response: &Response) -> String {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn post_query(served: &Served, query: &str, accept: &str) -> Response {
    client()
        .post(served.at("/query"))
        .header(CONTENT_TYPE, "application/sparql-query")
        .header(ACCEPT, accept)
        .body(query.to_owned())
        .send()
        .unwrap()
}

#[test]
fn queries_by_get_form_and_direct_post_in_every_results_format() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let http = client();

    let get = http
        .get(served.at("/query"))
        .query(&[("query", SUPPORTS)])
        .send()
        .unwrap();
    assert_eq!(get.status(), 200);
    assert_eq!(media_type(&get), "application/sparql-results+json");
    let json: serde_json::Value = get.json().unwrap();
    let pairs: Vec<(String, String)> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["a"]["value"].as_str().unwrap().to_owned(),
                b["b"]["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(pairs.contains(&("USA".into(), "JPN".into())), "{pairs:?}");

    let form = http
        .post(served.at("/query"))
        .header(ACCEPT, "application/sparql-results+xml")
        .form(&[("query", SUPPORTS)])
        .send()
        .unwrap();
    assert_eq!(form.status(), 200);
    assert_eq!(media_type(&form), "application/sparql-results+xml");
    assert!(form.text().unwrap().contains("<literal>JPN</literal>"));

    for (accept, expected_type, expected) in [
        ("text/csv", "text/csv", "a,b\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?a\t?b\n",
        ),
    ] {
        let response = post_query(&served, SUPPORTS, accept);
        assert_eq!(response.status(), 200);
        assert!(media_type(&response).starts_with(expected_type));
        let text = response.text().unwrap();
        assert!(text.starts_with(expected), "{accept}: {text}");
        assert!(text.contains("USA"), "{accept}: {text}");
    }

    let ask = post_query(
        &served,
        "ASK { ?s <https://w3id.org/geokg/ns#supports> ?o }",
        "*/*",
    );
    assert_eq!(ask.json::<serde_json::Value>().unwrap()["boolean"], true);

    let construct = post_query(
        &served,
        "CONSTRUCT { ?s <https://w3id.org/geokg/ns#supports> ?o } WHERE { ?s <https://w3id.org/geokg/ns#supports> ?o }",
        "application/n-triples",
    );
    assert_eq!(media_type(&construct), "application/n-triples");
    assert!(construct
        .text()
        .unwrap()
        .contains("<https://w3id.org/geokg/actor/USA> <https://w3id.org/geokg/ns#supports> <https://w3id.org/geokg/actor/JPN> ."));
}

#[test]
fn errors_say_what_is_wrong_with_the_right_status() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let http = client();

    let bad = post_query(&served, "SELECT ?x WHERE { ?x ?y }", "*/*");
    assert_eq!(bad.status(), 400);
    let message = bad.text().unwrap();
    assert!(message.starts_with("query: error at 1:"), "{message}");

    let unacceptable = post_query(&served, SUPPORTS, "image/png");
    assert_eq!(unacceptable.status(), 406);
    assert!(unacceptable
        .text()
        .unwrap()
        .contains("application/sparql-results+json"));

    let graph_as_results = post_query(
        &served,
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "application/sparql-results+json",
    );
    assert_eq!(graph_as_results.status(), 406);

    let wrong_body = http
        .post(served.at("/query"))
        .header(CONTENT_TYPE, "text/plain")
        .body("SELECT * WHERE { ?s ?p ?o }")
        .send()
        .unwrap();
    assert_eq!(wrong_body.status(), 415);

    let twice = http
        .get(served.at("/query"))
        .query(&[("query", "ASK {}"), ("query", "ASK {}")])
        .send()
        .unwrap();
    assert_eq!(twice.status(), 400);

    let wrong_method = http.delete(served.at("/query")).send().unwrap();
    assert_eq!(wrong_method.status(), 405);
    assert_eq!(wrong_method.headers()["allow"], "GET, HEAD, POST");

    assert_eq!(
        http.get(served.at("/nowhere")).send().unwrap().status(),
        404
    );
}

#[test]
fn describes_itself_without_a_query() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let description = client()
        .get(served.at("/query"))
        .header(ACCEPT, "application/n-triples")
        .send()
        .unwrap();
    assert_eq!(description.status(), 200);
    let text = description.text().unwrap();
    assert!(text.contains("<http://www.w3.org/ns/sparql-service-description#Service>"));
    assert!(text.contains(&format!("<{}/query>", served.url)));
    assert!(!text.contains("SPARQL11Update"), "read-only: {text}");
}

#[test]
fn graph_store_protocol_reads_graphs_and_the_dataset() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let http = client();

    let derived = http
        .get(served.at("/store"))
        .query(&[("graph", DERIVED)])
        .header(ACCEPT, "application/n-triples")
        .send()
        .unwrap();
    assert_eq!(derived.status(), 200);
    assert!(derived.text().unwrap().contains(
        "<https://w3id.org/geokg/actor/USA> <https://w3id.org/geokg/ns#supports> <https://w3id.org/geokg/actor/JPN> ."
    ));

    let dataset = http
        .get(served.at("/store"))
        .header(ACCEPT, "application/n-quads")
        .send()
        .unwrap();
    assert_eq!(dataset.status(), 200);
    let quads = dataset.text().unwrap();
    assert!(quads.lines().count() > 1000);
    assert!(quads.contains(&format!("<{DERIVED}> .")));

    let dataset_as_turtle = http
        .get(served.at("/store"))
        .header(ACCEPT, "text/turtle")
        .send()
        .unwrap();
    assert_eq!(dataset_as_turtle.status(), 406);

    let missing = http
        .get(served.at("/store"))
        .query(&[("graph", "https://example.org/none")])
        .send()
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[test]
fn a_read_only_endpoint_refuses_every_write() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let http = client();
    let update = http
        .post(served.at("/update"))
        .header(CONTENT_TYPE, "application/sparql-update")
        .body("CLEAR ALL")
        .send()
        .unwrap();
    assert_eq!(update.status(), 403);
    assert!(update.text().unwrap().contains("--allow-writes"));
    let ingest = http
        .post(served.at("/ingest"))
        .header(CONTENT_TYPE, "text/plain")
        .body("Russia attacked Ukraine.")
        .send()
        .unwrap();
    assert_eq!(ingest.status(), 403);
    let put = http
        .put(served.at("/store?default"))
        .header(CONTENT_TYPE, "text/turtle")
        .body("<a:x> <a:y> <a:z> .")
        .send()
        .unwrap();
    assert_eq!(put.status(), 403);
    let still_there = post_query(&served, SUPPORTS, "text/csv").text().unwrap();
    assert!(still_there.contains("USA,JPN"));
}

#[test]
fn writes_need_the_token_and_then_work() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &["--allow-writes", "--write-token", "s3cret"]);
    let http = client();
    let insert = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/p> \"x\" } }";

    let anonymous = http
        .post(served.at("/update"))
        .form(&[("update", insert)])
        .send()
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer realm=\"geokg\""
    );
    let wrong = http
        .post(served.at("/update"))
        .bearer_auth("guess")
        .form(&[("update", insert)])
        .send()
        .unwrap();
    assert_eq!(wrong.status(), 401);

    let update = http
        .post(served.at("/update"))
        .bearer_auth("s3cret")
        .form(&[("update", insert)])
        .send()
        .unwrap();
    assert_eq!(update.status(), 204);
    let graph = http
        .get(served.at("/store"))
        .query(&[("graph", "https://example.org/g")])
        .header(ACCEPT, "application/n-triples")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(
        graph.trim(),
        "<https://example.org/a> <https://example.org/p> \"x\" ."
    );

    let put = http
        .put(served.at("/store"))
        .query(&[("graph", "https://example.org/h")])
        .bearer_auth("s3cret")
        .header(CONTENT_TYPE, "text/turtle")
        .body("<https://example.org/b> <https://example.org/p> 1 .")
        .send()
        .unwrap();
    assert_eq!(put.status(), 201);
    let delete = http
        .delete(served.at("/store"))
        .query(&[("graph", "https://example.org/h")])
        .bearer_auth("s3cret")
        .send()
        .unwrap();
    assert_eq!(delete.status(), 204);
    let gone = http
        .get(served.at("/store"))
        .query(&[("graph", "https://example.org/h")])
        .send()
        .unwrap();
    assert_eq!(gone.status(), 404);

    let description = http
        .get(served.at("/query"))
        .header(ACCEPT, "text/turtle")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(description.contains("SPARQL11Update"));
}

#[test]
fn ingest_over_http_extracts_and_the_statements_are_queryable_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let served = Served::start(&store, &["--allow-writes", "--write-token", "t"]);
    let http = client();
    let response = http
        .post(served.at("/ingest"))
        .query(&[("id", "wire-1"), ("published", "2025-03-02")])
        .bearer_auth("t")
        .header(CONTENT_TYPE, "text/plain")
        .body("Russian forces attacked the Ukrainian city of Kharkiv on Sunday.")
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let report: serde_json::Value = response.json().unwrap();
    assert_eq!(report["documents"][0]["id"], "wire-1");
    assert_eq!(report["documents"][0]["status"], "new");
    assert!(report["documents"][0]["statements"].as_u64().unwrap() >= 1);

    let lines =
        "{\"id\":\"w2\",\"text\":\"Japan and the Philippines signed a defence pact.\"}\n{broken\n";
    let batch: serde_json::Value = http
        .post(served.at("/ingest"))
        .bearer_auth("t")
        .header(CONTENT_TYPE, "application/x-ndjson")
        .body(lines)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(batch["documents"][0]["id"], "w2");
    assert!(
        batch["errors"][0]
            .as_str()
            .unwrap()
            .starts_with("POST /ingest:2: "),
        "{batch}"
    );

    let attacks = post_query(
        &served,
        "PREFIX gk: <https://w3id.org/geokg/ns#>
         SELECT ?a ?b WHERE { ?x gk:attacked ?y . ?x gk:code ?a . ?y gk:code ?b }",
        "text/csv",
    )
    .text()
    .unwrap();
    assert!(attacks.contains("RUS,UKR"), "{attacks}");

    let empty = http
        .post(served.at("/ingest"))
        .bearer_auth("t")
        .header(CONTENT_TYPE, "text/plain")
        .body("  ")
        .send()
        .unwrap();
    assert_eq!(empty.status(), 400);
}

#[test]
fn a_second_writer_is_sent_to_the_endpoint() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let output = geokg()
        .args(["ingest", common::SEED, "--store"])
        .arg(&store)
        .assert()
        .code(4)
        .get_output()
        .stderr
        .clone();
    let message = String::from_utf8(output).unwrap();
    assert!(
        message.contains("served by `geokg serve`")
            && message.contains(&format!("{}/ingest", served.url)),
        "{message}"
    );
}

#[test]
fn limits_cut_results_bodies_and_slow_queries() {
    let (_dir, store) = seeded();
    let served = Served::start(
        &store,
        &[
            "--max-results",
            "3",
            "--max-body",
            "200",
            "--query-timeout",
            "1",
        ],
    );
    let many = post_query(&served, "SELECT * WHERE { ?s ?p ?o }", "text/csv");
    assert_eq!(many.headers()["geokg-results-truncated"], "3");
    assert_eq!(many.text().unwrap().lines().count(), 4, "header and 3 rows");
    let few = post_query(&served, SUPPORTS, "text/csv");
    assert!(few.headers().get("geokg-results-truncated").is_none());

    let big = post_query(&served, &format!("ASK {{}} #{}", "x".repeat(300)), "*/*");
    assert_eq!(big.status(), 413);

    let slow = post_query(
        &served,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "*/*",
    );
    assert_eq!(slow.status(), 503);
    assert!(slow.text().unwrap().contains("timeout of 1 s"));
}

#[test]
fn service_calls_reach_only_allow_listed_endpoints() {
    let (_dir, store) = seeded();
    let (remote, calls) = common::http_server(|_| (200, String::new()));
    let served = Served::start(&store, &[]);
    let query = format!("SELECT * WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}");
    let refused = post_query(&served, &query, "*/*");
    assert_eq!(refused.status(), 403);
    assert!(refused.text().unwrap().contains("allow-list"));
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[test]
fn cors_only_when_asked_for() {
    let (_dir, store) = seeded();
    let closed = Served::start(&store, &[]);
    let response = post_query(&closed, SUPPORTS, "*/*");
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    drop(closed);
    let open = Served::start(&store, &["--cors", "https://dashboard.example"]);
    let preflight = client()
        .request(reqwest::Method::OPTIONS, open.at("/query"))
        .header("Origin", "https://dashboard.example")
        .send()
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://dashboard.example"
    );
}

#[test]
fn the_page_and_its_assets_are_served_from_the_binary() {
    let (_dir, store) = seeded();
    let served = Served::start(&store, &[]);
    let http = client();
    let page = http.get(served.at("/")).send().unwrap();
    assert!(media_type(&page).starts_with("text/html"));
    let html = page.text().unwrap();
    for asset in ["/app.js", "/app.css", "/vendor/cytoscape.min.js"] {
        assert!(html.contains(asset), "the page links {asset}");
        assert_eq!(
            http.get(served.at(asset)).send().unwrap().status(),
            200,
            "{asset}"
        );
    }
    assert!(!html.contains("https://"), "nothing from elsewhere");
    let queries: serde_json::Value = http
        .get(served.at("/queries"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let names: Vec<&str> = queries
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"who-backs-whom"), "{names:?}");
}
