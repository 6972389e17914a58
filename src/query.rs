//! SPARQL over the store: named queries from `queries/`, result formats for programs and a
//! table for people.

use crate::federation::Federation;
use crate::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;
use std::path::Path;

/// The canned queries, built into the binary so that `geokg query NAME` works anywhere.
pub const NAMED_QUERIES: [(&str, &str); 6] = [
    ("events", include_str!("../queries/events.rq")),
    (
        "who-backs-whom",
        include_str!("../queries/who-backs-whom.rq"),
    ),
    ("disputes", include_str!("../queries/disputes.rq")),
    ("dyad-timeline", include_str!("../queries/dyad-timeline.rq")),
    ("actors", include_str!("../queries/actors.rq")),
    (
        "backed-states-wikidata",
        include_str!("../queries/backed-states-wikidata.rq"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("{0}: no such query file, and no query of that name in queries/ (try: {names})", names = NAMED_QUERIES.map(|(n, _)| n).join(", "))]
    Unknown(String),
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}: {message}")]
    Syntax { origin: String, message: String },
    #[error("{origin}: {message}")]
    Evaluation { origin: String, message: String },
    #[error("--bind {0}: expected NAME=VALUE")]
    Binding(String),
    #[error("{format} cannot show {what}; use {instead}")]
    Format {
        format: String,
        what: &'static str,
        instead: &'static str,
    },
    #[error("output: {0}")]
    Io(#[from] std::io::Error),
}

/// A query text and where it came from, for messages.
#[derive(Debug, Clone)]
pub struct QuerySource {
    pub text: String,
    pub origin: String,
}

impl QuerySource {
    /// `arg` is a path to a file, the name of a query in `queries/`, or SPARQL text.
    pub fn resolve(arg: &str) -> Result<Self, QueryError> {
        let read = |path: &Path| -> Result<Self, QueryError> {
            let text = std::fs::read_to_string(path).map_err(|source| QueryError::Read {
                path: path.display().to_string(),
                source,
            })?;
            Ok(Self {
                text,
                origin: path.display().to_string(),
            })
        };
        let path = Path::new(arg);
        if path.is_file() {
            return read(path);
        }
        let looks_like_sparql = arg.contains(char::is_whitespace) || arg.contains('{');
        if looks_like_sparql {
            return Ok(Self {
                text: arg.to_owned(),
                origin: "query".into(),
            });
        }
        let name = arg.trim_end_matches(".rq");
        let local = Path::new("queries").join(format!("{name}.rq"));
        if local.is_file() {
            return read(&local);
        }
        NAMED_QUERIES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| Self {
                text: (*text).to_owned(),
                origin: format!("queries/{n}.rq"),
            })
            .ok_or_else(|| QueryError::Unknown(arg.to_owned()))
    }
}

/// Output formats of `geokg query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
}

/// `--bind name=VALUE`: VALUE is `<iri>` or a plain literal.
pub fn parse_binding(arg: &str) -> Result<(Variable, Term), QueryError> {
    let (name, value) = arg
        .split_once('=')
        .ok_or_else(|| QueryError::Binding(arg.into()))?;
    let variable =
        Variable::new(name.trim_start_matches('?')).map_err(|_| QueryError::Binding(arg.into()))?;
    let term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => oxigraph::model::NamedNode::new(iri)
            .map_err(|_| QueryError::Binding(arg.into()))?
            .into(),
        None => oxigraph::model::Literal::new_simple_literal(value).into(),
    };
    Ok((variable, term))
}

/// Runs a query with the union of all graphs as default graph and writes its results.
/// SERVICE calls reach only the endpoints `federation` allows, and none without it.
pub fn run(
    store: &Store,
    query: &QuerySource,
    bindings: &[(Variable, Term)],
    federation: Option<&Federation>,
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let evaluator = match federation {
        Some(federation) => {
            federation
                .register(SparqlEvaluator::new())
                .map_err(|e| QueryError::Evaluation {
                    origin: query.origin.clone(),
                    message: e.to_string(),
                })?
        }
        None => SparqlEvaluator::new(),
    };
    let mut prepared = evaluator
        .parse_query(&query.text)
        .map_err(|e| QueryError::Syntax {
            origin: query.origin.clone(),
            message: e.to_string(),
        })?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    for (variable, term) in bindings {
        prepared = prepared.substitute_variable(variable.clone(), term.clone());
    }
    let evaluation_error = |e: &dyn std::fmt::Display| QueryError::Evaluation {
        origin: query.origin.clone(),
        message: e.to_string(),
    };
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| evaluation_error(&e))?;
    let results_format = match format {
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match results {
        QueryResults::Solutions(solutions) => {
            if let Some(f) = results_format {
                let mut serializer = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
                for solution in solutions {
                    serializer.serialize(&solution.map_err(|e| evaluation_error(&e))?)?;
                }
                serializer.finish()?;
                return Ok(());
            }
            if format != OutputFormat::Table {
                return Err(format_error(
                    format,
                    "SELECT results",
                    "table, csv, tsv, json or xml",
                ));
            }
            let header: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(|e| evaluation_error(&e))?;
                rows.push(
                    solution
                        .values()
                        .iter()
                        .map(|v| v.as_ref().map(compact).unwrap_or_default())
                        .collect(),
                );
            }
            write_table(out, &header, &rows)?;
        }
        QueryResults::Boolean(value) => match results_format {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, value)?;
            }
            None if format == OutputFormat::Table => writeln!(out, "{value}")?,
            None => {
                return Err(format_error(
                    format,
                    "an ASK result",
                    "table, csv, tsv, json or xml",
                ))
            }
        },
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                OutputFormat::Table | OutputFormat::Turtle => RdfFormat::Turtle,
                OutputFormat::Ntriples => RdfFormat::NTriples,
                _ => {
                    return Err(format_error(
                        format,
                        "CONSTRUCT or DESCRIBE results",
                        "turtle or ntriples",
                    ))
                }
            };
            let mut serializer =
                with_prefixes(RdfSerializer::from_format(rdf_format)).for_writer(&mut *out);
            for triple in triples {
                serializer.serialize_triple(&triple.map_err(|e| evaluation_error(&e))?)?;
            }
            serializer.finish()?;
        }
    }
    Ok(())
}

fn format_error(format: OutputFormat, what: &'static str, instead: &'static str) -> QueryError {
    QueryError::Format {
        format: format!("--format {format:?}").to_lowercase(),
        what,
        instead,
    }
}

/// Adds geokg's prefixes to a serializer.
pub fn with_prefixes(mut serializer: RdfSerializer) -> RdfSerializer {
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .expect("the built-in prefixes are valid IRIs");
    }
    serializer
}

/// A term as a person reads it: `actor:USA`, `2026-04`, `0.8`.
fn compact(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => PREFIXES
            .iter()
            .find_map(|(p, iri)| {
                n.as_str()
                    .strip_prefix(iri)
                    .map(|local| format!("{p}:{local}"))
            })
            .unwrap_or_else(|| format!("<{}>", n.as_str())),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// Columns padded to their widest cell; long cells are cut so rows fit a terminal.
fn write_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    const MAX: usize = 60;
    let cut = |s: &str| -> String {
        let one_line = s.replace('\n', " ");
        if one_line.chars().count() > MAX {
            format!("{}…", one_line.chars().take(MAX - 1).collect::<String>())
        } else {
            one_line
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{}", line(header))?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    )?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
