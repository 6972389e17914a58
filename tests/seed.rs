//! Acceptance on the founding article: every required statement, no must-not, most optional
//! ones. The scoring follows shared/tools/score_seed.py.

use geokg::document::Document;
use geokg::extract::Extractor;
use geokg::model::{Modality, Statement};
use serde_json::Value;
use std::collections::HashSet;

const ARTICLE: &str = include_str!("fixtures/seed/article-us-china-2025.txt");
const EXPECTED: &str = include_str!("fixtures/seed/expected.jsonl");

fn statements() -> Vec<Statement> {
    let extractor = Extractor::bundled().expect("bundled data loads");
    let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 26);
    extractor.extract(&Document::new(ARTICLE), date)
}

fn codes(side: &[geokg::model::ActorRef]) -> HashSet<String> {
    side.iter().filter_map(|a| a.country.clone()).collect()
}

fn strings(value: &Value) -> HashSet<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn matches(expected: &Value, s: &Statement) -> bool {
    let mut types = strings(&expected["alt_types"]);
    types.extend(
        expected["type"]
            .as_str()
            .or(expected["relation"].as_str())
            .map(str::to_owned),
    );
    if !types.contains(s.statement_type.as_str()) {
        return false;
    }
    let (src, tgt) = (codes(&s.source), codes(&s.target));
    let (want_src, want_tgt) = (strings(&expected["source"]), strings(&expected["target"]));
    let sides_ok = if expected["symmetric"].as_bool() == Some(true) {
        let all: HashSet<_> = src.union(&tgt).cloned().collect();
        !src.is_empty() && !tgt.is_empty() && want_src.union(&want_tgt).all(|c| all.contains(c))
    } else {
        !src.is_disjoint(&want_src) && !tgt.is_disjoint(&want_tgt)
    };
    let modality_ok = match expected["modality"].as_str() {
        None => true,
        Some("asserted" | "reported") => {
            matches!(s.modality, Modality::Asserted | Modality::Reported)
        }
        Some(m) => s.modality.as_str() == m,
    };
    sides_ok && modality_ok
}

fn violates(must_not: &Value, s: &Statement) -> bool {
    if let Some(evidence) = must_not["evidence"].as_str() {
        if !s.sentence_text.contains(evidence) && !s.evidence.contains(evidence) {
            return false;
        }
    }
    if let Some(t) = must_not["type"].as_str() {
        if s.statement_type.as_str() != t {
            return false;
        }
    }
    if must_not.get("source").is_some()
        && codes(&s.source).is_disjoint(&strings(&must_not["source"]))
    {
        return false;
    }
    if must_not.get("target").is_some()
        && codes(&s.target).is_disjoint(&strings(&must_not["target"]))
    {
        return false;
    }
    must_not["modality_not"].as_str() != Some(s.modality.as_str())
}

#[test]
fn seed_article_yields_every_required_statement_and_no_forbidden_one() {
    let statements = statements();
    let expected: Vec<Value> = EXPECTED
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut missing = Vec::new();
    let mut optional_found = 0;
    let mut optional_total = 0;
    for e in expected
        .iter()
        .filter(|e| e["must_not"].as_bool() != Some(true))
    {
        let found = statements.iter().any(|s| matches(e, s));
        if e["required"].as_bool() == Some(true) {
            if !found {
                missing.push(e["id"].as_str().unwrap_or("?").to_owned());
            }
        } else {
            optional_total += 1;
            optional_found += usize::from(found);
        }
    }
    assert!(
        missing.is_empty(),
        "missing required statements {missing:?} in {statements:#?}"
    );
    for must_not in expected
        .iter()
        .filter(|e| e["must_not"].as_bool() == Some(true))
    {
        let bad: Vec<_> = statements
            .iter()
            .filter(|s| violates(must_not, s))
            .collect();
        assert!(bad.is_empty(), "{} violated by {bad:#?}", must_not["id"]);
    }
    assert!(
        optional_found * 2 > optional_total,
        "only {optional_found}/{optional_total} optional statements"
    );
}

#[test]
fn statements_carry_speaker_time_place_and_evidence() {
    let statements = statements();
    let visit = statements
        .iter()
        .find(|s| s.mode.as_deref() == Some("visit"))
        .expect("the planned visit");
    assert_eq!(visit.modality, Modality::Planned);
    assert_eq!(
        visit.time.as_deref(),
        Some("2026-04"),
        "April after a November article is next April"
    );
    assert_eq!(visit.source[0].qid.as_deref(), Some("Q22686"));
    let busan = statements
        .iter()
        .find(|s| s.place.as_ref().is_some_and(|p| p.text == "Busan"))
        .expect("the Busan meeting has its place");
    assert_eq!(busan.place.as_ref().unwrap().qid.as_deref(), Some("Q16520"));
    let backs = statements
        .iter()
        .find(|s| s.evidence.contains("backs Tokyo"))
        .expect("US backs Tokyo");
    let speaker = backs.speaker.as_ref().expect("said by the ambassador");
    assert_eq!(speaker.country.as_deref(), Some("USA"));
    assert!(speaker.text.contains("George Glass"));
    assert_eq!(
        backs.target[0].qid.as_deref(),
        Some("Q1490"),
        "Tokyo the city, acting for Japan"
    );
    assert_eq!(backs.target[0].country.as_deref(), Some("JPN"));
    for s in &statements {
        let chars: Vec<char> = ARTICLE.chars().collect();
        let sentence: String = chars[s.start..s.end].iter().collect();
        assert_eq!(sentence, s.sentence_text, "offsets are character offsets");
        let evidence: String = chars[s.evidence_start..s.evidence_end].iter().collect();
        assert_eq!(evidence, s.evidence);
        assert!(s.sentence_text.contains(&s.evidence));
    }
}

#[test]
fn boilerplate_and_negation_yield_no_facts() {
    let statements = statements();
    assert!(!statements
        .iter()
        .any(|s| s.sentence_text.contains("passionate local guide")));
    assert!(!statements
        .iter()
        .any(|s| s.sentence_text.contains("did not mention") && s.modality == Modality::Asserted));
}
