//! Documents in, graphs stored. Extraction runs on several threads; one writer stores the
//! results in input order, so a run is repeatable, and bounded queues keep memory flat
//! whatever the input's size. A document whose graph is already stored is skipped unless
//! asked to replace it, so an interrupted run can simply be started again.

pub mod parallel;
mod seen;
mod writer;

pub use writer::Written;

use crate::document::{Document, InputError, Unparsed};
use crate::extract::Extractor;
use crate::rdf;
use crate::remote::{RemoteError, RemoteStore};
use crate::store::{GraphStore, Replaced, StoreError};
use chrono::NaiveDate;
use oxigraph::model::{NamedNode, Quad};
use std::time::Instant;
use writer::BatchWriter;

/// New documents are written in batches of about this many quads: large enough for the bulk
/// loader to pay, small enough to keep memory flat.
const BATCH_QUADS: usize = 100_000;

/// What ingesting one document did (for `POST /ingest`).
#[derive(Debug, Clone)]
pub struct Ingested {
    pub graph: String,
    pub statements: usize,
    pub replaced: Replaced,
}

/// Extracts `document` and stores its graph in one transaction, replacing an earlier one.
/// `date` anchors relative dates when the document has no publication date.
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

/// One input handled, as the run reports it.
pub enum Outcome<'a> {
    /// The input could not be read; the run goes on.
    Unreadable(&'a InputError),
    Stored {
        origin: &'a str,
        written: Written,
        statements: usize,
        bytes: usize,
    },
}

/// Totals of a run.
#[derive(Debug, Default, Clone)]
pub struct IngestReport {
    pub new: usize,
    pub replaced: usize,
    pub skipped: usize,
    pub unreadable: usize,
    pub statements: usize,
    pub bytes: u64,
    pub quads: u64,
    pub derived: usize,
    /// Time the writer spent storing, apart from reading and extracting.
    pub write_seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Remote(#[from] RemoteError),
}

/// Where the graphs go.
#[derive(Clone, Copy)]
enum Target<'a> {
    Store(&'a GraphStore),
    Remote(&'a RemoteStore),
}

/// A configured ingest run into a local store or a remote one.
pub struct Ingest<'a> {
    target: Target<'a>,
    extractor: &'a Extractor,
    threads: usize,
    replace: bool,
    date: Option<NaiveDate>,
}

/// Where a run writes: the batching writer of a local store, or a remote store.
enum Destination<'a> {
    Local(BatchWriter<'a>),
    Remote { remote: &'a RemoteStore, quads: u64 },
}

impl Destination<'_> {
    fn write(&mut self, graph: NamedNode, quads: Vec<Quad>) -> Result<Written, IngestError> {
        match self {
            Self::Local(writer) => Ok(writer.write(graph, quads)?),
            Self::Remote {
                remote,
                quads: sent,
            } => {
                remote.put_graph(&graph, &quads)?;
                *sent += quads.len() as u64;
                Ok(Written::New)
            }
        }
    }
}

/// A document ready for the writer, or why not.
enum Extracted {
    Unreadable(InputError),
    AlreadyStored {
        origin: String,
        bytes: usize,
    },
    Ready {
        origin: String,
        graph: NamedNode,
        quads: Vec<Quad>,
        statements: usize,
        bytes: usize,
    },
}

impl<'a> Ingest<'a> {
    /// Into a local store: one extraction thread per core, no replacing.
    pub fn new(store: &'a GraphStore, extractor: &'a Extractor) -> Self {
        Self::with_target(Target::Store(store), extractor)
    }

    /// Into a remote SPARQL store, each document's graph sent whole (and so replaced when
    /// sent again); the reference graphs (ontology, gazetteer) are sent first.
    pub fn into_remote(remote: &'a RemoteStore, extractor: &'a Extractor) -> Self {
        Self::with_target(Target::Remote(remote), extractor)
    }

    fn with_target(target: Target<'a>, extractor: &'a Extractor) -> Self {
        Self {
            target,
            extractor,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            replace: false,
            date: None,
        }
    }

    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Re-extract documents already stored and replace their graphs.
    pub fn with_replace(mut self, replace: bool) -> Self {
        self.replace = replace;
        self
    }

    pub fn with_default_date(mut self, date: Option<NaiveDate>) -> Self {
        self.date = date;
        self
    }

    /// Stores every readable document, then rebuilds the derived graph. `on_outcome` hears of
    /// each input in order. Only a store error stops the run.
    pub fn run(
        &self,
        documents: impl Iterator<Item = Unparsed> + Send,
        mut on_outcome: impl FnMut(Outcome<'_>),
    ) -> Result<IngestReport, IngestError> {
        let mut report = IngestReport::default();
        // A fresh store holds nothing to skip: the writer alone catches repeats in the input.
        let ask_store = match self.target {
            Target::Store(store) => store.holds_documents()?,
            Target::Remote(_) => false,
        };
        let mut destination = match self.target {
            Target::Store(store) => Destination::Local(BatchWriter::new(
                store,
                self.replace,
                BATCH_QUADS,
                ask_store,
            )),
            Target::Remote(remote) => {
                for (graph, quads) in crate::store::reference_quads()? {
                    remote.put_graph(&graph, &quads)?;
                }
                Destination::Remote { remote, quads: 0 }
            }
        };
        parallel::map_ordered(
            documents,
            self.threads,
            self.threads * 16,
            |document| self.extract(document, ask_store),
            |extracted| {
                match extracted {
                    Extracted::Unreadable(error) => {
                        report.unreadable += 1;
                        on_outcome(Outcome::Unreadable(&error));
                    }
                    Extracted::AlreadyStored { origin, bytes } => {
                        report.skipped += 1;
                        report.bytes += bytes as u64;
                        on_outcome(Outcome::Stored {
                            origin: &origin,
                            written: Written::Skipped,
                            statements: 0,
                            bytes,
                        });
                    }
                    Extracted::Ready {
                        origin,
                        graph,
                        quads,
                        statements,
                        bytes,
                    } => {
                        let writing = Instant::now();
                        let written = destination.write(graph, quads)?;
                        report.write_seconds += writing.elapsed().as_secs_f64();
                        match written {
                            Written::New => report.new += 1,
                            Written::Replaced => report.replaced += 1,
                            Written::Skipped => report.skipped += 1,
                        }
                        if written != Written::Skipped {
                            report.statements += statements;
                        }
                        report.bytes += bytes as u64;
                        on_outcome(Outcome::Stored {
                            origin: &origin,
                            written,
                            statements,
                            bytes,
                        });
                    }
                }
                Ok::<_, IngestError>(())
            },
        )?;
        match destination {
            Destination::Local(mut writer) => {
                let writing = Instant::now();
                writer.flush()?;
                report.write_seconds += writing.elapsed().as_secs_f64();
                report.quads = writer.quads_written();
                if let Target::Store(store) = self.target {
                    report.derived = store.rebuild_derived()?;
                    store.flush()?;
                }
            }
            Destination::Remote { quads, .. } => report.quads = quads,
        }
        Ok(report)
    }

    fn extract(&self, document: Unparsed, ask_store: bool) -> Extracted {
        let document = match document.parse() {
            Ok(document) => document,
            Err(error) => return Extracted::Unreadable(error),
        };
        let graph = rdf::document_iri(&document);
        let bytes = document.text.len();
        // Checked here too, so that a re-run does not extract what it will not store.
        let stored = match self.target {
            Target::Store(store) if ask_store => {
                store.inner().contains_named_graph(&graph).unwrap_or(false)
            }
            _ => false,
        };
        if stored && !self.replace {
            return Extracted::AlreadyStored {
                origin: document.origin,
                bytes,
            };
        }
        let statements = self.extractor.extract(&document, self.date);
        Extracted::Ready {
            graph,
            quads: rdf::document_quads(&document, &statements),
            statements: statements.len(),
            bytes,
            origin: document.origin,
        }
    }
}
