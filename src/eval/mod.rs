//! `geokg eval`: the extractor scored against gold files.
//!
//! The format of a file is told by its first line: `events` (geokg's own gold),
//! `pentaclass` (ConfliBERT), `cameo` (CAMEO codebook examples) or `labels` (entity linking
//! in the ELEVANT format: KORE50, Reuters-128) or `evt_triggers` (RAMS).

pub mod cameo;
pub mod conflibert;
pub mod gold;
pub mod linking;
pub mod metrics;
pub mod rams;

use crate::extract::Extractor;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Line {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: not a gold file geokg knows (expected lines with `events`, `pentaclass`, `cameo`, `labels` or `evt_triggers`)")]
    UnknownFormat { path: String },
}

pub enum Report {
    Gold(gold::GoldReport),
    Conflibert(conflibert::ConflibertReport),
    Cameo(cameo::CameoReport),
    Linking(linking::LinkingReport),
    Rams(rams::RamsReport),
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Report::Gold(r) => write!(f, "{r}"),
            Report::Conflibert(r) => write!(f, "{r}"),
            Report::Cameo(r) => write!(f, "{r}"),
            Report::Linking(r) => write!(f, "{r}"),
            Report::Rams(r) => write!(f, "{r}"),
        }
    }
}

fn parse_lines<T: DeserializeOwned>(path: &str, text: &str) -> Result<Vec<T>, EvalError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| EvalError::Line {
                path: path.into(),
                line: n + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// Scores the extractor on one gold file; `linking` reads it as entity-linking gold whatever
/// its first line says.
pub fn evaluate_file(
    extractor: &Extractor,
    path: &Path,
    linking: bool,
) -> Result<Report, EvalError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: name.clone(),
        source,
    })?;
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let keys: serde_json::Value = serde_json::from_str(first).unwrap_or_default();
    let has = |key: &str| keys.get(key).is_some();
    Ok(if linking || has("labels") {
        Report::Linking(linking::evaluate(extractor, &parse_lines(&name, &text)?))
    } else if has("events") {
        Report::Gold(gold::evaluate(extractor, &parse_lines(&name, &text)?))
    } else if has("pentaclass") {
        Report::Conflibert(conflibert::evaluate(extractor, &parse_lines(&name, &text)?))
    } else if has("evt_triggers") {
        Report::Rams(rams::evaluate(extractor, &parse_lines(&name, &text)?))
    } else if has("cameo") {
        Report::Cameo(cameo::evaluate(extractor, &parse_lines(&name, &text)?))
    } else {
        return Err(EvalError::UnknownFormat { path: name });
    })
}
