//! Statements as RDF: one named graph per document, events and relations as nodes
//! (the W3C n-ary relation pattern) with PROV-O provenance back to the sentence.

use crate::document::Document;
use crate::extract::EXTRACTOR_VERSION;
use crate::model::{ActorRef, Kind, Statement};
use crate::vocab::{
    self, ACTOR, DOC, GK, PLOVER, PROV, SCHEMA, UNLISTED, UNLISTED_ORGANISATION, XSD,
};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeSet;

/// The IRI of a document's node, which also names its graph.
pub fn document_iri(document: &Document) -> NamedNode {
    let hex = document.hash().trim_start_matches("sha256:");
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

/// The IRI of the actor a reference is coded to (`actor:USA`, `actor:COP`), if it is coded.
pub fn actor_iri(actor: &ActorRef) -> Option<NamedNode> {
    actor.code().map(|code| iri(format!("{ACTOR}{code}")))
}

/// The IRI of the entity literally named, when it is not the coded actor itself.
fn entity_iri(actor: &ActorRef) -> Option<NamedNode> {
    let key = actor.entity.as_ref()?;
    (Some(key.as_str()) != actor.code()).then(|| iri(vocab::entity_iri(key)))
}

/// Builds the quads of one document's graph.
struct GraphBuilder {
    doc: NamedNode,
    activity: NamedNode,
    graph: GraphName,
    quads: Vec<Quad>,
    sentences: BTreeSet<usize>,
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

    fn text(&mut self, s: &NamedNode, p: &str, value: &str) {
        self.add(s, gk(p), Literal::new_simple_literal(value));
    }

    fn integer(&mut self, s: &NamedNode, p: &str, value: usize) {
        self.add(s, gk(p), Literal::from(value as i64));
    }

    /// The document node and the extraction activity that read it.
    fn document(&mut self, document: &Document) {
        let (doc, activity) = (self.doc.clone(), self.activity.clone());
        self.add(&doc, iri(vocab::RDF_TYPE), gk("Document"));
        self.add(&doc, iri(vocab::RDF_TYPE), iri(format!("{PROV}Entity")));
        self.text(&doc, "contentHash", document.hash());
        if let Some(id) = document.source_id() {
            self.text(&doc, "sourceId", id);
        }
        if let Some(url) = &document.url {
            self.add(
                &doc,
                iri(format!("{SCHEMA}url")),
                typed(url.clone(), "anyURI"),
            );
        }
        if let Some(title) = &document.title {
            self.add(
                &doc,
                iri(format!("{SCHEMA}headline")),
                Literal::new_simple_literal(title),
            );
        }
        if let Some(date) = document.published {
            self.add(
                &doc,
                iri(format!("{SCHEMA}datePublished")),
                typed(date.to_string(), "date"),
            );
        }
        self.add(
            &activity,
            iri(vocab::RDF_TYPE),
            iri(format!("{PROV}Activity")),
        );
        self.add(&activity, iri(format!("{PROV}used")), doc);
        self.text(&activity, "extractorVersion", EXTRACTOR_VERSION);
    }

    /// Statement `n` as a node, with its evidence.
    fn statement(&mut self, n: usize, statement: &Statement) {
        let node = iri(format!("{}/s/{n}", self.doc.as_str()));
        let class = match statement.kind {
            Kind::Event => "Event",
            Kind::Relation => "Relation",
        };
        self.add(&node, iri(vocab::RDF_TYPE), gk(class));
        let type_iri = match statement.kind {
            Kind::Event => iri(format!("{PLOVER}{}", statement.statement_type)),
            Kind::Relation => gk(statement.statement_type.as_str()),
        };
        self.add(&node, gk("statementType"), type_iri);
        if let Some(mode) = &statement.mode {
            self.text(&node, "mode", mode);
        }
        self.add(
            &node,
            gk("modality"),
            gk(&capitalise(statement.modality.as_str())),
        );
        if statement.symmetric {
            self.add(&node, gk("symmetric"), Literal::from(true));
        }
        for (side, entity_side, actors) in [
            ("source", "sourceEntity", &statement.source),
            ("target", "targetEntity", &statement.target),
        ] {
            for actor in actors {
                // A person no state is named for acts as themself.
                let acting = actor_iri(actor).or_else(|| entity_iri(actor));
                if let Some(actor_node) = acting {
                    self.add(&node, gk(side), actor_node);
                }
                if let Some(entity) = entity_iri(actor) {
                    self.add(&node, gk(entity_side), entity);
                    self.unlisted(actor);
                }
            }
        }
        if let Some(speaker) = &statement.speaker {
            if let Some(entity) = entity_iri(speaker).or_else(|| actor_iri(speaker)) {
                self.add(&node, gk("speaker"), entity);
                self.unlisted(speaker);
            }
        }
        if let Some(time) = &statement.time {
            let datatype = match time.len() {
                4 => "gYear",
                7 => "gYearMonth",
                _ => "date",
            };
            self.add(&node, gk("time"), typed(time.clone(), datatype));
        }
        if let Some(key) = statement.place.as_ref().and_then(|p| p.entity.as_ref()) {
            self.add(&node, gk("place"), iri(vocab::entity_iri(key)));
        }
        for topic in &statement.topics {
            self.text(&node, "topic", topic);
        }
        self.add(
            &node,
            gk("confidence"),
            typed(format!("{:.2}", statement.confidence), "decimal"),
        );
        let sentence = self.sentence(statement);
        self.add(&node, gk("evidence"), sentence);
        self.text(&node, "evidenceText", &statement.evidence);
        self.integer(&node, "evidenceStart", statement.evidence_start);
        self.integer(&node, "evidenceEnd", statement.evidence_end);
        let (doc, activity) = (self.doc.clone(), self.activity.clone());
        self.add(&node, iri(format!("{PROV}wasDerivedFrom")), doc);
        self.add(&node, iri(format!("{PROV}wasGeneratedBy")), activity);
    }

    /// The node of the statement's sentence, described once per document.
    fn sentence(&mut self, statement: &Statement) -> NamedNode {
        let node = iri(format!(
            "{}/sentence/{}",
            self.doc.as_str(),
            statement.sentence
        ));
        if self.sentences.insert(statement.sentence) {
            let doc = self.doc.clone();
            self.add(&node, iri(vocab::RDF_TYPE), gk("Sentence"));
            self.add(&node, gk("document"), doc);
            self.integer(&node, "index", statement.sentence);
            self.text(&node, "text", &statement.sentence_text);
            self.integer(&node, "start", statement.start);
            self.integer(&node, "end", statement.end);
        }
        node
    }

    /// A person or organisation the gazetteer lacks ("George Glass", "the Nigeria Labour
    /// Congress") is described where it was found, so that `geokg link` can give it a
    /// Wikidata item later without touching the statements.
    fn unlisted(&mut self, actor: &ActorRef) {
        let Some(key) = actor.entity.as_ref().filter(|k| k.starts_with(UNLISTED)) else {
            return;
        };
        let node = iri(vocab::entity_iri(key));
        let class = if key.starts_with(UNLISTED_ORGANISATION) {
            "UnlistedOrganisation"
        } else {
            "Person"
        };
        self.add(&node, iri(vocab::RDF_TYPE), gk(class));
        let label = actor.label.as_deref().unwrap_or(&actor.text);
        self.add(
            &node,
            iri(vocab::RDFS_LABEL),
            Literal::new_simple_literal(label),
        );
        if let Some(code) = actor_iri(actor) {
            self.add(&node, gk("actsFor"), code);
        }
        // "US Secretary of State Marco Rubio": the words around the name tell the linker
        // that Wikidata's office holder is meant, not a namesake.
        if actor.text != label {
            self.add(
                &node,
                gk("mentionedAs"),
                Literal::new_simple_literal(&actor.text),
            );
        }
    }
}

/// Every quad of a document and its statements, in its own named graph, each once.
pub fn document_quads(document: &Document, statements: &[Statement]) -> Vec<Quad> {
    let doc = document_iri(document);
    let mut builder = GraphBuilder {
        activity: iri(format!("{}#extraction", doc.as_str())),
        graph: GraphName::NamedNode(doc.clone()),
        doc,
        quads: Vec::new(),
        sentences: BTreeSet::new(),
    };
    builder.document(document);
    for (n, statement) in statements.iter().enumerate() {
        builder.statement(n, statement);
    }
    let mut seen = std::collections::HashSet::new();
    builder.quads.retain(|q| seen.insert(q.clone()));
    builder.quads
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
