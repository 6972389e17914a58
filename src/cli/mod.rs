//! Command-line arguments and exit codes.

mod commands;
mod progress;

use clap::{Parser, Subcommand};
use geokg::export::ExportFormat;
use geokg::query::OutputFormat;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes: 0 success, 1 failure, 2 usage error, 3 some input could not be read (the rest
/// was processed), 4 the store is in use by another process.
pub mod exit {
    pub const FAILURE: u8 = 1;
    pub const INPUT: u8 = 3;
    pub const STORE_BUSY: u8 = 4;
}

const AFTER_HELP: &str = "\
Examples:
  geokg extract article.txt --format jsonl --date 2025-11-26
  geokg ingest articles/ --store news.db
  geokg query who-backs-whom --store news.db
  geokg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5' --format csv
  geokg export --format turtle > graph.ttl
  geokg serve --store news.db                      # http://127.0.0.1:7878/
  geokg ingest --feed https://news.example/rss.xml --store news.db

Exit codes: 0 success, 1 failure, 2 usage error, 3 some input could not be read (the rest was
processed), 4 the store is in use by another process.";

/// Turn news about international relations into a linked, queryable knowledge graph.
///
/// geokg reads English news, finds who did what to whom (PLOVER events such as AGREE, CONSULT,
/// SUPPORT, THREATEN, ASSAULT, and standing relations such as ALLY, DISPUTE, CLAIM) with
/// modality, speaker, time, place and the sentence it came from, and stores them as RDF in an
/// Oxigraph store that answers SPARQL.
#[derive(Debug, Parser)]
#[command(name = "geokg", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the extractor's data comes from.
#[derive(Debug, clap::Args)]
pub struct ExtractorArgs {
    /// Directory with your own actors.ttl, lexicon.tsv, cues.tsv or topics.tsv; a file it
    /// lacks is taken from the built-in ones.
    #[arg(long, value_name = "DIR", env = "GEOKG_ONTOLOGY")]
    ontology: Option<PathBuf>,
    /// Date that anchors relative dates ("in April", "next year") of documents without a
    /// publication date of their own.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct StoreArgs {
    /// The store directory (RocksDB).
    #[arg(
        long,
        value_name = "PATH",
        env = "GEOKG_STORE",
        default_value = "geokg-store"
    )]
    store: PathBuf,
}

/// Where articles come from: files and the web.
#[derive(Debug, clap::Args)]
pub struct SourceArgs {
    /// Text files, directories of .txt files, JSONL files, or - for standard input.
    #[arg(value_name = "INPUT", required_unless_present_any = ["urls", "url_files", "feeds"])]
    inputs: Vec<String>,
    #[command(flatten)]
    web: WebArgs,
}

impl SourceArgs {
    /// The documents of the file inputs, then of the web, read lazily and parsed by the
    /// caller.
    fn documents(
        &self,
    ) -> anyhow::Result<impl Iterator<Item = geokg::document::Unparsed> + Send + '_> {
        use geokg::document::{read_input, InputError, Unparsed};
        let web = self.web.documents()?;
        Ok(self
            .inputs
            .iter()
            .flat_map(|arg| read_input(arg).unparsed())
            .chain(
                web.into_iter()
                    .flatten()
                    .map(|d| Unparsed::from(d.map_err(InputError::from))),
            ))
    }

    /// Bytes of the file inputs when all are known, for the progress bar's ETA.
    fn size(&self) -> Option<u64> {
        self.inputs
            .iter()
            .map(|a| geokg::document::input_size(a))
            .sum()
    }
}

/// Articles from the web, besides files.
#[derive(Debug, clap::Args)]
pub struct WebArgs {
    /// Fetch the article at URL (repeatable): its main text, title, canonical URL and
    /// publication date.
    #[arg(long = "url", value_name = "URL")]
    urls: Vec<String>,
    /// Fetch every URL listed in FILE, one per line (blank lines and # comments skipped).
    #[arg(long = "url-file", value_name = "FILE")]
    url_files: Vec<PathBuf>,
    /// Fetch the articles an RSS or Atom feed lists (repeatable).
    #[arg(long = "feed", value_name = "URL")]
    feeds: Vec<String>,
    /// Least time between two requests to one host, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    fetch_interval: u64,
    /// Largest page or feed fetched, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10_000_000)]
    max_page_size: u64,
}

impl WebArgs {
    /// The documents to fetch, lazily; none without --url, --url-file or --feed.
    fn documents(&self) -> anyhow::Result<Option<geokg::web::WebDocuments>> {
        use anyhow::Context;
        let mut urls = self.urls.clone();
        for file in &self.url_files {
            let list = std::fs::read_to_string(file)
                .with_context(|| format!("{}: cannot read the URL list", file.display()))?;
            urls.extend(
                list.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_owned),
            );
        }
        if urls.is_empty() && self.feeds.is_empty() {
            return Ok(None);
        }
        let fetcher = geokg::web::Fetcher::new()?
            .with_per_host_interval(std::time::Duration::from_millis(self.fetch_interval))
            .with_max_bytes(self.max_page_size);
        Ok(Some(fetcher.documents(urls, self.feeds.clone())))
    }
}

/// How many threads extract.
#[derive(Debug, clap::Args)]
pub struct ThreadsArgs {
    /// Extraction threads [default: one per core]. Output keeps the input order.
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

impl ThreadsArgs {
    fn count(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

#[derive(Debug, clap::Args)]
pub struct IngestOptions {
    #[command(flatten)]
    store: StoreArgs,
    /// Use a store in memory instead (gone when geokg exits; for trying things out).
    #[arg(long, conflicts_with = "store")]
    memory: bool,
    /// Re-extract documents already in the store and replace their graphs (after a new
    /// version of geokg or of your --ontology); without it they are skipped.
    #[arg(long)]
    replace: bool,
    #[command(flatten)]
    threads: ThreadsArgs,
    /// Send each document's graph to this SPARQL store instead of a local one: its Graph
    /// Store endpoint (Virtuoso: http://host:8890/sparql-graph-crud; Fuseki:
    /// http://host:3030/DATASET/data) or, with --remote-protocol update, its update endpoint.
    /// Sending a document again replaces its graph.
    #[arg(long, value_name = "URL", conflicts_with_all = ["store", "memory"])]
    remote: Option<String>,
    #[arg(long, value_enum, default_value = "gsp", requires = "remote")]
    remote_protocol: geokg::remote::Protocol,
    /// User for HTTP basic authentication at --remote.
    #[arg(long, value_name = "USER", requires = "remote")]
    remote_user: Option<String>,
    /// Password for --remote-user.
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "GEOKG_REMOTE_PASSWORD",
        hide_env_values = true
    )]
    remote_password: Option<String>,
}

/// Looking up Wikidata over the network, on request.
#[derive(Debug, clap::Args)]
pub struct OnlineArgs {
    /// Look up persons the gazetteer lacks in Wikidata (network); without it, nothing leaves
    /// the machine.
    #[arg(long)]
    online: bool,
    /// The Wikidata API endpoint.
    #[arg(long, value_name = "URL", default_value = geokg::link::client::WIKIDATA_API)]
    wikidata_api: String,
    /// Cache of Wikidata answers [default: ~/.cache/geokg/wikidata.jsonl].
    #[arg(long, value_name = "FILE")]
    cache: Option<PathBuf>,
}

/// SPARQL SERVICE calls, none unless asked for.
#[derive(Debug, clap::Args)]
pub struct FederationArgs {
    /// Let SERVICE call Wikidata's query service (https://query.wikidata.org/sparql).
    /// Without it or --allow-service, no SERVICE call leaves the machine.
    #[arg(long)]
    federate: bool,
    /// Let SERVICE call this endpoint too (repeatable).
    #[arg(long = "allow-service", value_name = "URL")]
    allow_services: Vec<String>,
    /// How long one SERVICE call may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    service_timeout: u64,
}

impl FederationArgs {
    fn federation(&self) -> Option<geokg::federation::Federation> {
        let mut endpoints = self.allow_services.clone();
        if self.federate {
            endpoints.push(geokg::federation::WIKIDATA_SPARQL.to_owned());
        }
        (!endpoints.is_empty()).then(|| {
            geokg::federation::Federation::new(endpoints)
                .with_timeout(std::time::Duration::from_secs(self.service_timeout))
        })
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the statements of articles, without a store.
    ///
    /// INPUT is a text file, a directory of .txt files, a JSONL file (.jsonl) whose lines
    /// carry "id" and "text" (and optionally "url", "title", "published"), or - for standard
    /// input (JSONL when it starts with "{", text otherwise). Web pages and feeds come with
    /// --url, --url-file and --feed.
    Extract {
        #[command(flatten)]
        sources: SourceArgs,
        /// jsonl: one statement per line (the stable contract); turtle, trig, nquads: RDF.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        #[command(flatten)]
        threads: ThreadsArgs,
        #[command(flatten)]
        extractor: ExtractorArgs,
    },
    /// Print the actor and place mentions of articles, one JSON object per line:
    /// {"doc","start","end","text","qid","country","kind"}. qid is the entity literally named
    /// ("Beijing": Q956), country the actor it stands for (CHN).
    Mentions {
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// jsonl: one JSON object per mention; tsv: a header line, then tab-separated fields
        /// (tabs and line breaks inside a mention become spaces).
        #[arg(long, value_enum, default_value = "jsonl")]
        format: MentionFormat,
        #[command(flatten)]
        extractor: ExtractorArgs,
    },
    /// Extract articles and load them into the store, one named graph per document.
    ///
    /// A document is identified by the hash of its normalised text: one already stored is
    /// skipped (--replace re-extracts it), so an interrupted ingest is finished by running it
    /// again. Extraction runs on every core; documents are written in atomic batches, so a
    /// crash never leaves half a document behind.
    Ingest {
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        options: IngestOptions,
        #[command(flatten)]
        extractor: ExtractorArgs,
        #[command(flatten)]
        online: OnlineArgs,
    },
    /// Run a SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE.
    ///
    /// QUERY is SPARQL text, a .rq file, or the name of a canned query (events,
    /// who-backs-whom, disputes, dyad-timeline, actors). The default graph is the union of
    /// all graphs.
    Query {
        query: String,
        #[command(flatten)]
        store: StoreArgs,
        /// table for people; csv, tsv, json, xml (SPARQL results) for programs; turtle or
        /// ntriples for CONSTRUCT and DESCRIBE.
        #[arg(long, value_enum, default_value = "table")]
        format: OutputFormat,
        /// Bind a query variable before running: NAME=VALUE, VALUE a literal or <IRI>
        /// (geokg query dyad-timeline --bind a=USA --bind b=CHN).
        #[arg(long = "bind", value_name = "NAME=VALUE")]
        bindings: Vec<String>,
        #[command(flatten)]
        federation: FederationArgs,
    },
    /// Serve the store over HTTP: a SPARQL endpoint, and a page at / that draws who does what
    /// to whom.
    ///
    /// Routes, as Oxigraph's server: /query (SPARQL 1.1 Protocol: GET, POST form, POST
    /// application/sparql-query; without a query, the service description), /update, /store
    /// (Graph Store HTTP Protocol: ?graph=IRI or ?default; the whole dataset without either),
    /// /ingest (POST an article as text/plain, application/json or application/x-ndjson) and
    /// /queries (the canned queries). Results come as JSON, XML, CSV or TSV, graphs as Turtle,
    /// N-Triples, N-Quads, TriG, JSON-LD or RDF/XML, as the Accept header asks.
    ///
    /// Read-only unless --allow-writes; then /update, graph writes and /ingest need the header
    /// `Authorization: Bearer TOKEN`. This process owns the store while it runs: ingest
    /// through /ingest, not with `geokg ingest`.
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// Address to listen on; port 0 picks a free one. Loopback unless you say otherwise.
        #[arg(long, value_name = "ADDR", default_value = geokg::serve::DEFAULT_BIND)]
        bind: std::net::SocketAddr,
        /// Accept SPARQL Update, Graph Store writes and /ingest from callers with the token.
        #[arg(long)]
        allow_writes: bool,
        /// The token writes need [default: a random one, printed at start].
        #[arg(
            long,
            value_name = "TOKEN",
            env = "GEOKG_WRITE_TOKEN",
            hide_env_values = true
        )]
        write_token: Option<String>,
        /// Longest a query may run before it is cancelled (503).
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        query_timeout: u64,
        /// Most rows or triples a query returns; the rest is cut off and the response carries
        /// a geokg-results-truncated header.
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        max_results: usize,
        /// Largest request body accepted (413 beyond).
        #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
        max_body: u64,
        /// Answer cross-origin requests from ORIGIN (any origin when given without a value).
        #[arg(long, value_name = "ORIGIN", num_args = 0..=1, default_missing_value = "*")]
        cors: Option<String>,
        #[command(flatten)]
        federation: FederationArgs,
        #[command(flatten)]
        extractor: ExtractorArgs,
    },
    /// Write the store (or one graph) as RDF to standard output.
    Export {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long, value_enum, default_value = "trig")]
        format: ExportFormat,
        /// Only this graph: a document's IRI, https://w3id.org/geokg/graph/derived, ... or
        /// "default".
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
    },
    /// Load RDF (N-Quads, TriG, Turtle, N-Triples, JSON-LD, by file extension) into the store.
    Load {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Score the extractor against gold files and print precision, recall, F1 by type, a
    /// confusion table and modality accuracy.
    ///
    /// FILE is JSONL in one of: geokg's gold format ({"id","text","events":[{"type","source",
    /// "target","modality"}]}), ConfliBERT ({"text","pentaclass","args"}) or CAMEO codebook
    /// examples ({"cameo","plover","text"}), told apart by their fields.
    Eval {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Score entity linking (ELEVANT JSONL: "text" and "labels" with spans and Wikidata
        /// ids, as KORE50 and Reuters-128): recall over gold mentions of items the gazetteer
        /// knows, precision over the mentions geokg links.
        #[arg(long)]
        linking: bool,
        #[command(flatten)]
        extractor: ExtractorArgs,
    },
    /// Link the actors of the store to Wikidata.
    ///
    /// Actors from the gazetteer are linked as they are ingested, offline. With --online, the
    /// persons it lacks ("US Ambassador to Japan, George Glass") are looked up with Wikidata's
    /// wbsearchentities and wbgetentities and linked when exactly one candidate is a human of
    /// the country they act for; otherwise they stay unlinked. Answers are cached, so nothing
    /// is asked twice, and a failing service stops nothing: run it again later.
    Link {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        online: OnlineArgs,
    },
    /// Count documents, statements by type and modality, and actors.
    Stats {
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Turtle,
    Trig,
    Nquads,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MentionFormat {
    Jsonl,
    Tsv,
}

fn parse_date(value: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // `geokg extract ... | head`: the reader has all it wants.
            let broken_pipe = error.chain().any(|cause| {
                let kind = cause
                    .downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| {
                        cause
                            .downcast_ref::<serde_json::Error>()
                            .and_then(serde_json::Error::io_error_kind)
                    });
                kind == Some(std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("geokg: {error:#}");
            let busy = error
                .downcast_ref::<geokg::store::StoreError>()
                .is_some_and(|e| {
                    matches!(
                        e,
                        geokg::store::StoreError::Locked { .. }
                            | geokg::store::StoreError::Served { .. }
                    )
                });
            ExitCode::from(if busy {
                exit::STORE_BUSY
            } else {
                exit::FAILURE
            })
        }
    }
}
