//! The one writer: new documents gathered into batches and bulk-loaded, replacements in
//! transactions of their own. Every batch is atomic, so a crash loses whole documents only,
//! and the next run stores them because their graphs are absent.

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
    batch_quads: usize,
    quads_written: u64,
}

impl<'a> BatchWriter<'a> {
    /// Batches of about `batch_quads` quads; the bulk loader is worth it from a few thousand.
    pub fn new(store: &'a GraphStore, replace: bool, batch_quads: usize) -> Self {
        Self {
            store,
            replace,
            batch: Vec::new(),
            batch_graphs: FxHashSet::default(),
            replaced_graphs: FxHashSet::default(),
            batch_quads: batch_quads.max(1),
            quads_written: 0,
        }
    }

    /// Stores the quads of the document whose graph is `graph`.
    pub fn write(&mut self, graph: NamedNode, quads: Vec<Quad>) -> Result<Written, StoreError> {
        if self.batch_graphs.contains(&graph) || self.replaced_graphs.contains(&graph) {
            return Ok(Written::Skipped);
        }
        if self.store.inner().contains_named_graph(&graph)? {
            if !self.replace {
                return Ok(Written::Skipped);
            }
            self.store.replace_graph(&graph, &quads)?;
            self.quads_written += quads.len() as u64;
            self.replaced_graphs.insert(graph);
            return Ok(Written::Replaced);
        }
        self.batch.extend(quads);
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
        release_freed_memory();
        Ok(())
    }

    pub fn quads_written(&self) -> u64 {
        self.quads_written
    }
}

/// Hands the memory a written batch freed back to the system. glibc keeps freed chunks of its
/// per-thread arenas resident, so without this a long ingest's footprint grows with its input
/// although what it holds does not.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it touches no live
    // allocation and is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
