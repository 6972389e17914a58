//! The ConfliBERT CAMEO sentences: a 5-way class (0 statement, 1 verbal cooperation,
//! 2 material cooperation, 3 verbal conflict, 4 material conflict) and, for some, the text of
//! the source and target.

use super::metrics::{ratio, Confusion};
use crate::document::Document;
use crate::extract::Extractor;
use crate::model::{ActorRef, Modality, Statement, StatementType};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    pub text: String,
    pub pentaclass: u8,
    #[serde(default)]
    pub args: Option<Vec<Arg>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Arg {
    pub role: String,
    pub text: String,
}

#[derive(Debug, Default, Clone)]
pub struct ConflibertReport {
    pub sentences: usize,
    /// Sentences whose gold names both a source and a target.
    pub with_both: usize,
    /// ... of which geokg found the right class with both actors overlapping the gold spans.
    pub found_with_both: usize,
    pub statements: usize,
    /// Statements whose class is the sentence's class.
    pub right_class: usize,
    /// ... and whose actors overlap the gold spans where the gold has them.
    pub right_class_and_actors: usize,
    /// Statements stored as facts or plans (not negated, not hypothetical), and of those the
    /// right class: a negated agreement is no agreement event.
    pub event_statements: usize,
    pub event_right_class: usize,
    /// Statement type -> (emitted, right class).
    pub per_type: BTreeMap<String, (usize, usize)>,
    pub confusion: Confusion,
}

/// The ConfliBERT class of a statement type. The classes follow CAMEO roots: 0 is 01–02
/// (statements and appeals), 1 is 03–05, 2 is 06–08, 3 is 09–16 (including sanctions and
/// reduced relations), 4 is 17–20; each PLOVER type takes the class of the roots it comes from.
pub fn pentaclass(t: StatementType) -> u8 {
    use StatementType::*;
    match t {
        Request => 0,
        Agree | Consult | Support | Ally => 1,
        Cooperate | Aid | Retreat | Concede => 2,
        Accuse | Reject | Threaten | Protest | Dispute | Claim | Sanction | Mobilize | Tariff => 3,
        Coerce | Assault => 4,
        MemberOf | LeaderOf => 0,
    }
}

/// The class CAMEO gives a statement with its modality: intended cooperation is coded 03
/// "express intent to cooperate", possible cooperation ("is considering sending aid") 014
/// "consider policy option", refused cooperation 12 "reject", and a call on someone to act
/// 02 "appeal". A possible attack stays an attack ("may have launched").
/// A request made as a demand is CAMEO 10 "demand", a verbal conflict, not 02 "appeal".
pub fn cameo_class(statement: &Statement) -> u8 {
    let class = match (statement.statement_type, statement.mode.as_deref()) {
        (StatementType::Request, Some("demand")) => 3,
        (t, _) => pentaclass(t),
    };
    match statement.modality {
        Modality::Request => 0,
        Modality::Planned => match class {
            2 => 1,
            other => other,
        },
        Modality::Hypothetical => match class {
            2 => 0,
            other => other,
        },
        Modality::Negated => match class {
            1 | 2 => 3,
            conflict => conflict,
        },
        Modality::Asserted | Modality::Reported => class,
    }
}

const CLASS_NAMES: [&str; 5] = [
    "0-statement",
    "1-verbal-coop",
    "2-material-coop",
    "3-verbal-conflict",
    "4-material-conflict",
];

/// Character range of an argument's text in the sentence. The gold arguments are tokenised
/// ("Nigerian Air Force ( NAF )", "Trump 's decision"), so spaces are ignored in matching.
fn span_of(text: &str, arg: &str) -> Option<(usize, usize)> {
    let letters: Vec<(usize, char)> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    let wanted: Vec<char> = arg.chars().filter(|c| !c.is_whitespace()).collect();
    if wanted.is_empty() {
        return None;
    }
    let at = letters
        .windows(wanted.len())
        .position(|w| w.iter().map(|(_, c)| c).eq(wanted.iter()))?;
    Some((letters[at].0, letters[at + wanted.len() - 1].0 + 1))
}

/// Whether an actor overlaps one of the gold spans of a role (a role may list several:
/// "Somalia", "Ethiopia" and "Kenya" all received the aid).
fn overlaps(actors: &[ActorRef], spans: &[(usize, usize)]) -> bool {
    actors.iter().any(|x| {
        spans
            .iter()
            .any(|&(a, b)| matches!((x.start, x.end), (Some(s), Some(e)) if s < b && a < e))
    })
}

pub fn evaluate(extractor: &Extractor, rows: &[Row]) -> ConflibertReport {
    let mut report = ConflibertReport {
        sentences: rows.len(),
        ..ConflibertReport::default()
    };
    for row in rows {
        let statements = extractor.extract(&Document::new(row.text.clone()), None);
        let spans = |role: &str| -> Vec<(usize, usize)> {
            row.args
                .iter()
                .flatten()
                .filter(|a| a.role == role)
                .filter_map(|a| span_of(&row.text, &a.text))
                .collect()
        };
        let (source, target) = (spans("source"), spans("target"));
        let both = !source.is_empty() && !target.is_empty();
        report.with_both += usize::from(both);
        let mut found = false;
        for s in &statements {
            let right_class = cameo_class(s) == row.pentaclass;
            let actors_ok = (source.is_empty()
                || overlaps(&s.source, &source)
                || s.symmetric && overlaps(&s.target, &source))
                && (target.is_empty()
                    || overlaps(&s.target, &target)
                    || s.symmetric && overlaps(&s.source, &target));
            report.statements += 1;
            report.right_class += usize::from(right_class);
            report.right_class_and_actors += usize::from(right_class && actors_ok);
            if !matches!(s.modality, Modality::Negated | Modality::Hypothetical) {
                report.event_statements += 1;
                report.event_right_class += usize::from(right_class);
            }
            let entry = report
                .per_type
                .entry(s.statement_type.as_str().to_owned())
                .or_default();
            entry.0 += 1;
            entry.1 += usize::from(right_class);
            found |= both && right_class && actors_ok;
        }
        report.found_with_both += usize::from(found);
        let best = statements
            .iter()
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
            .map_or("none", |s| CLASS_NAMES[usize::from(cameo_class(s))]);
        report
            .confusion
            .add(CLASS_NAMES[usize::from(row.pentaclass.min(4))], best);
    }
    report
}

impl fmt::Display for ConflibertReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {}", self.sentences)?;
        writeln!(
            f,
            "with source and target in gold: {} found with right class and both actors: {} ({:.3})",
            self.with_both,
            self.found_with_both,
            ratio(self.found_with_both, self.with_both)
        )?;
        writeln!(
            f,
            "statements {}: right class {} (precision {:.3}), right class and actors {} (precision {:.3})",
            self.statements,
            self.right_class,
            ratio(self.right_class, self.statements),
            self.right_class_and_actors,
            ratio(self.right_class_and_actors, self.statements)
        )?;
        writeln!(
            f,
            "not negated or hypothetical {}: right class {} (precision {:.3})",
            self.event_statements,
            self.event_right_class,
            ratio(self.event_right_class, self.event_statements)
        )?;
        writeln!(
            f,
            "  {:<12} {:>8} {:>8} {:>6}",
            "type", "emitted", "right", "P"
        )?;
        for (t, (emitted, right)) in &self.per_type {
            writeln!(
                f,
                "  {t:<12} {emitted:>8} {right:>8} {:>6.3}",
                ratio(*right, *emitted)
            )?;
        }
        writeln!(
            f,
            "confusion (gold class by class of the most confident statement)"
        )?;
        write!(f, "{}", self.confusion)
    }
}

#[cfg(test)]
mod tests {
    use super::{cameo_class, evaluate, span_of, Arg, Row};
    use crate::document::Document;
    use crate::extract::Extractor;

    #[test]
    fn aid_is_coded_as_done_intended_or_considered() {
        let extractor = Extractor::bundled().unwrap();
        let class = |text: &str| {
            let statements = extractor.extract(&Document::new(text.to_owned()), None);
            assert_eq!(statements.len(), 1, "{text}: {statements:?}");
            cameo_class(&statements[0])
        };
        assert_eq!(class("Japan sent aid to North Korea."), 2);
        assert_eq!(class("Japan will send aid to North Korea."), 1, "03 intent");
        assert_eq!(
            class("Japan is considering sending aid to North Korea."),
            0,
            "014 consider policy option"
        );
    }

    #[test]
    fn tokenised_arguments_are_found_in_the_sentence() {
        let text = "Nigerian Air Force (NAF) said Trump's decision was wrong.";
        assert_eq!(span_of(text, "Nigerian Air Force ( NAF )"), Some((0, 24)));
        assert_eq!(span_of(text, "Trump 's decision"), Some((30, 46)));
        assert_eq!(span_of(text, "Kremlin"), None);
    }

    #[test]
    fn an_actor_may_overlap_any_gold_span_of_its_role() {
        let text = "The EU sent aid to people in Somalia, Ethiopia and Kenya.";
        let rows = vec![Row {
            text: text.into(),
            pentaclass: 2,
            args: Some(vec![
                Arg {
                    role: "source".into(),
                    text: "The EU".into(),
                },
                Arg {
                    role: "target".into(),
                    text: "people in Somalia".into(),
                },
                Arg {
                    role: "target".into(),
                    text: "Kenya".into(),
                },
            ]),
        }];
        let report = evaluate(&Extractor::bundled().unwrap(), &rows);
        assert_eq!((report.with_both, report.found_with_both), (1, 1));
    }
}
