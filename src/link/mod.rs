//! Linking actors to Wikidata. Offline (the default) the gazetteer's ids do it as mentions are
//! found; online, on request, the persons it lacks ("George Glass") and the organisations it
//! has no item for are looked up in Wikidata and linked only when one candidate fits: a human
//! of the country they act for (the office holder among namesakes, when a document gave the
//! person an office), or an organisation under the name the gazetteer knows.

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

/// What an unlinked actor is, which decides what a fitting candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlinkedKind {
    Person,
    Organisation,
}

/// A person or organisation in the store without a Wikidata item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub iri: String,
    pub label: String,
    pub kind: UnlinkedKind,
    /// Other names it goes by (an organisation's aliases).
    pub names: Vec<String>,
    /// Wikidata id of the state a person acts for, when known.
    pub country: Option<String>,
    /// A document named the person with an office ("US Secretary of State Marco Rubio").
    pub titled: bool,
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
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?kind ?label ?name ?country ?mentioned ?office WHERE {
  {
    ?entity a gk:Person ; rdfs:label ?label .
    BIND ("person" AS ?kind)
    OPTIONAL { ?entity gk:actsFor/owl:sameAs ?country }
    OPTIONAL { ?entity gk:mentionedAs ?mentioned }
    OPTIONAL { ?entity rdfs:comment ?office }
  } UNION {
    VALUES ?class { gk:Organisation gk:StateBody gk:UnlistedOrganisation }
    ?entity a ?class ; rdfs:label ?label .
    BIND ("organisation" AS ?kind)
    OPTIONAL { ?entity skos:altLabel ?name }
  }
  FILTER NOT EXISTS { ?entity owl:sameAs ?item }
}
ORDER BY ?entity"#;

/// Persons and organisations with no Wikidata item (the gazetteer's own without a checked
/// id, and every person it lacks), not linked by an earlier run.
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
        let literal = |name: &str| match solution.get(name) {
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        };
        if found.last().is_none_or(|u| u.iri != entity.as_str()) {
            let kind = match literal("kind").as_deref() {
                Some("organisation") => UnlinkedKind::Organisation,
                _ => UnlinkedKind::Person,
            };
            let country = match solution.get("country") {
                Some(Term::NamedNode(c)) => c.as_str().strip_prefix(WD).map(str::to_owned),
                _ => None,
            };
            found.push(Unlinked {
                iri: entity.as_str().to_owned(),
                label: label.value().to_owned(),
                kind,
                names: Vec::new(),
                country,
                titled: false,
            });
        }
        let last = found.last_mut().expect("pushed above");
        if let Some(name) = literal("name").filter(|n| !last.names.contains(n)) {
            last.names.push(name);
        }
        // The gazetteer's own persons are there for the office its comment names.
        last.titled |=
            literal("mentioned").is_some_and(|m| m != last.label) || literal("office").is_some();
    }
    Ok(found)
}

/// The one candidate that fits, or none. A person: a human and, when the country is known,
/// its citizen; among namesakes, the one office holder when a document gave the person an
/// office. An organisation: no human, named as the gazetteer names it.
pub fn choose<'a>(entity: &Unlinked, candidates: &'a [Item]) -> Option<&'a Item> {
    let human = |c: &Item| c.instance_of.iter().any(|i| i == HUMAN);
    let fitting: Vec<&Item> = match entity.kind {
        UnlinkedKind::Person => candidates
            .iter()
            .filter(|c| human(c))
            .filter(|c| {
                entity
                    .country
                    .as_ref()
                    .is_none_or(|q| c.citizenship.contains(q))
            })
            .collect(),
        UnlinkedKind::Organisation => {
            let plain = |name: &str| {
                let lower = name.to_lowercase();
                lower
                    .strip_prefix("the ")
                    .map(str::to_owned)
                    .unwrap_or(lower)
            };
            let ours: Vec<String> = std::iter::once(&entity.label)
                .chain(&entity.names)
                .map(|n| plain(n))
                .collect();
            candidates
                .iter()
                .filter(|c| !human(c))
                .filter(|c| {
                    c.label
                        .iter()
                        .chain(&c.aliases)
                        .any(|name| ours.contains(&plain(name)))
                })
                .collect()
        }
    };
    match fitting[..] {
        [one] => Some(one),
        [_, _, ..] if entity.titled => {
            let office_holders: Vec<&Item> = fitting
                .into_iter()
                .filter(|c| !c.positions.is_empty())
                .collect();
            match office_holders[..] {
                [one] => Some(one),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Links every unlinked person and organisation it can; a failing service leaves the rest
/// for later.
pub fn link_store(store: &GraphStore, client: &WikidataClient) -> Result<LinkReport, StoreError> {
    let mut report = LinkReport::default();
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(GRAPH_LINKS));
    let mut quads = Vec::new();
    for actor in unlinked(store)? {
        let looked_up = client.search(&actor.label, CANDIDATES).and_then(|hits| {
            let ids: Vec<String> = hits.into_iter().map(|h| h.id).collect();
            client.items(&ids)
        });
        let candidates = match looked_up {
            Ok(candidates) => candidates,
            Err(error) => {
                report.failed.push((actor.label.clone(), error.to_string()));
                continue;
            }
        };
        let Some(item) = choose(&actor, &candidates) else {
            report.refused.push(actor.label.clone());
            continue;
        };
        let entity = NamedNode::new_unchecked(&actor.iri);
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
        report.linked.push((actor.label.clone(), item.id.clone()));
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
