//! Linking actors to Wikidata. Offline (the default) the gazetteer's ids do it as mentions are
//! found; online, on request, the persons it lacks ("George Glass") are looked up in Wikidata
//! and linked only when one candidate fits: a human, of the country they act for.

pub mod cache;
pub mod client;

use crate::store::{GraphStore, StoreError};
use crate::vocab::{GRAPH_LINKS, OWL_SAME_AS, RDFS_LABEL, SCHEMA, WD};
use client::{Item, LinkError, WikidataClient};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use oxigraph::sparql::QueryResults;

/// Wikidata's "human".
const HUMAN: &str = "Q5";
/// How many search results to weigh.
const CANDIDATES: usize = 7;

/// A person in the store without a Wikidata item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub iri: String,
    pub label: String,
    /// Wikidata id of the state they act for, when known.
    pub country: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LinkReport {
    pub linked: Vec<(String, String)>,
    /// No candidate, or several that fit equally: left unlinked on purpose.
    pub refused: Vec<String>,
    /// The service failed; these can be linked by a later run.
    pub failed: Vec<(String, String)>,
}

const UNLINKED: &str = r#"
PREFIX gk: <https://w3id.org/geokg/ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?label ?country WHERE {
  ?entity a gk:Person ; rdfs:label ?label .
  FILTER (STRSTARTS(STR(?entity), "https://w3id.org/geokg/actor/x/"))
  FILTER NOT EXISTS { ?entity owl:sameAs ?item }
  OPTIONAL { ?entity gk:actsFor/owl:sameAs ?country }
}
ORDER BY ?entity"#;

/// Persons the gazetteer lacks and no earlier run linked.
pub fn unlinked(store: &GraphStore) -> Result<Vec<Unlinked>, StoreError> {
    let data_error = |message: String| StoreError::Data {
        origin: "link".into(),
        message,
    };
    let QueryResults::Solutions(solutions) = store.evaluate(UNLINKED, "link")? else {
        return Ok(Vec::new());
    };
    let mut found: Vec<Unlinked> = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| data_error(e.to_string()))?;
        let (Some(Term::NamedNode(entity)), Some(Term::Literal(label))) =
            (solution.get("entity"), solution.get("label"))
        else {
            continue;
        };
        if found.last().is_some_and(|u| u.iri == entity.as_str()) {
            continue;
        }
        let country = match solution.get("country") {
            Some(Term::NamedNode(c)) => c.as_str().strip_prefix(WD).map(str::to_owned),
            _ => None,
        };
        found.push(Unlinked {
            iri: entity.as_str().to_owned(),
            label: label.value().to_owned(),
            country,
        });
    }
    Ok(found)
}

/// The one candidate that is a human and, when the country is known, its citizen.
pub fn choose<'a>(person: &Unlinked, candidates: &'a [Item]) -> Option<&'a Item> {
    let fitting: Vec<&Item> = candidates
        .iter()
        .filter(|c| c.instance_of.iter().any(|i| i == HUMAN))
        .filter(|c| {
            person
                .country
                .as_ref()
                .is_none_or(|q| c.citizenship.contains(q))
        })
        .collect();
    match fitting[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// Links every unlinked person it can; a failing service leaves the rest for later.
pub fn link_store(store: &GraphStore, client: &WikidataClient) -> Result<LinkReport, StoreError> {
    let mut report = LinkReport::default();
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(GRAPH_LINKS));
    let mut quads = Vec::new();
    for person in unlinked(store)? {
        let looked_up = client.search(&person.label, CANDIDATES).and_then(|hits| {
            let ids: Vec<String> = hits.into_iter().map(|h| h.id).collect();
            client.items(&ids)
        });
        let candidates = match looked_up {
            Ok(candidates) => candidates,
            Err(error) => {
                report
                    .failed
                    .push((person.label.clone(), error.to_string()));
                continue;
            }
        };
        let Some(item) = choose(&person, &candidates) else {
            report.refused.push(person.label.clone());
            continue;
        };
        let entity = NamedNode::new_unchecked(&person.iri);
        let wd = NamedNode::new_unchecked(format!("{WD}{}", item.id));
        quads.push(Quad::new(
            entity,
            NamedNode::new_unchecked(OWL_SAME_AS),
            wd.clone(),
            graph.clone(),
        ));
        if let Some(label) = &item.label {
            quads.push(Quad::new(
                wd.clone(),
                NamedNode::new_unchecked(RDFS_LABEL),
                Literal::new_language_tagged_literal_unchecked(label, "en"),
                graph.clone(),
            ));
        }
        if let Some(description) = &item.description {
            quads.push(Quad::new(
                wd.clone(),
                NamedNode::new_unchecked(format!("{SCHEMA}description")),
                Literal::new_language_tagged_literal_unchecked(description, "en"),
                graph.clone(),
            ));
        }
        report.linked.push((person.label.clone(), item.id.clone()));
    }
    store.insert_all(&quads)?;
    Ok(report)
}

impl From<LinkError> for StoreError {
    fn from(error: LinkError) -> Self {
        StoreError::Data {
            origin: "wikidata".into(),
            message: error.to_string(),
        }
    }
}
