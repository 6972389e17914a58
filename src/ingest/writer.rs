//! The one writer: new documents gathered into batches and bulk-loaded, replacements in
//! transactions of their own. Every batch is atomic, so a crash loses whole documents only,
//! and the next run stores them because their graphs are absent.

use super::seen::SeenFilter;
use crate::store::{GraphStore, StoreError};
use oxigraph::model::{NamedNode, Quad};
use rustc_hash::FxHashSet;

/// What writing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    New,
    Replaced,
    /// Already stored (or earlier in this run) and not asked to replace.
    Skipped,
}

pub struct BatchWriter<'a> {
    store: &'a GraphStore,
    replace: bool,
    batch: Vec<Quad>,
    batch_graphs: FxHashSet<NamedNode>,
    /// Graphs replaced in this run, so that a document given twice is replaced once. Only
    /// kept with --replace; without it the store itself says what is done.
    replaced_graphs: FxHashSet<NamedNode>,
    /// Whether the store held documents when the run began; if not, only graphs this run
    /// may have written need asking about.
    store_had_documents: bool,
    written: SeenFilter,
    batch_quads: usize,
    quads_written: u64,
}

impl<'a> BatchWriter<'a> {
    /// Batches of about `batch_quads` quads; the bulk loader is worth it from a few thousand.
    /// `store_had_documents`: whether the store held any document when the run began.
    pub fn new(
        store: &'a GraphStore,
        replace: bool,
        batch_quads: usize,
        store_had_documents: bool,
    ) -> Self {
        Self {
            store,
            replace,
            batch: Vec::new(),
            batch_graphs: FxHashSet::default(),
            replaced_graphs: FxHashSet::default(),
            store_had_documents,
            written: SeenFilter::default(),
            batch_quads: batch_quads.max(1),
            quads_written: 0,
        }
    }

    /// Stores the quads of the document whose graph is `graph`.
    pub fn write(&mut self, graph: NamedNode, quads: Vec<Quad>) -> Result<Written, StoreError> {
        if self.batch_graphs.contains(&graph) || self.replaced_graphs.contains(&graph) {
            return Ok(Written::Skipped);
        }
        let maybe_stored = self.store_had_documents || self.written.may_contain(graph.as_str());
        if maybe_stored && self.store.inner().contains_named_graph(&graph)? {
            if !self.replace {
                return Ok(Written::Skipped);
            }
            self.store.replace_graph(&graph, &quads)?;
            self.quads_written += quads.len() as u64;
            self.replaced_graphs.insert(graph);
            return Ok(Written::Replaced);
        }
        self.batch.extend(quads);
        self.written.insert(graph.as_str());
        self.batch_graphs.insert(graph);
        if self.batch.len() >= self.batch_quads {
            self.flush()?;
        }
        Ok(Written::New)
    }

    /// Writes the pending batch.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        self.store.insert_atomically(&self.batch)?;
        self.quads_written += self.batch.len() as u64;
        self.batch.clear();
        self.batch_graphs.clear();
        crate::memory::release_freed();
        Ok(())
    }

    pub fn quads_written(&self) -> u64 {
        self.quads_written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    fn document(n: usize) -> (NamedNode, Vec<Quad>) {
        let graph = NamedNode::new(format!("{}sha256:{n:064x}", crate::vocab::DOC)).unwrap();
        let in_graph = GraphName::NamedNode(graph.clone());
        let quads = vec![
            Quad::new(
                graph.clone(),
                NamedNode::new(crate::vocab::RDF_TYPE).unwrap(),
                NamedNode::new(crate::vocab::GK_DOCUMENT).unwrap(),
                in_graph.clone(),
            ),
            Quad::new(
                graph.clone(),
                NamedNode::new(crate::vocab::RDFS_LABEL).unwrap(),
                Literal::from(format!("document {n}")),
                in_graph,
            ),
        ];
        (graph, quads)
    }

    fn write_all(writer: &mut BatchWriter<'_>, docs: &[usize]) -> Vec<Written> {
        let written = docs
            .iter()
            .map(|&n| {
                let (graph, quads) = document(n);
                writer.write(graph, quads).unwrap()
            })
            .collect();
        writer.flush().unwrap();
        written
    }

    #[test]
    fn a_fresh_store_still_skips_a_document_given_again_after_its_batch_was_written() {
        let store = GraphStore::in_memory().unwrap();
        let mut writer = BatchWriter::new(&store, false, 1, store.holds_documents().unwrap());
        assert!(!writer.store_had_documents);
        let written = write_all(&mut writer, &[1, 2, 1, 3, 2]);
        use Written::{New, Skipped};
        assert_eq!(written, [New, New, Skipped, New, Skipped]);
        assert_eq!(store.document_graphs().unwrap(), 3);
    }

    #[test]
    fn a_later_run_asks_the_store_about_every_document() {
        let store = GraphStore::in_memory().unwrap();
        write_all(
            &mut BatchWriter::new(&store, false, 1, store.holds_documents().unwrap()),
            &[1, 2],
        );
        let mut again = BatchWriter::new(&store, false, 1, store.holds_documents().unwrap());
        assert!(again.store_had_documents);
        use Written::{New, Skipped};
        assert_eq!(write_all(&mut again, &[2, 3, 1]), [Skipped, New, Skipped]);
        let mut replacing = BatchWriter::new(&store, true, 1, store.holds_documents().unwrap());
        assert_eq!(
            write_all(&mut replacing, &[3, 3]),
            [Written::Replaced, Skipped]
        );
    }
}
