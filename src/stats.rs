//! Counts of what a store holds.

use crate::store::GraphStore;
use oxigraph::sparql::QueryResults;
use std::fmt;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub statements: u64,
    pub by_type: Vec<(String, u64)>,
    pub by_modality: Vec<(String, u64)>,
    pub actors: u64,
    pub derived_triples: u64,
    pub quads: u64,
}

const PREFIX: &str = "PREFIX gk: <https://w3id.org/geokg/ns#>\n";

fn rows(store: &GraphStore, query: &str) -> Result<Vec<Vec<String>>, String> {
    let QueryResults::Solutions(solutions) = store
        .evaluate(&format!("{PREFIX}{query}"), "stats")
        .map_err(|e| e.to_string())?
    else {
        return Err("expected a SELECT".into());
    };
    solutions
        .map(|s| {
            s.map(|s| {
                s.values()
                    .iter()
                    .map(|v| match v {
                        Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                        Some(t) => t.to_string(),
                        None => String::new(),
                    })
                    .collect()
            })
            .map_err(|e| e.to_string())
        })
        .collect()
}

fn count(store: &GraphStore, query: &str) -> Result<u64, String> {
    Ok(rows(store, query)?
        .first()
        .and_then(|r| r.first())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

fn grouped(store: &GraphStore, query: &str) -> Result<Vec<(String, u64)>, String> {
    Ok(rows(store, query)?
        .into_iter()
        .map(|r| {
            (
                r[0].rsplit(['#', '/'])
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('>')
                    .to_owned(),
                r[1].parse().unwrap_or(0),
            )
        })
        .collect())
}

impl Stats {
    pub fn of(store: &GraphStore) -> Result<Self, String> {
        Ok(Self {
            documents: count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?d a gk:Document }")?,
            statements: count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s gk:statementType ?t }")?,
            by_type: grouped(store, "SELECT ?t (COUNT(*) AS ?n) WHERE { ?s gk:statementType ?t } GROUP BY ?t ORDER BY DESC(?n) ?t")?,
            by_modality: grouped(store, "SELECT ?m (COUNT(*) AS ?n) WHERE { ?s gk:modality ?m } GROUP BY ?m ORDER BY DESC(?n) ?m")?,
            actors: count(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?s gk:source|gk:target ?a }")?,
            derived_triples: count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/geokg/graph/derived> { ?s ?p ?o } }")?,
            quads: store.inner().len().map_err(|e| e.to_string())? as u64,
        })
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents   {}", self.documents)?;
        writeln!(f, "statements  {}", self.statements)?;
        for (name, n) in &self.by_type {
            writeln!(f, "  {name:<12}{n}")?;
        }
        writeln!(f, "modality")?;
        for (name, n) in &self.by_modality {
            writeln!(f, "  {:<12}{n}", name.to_lowercase())?;
        }
        writeln!(f, "actors      {}", self.actors)?;
        writeln!(f, "derived     {} triples", self.derived_triples)?;
        write!(f, "quads       {}", self.quads)
    }
}
