//! geokg's own gold format: one sentence (or short text) per line with the statements it
//! must yield.
//!
//! `{"id": "g01", "text": "...", "date": "2025-11-26",
//!   "events": [{"type": "ASSAULT", "source": ["RUS"], "target": ["UKR"], "modality": "asserted"}]}`

use super::metrics::{ratio, Confusion, PerLabel};
use crate::document::{parse_date, Document};
use crate::extract::Extractor;
use crate::model::{Modality, Statement, StatementType};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub statement_type: StatementType,
    pub source: Vec<String>,
    pub target: Vec<String>,
    #[serde(default = "asserted")]
    pub modality: Modality,
}

fn asserted() -> Modality {
    Modality::Asserted
}

/// A gold event and a predicted statement that disagree, for reading.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub what: String,
}

#[derive(Debug, Default, Clone)]
pub struct GoldReport {
    pub sentences: usize,
    pub per_type: PerLabel,
    pub confusion: Confusion,
    pub modality_right: usize,
    pub modality_total: usize,
    /// Matched statements stored as facts (asserted, reported) whose gold is not one.
    pub false_facts: usize,
    pub misses: Vec<Miss>,
}

fn codes(side: &[crate::model::ActorRef]) -> HashSet<String> {
    side.iter()
        .filter_map(|a| a.code().map(str::to_owned))
        .collect()
}

fn same_actors(gold: &GoldEvent, s: &Statement) -> bool {
    let (src, tgt) = (codes(&s.source), codes(&s.target));
    let direct =
        gold.source.iter().any(|c| src.contains(c)) && gold.target.iter().any(|c| tgt.contains(c));
    let all: HashSet<&String> = src.iter().chain(&tgt).collect();
    let either_way = s.symmetric
        && gold
            .source
            .iter()
            .chain(&gold.target)
            .all(|c| all.contains(c));
    direct || either_way
}

fn is_fact(m: Modality) -> bool {
    matches!(m, Modality::Asserted | Modality::Reported)
}

pub fn evaluate(extractor: &Extractor, sentences: &[GoldSentence]) -> GoldReport {
    let mut report = GoldReport {
        sentences: sentences.len(),
        ..GoldReport::default()
    };
    for sentence in sentences {
        let date = sentence.date.as_deref().and_then(parse_date);
        let predicted = extractor.extract(&Document::new(sentence.text.clone()), date);
        let mut used = vec![false; predicted.len()];
        for gold in &sentence.events {
            let gold_type = gold.statement_type.as_str();
            let exact = (0..predicted.len()).find(|&i| {
                !used[i]
                    && predicted[i].statement_type == gold.statement_type
                    && same_actors(gold, &predicted[i])
            });
            match exact {
                Some(i) => {
                    used[i] = true;
                    report.per_type.entry(gold_type).true_positives += 1;
                    report.confusion.add(gold_type, gold_type);
                    report.modality_total += 1;
                    let modality = predicted[i].modality;
                    let right =
                        modality == gold.modality || is_fact(modality) && is_fact(gold.modality);
                    report.modality_right += usize::from(right);
                    if is_fact(modality) && !is_fact(gold.modality) {
                        report.false_facts += 1;
                    }
                    if !right {
                        report.misses.push(Miss {
                            id: sentence.id.clone(),
                            what: format!(
                                "{gold_type}: modality {} for gold {}",
                                modality.as_str(),
                                gold.modality.as_str()
                            ),
                        });
                    }
                }
                None => {
                    report.per_type.entry(gold_type).false_negatives += 1;
                    let confused = (0..predicted.len())
                        .find(|&i| !used[i] && same_actors(gold, &predicted[i]));
                    let predicted_type =
                        confused.map_or("none", |i| predicted[i].statement_type.as_str());
                    if let Some(i) = confused {
                        used[i] = true;
                        report.per_type.entry(predicted_type).false_positives += 1;
                    }
                    report.confusion.add(gold_type, predicted_type);
                    report.misses.push(Miss {
                        id: sentence.id.clone(),
                        what: format!(
                            "missed {gold_type} {:?}->{:?} (got {predicted_type})",
                            gold.source, gold.target
                        ),
                    });
                }
            }
        }
        for s in predicted
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(s, _)| s)
        {
            report
                .per_type
                .entry(s.statement_type.as_str())
                .false_positives += 1;
            report.confusion.add("none", s.statement_type.as_str());
            let (src, tgt) = (codes(&s.source), codes(&s.target));
            report.misses.push(Miss {
                id: sentence.id.clone(),
                what: format!(
                    "spurious {} {src:?}->{tgt:?} ({}) «{}»",
                    s.statement_type,
                    s.modality.as_str(),
                    s.evidence
                ),
            });
        }
    }
    report
}

impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {}", self.sentences)?;
        write!(f, "{}", self.per_type)?;
        writeln!(
            f,
            "modality accuracy {:.3} ({}/{}), non-facts stored as facts: {}",
            ratio(self.modality_right, self.modality_total),
            self.modality_right,
            self.modality_total,
            self.false_facts
        )?;
        writeln!(
            f,
            "confusion (gold type by predicted type; none = nothing with those actors)"
        )?;
        write!(f, "{}", self.confusion)?;
        for miss in &self.misses {
            writeln!(f, "  {}: {}", miss.id, miss.what)?;
        }
        Ok(())
    }
}
