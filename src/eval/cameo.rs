//! CAMEO codebook examples with the PLOVER type their code maps to.

use super::metrics::ratio;
use crate::document::Document;
use crate::extract::Extractor;
use crate::model::StatementType;
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    pub cameo: String,
    #[serde(default)]
    pub plover: Option<String>,
    pub text: String,
}

#[derive(Debug, Default, Clone)]
pub struct CameoReport {
    pub examples: usize,
    pub with_plover: usize,
    pub found: usize,
    pub lines: Vec<String>,
}

pub fn evaluate(extractor: &Extractor, examples: &[Example]) -> CameoReport {
    let mut report = CameoReport {
        examples: examples.len(),
        ..CameoReport::default()
    };
    for example in examples {
        let statements = extractor.extract(&Document::new(example.text.clone()), None);
        let got: Vec<&str> = statements
            .iter()
            .map(|s| s.statement_type.as_str())
            .collect();
        let Some(want) = example
            .plover
            .as_deref()
            .and_then(|p| p.parse::<StatementType>().ok())
        else {
            report
                .lines
                .push(format!("  {} (no PLOVER type): got {got:?}", example.cameo));
            continue;
        };
        report.with_plover += 1;
        let hit = statements.iter().any(|s| s.statement_type == want);
        report.found += usize::from(hit);
        let mark = if hit { "ok  " } else { "MISS" };
        report
            .lines
            .push(format!("  {mark} {} {want}: got {got:?}", example.cameo));
    }
    report
}

impl fmt::Display for CameoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "examples {}, with a PLOVER type {}, found {} ({:.3})",
            self.examples,
            self.with_plover,
            self.found,
            ratio(self.found, self.with_plover)
        )?;
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}
