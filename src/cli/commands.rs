//! What each subcommand does, in terms of the library.

use super::progress::Progress;
use super::{
    exit, Command, ExtractFormat, ExtractorArgs, IngestOptions, MentionFormat, OnlineArgs,
    SourceArgs, StoreArgs,
};
use anyhow::{Context, Result};
use geokg::document::{read_input, Document};
use geokg::export;
use geokg::extract::Extractor;
use geokg::ingest::parallel::map_ordered;
use geokg::ingest::{Ingest, Outcome};
use geokg::model::MentionRecord;
use geokg::query::{self, QuerySource};
use geokg::rdf;
use geokg::remote::RemoteStore;
use geokg::serve::Endpoint;
use geokg::stats::Stats;
use geokg::store::{graph_name, GraphStore};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use std::io::{self, BufWriter, Write};
use std::time::{Duration, Instant};

pub fn run(command: Command) -> Result<u8> {
    match command {
        Command::Extract {
            sources,
            format,
            threads,
            extractor,
        } => extract(&sources, format, threads.count(), &extractor),
        Command::Mentions {
            inputs,
            format,
            extractor: args,
        } => {
            let extractor = extractor(&args)?;
            let mut out = BufWriter::new(io::stdout().lock());
            let mut inputs = Inputs {
                args: &inputs,
                failures: 0,
            };
            if format == MentionFormat::Tsv {
                out.write_all(MentionRecord::TSV_HEADER.as_bytes())?;
            }
            inputs.for_each(|document| {
                for record in extractor.mentions(&document) {
                    match format {
                        MentionFormat::Jsonl => serde_json::to_writer(&mut out, &record)?,
                        MentionFormat::Tsv => out.write_all(record.to_tsv().as_bytes())?,
                    }
                    out.write_all(b"\n")?;
                }
                Ok(())
            })?;
            out.flush()?;
            Ok(inputs.exit_code())
        }
        Command::Ingest {
            sources,
            options,
            extractor,
            online,
        } => ingest(&sources, options, &extractor, &online),
        Command::Query {
            query,
            store,
            format,
            bindings,
            federation,
        } => {
            let federation = federation.federation();
            let source = QuerySource::resolve(&query)?;
            let bindings = bindings
                .iter()
                .map(|b| query::parse_binding(b))
                .collect::<Result<Vec<_>, _>>()?;
            let store = GraphStore::open_for_reading(&store.store)?;
            let mut out = BufWriter::new(io::stdout().lock());
            query::run(
                store.inner(),
                &source,
                &bindings,
                federation.as_ref(),
                format,
                &mut out,
            )?;
            out.flush()?;
            Ok(0)
        }
        Command::Export {
            store,
            format,
            graph,
        } => {
            let graph = graph
                .as_deref()
                .map(graph_name)
                .transpose()
                .map_err(anyhow::Error::msg)?;
            let store = GraphStore::open_for_reading(&store.store)?;
            let mut out = BufWriter::new(io::stdout().lock());
            export::export(store.inner(), format.rdf_format(), graph.as_ref(), &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Command::Serve {
            store,
            bind,
            allow_writes,
            write_token,
            query_timeout,
            max_results,
            max_body,
            cors,
            federation,
            extractor: args,
        } => {
            let store = GraphStore::open(&store.store)?;
            store.load_reference_data()?;
            let place = store
                .location()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let mut endpoint = Endpoint::new(store, extractor(&args)?)
                .with_query_timeout(Duration::from_secs(query_timeout))
                .with_max_results(max_results)
                .with_max_body(max_body)
                .with_default_date(args.date);
            if let Some(origin) = cors {
                endpoint = endpoint.with_cors_origin(origin);
            }
            if let Some(federation) = federation.federation() {
                endpoint = endpoint.with_federation(federation);
            }
            let mut announced_token = None;
            if allow_writes {
                let token = match write_token {
                    Some(token) => token,
                    None => {
                        let token = random_token()?;
                        announced_token = Some(token.clone());
                        token
                    }
                };
                endpoint = endpoint.with_write_token(token);
            }
            let mode = if endpoint.is_writable() {
                "writes need the token"
            } else {
                "read-only"
            };
            let serving = endpoint.serve(bind)?;
            eprintln!(
                "geokg: serving {place} at http://{}/ ({mode})",
                serving.addr()
            );
            if let Some(token) = announced_token {
                eprintln!("geokg: write token: {token}");
            }
            serving.join()?;
            Ok(0)
        }
        Command::Load { files, store } => load(&files, &store),
        Command::Link { store, online } => link(&store, &online),
        Command::Eval {
            files,
            linking,
            extractor: args,
        } => {
            let extractor = extractor(&args)?;
            let mut out = io::stdout().lock();
            for file in &files {
                let report = geokg::eval::evaluate_file(&extractor, file, linking)?;
                writeln!(out, "== {}\n{report}", file.display())?;
            }
            Ok(0)
        }
        Command::Stats { store } => {
            let store = GraphStore::open_for_reading(&store.store)?;
            let stats = Stats::of(&store).map_err(anyhow::Error::msg)?;
            writeln!(io::stdout().lock(), "{stats}")?;
            Ok(0)
        }
    }
}

fn extractor(args: &ExtractorArgs) -> Result<Extractor> {
    Ok(match &args.ontology {
        Some(dir) => Extractor::from_dir(dir)?,
        None => Extractor::bundled()?,
    })
}

/// Every readable document of the inputs, reporting the rest on stderr as it goes.
struct Inputs<'a> {
    args: &'a [String],
    failures: usize,
}

impl Inputs<'_> {
    fn for_each(&mut self, mut f: impl FnMut(Document) -> Result<()>) -> Result<()> {
        for arg in self.args {
            for document in read_input(arg) {
                match document {
                    Ok(document) => f(document)?,
                    Err(error) => {
                        eprintln!("geokg: {error}");
                        self.failures += 1;
                    }
                }
            }
        }
        Ok(())
    }

    fn exit_code(&self) -> u8 {
        if self.failures > 0 {
            exit::INPUT
        } else {
            0
        }
    }
}

fn extract(
    sources: &SourceArgs,
    format: ExtractFormat,
    threads: usize,
    extractor_args: &ExtractorArgs,
) -> Result<u8> {
    let extractor = extractor(extractor_args)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let rdf_format = match format {
        ExtractFormat::Jsonl => None,
        ExtractFormat::Turtle => Some(RdfFormat::Turtle),
        ExtractFormat::Trig => Some(RdfFormat::TriG),
        ExtractFormat::Nquads => Some(RdfFormat::NQuads),
    };
    let mut failures = 0;
    let mut quads = Vec::new();
    let documents = sources.documents()?;
    map_ordered(
        documents,
        threads,
        threads * 16,
        |document| {
            document.parse().map(|d| {
                let statements = extractor.extract(&d, extractor_args.date);
                (d, statements)
            })
        },
        |extracted| -> Result<()> {
            let (document, statements) = match extracted {
                Ok(extracted) => extracted,
                Err(error) => {
                    eprintln!("geokg: {error}");
                    failures += 1;
                    return Ok(());
                }
            };
            match rdf_format {
                None => {
                    for statement in &statements {
                        serde_json::to_writer(&mut out, statement)?;
                        out.write_all(b"\n")?;
                    }
                }
                Some(_) => quads.extend(rdf::document_quads(&document, &statements)),
            }
            Ok(())
        },
    )?;
    if let Some(rdf_format) = rdf_format {
        // Serialised at the end so that Turtle and TriG can group by subject and graph.
        let mut serializer =
            query::with_prefixes(RdfSerializer::from_format(rdf_format)).for_writer(&mut out);
        for quad in &quads {
            if rdf_format.supports_datasets() {
                serializer.serialize_quad(quad)?;
            } else {
                serializer.serialize_triple(quad.as_ref())?;
            }
        }
        serializer.finish()?;
    }
    out.flush()?;
    Ok(if failures > 0 { exit::INPUT } else { 0 })
}

fn ingest(
    sources: &SourceArgs,
    options: IngestOptions,
    extractor_args: &ExtractorArgs,
    online: &OnlineArgs,
) -> Result<u8> {
    let extractor = extractor(extractor_args)?;
    let remote = options
        .remote
        .as_ref()
        .map(|url| {
            let remote = RemoteStore::new(url, options.remote_protocol)?;
            Ok::<_, anyhow::Error>(match &options.remote_user {
                Some(user) => remote.with_credentials(
                    user.clone(),
                    options.remote_password.clone().unwrap_or_default(),
                ),
                None => remote,
            })
        })
        .transpose()?;
    let store = match (&remote, options.memory) {
        (Some(_), _) => None,
        (None, true) => Some(GraphStore::in_memory()?),
        (None, false) => Some(GraphStore::open(&options.store.store)?),
    };
    let ingest = match (&store, &remote) {
        (Some(store), _) => {
            store.load_reference_data()?;
            Ingest::new(store, &extractor)
        }
        (None, Some(remote)) => Ingest::into_remote(remote, &extractor),
        (None, None) => unreachable!("a local store unless --remote"),
    };
    let mut progress = Progress::new(sources.size());
    let started = Instant::now();
    let documents = sources.documents()?;
    let report = ingest
        .with_threads(options.threads.count())
        .with_replace(options.replace)
        .with_default_date(extractor_args.date)
        .run(documents, |outcome| match outcome {
            Outcome::Unreadable(error) => progress.println(&format!("geokg: {error}")),
            Outcome::Stored { bytes, .. } => progress.document_done(bytes),
        })?;
    progress.finish();
    let place = match (&store, &options.remote) {
        (Some(store), _) => store
            .location()
            .map_or_else(|| "memory".to_owned(), |p| p.display().to_string()),
        (None, remote) => remote.clone().unwrap_or_default(),
    };
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "ingested {} documents ({} new, {} replaced, {} already stored and skipped), {} statements, {} quads, {} derived triples into {place} in {seconds:.2}s ({:.1} MB/s; {:.2}s writing)",
        report.new + report.replaced + report.skipped,
        report.new,
        report.replaced,
        report.skipped,
        report.statements,
        report.quads,
        report.derived,
        report.bytes as f64 / 1e6 / seconds.max(1e-9),
        report.write_seconds,
    );
    if let (true, Some(store)) = (online.online, &store) {
        // A failing service never fails an ingest: the persons stay unlinked for later.
        match link_online(store, online) {
            Ok(report) => print_link_report(&report)?,
            Err(error) => eprintln!("geokg: linking skipped: {error:#}"),
        }
    }
    Ok(if report.unreadable > 0 {
        exit::INPUT
    } else {
        0
    })
}

fn load(files: &[std::path::PathBuf], store_args: &StoreArgs) -> Result<u8> {
    let store = GraphStore::open(&store_args.store)?;
    for file in files {
        let name = file.display().to_string();
        let format = file
            .extension()
            .and_then(|e| e.to_str())
            .and_then(RdfFormat::from_extension)
            .with_context(|| {
                format!("{name}: unknown RDF format (use .nq, .trig, .ttl, .nt or .jsonld)")
            })?;
        let reader = std::fs::File::open(file).with_context(|| format!("{name}: cannot open"))?;
        store
            .inner()
            .load_from_reader(RdfParser::from_format(format), io::BufReader::new(reader))
            .with_context(|| format!("{name}: cannot load"))?;
    }
    store.flush()?;
    Ok(0)
}

fn link(store_args: &StoreArgs, online: &OnlineArgs) -> Result<u8> {
    let store = GraphStore::open_existing(&store_args.store)?;
    if !online.online {
        let unlinked = geokg::link::unlinked(&store)?;
        let mut out = io::stdout().lock();
        for actor in &unlinked {
            writeln!(out, "unlinked\t{}\t{}", actor.label, actor.iri)?;
        }
        eprintln!(
            "{} without a Wikidata item; `geokg link --online` looks them up",
            match unlinked.len() {
                1 => "1 person or organisation".to_owned(),
                n => format!("{n} persons and organisations"),
            }
        );
        return Ok(0);
    }
    let report = link_online(&store, online)?;
    print_link_report(&report)?;
    Ok(0)
}

fn link_online(store: &GraphStore, online: &OnlineArgs) -> Result<geokg::link::LinkReport> {
    use geokg::link::{cache::Cache, client::WikidataClient};
    let cache_path = online.cache.clone().unwrap_or_else(|| {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache"))
            })
            .unwrap_or_else(|| ".".into());
        base.join("geokg").join("wikidata.jsonl")
    });
    let cache = Cache::open(&cache_path)
        .with_context(|| format!("{}: cannot open the cache", cache_path.display()))?;
    let client = WikidataClient::builder()
        .with_api(&online.wikidata_api)
        .with_cache(cache)
        .build()?;
    let report = geokg::link::link_store(store, &client)?;
    store.flush()?;
    Ok(report)
}

fn print_link_report(report: &geokg::link::LinkReport) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for (label, qid) in &report.linked {
        writeln!(out, "linked\t{label}\t{qid}")?;
    }
    for label in &report.refused {
        writeln!(out, "unsure\t{label}")?;
    }
    for (label, error) in &report.failed {
        eprintln!("geokg: {label}: {error}");
    }
    eprintln!(
        "{} linked, {} left unlinked (no single fitting candidate), {} failed (try again later)",
        report.linked.len(),
        report.refused.len(),
        report.failed.len()
    );
    Ok(())
}

/// 128 random bits from the kernel, as hex.
fn random_token() -> Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("cannot make a write token from /dev/urandom; pass --write-token")?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
