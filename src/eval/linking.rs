//! Entity linking against gold in the ELEVANT JSONL format (KORE50, Reuters-128): each line a
//! text with labelled spans and their Wikidata ids.
//!
//! In scope are the gold mentions whose item the gazetteer knows (states, capitals, leaders,
//! organisations): recall is over those, precision over the named mentions geokg links.

use super::metrics::ratio;
use crate::document::Document;
use crate::extract::Extractor;
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
pub struct LinkedText {
    pub text: String,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub span: [usize; 2],
    pub entity_id: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Default, Clone)]
pub struct LinkingReport {
    pub texts: usize,
    /// Gold mentions of items the gazetteer knows, and how many geokg linked right.
    pub in_scope: usize,
    pub found: usize,
    /// Named mentions geokg linked, and how many agree with the gold at their span.
    pub linked: usize,
    pub right: usize,
    /// Linked mentions where the gold has no label at all (not counted against precision).
    pub unlabelled: usize,
    pub errors: Vec<String>,
}

fn overlaps(a: [usize; 2], start: usize, end: usize) -> bool {
    a[0] < end && start < a[1]
}

pub fn evaluate(extractor: &Extractor, texts: &[LinkedText]) -> LinkingReport {
    let known: HashSet<&str> = extractor
        .gazetteer()
        .entities()
        .iter()
        .filter_map(|e| e.qid.as_deref())
        .collect();
    let mut report = LinkingReport {
        texts: texts.len(),
        ..LinkingReport::default()
    };
    for text in texts {
        let mentions: Vec<_> = extractor
            .mentions(&Document::new(text.text.clone()))
            .into_iter()
            .filter(|m| !m.reference && m.qid.is_some())
            .collect();
        for label in text
            .labels
            .iter()
            .filter(|l| known.contains(l.entity_id.as_str()))
        {
            report.in_scope += 1;
            let hit = mentions.iter().any(|m| {
                overlaps(label.span, m.start, m.end)
                    && m.qid.as_deref() == Some(label.entity_id.as_str())
            });
            report.found += usize::from(hit);
            if !hit {
                report.errors.push(format!(
                    "missed {} {} «{}»",
                    label.entity_id,
                    label.name,
                    slice(&text.text, label.span)
                ));
            }
        }
        for m in &mentions {
            let gold = text
                .labels
                .iter()
                .find(|l| overlaps(l.span, m.start, m.end));
            match gold {
                None => report.unlabelled += 1,
                Some(label) => {
                    report.linked += 1;
                    if m.qid.as_deref() == Some(label.entity_id.as_str()) {
                        report.right += 1;
                    } else {
                        report.errors.push(format!(
                            "linked «{}» to {} where the gold says {} {}",
                            m.text,
                            m.qid.as_deref().unwrap_or("-"),
                            label.entity_id,
                            label.name
                        ));
                    }
                }
            }
        }
    }
    report
}

fn slice(text: &str, span: [usize; 2]) -> String {
    text.chars()
        .skip(span[0])
        .take(span[1].saturating_sub(span[0]))
        .collect()
}

impl fmt::Display for LinkingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "texts {}", self.texts)?;
        writeln!(
            f,
            "recall over in-scope gold mentions {:.3} ({}/{})",
            ratio(self.found, self.in_scope),
            self.found,
            self.in_scope
        )?;
        writeln!(
            f,
            "precision over linked mentions the gold labels {:.3} ({}/{}); {} linked mentions have no gold label",
            ratio(self.right, self.linked),
            self.right,
            self.linked,
            self.unlabelled
        )?;
        for error in &self.errors {
            writeln!(f, "  {error}")?;
        }
        Ok(())
    }
}
