//! Ingest at scale: the BBC corpus replicated to about 50 MB and 500 MB (each copy of an
//! article made distinct, so that none is skipped as already stored), then for each size:
//!
//! - extraction MB/s on one and on two threads (reading the JSONL as `geokg ingest` does);
//! - `geokg ingest` end to end: seconds, MB/s, quads/s, the writer's own quads/s, peak RSS;
//! - Oxigraph's bulk loader on the same quads (exported as N-Quads) in the same run;
//! - the latency of every canned query on the resulting store.
//!
//!     cargo bench --bench ingest_scale [-- CORPUS_DIR] [--sizes 50,500]
//!
//! Peak RSS comes from GNU time (`/usr/bin/time -f %M`, Debian package `time`).

use geokg::document::{read_input, Document};
use geokg::extract::Extractor;
use geokg::ingest::parallel::map_ordered;
use geokg::query::{self, OutputFormat, QuerySource, NAMED_QUERIES};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const BINARY: &str = env!("CARGO_BIN_EXE_geokg");

fn main() {
    let mut corpus =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc-news-2005");
    let mut sizes = vec![50usize, 500];
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sizes" => {
                sizes = args
                    .next()
                    .expect("--sizes 50,500")
                    .split(',')
                    .map(|n| n.parse().expect("sizes in MB"))
                    .collect()
            }
            path => corpus = PathBuf::from(path),
        }
    }
    let articles: Vec<Document> = read_input(corpus.to_str().unwrap())
        .filter_map(Result::ok)
        .collect();
    let extractor = Extractor::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    println!(
        "corpus {}: {} articles; replicated to {sizes:?} MB",
        corpus.display(),
        articles.len()
    );
    let mut peaks = Vec::new();
    for megabytes in sizes {
        let jsonl = dir.path().join(format!("corpus-{megabytes}.jsonl"));
        let bytes = replicate(&articles, megabytes * 1_000_000, &jsonl);
        let mb = bytes as f64 / 1e6;
        println!("\n== {mb:.0} MB ({})", jsonl.display());

        let one = extraction_seconds(&extractor, &jsonl, 1);
        let two = extraction_seconds(&extractor, &jsonl, 2);
        println!(
            "extraction        1 thread {:.1} MB/s, 2 threads {:.1} MB/s (x{:.2})",
            mb / one,
            mb / two,
            one / two
        );

        let store = dir.path().join(format!("store-{megabytes}"));
        let ingest = run_ingest(&jsonl, &store);
        println!(
            "geokg ingest      {:.1} s, {:.1} MB/s, {} quads, {:.0} quads/s end to end, writer {:.0} quads/s ({:.2} s), peak RSS {:.0} MB",
            ingest.seconds,
            mb / ingest.seconds,
            ingest.quads,
            ingest.quads as f64 / ingest.seconds,
            ingest.quads as f64 / ingest.write_seconds,
            ingest.write_seconds,
            ingest.peak_kb as f64 / 1024.0
        );
        peaks.push((megabytes, ingest.peak_kb));

        let (bulk_quads, bulk_seconds) =
            bulk_load(&store, &dir.path().join(format!("bulk-{megabytes}")));
        println!(
            "bulk loader       {bulk_quads} quads in {bulk_seconds:.2} s, {:.0} quads/s; geokg's writer at {:.2} of it, end to end at {:.2}",
            bulk_quads as f64 / bulk_seconds,
            (ingest.quads as f64 / ingest.write_seconds) / (bulk_quads as f64 / bulk_seconds),
            (ingest.quads as f64 / ingest.seconds) / (bulk_quads as f64 / bulk_seconds),
        );
        query_latencies(&store);
    }
    if let [(small, small_kb), .., (large, large_kb)] = peaks[..] {
        println!(
            "\npeak RSS {large} MB vs {small} MB: {:.2}x",
            large_kb as f64 / small_kb as f64
        );
    }
}

/// Writes copies of the articles as JSONL until `target` bytes of text; returns the bytes.
fn replicate(articles: &[Document], target: usize, path: &Path) -> usize {
    let mut out = BufWriter::new(std::fs::File::create(path).unwrap());
    let mut bytes = 0;
    let mut copy = 0;
    while bytes < target {
        for (index, article) in articles.iter().enumerate() {
            let text = format!("{}\n\n(copy {copy})", article.text);
            bytes += text.len();
            let line = serde_json::json!({ "id": format!("bbc-{copy}-{index}"), "text": text });
            serde_json::to_writer(&mut out, &line).unwrap();
            out.write_all(b"\n").unwrap();
            if bytes >= target {
                break;
            }
        }
        copy += 1;
    }
    // Written out before anything is timed, so that no write-back competes with extraction.
    out.into_inner().unwrap().sync_all().unwrap();
    bytes
}

fn extraction_seconds(extractor: &Extractor, jsonl: &Path, threads: usize) -> f64 {
    let started = Instant::now();
    let mut statements = 0;
    map_ordered(
        read_input(jsonl.to_str().unwrap()).unparsed(),
        threads,
        threads * 16,
        |document| {
            document
                .parse()
                .map(|d| extractor.extract(&d, None).len())
                .unwrap_or(0)
        },
        |n| {
            statements += n;
            Ok::<_, ()>(())
        },
    )
    .unwrap();
    assert!(statements > 0);
    started.elapsed().as_secs_f64()
}

struct IngestRun {
    seconds: f64,
    write_seconds: f64,
    quads: u64,
    peak_kb: u64,
}

fn run_ingest(jsonl: &Path, store: &Path) -> IngestRun {
    let started = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "peak-rss-kb %M"])
        .arg(BINARY)
        .arg("ingest")
        .arg(jsonl)
        .arg("--store")
        .arg(store)
        .env("CI", "1")
        .output()
        .expect("GNU time at /usr/bin/time");
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let number_before = |marker: &str| -> f64 {
        let at = stderr
            .find(marker)
            .unwrap_or_else(|| panic!("{marker} in {stderr}"));
        stderr[..at]
            .split_whitespace()
            .last()
            .and_then(|n| n.trim_start_matches('(').trim_end_matches('s').parse().ok())
            .unwrap_or_else(|| panic!("a number before {marker} in {stderr}"))
    };
    IngestRun {
        seconds,
        write_seconds: number_before(" writing)"),
        quads: number_before(" quads,") as u64,
        peak_kb: stderr
            .lines()
            .find_map(|l| l.strip_prefix("peak-rss-kb "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap(),
    }
}

/// Exports the store's document graphs as N-Quads and bulk-loads them into a fresh store.
fn bulk_load(store: &Path, fresh: &Path) -> (u64, f64) {
    let nquads = fresh.with_extension("nq");
    let file = std::fs::File::create(&nquads).unwrap();
    let status = Command::new(BINARY)
        .args(["export", "--format", "nquads", "--store"])
        .arg(store)
        .stdout(file)
        .status()
        .unwrap();
    assert!(status.success());
    let target = Store::open(fresh).unwrap();
    let started = Instant::now();
    let mut loader = target.bulk_loader();
    loader
        .load_from_reader(
            RdfFormat::NQuads,
            std::io::BufReader::new(std::fs::File::open(&nquads).unwrap()),
        )
        .unwrap();
    loader.commit().unwrap();
    let seconds = started.elapsed().as_secs_f64();
    (target.len().unwrap() as u64, seconds)
}

fn query_latencies(store: &Path) {
    let store = Store::open_read_only(store).unwrap();
    let mut line = String::from("canned queries   ");
    for (name, text) in NAMED_QUERIES {
        if text.contains("SERVICE") {
            continue;
        }
        let source = QuerySource {
            text: text.to_owned(),
            origin: name.to_owned(),
        };
        let started = Instant::now();
        query::run(
            &store,
            &source,
            &[],
            None,
            OutputFormat::Csv,
            &mut std::io::sink(),
        )
        .unwrap();
        line.push_str(&format!(
            " {name} {:.0} ms,",
            started.elapsed().as_secs_f64() * 1000.0
        ));
    }
    println!("{}", line.trim_end_matches(','));
}
