//! Counts, precision/recall/F1 and a confusion table.

use std::collections::BTreeMap;
use std::fmt::{self, Write};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

pub fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Counts by label, printed as a table with a total row.
#[derive(Debug, Default, Clone)]
pub struct PerLabel(pub BTreeMap<String, Counts>);

impl PerLabel {
    pub fn entry(&mut self, label: &str) -> &mut Counts {
        self.0.entry(label.to_owned()).or_default()
    }

    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        self.0.values().for_each(|c| total.add(*c));
        total
    }
}

impl fmt::Display for PerLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  {:<12} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "tp", "fp", "fn", "P", "R", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, label: &str, c: &Counts| {
            writeln!(
                f,
                "  {label:<12} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                c.true_positives,
                c.false_positives,
                c.false_negatives,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (label, counts) in &self.0 {
            row(f, label, counts)?;
        }
        row(f, "all", &self.total())
    }
}

/// Gold label by predicted label.
#[derive(Debug, Default, Clone)]
pub struct Confusion(pub BTreeMap<(String, String), usize>);

impl Confusion {
    pub fn add(&mut self, gold: &str, predicted: &str) {
        *self
            .0
            .entry((gold.to_owned(), predicted.to_owned()))
            .or_default() += 1;
    }
}

impl fmt::Display for Confusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut golds: Vec<&String> = self.0.keys().map(|(g, _)| g).collect();
        let mut predicted: Vec<&String> = self.0.keys().map(|(_, p)| p).collect();
        golds.sort();
        golds.dedup();
        predicted.sort();
        predicted.dedup();
        let width = predicted.iter().map(|p| p.len()).max().unwrap_or(4).max(4);
        let first = golds.iter().map(|g| g.len()).max().unwrap_or(0).max(11);
        let mut header = format!("  {:<first$}", "gold \\ pred");
        for p in &predicted {
            write!(header, " {p:>width$}")?;
        }
        writeln!(f, "{header}")?;
        for g in golds {
            let mut line = format!("  {g:<first$}");
            for p in &predicted {
                let n = self.0.get(&(g.clone(), (*p).clone())).copied().unwrap_or(0);
                write!(line, " {n:>width$}")?;
            }
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}
