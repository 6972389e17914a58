//! One document from text to stored graph: extract, map to RDF, replace its graph.

use crate::document::Document;
use crate::extract::Extractor;
use crate::rdf;
use crate::store::{GraphStore, Replaced, StoreError};
use chrono::NaiveDate;

/// What ingesting one document did.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub graph: String,
    pub statements: usize,
    pub replaced: Replaced,
}

/// Extracts `document` and stores its graph in one transaction. `date` anchors relative
/// dates when the document has no publication date.
pub fn ingest_document(
    store: &GraphStore,
    extractor: &Extractor,
    document: &Document,
    date: Option<NaiveDate>,
) -> Result<Ingested, StoreError> {
    let statements = extractor.extract(document, date);
    let quads = rdf::document_quads(document, &statements);
    let replaced = store.replace_document(document, &quads)?;
    Ok(Ingested {
        graph: rdf::document_iri(document).into_string(),
        statements: statements.len(),
        replaced,
    })
}
