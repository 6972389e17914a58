//! Extraction throughput over a news corpus: MB/s and statements/s on one thread.
//!
//!     cargo bench --bench extraction [-- CORPUS_DIR] [--rounds N]
//!
//! CORPUS_DIR defaults to ../shared/corpus/bbc-news-2005 (2,225 BBC articles). Every .txt
//! file under it is read into memory first, so the figures measure extraction alone.

use geokg::document::{read_input, Document};
use geokg::extract::Extractor;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let mut corpus = String::from("../shared/corpus/bbc-news-2005");
    let mut rounds = 3;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--rounds N")
            }
            _ => corpus = arg,
        }
    }
    let documents: Vec<Document> = read_input(&corpus)
        .filter_map(|d| d.map_err(|e| eprintln!("skipped: {e}")).ok())
        .collect();
    assert!(!documents.is_empty(), "no documents under {corpus}");
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let extractor = Extractor::bundled().expect("bundled data loads");
    println!(
        "corpus      {corpus}: {} documents, {:.2} MB",
        documents.len(),
        bytes as f64 / 1e6
    );
    let mut best = f64::MAX;
    let mut statements = 0;
    for round in 1..=rounds {
        let started = Instant::now();
        statements = documents
            .iter()
            .map(|d| extractor.extract(d, None).len())
            .sum::<usize>();
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "round {round}     {seconds:.3} s, {:.2} MB/s, {:.0} documents/s, {:.0} statements/s",
            bytes as f64 / 1e6 / seconds,
            documents.len() as f64 / seconds,
            statements as f64 / seconds
        );
        best = best.min(seconds);
    }
    println!(
        "best        {:.2} MB/s, {:.0} statements/s ({statements} statements, {:.2} per document), one thread",
        bytes as f64 / 1e6 / best,
        statements as f64 / best,
        statements as f64 / documents.len() as f64
    );
}
