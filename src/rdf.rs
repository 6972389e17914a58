//! Statements as RDF: one named graph per document, events and relations as nodes
//! (the W3C n-ary relation pattern) with PROV-O provenance back to the sentence.

use crate::document::Document;
use crate::extract::EXTRACTOR_VERSION;
use crate::model::{ActorRef, Kind, Statement};
use crate::vocab::{self, ACTOR, DOC, GK, PLOVER, PROV, SCHEMA, XSD};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeSet;

/// The IRI of a document's node, which also names its graph.
pub fn document_iri(document: &Document) -> NamedNode {
    let hex = document.hash.trim_start_matches("sha256:");
    NamedNode::new_unchecked(format!("{DOC}{hex}"))
}

fn iri(s: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn gk(local: &str) -> NamedNode {
    iri(format!("{GK}{local}"))
}

fn typed(value: impl Into<String>, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, iri(format!("{XSD}{datatype}")))
}

/// The IRI of the actor a reference is coded to (`actor:USA`), if it is coded.
pub fn actor_iri(actor: &ActorRef) -> Option<NamedNode> {
    actor
        .country
        .as_ref()
        .map(|code| iri(format!("{ACTOR}{code}")))
}

/// The IRI of the entity literally named, when it is not the coded actor itself.
fn entity_iri(actor: &ActorRef) -> Option<NamedNode> {
    let key = actor.entity.as_ref()?;
    (Some(key) != actor.country.as_ref()).then(|| iri(vocab::entity_iri(key)))
}

/// Builds the quads of one document's graph.
pub struct GraphBuilder {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphBuilder {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o.into(),
            self.graph.clone(),
        ));
    }
}

/// Every quad of a document and its statements, in its own named graph.
pub fn document_quads(document: &Document, statements: &[Statement]) -> Vec<Quad> {
    let doc = document_iri(document);
    let mut b = GraphBuilder {
        graph: GraphName::NamedNode(doc.clone()),
        quads: Vec::new(),
    };
    let rdf_type = iri(vocab::RDF_TYPE);
    b.add(&doc, rdf_type.clone(), gk("Document"));
    b.add(&doc, rdf_type.clone(), iri(format!("{PROV}Entity")));
    b.add(
        &doc,
        gk("contentHash"),
        Literal::new_simple_literal(&document.hash),
    );
    if document.id != document.hash {
        b.add(
            &doc,
            gk("sourceId"),
            Literal::new_simple_literal(&document.id),
        );
    }
    if let Some(url) = &document.url {
        b.add(
            &doc,
            iri(format!("{SCHEMA}url")),
            typed(url.clone(), "anyURI"),
        );
    }
    if let Some(title) = &document.title {
        b.add(
            &doc,
            iri(format!("{SCHEMA}headline")),
            Literal::new_simple_literal(title),
        );
    }
    if let Some(date) = document.published {
        b.add(
            &doc,
            iri(format!("{SCHEMA}datePublished")),
            typed(date.to_string(), "date"),
        );
    }
    let activity = iri(format!("{}#extraction", doc.as_str()));
    b.add(&activity, rdf_type.clone(), iri(format!("{PROV}Activity")));
    b.add(&activity, iri(format!("{PROV}used")), doc.clone());
    b.add(
        &activity,
        gk("extractorVersion"),
        Literal::new_simple_literal(EXTRACTOR_VERSION),
    );

    let mut sentences = BTreeSet::new();
    let mut unlinked = Vec::new();
    for (n, statement) in statements.iter().enumerate() {
        let node = iri(format!("{}/s/{n}", doc.as_str()));
        let sentence = iri(format!("{}/sentence/{}", doc.as_str(), statement.sentence));
        let class = match statement.kind {
            Kind::Event => "Event",
            Kind::Relation => "Relation",
        };
        b.add(&node, rdf_type.clone(), gk(class));
        let type_iri = match statement.kind {
            Kind::Event => iri(format!("{PLOVER}{}", statement.statement_type)),
            Kind::Relation => gk(statement.statement_type.as_str()),
        };
        b.add(&node, gk("statementType"), type_iri);
        if let Some(mode) = &statement.mode {
            b.add(&node, gk("mode"), Literal::new_simple_literal(mode));
        }
        b.add(
            &node,
            gk("modality"),
            gk(&capitalise(statement.modality.as_str())),
        );
        if statement.symmetric {
            b.add(&node, gk("symmetric"), Literal::from(true));
        }
        for (side, entity_side, actors) in [
            ("source", "sourceEntity", &statement.source),
            ("target", "targetEntity", &statement.target),
        ] {
            for actor in actors {
                if let Some(actor_node) = actor_iri(actor) {
                    b.add(&node, gk(side), actor_node);
                }
                if let Some(entity) = entity_iri(actor) {
                    b.add(&node, gk(entity_side), entity);
                    unlinked.push(actor.clone());
                }
            }
        }
        if let Some(speaker) = &statement.speaker {
            if let Some(entity) = entity_iri(speaker).or_else(|| actor_iri(speaker)) {
                b.add(&node, gk("speaker"), entity);
                unlinked.push(speaker.clone());
            }
        }
        if let Some(time) = &statement.time {
            let datatype = match time.len() {
                4 => "gYear",
                7 => "gYearMonth",
                _ => "date",
            };
            b.add(&node, gk("time"), typed(time.clone(), datatype));
        }
        if let Some(place) = &statement.place {
            let place_iri = match (&place.qid, &place.country) {
                (Some(qid), _) => iri(format!("{}{qid}", vocab::PLACE)),
                (None, Some(code)) => iri(format!("{ACTOR}{code}")),
                (None, None) => continue,
            };
            b.add(&node, gk("place"), place_iri);
        }
        for topic in &statement.topics {
            b.add(&node, gk("topic"), Literal::new_simple_literal(topic));
        }
        b.add(
            &node,
            gk("confidence"),
            typed(format!("{:.2}", statement.confidence), "decimal"),
        );
        b.add(&node, gk("evidence"), sentence.clone());
        b.add(
            &node,
            gk("evidenceText"),
            Literal::new_simple_literal(&statement.evidence),
        );
        b.add(
            &node,
            gk("evidenceStart"),
            Literal::from(statement.evidence_start as i64),
        );
        b.add(
            &node,
            gk("evidenceEnd"),
            Literal::from(statement.evidence_end as i64),
        );
        b.add(&node, iri(format!("{PROV}wasDerivedFrom")), doc.clone());
        b.add(
            &node,
            iri(format!("{PROV}wasGeneratedBy")),
            activity.clone(),
        );
        if sentences.insert(statement.sentence) {
            b.add(&sentence, rdf_type.clone(), gk("Sentence"));
            b.add(&sentence, gk("document"), doc.clone());
            b.add(
                &sentence,
                gk("index"),
                Literal::from(statement.sentence as i64),
            );
            b.add(
                &sentence,
                gk("text"),
                Literal::new_simple_literal(&statement.sentence_text),
            );
            b.add(
                &sentence,
                gk("start"),
                Literal::from(statement.start as i64),
            );
            b.add(&sentence, gk("end"), Literal::from(statement.end as i64));
        }
    }
    // Entities the gazetteer lacks ("George Glass") are described where they were found, so
    // that `geokg link` can give them a Wikidata item later without touching the statements.
    for actor in unlinked {
        let Some(key) = actor.entity.as_ref().filter(|k| k.starts_with("x/")) else {
            continue;
        };
        let node = iri(vocab::entity_iri(key));
        b.add(&node, rdf_type.clone(), gk("Person"));
        let label = actor.label.as_deref().unwrap_or(&actor.text);
        b.add(
            &node,
            iri(vocab::RDFS_LABEL),
            Literal::new_simple_literal(label),
        );
        if let Some(code) = actor_iri(&actor) {
            b.add(&node, gk("actsFor"), code);
        }
    }
    let mut quads = b.quads;
    let mut seen = std::collections::HashSet::new();
    quads.retain(|q| seen.insert(q.clone()));
    quads
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
