//! Export of the store in RDF formats, with readable prefixes.

use crate::query::with_prefixes;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Triple};
use oxigraph::store::Store;
use std::collections::HashSet;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Trig,
    Nquads,
    Ntriples,
    Jsonld,
}

impl ExportFormat {
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::Trig => RdfFormat::TriG,
            Self::Nquads => RdfFormat::NQuads,
            Self::Ntriples => RdfFormat::NTriples,
            Self::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("output: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes one graph, or the whole store. Dataset formats (TriG, N-Quads, JSON-LD) keep the
/// named graphs; Turtle and N-Triples hold the triples of every graph, each once.
pub fn export(
    store: &Store,
    rdf_format: RdfFormat,
    graph: Option<&GraphName>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut serializer = with_prefixes(RdfSerializer::from_format(rdf_format)).for_writer(out);
    let quads = store.quads_for_pattern(None, None, None, graph.map(GraphName::as_ref));
    if rdf_format.supports_datasets() {
        for quad in quads {
            serializer.serialize_quad(&quad?)?;
        }
    } else {
        let mut seen: HashSet<Triple> = HashSet::new();
        for quad in quads {
            let triple = Triple::from(quad?);
            if seen.insert(triple.clone()) {
                serializer.serialize_triple(&triple)?;
            }
        }
    }
    serializer.finish()?;
    Ok(())
}
