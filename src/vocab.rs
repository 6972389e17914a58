//! IRIs of the geokg vocabulary and of the vocabularies it aligns with.
//!
//! One place for every namespace, so that the gazetteer reader, the RDF writer and the
//! queries agree on them.

use crate::model::EntityKind;

pub const GK: &str = "https://w3id.org/geokg/ns#";
pub const ACTOR: &str = "https://w3id.org/geokg/actor/";
pub const PLACE: &str = "https://w3id.org/geokg/place/";
pub const DOC: &str = "https://w3id.org/geokg/doc/";
pub const GRAPH: &str = "https://w3id.org/geokg/graph/";
pub const PLOVER: &str = "https://w3id.org/geokg/plover#";
pub const WD: &str = "http://www.wikidata.org/entity/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "https://schema.org/";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
pub const GK_CODE: &str = "https://w3id.org/geokg/ns#code";
pub const GK_DEMONYM: &str = "https://w3id.org/geokg/ns#demonym";
pub const GK_SURNAME: &str = "https://w3id.org/geokg/ns#surname";
pub const GK_AMBIGUOUS_NAME: &str = "https://w3id.org/geokg/ns#ambiguousName";
pub const GK_KNOWN_BY_SURNAME: &str = "https://w3id.org/geokg/ns#knownBySurname";
pub const GK_ACTS_FOR: &str = "https://w3id.org/geokg/ns#actsFor";
pub const GK_DOCUMENT: &str = "https://w3id.org/geokg/ns#Document";
pub const GK_METONYM_FOR: &str = "https://w3id.org/geokg/ns#metonymFor";
pub const GK_LOCATED_IN: &str = "https://w3id.org/geokg/ns#locatedIn";
pub const GK_CAPITAL: &str = "https://w3id.org/geokg/ns#capital";

/// Named graphs of reference data, beside one graph per document.
pub const GRAPH_ONTOLOGY: &str = "https://w3id.org/geokg/graph/ontology";
pub const GRAPH_ACTORS: &str = "https://w3id.org/geokg/graph/actors";
pub const GRAPH_DERIVED: &str = "https://w3id.org/geokg/graph/derived";
/// Wikidata links found online, with the labels and descriptions fetched.
pub const GRAPH_LINKS: &str = "https://w3id.org/geokg/graph/links";

/// Prefixes for Turtle and TriG output and for the query table.
pub const PREFIXES: &[(&str, &str)] = &[
    ("gk", GK),
    ("actor", ACTOR),
    ("place", PLACE),
    ("doc", DOC),
    ("plover", PLOVER),
    ("wd", WD),
    ("prov", PROV),
    ("schema", SCHEMA),
    ("xsd", XSD),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("skos", SKOS),
];

/// Entity key prefix of what the gazetteer lacks: a person ("x/george-glass") or, under
/// [`UNLISTED_ORGANISATION`], an organisation ("x/org/nigeria-labour-congress").
pub const UNLISTED: &str = "x/";
pub const UNLISTED_ORGANISATION: &str = "x/org/";

/// `https://w3id.org/geokg/actor/USA` -> `USA`, `.../actor/person/Q1` -> `person/Q1`,
/// `.../place/Q956` -> `place/Q956`.
pub fn entity_key(iri: &str) -> Option<String> {
    if let Some(rest) = iri.strip_prefix(ACTOR) {
        return Some(rest.to_owned());
    }
    iri.strip_prefix(PLACE).map(|rest| format!("place/{rest}"))
}

/// The IRI of an entity key, inverse of [`entity_key`].
pub fn entity_iri(key: &str) -> String {
    match key.strip_prefix("place/") {
        Some(rest) => format!("{PLACE}{rest}"),
        None => format!("{ACTOR}{key}"),
    }
}

pub fn qid_of(iri: &str) -> Option<String> {
    iri.strip_prefix(WD).map(str::to_owned)
}

pub fn entity_kind_of_class(iri: &str) -> Option<EntityKind> {
    match iri.strip_prefix(GK)? {
        "State" => Some(EntityKind::State),
        "Person" => Some(EntityKind::Person),
        // A state body ("the Pentagon") is named like an organisation and acts for its state.
        "Organisation" | "StateBody" => Some(EntityKind::Organisation),
        "Place" => Some(EntityKind::Place),
        "Sector" => Some(EntityKind::Group),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_keys_round_trip() {
        for key in [
            "USA",
            "person/Q22686",
            "place/Q956",
            "x/george-glass",
            "x/org/nigeria-labour-congress",
        ] {
            assert_eq!(entity_key(&entity_iri(key)).as_deref(), Some(key));
        }
    }
}
