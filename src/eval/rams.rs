//! RAMS (Roles Across Multiple Sentences) dev documents: tokenised news passages, each with one
//! annotated event trigger typed in the AIDA ontology. Triggers whose type maps to a PLOVER
//! type are scored: found when a statement of that type comes from the trigger's sentence.

use super::metrics::ratio;
use crate::document::Document;
use crate::extract::Extractor;
use crate::model::StatementType;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
pub struct RamsDocument {
    pub sentences: Vec<Vec<String>>,
    pub evt_triggers: Vec<Trigger>,
}

/// `[first token, last token, [[type, probability]]]`, tokens counted over the document.
#[derive(Debug, Clone, Deserialize)]
pub struct Trigger(pub usize, pub usize, pub Vec<(String, f64)>);

/// AIDA event types (by prefix) and the PLOVER type they correspond to; the rest of the
/// ontology (deaths from illness, hiring, manufacturing, ...) is no PLOVER event.
const TYPE_MAP: [(&str, StatementType); 14] = [
    ("conflict.attack", StatementType::Assault),
    (
        "life.die.deathcausedbyviolentevents",
        StatementType::Assault,
    ),
    ("contact.discussion.meet", StatementType::Consult),
    ("contact.negotiate", StatementType::Consult),
    ("contact.discussion.correspondence", StatementType::Consult),
    ("government.agreements", StatementType::Agree),
    ("contact.threatencoerce", StatementType::Threaten),
    ("contact.requestadvise", StatementType::Request),
    ("contact.collaborate", StatementType::Cooperate),
    ("justice.arrestjaildetain", StatementType::Coerce),
    ("conflict.demonstrate", StatementType::Protest),
    ("conflict.yield", StatementType::Retreat),
    (
        "transaction.transaction.embargosanction",
        StatementType::Sanction,
    ),
    (
        "transaction.transfermoney.giftgrantprovideaid",
        StatementType::Aid,
    ),
];

fn plover_of(aida: &str) -> Option<StatementType> {
    TYPE_MAP
        .iter()
        .find(|(prefix, _)| aida.starts_with(prefix))
        .map(|(_, t)| *t)
}

#[derive(Debug, Default, Clone)]
pub struct RamsReport {
    pub documents: usize,
    /// PLOVER type -> (gold triggers, found).
    pub per_type: BTreeMap<String, (usize, usize)>,
    pub statements: usize,
}

pub fn evaluate(extractor: &Extractor, documents: &[RamsDocument]) -> RamsReport {
    let mut report = RamsReport {
        documents: documents.len(),
        ..RamsReport::default()
    };
    for doc in documents {
        // Sentences joined by newlines, tokens by spaces: token i starts at starts[i].
        let mut text = String::new();
        let mut starts = Vec::new();
        for sentence in &doc.sentences {
            for (k, token) in sentence.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                starts.push(text.chars().count());
                text.push_str(token);
            }
            text.push_str("\n\n");
        }
        let statements = extractor.extract(&Document::new(text), None);
        report.statements += statements.len();
        for Trigger(first, _, types) in &doc.evt_triggers {
            let Some(want) = types.first().and_then(|(t, _)| plover_of(t)) else {
                continue;
            };
            let Some(&at) = starts.get(*first) else {
                continue;
            };
            let found = statements
                .iter()
                .any(|s| s.statement_type == want && s.start <= at && at < s.end);
            let entry = report.per_type.entry(want.as_str().to_owned()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(found);
        }
    }
    report
}

impl fmt::Display for RamsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (gold, found) = self
            .per_type
            .values()
            .fold((0, 0), |(g, f), (a, b)| (g + a, f + b));
        writeln!(
            f,
            "documents {}, statements {}",
            self.documents, self.statements
        )?;
        writeln!(
            f,
            "triggers with a PLOVER type {gold}, found in their sentence {found} (recall {:.3})",
            ratio(found, gold)
        )?;
        writeln!(
            f,
            "  {:<12} {:>6} {:>6} {:>6}",
            "type", "gold", "found", "R"
        )?;
        for (t, (g, n)) in &self.per_type {
            writeln!(f, "  {t:<12} {g:>6} {n:>6} {:>6.3}", ratio(*n, *g))?;
        }
        Ok(())
    }
}
