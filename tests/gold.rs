//! geokg's own gold set (tests/fixtures/gold/geokg-gold.jsonl): real-style sentences with the
//! hard cases — negation, hypotheticals, reported speech, compound actors, passives,
//! metonymy, nominalisations, agents, tariffs, sentences with no event. Precision comes
//! first: a graph of false facts is worse than a sparse one.

use geokg::eval::gold::{evaluate, GoldSentence};
use geokg::extract::Extractor;

const GOLD: &str = include_str!("fixtures/gold/geokg-gold.jsonl");

#[test]
fn gold_set_precision_recall_and_modality() {
    let sentences: Vec<GoldSentence> = GOLD
        .lines()
        .map(|l| serde_json::from_str(l).expect("gold line"))
        .collect();
    assert!(sentences.len() >= 60, "at least 60 sentences");
    let report = evaluate(&Extractor::bundled().unwrap(), &sentences);
    let total = report.per_type.total();
    assert!(
        total.precision() >= 0.95,
        "precision {:.3}\n{report}",
        total.precision()
    );
    assert!(
        total.recall() >= 0.85,
        "recall {:.3}\n{report}",
        total.recall()
    );
    assert_eq!(
        report.false_facts, 0,
        "a negated, hypothetical or planned statement stored as a fact\n{report}"
    );
    assert!(
        report.modality_right * 20 >= report.modality_total * 19,
        "modality accuracy below 0.95\n{report}"
    );
}
