//! The Oxigraph store: RocksDB on disk (or memory for tests), one named graph per document,
//! reference data in graphs of its own, and a derived graph of direct triples rebuilt by the
//! CONSTRUCT rules in `ontology/rules/`.

use crate::document::Document;
use crate::rdf;
use crate::vocab::{GRAPH_ACTORS, GRAPH_DERIVED, GRAPH_ONTOLOGY};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

/// Reference data loaded into every store, each into its own graph.
const REFERENCE_GRAPHS: [(&str, &str, &str); 2] = [
    (
        GRAPH_ONTOLOGY,
        "ontology/geokg.ttl",
        include_str!("../ontology/geokg.ttl"),
    ),
    (
        GRAPH_ACTORS,
        "ontology/actors.ttl",
        include_str!("../ontology/actors.ttl"),
    ),
];

/// CONSTRUCT rules whose results make up the derived graph.
const RULES: [(&str, &str); 2] = [
    (
        "ontology/rules/directed.rq",
        include_str!("../ontology/rules/directed.rq"),
    ),
    (
        "ontology/rules/symmetric.rq",
        include_str!("../ontology/rules/symmetric.rq"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: the store is in use by another geokg process (RocksDB allows one writer); stop it or use another --store")]
    Locked { path: String },
    #[error("{path}: the store is served by `geokg serve` at {url}; send articles to {url}ingest (POST; the server needs --allow-writes) and queries to {url}query instead")]
    Served { path: String, url: String },
    #[error("{path}: cannot open the store: {source}")]
    Open {
        path: String,
        #[source]
        source: StorageError,
    },
    #[error("{path}: no store here (run `geokg ingest` first, or pass --store)")]
    Missing { path: String },
    #[error("store: {0}")]
    Storage(#[from] StorageError),
    #[error("{origin}: {message}")]
    Data { origin: String, message: String },
}

pub struct GraphStore {
    store: Store,
    location: Option<PathBuf>,
}

/// What replacing a document's graph did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    New,
    Updated,
}

impl GraphStore {
    /// Opens (creating when absent) the RocksDB store at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let display = path.display().to_string();
        let store = open_on_disk(path).map_err(|source| {
            let message = source.to_string();
            if message.contains("lock") || message.contains("Resource temporarily unavailable") {
                match ServedMarker::live_url(path) {
                    Some(url) => StoreError::Served {
                        path: display.clone(),
                        url,
                    },
                    None => StoreError::Locked {
                        path: display.clone(),
                    },
                }
            } else {
                StoreError::Open {
                    path: display.clone(),
                    source,
                }
            }
        })?;
        Ok(Self {
            store,
            location: Some(path.to_owned()),
        })
    }

    /// Opens an existing store without creating one (for query, export, stats).
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing {
                path: path.display().to_string(),
            });
        }
        Self::open(path)
    }

    /// Opens an existing store for reading only, which works while another process writes
    /// to it (`geokg query` during a long `geokg ingest`).
    pub fn open_for_reading(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing {
                path: path.display().to_string(),
            });
        }
        let store = open_on_disk_read_only(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Self {
            store,
            location: Some(path.to_owned()),
        })
    }

    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::new()?,
            location: None,
        })
    }

    pub fn inner(&self) -> &Store {
        &self.store
    }

    pub fn location(&self) -> Option<&Path> {
        self.location.as_deref()
    }

    /// Replaces the ontology and gazetteer graphs with the bundled ones, atomically.
    pub fn load_reference_data(&self) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        for (graph, quads) in reference_quads()? {
            transaction.clear_graph(&graph)?;
            transaction.extend(quads.iter());
        }
        transaction.commit()?;
        Ok(())
    }

    /// Puts a document's quads in its graph, replacing what an earlier ingest put there.
    /// All or nothing: a failure leaves the graph as it was.
    pub fn replace_document(
        &self,
        document: &Document,
        quads: &[Quad],
    ) -> Result<Replaced, StoreError> {
        let graph = rdf::document_iri(document);
        let existed = self.store.contains_named_graph(&graph)?;
        self.replace_graph(&graph, quads)?;
        Ok(if existed {
            Replaced::Updated
        } else {
            Replaced::New
        })
    }

    /// Replaces the content of `graph` with `quads` in one transaction.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(graph)?;
        transaction.insert_named_graph(graph);
        transaction.extend(quads.iter());
        transaction.commit()?;
        Ok(())
    }

    /// Adds quads all at once or not at all: through Oxigraph's bulk loader (atomic until
    /// its commit) for large batches on disk, in a transaction otherwise.
    pub fn insert_atomically(&self, quads: &[Quad]) -> Result<(), StoreError> {
        const BULK_FROM: usize = 20_000;
        if self.location.is_none() || quads.len() < BULK_FROM {
            return self.insert_all(quads);
        }
        let mut loader = self
            .store
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(64);
        loader.load_quads(quads.iter().cloned())?;
        loader.commit()?;
        Ok(())
    }

    /// Runs a query of geokg's own over the union of all graphs; errors name `origin`.
    pub fn evaluate(
        &self,
        sparql: &str,
        origin: &str,
    ) -> Result<QueryResults<'static>, StoreError> {
        let data_error = |message: String| StoreError::Data {
            origin: origin.into(),
            message,
        };
        let mut prepared = SparqlEvaluator::new()
            .parse_query(sparql)
            .map_err(|e| data_error(e.to_string()))?;
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| data_error(e.to_string()))
    }

    /// Rebuilds the derived graph from the statements; returns its size.
    pub fn rebuild_derived(&self) -> Result<usize, StoreError> {
        let derived = NamedNodeRef::new_unchecked(GRAPH_DERIVED);
        let mut quads = Vec::new();
        for (origin, rule) in RULES {
            let data_error = |message: String| StoreError::Data {
                origin: origin.into(),
                message,
            };
            let QueryResults::Graph(triples) = self.evaluate(rule, origin)? else {
                return Err(data_error("a rule must be a CONSTRUCT query".into()));
            };
            for triple in triples {
                let triple = triple.map_err(|e| data_error(e.to_string()))?;
                quads.push(triple.in_graph(GraphName::NamedNode(derived.into_owned())));
            }
        }
        quads.extend(crate::events::event_quads(
            &self.store,
            &derived.into_owned(),
        )?);
        // Rules overlap (a symmetric statement's reverse may also be stated), so count once.
        let quads: std::collections::HashSet<Quad> = quads.into_iter().collect();
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(derived)?;
        transaction.extend(quads.iter());
        transaction.commit()?;
        Ok(quads.len())
    }

    /// Adds quads in one transaction.
    pub fn insert_all(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        transaction.extend(quads.iter());
        transaction.commit()?;
        Ok(())
    }

    /// Whether any document is stored.
    pub fn holds_documents(&self) -> Result<bool, StoreError> {
        let document = NamedNodeRef::new_unchecked(crate::vocab::GK_DOCUMENT);
        let typed = self
            .store
            .quads_for_pattern(
                None,
                Some(oxigraph::model::vocab::rdf::TYPE),
                Some(document.into()),
                None,
            )
            .next();
        Ok(typed.transpose()?.is_some())
    }

    /// Named graphs that hold documents (not reference or derived data).
    pub fn document_graphs(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        for graph in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(g) = graph? {
                n += usize::from(g.as_str().starts_with(crate::vocab::DOC));
            }
        }
        Ok(n)
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        if self.location.is_some() {
            #[cfg(feature = "rocksdb")]
            self.store.flush()?;
        }
        Ok(())
    }
}

#[cfg(feature = "rocksdb")]
fn open_on_disk(path: &Path) -> Result<Store, StorageError> {
    if !path.join("CURRENT").exists() {
        create_on_disk(path)?;
    }
    Store::open(path)
}

/// Creates a store where none is, all at once: RocksDB writes its files and Oxigraph its
/// version key one after the other, and a store killed between the two cannot be opened for
/// reading. So the store is made beside `path`, closed, and renamed into place.
#[cfg(feature = "rocksdb")]
fn create_on_disk(path: &Path) -> Result<(), StorageError> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let prefix = format!(".{name}.creating-");
    remove_abandoned_stagings(&parent, &prefix);
    let staging = parent.join(format!("{prefix}{}", std::process::id()));
    drop(Store::open(&staging)?);
    if let Err(error) = std::fs::rename(&staging, path) {
        std::fs::remove_dir_all(&staging)?;
        // Another process may have created the store in the meantime: then use that one.
        if !path.join("CURRENT").exists() {
            return Err(error.into());
        }
    }
    Ok(())
}

/// Removes stores half-made by creators that were killed (their process is gone).
#[cfg(feature = "rocksdb")]
fn remove_abandoned_stagings(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        if !process_may_be_alive(pid) {
            // Best effort: a leftover that cannot be removed harms nothing.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` may still run: known on Linux, assumed elsewhere.
fn process_may_be_alive(pid: &str) -> bool {
    cfg!(not(target_os = "linux")) || Path::new("/proc").join(pid).exists()
}

/// Opens for reading; a store that an older geokg left half-created (killed before Oxigraph
/// wrote its version) is first completed by a read-write open, when no one else holds it.
#[cfg(feature = "rocksdb")]
fn open_on_disk_read_only(path: &Path) -> Result<Store, StorageError> {
    Store::open_read_only(path).or_else(|error| {
        if !error.to_string().contains("read-write") {
            return Err(error);
        }
        drop(Store::open(path).map_err(|_| error)?);
        Store::open_read_only(path)
    })
}

#[cfg(not(feature = "rocksdb"))]
fn open_on_disk(_: &Path) -> Result<Store, StorageError> {
    Err(StorageError::Other(
        "geokg was built without the rocksdb feature: stores in memory only".into(),
    ))
}

#[cfg(not(feature = "rocksdb"))]
fn open_on_disk_read_only(path: &Path) -> Result<Store, StorageError> {
    open_on_disk(path)
}

/// The bundled reference graphs (ontology, gazetteer) with their quads.
pub fn reference_quads() -> Result<Vec<(NamedNode, Vec<Quad>)>, StoreError> {
    REFERENCE_GRAPHS
        .iter()
        .map(|(graph, origin, turtle)| {
            let graph = NamedNode::new_unchecked(*graph);
            let quads = RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(graph.clone())
                .for_slice(turtle.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| StoreError::Data {
                    origin: (*origin).into(),
                    message: e.to_string(),
                })?;
            Ok((graph, quads))
        })
        .collect()
}

/// A file in the store directory naming the `geokg serve` that owns the store, so that another
/// writer can be sent to its endpoint rather than only told the store is busy. Removed when
/// dropped; one left by a killed server is ignored because its process is gone.
pub struct ServedMarker {
    path: PathBuf,
}

impl ServedMarker {
    const FILE: &'static str = "geokg-serve.json";

    pub fn write(store: &Path, url: &str) -> Result<Self, StoreError> {
        let path = store.join(Self::FILE);
        let content = serde_json::json!({ "pid": std::process::id(), "url": url });
        std::fs::write(&path, content.to_string()).map_err(|e| StoreError::Data {
            origin: path.display().to_string(),
            message: e.to_string(),
        })?;
        Ok(Self { path })
    }

    /// The URL of the live server that marked `store`, if any.
    fn live_url(store: &Path) -> Option<String> {
        let content = std::fs::read_to_string(store.join(Self::FILE)).ok()?;
        let marker: serde_json::Value = serde_json::from_str(&content).ok()?;
        let pid = marker.get("pid")?.as_u64()?;
        process_may_be_alive(&pid.to_string())
            .then(|| marker.get("url")?.as_str().map(str::to_owned))?
    }
}

impl Drop for ServedMarker {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The graph name for `--graph IRI`, or the default graph for `default`.
pub fn graph_name(arg: &str) -> Result<GraphName, String> {
    if arg == "default" {
        return Ok(GraphNameRef::DefaultGraph.into_owned());
    }
    oxigraph::model::NamedNode::new(arg)
        .map(GraphName::NamedNode)
        .map_err(|e| format!("--graph {arg}: not an IRI: {e}"))
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_made_whole_beside_its_path_and_leftovers_of_killed_creators_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kg");
        // A creator killed mid-way (no such process) and one still running (pid 1 always is).
        let abandoned = dir.path().join(".kg.creating-4294967295");
        let running = dir.path().join(".kg.creating-1");
        std::fs::create_dir_all(abandoned.join("partial")).unwrap();
        std::fs::create_dir_all(&running).unwrap();
        drop(GraphStore::open(&path).unwrap());
        let reader = GraphStore::open_for_reading(&path).unwrap();
        assert_eq!(reader.document_graphs().unwrap(), 0);
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [".kg.creating-1", "kg"]);
    }
}
