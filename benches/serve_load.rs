//! Load on `geokg serve`: concurrent clients sending a mix of queries for a fixed time
//! against a store that holds a news corpus; prints requests/s, latency percentiles and
//! errors, overall and per kind of request.
//!
//!     cargo bench --bench serve_load [-- CORPUS_DIR] [--clients N] [--seconds S]
//!
//! CORPUS_DIR defaults to ../shared/corpus/bbc-news-2005; 50 clients for 60 s by default.
//! Every client keeps its connection alive, as a dashboard or a notebook would.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_geokg");

struct Options {
    corpus: PathBuf,
    clients: usize,
    seconds: u64,
}

fn options() -> Options {
    let mut options = Options {
        corpus: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc-news-2005"),
        clients: 50,
        seconds: 60,
    };
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> u64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{name} needs a number"))
        };
        match arg.as_str() {
            "--clients" => options.clients = number("--clients") as usize,
            "--seconds" => options.seconds = number("--seconds"),
            path => options.corpus = PathBuf::from(path),
        }
    }
    options
}

/// One kind of request: name, path, Accept, and a SPARQL body to POST (GET without one).
struct Probe {
    name: &'static str,
    path: String,
    accept: &'static str,
    body: Option<String>,
}

impl Probe {
    fn query(name: &'static str, sparql: &str) -> Self {
        Self {
            name,
            path: "/query".into(),
            accept: "application/sparql-results+json",
            body: Some(sparql.to_owned()),
        }
    }

    fn get(name: &'static str, path: &str, accept: &'static str) -> Self {
        Self {
            name,
            path: path.into(),
            accept,
            body: None,
        }
    }

    fn send(&self, client: &reqwest::blocking::Client, base: &str) -> bool {
        let url = format!("{base}{}", self.path);
        let request = match &self.body {
            Some(body) => client
                .post(url)
                .header("Content-Type", "application/sparql-query")
                .body(body.clone()),
            None => client.get(url),
        };
        request
            .header("Accept", self.accept)
            .send()
            .and_then(|r| {
                let ok = r.status().is_success();
                r.bytes().map(|_| ok)
            })
            .unwrap_or(false)
    }
}

/// What the clients ask, round-robin from a different start each: the canned queries, a
/// dyad timeline, a small ASK, a graph from the Graph Store, the service description.
fn probes() -> Vec<Probe> {
    let mut list = Vec::new();
    for (name, sparql) in geokg::query::NAMED_QUERIES {
        // A SERVICE call would measure Wikidata, not geokg (and is refused without --federate).
        if !sparql.contains("SERVICE") {
            list.push(Probe::query(name, sparql));
        }
    }
    let dyad = geokg::query::NAMED_QUERIES
        .iter()
        .find(|(n, _)| *n == "dyad-timeline")
        .unwrap()
        .1
        .replace("WHERE {", "WHERE {\n  VALUES (?a ?b) { (\"USA\" \"GBR\") }");
    list.push(Probe::query("dyad USA-GBR", &dyad));
    list.push(Probe::query(
        "ask",
        "ASK { ?s <https://w3id.org/geokg/ns#statementType> ?t }",
    ));
    list.push(Probe::get(
        "derived graph",
        "/store?graph=https://w3id.org/geokg/graph/derived",
        "text/turtle",
    ));
    list.push(Probe::get("service description", "/query", "text/turtle"));
    list
}

fn main() {
    let options = options();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let started = Instant::now();
    let status = Command::new(BINARY)
        .arg("ingest")
        .arg(&options.corpus)
        .arg("--store")
        .arg(&store)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ingest of {}", options.corpus.display());
    println!(
        "store: {} ingested in {:.1} s",
        options.corpus.display(),
        started.elapsed().as_secs_f64()
    );

    let mut server = Command::new(BINARY)
        .arg("serve")
        .arg("--store")
        .arg(&store)
        .args(["--bind", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .split(" at ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    std::thread::spawn(move || for _ in lines {});

    let probes = Arc::new(probes());
    let base = Arc::new(base);
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let clients: Vec<_> = (0..options.clients)
        .map(|index| {
            let probes = Arc::clone(&probes);
            let base = Arc::clone(&base);
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(60))
                    .build()
                    .unwrap();
                let mut seen: Vec<(usize, Duration, bool)> = Vec::new();
                let mut next = index;
                while Instant::now() < deadline {
                    let kind = next % probes.len();
                    next += 1;
                    let sent = Instant::now();
                    let ok = probes[kind].send(&client, &base);
                    seen.push((kind, sent.elapsed(), ok));
                }
                seen
            })
        })
        .collect();
    let load_started = Instant::now();
    let mut all = Vec::new();
    for client in clients {
        all.extend(client.join().unwrap());
    }
    let elapsed = load_started.elapsed().as_secs_f64();
    let _ = server.kill();
    let _ = server.wait();

    println!(
        "{} clients for {:.1} s against {base}",
        options.clients, elapsed
    );
    report("all", &all, elapsed);
    let mut by_kind: BTreeMap<usize, Vec<(usize, Duration, bool)>> = BTreeMap::new();
    for seen in &all {
        by_kind.entry(seen.0).or_default().push(*seen);
    }
    for (kind, seen) in by_kind {
        report(probes[kind].name, &seen, elapsed);
    }
}

fn report(name: &str, seen: &[(usize, Duration, bool)], seconds: f64) {
    let mut latencies: Vec<Duration> = seen.iter().map(|s| s.1).collect();
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let errors = seen.iter().filter(|s| !s.2).count();
    println!(
        "{name:>22}: {:>7} requests {:>8.1}/s  p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms  errors {errors}",
        seen.len(),
        seen.len() as f64 / seconds,
        percentile(0.50),
        percentile(0.99),
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    );
}
