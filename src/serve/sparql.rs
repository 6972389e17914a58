//! The SPARQL 1.1 Protocol: queries by GET, POST form and POST `application/sparql-query`,
//! updates by POST, and the service description for `GET /query` without a query.

use super::http::{self, HttpError};
use super::negotiate::{self, GRAPH_FORMATS, RESULTS_FORMATS};
use super::Endpoint;
use crate::query::with_prefixes;
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// Set on a response whose results were cut off at the endpoint's limit; its value is the
/// limit.
pub const TRUNCATED_HEADER: &str = "geokg-results-truncated";

/// A query or update and the dataset the protocol request names for it.
struct Operation {
    text: String,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

pub fn query(
    endpoint: &Endpoint,
    request: &mut Request<Body>,
) -> Result<Response<Body>, HttpError> {
    http::allow(request, &[Method::GET, Method::HEAD, Method::POST])?;
    let Some(operation) = read_operation(
        endpoint,
        request,
        "query",
        "application/sparql-query",
        ["default-graph-uri", "named-graph-uri"],
    )?
    else {
        return service_description(endpoint, request);
    };
    let token = CancellationToken::new();
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token.clone());
    if let Some(federation) = &endpoint.federation {
        evaluator = federation
            .register(evaluator)
            .map_err(HttpError::internal)?;
    }
    let mut prepared = evaluator
        .parse_query(&operation.text)
        .map_err(|e| HttpError::bad_request(format!("query: {e}")))?;
    if operation.default_graphs.is_empty() && operation.named_graphs.is_empty() {
        if prepared.dataset().is_default_dataset() {
            // As `geokg query`: every document's graph at once.
            prepared.dataset_mut().set_default_graph_as_union();
        }
    } else {
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(
            iris(&operation.default_graphs)?
                .into_iter()
                .map(GraphName::NamedNode)
                .collect(),
        );
        dataset.set_available_named_graphs(
            iris(&operation.named_graphs)?
                .into_iter()
                .map(NamedOrBlankNode::NamedNode)
                .collect(),
        );
    }
    let deadline = Deadline::start(token, endpoint.query_timeout);
    let evaluation_error = |e: QueryEvaluationError| deadline.error(e);
    let results = prepared
        .on_store(endpoint.store.inner())
        .execute()
        .map_err(evaluation_error)?;
    // Buffered, so that a timeout or an error in the middle is a clean error status rather
    // than a response cut short; the result cap bounds the buffer.
    let mut body = Vec::new();
    let limit = endpoint.max_results;
    let mut truncated = false;
    let media_type = match results {
        QueryResults::Solutions(solutions) => {
            let format = negotiate::choose(request, RESULTS_FORMATS)?;
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())
                .map_err(HttpError::internal)?;
            for (count, solution) in solutions.enumerate() {
                if count == limit {
                    truncated = true;
                    break;
                }
                serializer
                    .serialize(&solution.map_err(evaluation_error)?)
                    .map_err(HttpError::internal)?;
            }
            serializer.finish().map_err(HttpError::internal)?;
            format.media_type()
        }
        QueryResults::Boolean(value) => {
            let format = negotiate::choose(request, RESULTS_FORMATS)?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut body, value)
                .map_err(HttpError::internal)?;
            format.media_type()
        }
        QueryResults::Graph(triples) => {
            let format = negotiate::choose(request, GRAPH_FORMATS)?;
            let mut serializer =
                with_prefixes(RdfSerializer::from_format(format)).for_writer(&mut body);
            for (count, triple) in triples.enumerate() {
                if count == limit {
                    truncated = true;
                    break;
                }
                serializer
                    .serialize_triple(&triple.map_err(evaluation_error)?)
                    .map_err(HttpError::internal)?;
            }
            serializer.finish().map_err(HttpError::internal)?;
            format.media_type()
        }
    };
    let mut response = http::with_body(StatusCode::OK, media_type, body);
    if truncated {
        response
            .headers_mut()
            .insert(TRUNCATED_HEADER, HeaderValue::from(limit));
    }
    Ok(response)
}

pub fn update(
    endpoint: &Endpoint,
    request: &mut Request<Body>,
) -> Result<Response<Body>, HttpError> {
    http::allow(request, &[Method::POST])?;
    endpoint.authorize_write(request)?;
    let operation = read_operation(
        endpoint,
        request,
        "update",
        "application/sparql-update",
        ["using-graph-uri", "using-named-graph-uri"],
    )?
    .ok_or_else(|| HttpError::bad_request("no update: send `update=` or a SPARQL Update body"))?;
    let prepared = SparqlEvaluator::new()
        .parse_update(&operation.text)
        .map_err(|e| HttpError::bad_request(format!("update: {e}")))?;
    if !operation.default_graphs.is_empty() || !operation.named_graphs.is_empty() {
        return Err(HttpError::bad_request(
            "using-graph-uri and using-named-graph-uri are not supported; use USING in the update",
        ));
    }
    let _writer = endpoint.writer.lock().unwrap_or_else(|e| e.into_inner());
    prepared
        .on_store(endpoint.store.inner())
        .execute()
        .map_err(|e| HttpError::bad_request(format!("update: {e}")))?;
    endpoint
        .store
        .rebuild_derived()
        .map_err(HttpError::internal)?;
    Ok(http::empty(StatusCode::NO_CONTENT))
}

/// The operation of a GET or POST request, `None` for a GET without one.
fn read_operation(
    endpoint: &Endpoint,
    request: &mut Request<Body>,
    field: &str,
    direct_media_type: &str,
    [default_key, named_key]: [&str; 2],
) -> Result<Option<Operation>, HttpError> {
    let mut params = http::url_params(request);
    let mut text = None;
    if request.method() == Method::POST {
        match http::content_type(request).as_deref() {
            Some(media) if media == direct_media_type => {
                text = Some(http::read_text(request, endpoint.max_body)?);
            }
            Some("application/x-www-form-urlencoded") => {
                params.extend(http::form(&http::read_body(request, endpoint.max_body)?));
            }
            other => {
                return Err(http::unsupported_media_type(
                    &format!(
                        "cannot read a {field} from {}",
                        other.unwrap_or("a body without Content-Type")
                    ),
                    &format!("{direct_media_type} or application/x-www-form-urlencoded"),
                ))
            }
        }
    }
    let text = match text {
        Some(text) => Some(text),
        None => http::single(&params, field)?.map(str::to_owned),
    };
    let Some(text) = text else {
        if request.method() == Method::POST {
            return Err(HttpError::bad_request(format!("no `{field}` in the form")));
        }
        return Ok(None);
    };
    Ok(Some(Operation {
        text,
        default_graphs: http::all(&params, default_key).map(str::to_owned).collect(),
        named_graphs: http::all(&params, named_key).map(str::to_owned).collect(),
    }))
}

fn iris(values: &[String]) -> Result<Vec<NamedNode>, HttpError> {
    values
        .iter()
        .map(|v| {
            NamedNode::new(v).map_err(|e| HttpError::bad_request(format!("<{v}>: not an IRI: {e}")))
        })
        .collect()
}

/// Cancels a query that runs longer than its timeout.
struct Deadline {
    timeout: Duration,
    fired: Arc<AtomicBool>,
    // Dropping it wakes the watcher, which then leaves without cancelling.
    _done: mpsc::Sender<()>,
}

impl Deadline {
    fn start(token: CancellationToken, timeout: Duration) -> Self {
        let (done, wait) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let watcher_fired = Arc::clone(&fired);
        std::thread::spawn(move || {
            if wait.recv_timeout(timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
                watcher_fired.store(true, Ordering::SeqCst);
                token.cancel();
            }
        });
        Self {
            timeout,
            fired,
            _done: done,
        }
    }

    fn error(&self, error: QueryEvaluationError) -> HttpError {
        if self.fired.load(Ordering::SeqCst) {
            return HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query ran longer than the timeout of {} s (geokg serve --query-timeout)",
                    self.timeout.as_secs_f64()
                ),
            );
        }
        match error {
            QueryEvaluationError::UnsupportedService(service) => HttpError::new(
                StatusCode::FORBIDDEN,
                format!("SERVICE {service} is not on this endpoint's allow-list (geokg serve --allow-service)"),
            ),
            other => HttpError::internal(format!("query: {other}")),
        }
    }
}

/// A SPARQL service description of this endpoint.
fn service_description(
    endpoint: &Endpoint,
    request: &Request<Body>,
) -> Result<Response<Body>, HttpError> {
    const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
    let host = request
        .headers()
        .get(oxhttp::model::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let mut turtle = format!(
        "@prefix sd: <{SD}> .\n[] a sd:Service ;\n  sd:endpoint <http://{host}/query> ;\n  sd:supportedLanguage sd:SPARQL11Query{} ;\n  sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;\n  sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;\n",
        if endpoint.is_writable() { ", sd:SPARQL11Update" } else { "" }
    );
    let formats: Vec<String> = RESULTS_FORMATS
        .iter()
        .map(|(_, f)| f.iri())
        .chain(GRAPH_FORMATS.iter().map(|(_, f)| f.iri()))
        .map(|iri| format!("<{iri}>"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    turtle.push_str(&format!("  sd:resultFormat {} .\n", formats.join(", ")));
    let format = negotiate::choose(request, GRAPH_FORMATS)?;
    let mut body = Vec::new();
    let mut serializer = RdfSerializer::from_format(format).for_writer(&mut body);
    for triple in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
    {
        let quad = triple.map_err(HttpError::internal)?;
        serializer
            .serialize_triple(quad.as_ref())
            .map_err(HttpError::internal)?;
    }
    serializer.finish().map_err(HttpError::internal)?;
    Ok(http::with_body(StatusCode::OK, format.media_type(), body))
}
