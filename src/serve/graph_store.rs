//! The SPARQL 1.1 Graph Store HTTP Protocol on `/store`: `?graph=IRI`, `?default`, or
//! nothing for the whole dataset (read only). Reads stream; writes need the write token.

use super::http::{self, HttpError};
use super::negotiate::{self, DATASET_FORMATS, GRAPH_FORMATS};
use super::Endpoint;
use crate::export;
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};

pub fn handle(
    endpoint: &Endpoint,
    request: &mut Request<Body>,
) -> Result<Response<Body>, HttpError> {
    http::allow(
        request,
        &[
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::POST,
            Method::DELETE,
        ],
    )?;
    let target = target(request)?;
    let store = endpoint.store.inner();
    let reading = matches!(*request.method(), Method::GET | Method::HEAD);
    if reading {
        let offers = if target.is_some() {
            GRAPH_FORMATS
        } else {
            DATASET_FORMATS
        };
        let format = negotiate::choose(request, offers)?;
        if let Some(GraphName::NamedNode(graph)) = &target {
            if !store
                .contains_named_graph(graph)
                .map_err(HttpError::internal)?
            {
                return Err(not_found(graph));
            }
        }
        let body = if request.method() == Method::HEAD {
            Body::empty()
        } else {
            stream(store.clone(), format, target)
        };
        return Ok(http::with_body(StatusCode::OK, format.media_type(), body));
    }
    endpoint.authorize_write(request)?;
    let Some(target) = target else {
        return Err(HttpError::bad_request(
            "writes name their graph: add ?graph=IRI or ?default",
        ));
    };
    let _writer = endpoint.writer.lock().unwrap_or_else(|e| e.into_inner());
    let existed = match &target {
        GraphName::NamedNode(graph) => store
            .contains_named_graph(graph)
            .map_err(HttpError::internal)?,
        _ => true,
    };
    if request.method() == Method::DELETE {
        if !existed {
            let GraphName::NamedNode(graph) = &target else {
                unreachable!("the default graph always exists")
            };
            return Err(not_found(graph));
        }
        match &target {
            GraphName::NamedNode(graph) => store.remove_named_graph(graph),
            _ => store.clear_graph(&target),
        }
        .map_err(HttpError::internal)?;
        return Ok(http::empty(StatusCode::NO_CONTENT));
    }
    let quads = read_graph(endpoint, request, &target)?;
    let mut transaction = store.start_transaction().map_err(HttpError::internal)?;
    if request.method() == Method::PUT {
        transaction
            .clear_graph(&target)
            .map_err(HttpError::internal)?;
    }
    if let GraphName::NamedNode(graph) = &target {
        transaction.insert_named_graph(graph);
    }
    transaction.extend(quads.iter());
    transaction.commit().map_err(HttpError::internal)?;
    Ok(http::empty(if existed {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::CREATED
    }))
}

/// `?graph=IRI` is a named graph, `?default` the default graph, neither the whole dataset.
fn target(request: &Request<Body>) -> Result<Option<GraphName>, HttpError> {
    let params = http::url_params(request);
    let graph = http::single(&params, "graph")?;
    let default = params.iter().any(|(k, _)| k == "default");
    match (graph, default) {
        (Some(_), true) => Err(HttpError::bad_request(
            "give either ?graph=IRI or ?default, not both",
        )),
        (Some(iri), false) => NamedNode::new(iri)
            .map(|n| Some(GraphName::NamedNode(n)))
            .map_err(|e| HttpError::bad_request(format!("graph <{iri}>: not an IRI: {e}"))),
        (None, true) => Ok(Some(GraphName::DefaultGraph)),
        (None, false) => Ok(None),
    }
}

fn not_found(graph: &NamedNode) -> HttpError {
    HttpError::new(
        StatusCode::NOT_FOUND,
        format!("no graph {graph} in this store"),
    )
}

/// Writes the graph (or dataset) from a thread of its own into the response, so that a large
/// store streams in bounded memory.
fn stream(store: oxigraph::store::Store, format: RdfFormat, graph: Option<GraphName>) -> Body {
    let (reader, mut writer) = match std::io::pipe() {
        Ok(pipe) => pipe,
        Err(error) => return Body::from(format!("cannot stream the graph: {error}")),
    };
    std::thread::spawn(move || {
        // A client that goes away closes the pipe; there is nobody left to tell.
        let _ = export::export(&store, format, graph.as_ref(), &mut writer);
    });
    Body::from_read(reader)
}

fn read_graph(
    endpoint: &Endpoint,
    request: &mut Request<Body>,
    target: &GraphName,
) -> Result<Vec<Quad>, HttpError> {
    let media = http::content_type(request).unwrap_or_default();
    let format = RdfFormat::from_media_type(&media).ok_or_else(|| {
        http::unsupported_media_type(
            &format!("cannot read a graph from {media:?}"),
            "text/turtle, application/n-triples, application/ld+json or application/rdf+xml",
        )
    })?;
    let body = http::read_body(request, endpoint.max_body)?;
    RdfParser::from_format(format)
        .with_default_graph(target.clone())
        .without_named_graphs()
        .rename_blank_nodes()
        .for_slice(&body)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| HttpError::bad_request(format!("request body: {e}")))
}
