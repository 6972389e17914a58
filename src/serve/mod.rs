//! `geokg serve`: one process owns the store and offers it over HTTP.
//!
//! The routes follow Oxigraph's own server so that tools written for it work unchanged:
//! `/query` (SPARQL 1.1 Protocol, and the service description without a query), `/update`,
//! `/store` (Graph Store HTTP Protocol), plus geokg's `/ingest`, `/queries` and the page at `/`.
//! Everything that writes is refused unless the endpoint was built with a write token, and
//! then needs that token.

mod assets;
mod graph_store;
mod http;
mod ingest;
mod negotiate;
mod sparql;

use crate::extract::Extractor;
use crate::federation::Federation;
use crate::store::{GraphStore, ServedMarker};
use chrono::NaiveDate;
use http::HttpError;
use oxhttp::model::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, AUTHORIZATION, WWW_AUTHENTICATE,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The loopback address `geokg serve` listens on unless told otherwise.
pub const DEFAULT_BIND: &str = "127.0.0.1:7878";

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("--bind {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// A SPARQL endpoint over one store, configured builder-style.
pub struct Endpoint {
    store: GraphStore,
    extractor: Extractor,
    write_token: Option<String>,
    query_timeout: Duration,
    max_results: usize,
    max_body: u64,
    cors_origin: Option<String>,
    federation: Option<Federation>,
    default_date: Option<NaiveDate>,
    /// Ingests and updates one at a time, so that the derived graph is rebuilt from a
    /// consistent store.
    writer: Mutex<()>,
}

impl Endpoint {
    /// A read-only endpoint with a 30 s query timeout, at most 10,000 results a query,
    /// request bodies up to 16 MiB, no CORS and no SERVICE calls.
    pub fn new(store: GraphStore, extractor: Extractor) -> Self {
        Self {
            store,
            extractor,
            write_token: None,
            query_timeout: Duration::from_secs(30),
            max_results: 10_000,
            max_body: 16 << 20,
            cors_origin: None,
            federation: None,
            default_date: None,
            writer: Mutex::new(()),
        }
    }

    /// Allows SPARQL Update, Graph Store writes and `/ingest` to callers that send
    /// `Authorization: Bearer TOKEN`.
    pub fn with_write_token(mut self, token: impl Into<String>) -> Self {
        self.write_token = Some(token.into());
        self
    }

    pub fn with_query_timeout(mut self, timeout: Duration) -> Self {
        self.query_timeout = timeout;
        self
    }

    /// Query results beyond this many rows (or triples) are cut off, and the response says so
    /// in a `Geokg-Results-Truncated` header.
    pub fn with_max_results(mut self, max_results: usize) -> Self {
        self.max_results = max_results;
        self
    }

    pub fn with_max_body(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    /// Answers cross-origin requests from `origin` (`*` for any).
    pub fn with_cors_origin(mut self, origin: impl Into<String>) -> Self {
        self.cors_origin = Some(origin.into());
        self
    }

    /// SERVICE may call the endpoints `federation` allows; without it, none.
    pub fn with_federation(mut self, federation: Federation) -> Self {
        self.federation = Some(federation);
        self
    }

    /// Anchors relative dates of ingested documents that carry no date of their own.
    pub fn with_default_date(mut self, date: Option<NaiveDate>) -> Self {
        self.default_date = date;
        self
    }

    pub fn is_writable(&self) -> bool {
        self.write_token.is_some()
    }

    /// Listens on `addr` (port 0 picks a free port) and serves until the process ends.
    /// Returns the address it listens on and a handle to wait on.
    pub fn serve(self, addr: SocketAddr) -> Result<Serving, ServeError> {
        let addr = resolve_port(addr)?;
        let marker = self
            .store
            .location()
            .map(|path| ServedMarker::write(path, &format!("http://{addr}/")))
            .transpose()?;
        let endpoint = Arc::new(self);
        let server = oxhttp::Server::new(move |request| endpoint.handle(request))
            .bind(addr)
            .with_global_timeout(Duration::from_secs(120))
            .with_max_concurrent_connections(256)
            .with_server_name(concat!("geokg/", env!("CARGO_PKG_VERSION")))
            .expect("the server name is a valid header")
            .spawn()
            .map_err(|source| ServeError::Bind { addr, source })?;
        Ok(Serving {
            addr,
            server,
            _marker: marker,
        })
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let response = self.route(request).unwrap_or_else(HttpError::into_response);
        self.with_cors(response)
    }

    fn route(&self, request: &mut Request<Body>) -> Result<Response<Body>, HttpError> {
        let path = request.uri().path().to_owned();
        if request.method() == Method::OPTIONS && self.cors_origin.is_some() {
            return Ok(http::empty(StatusCode::NO_CONTENT));
        }
        match path.as_str() {
            "/query" => sparql::query(self, request),
            "/update" => sparql::update(self, request),
            "/store" => graph_store::handle(self, request),
            "/ingest" => ingest::handle(self, request),
            "/queries" => {
                http::allow(request, &[Method::GET, Method::HEAD])?;
                Ok(assets::canned_queries())
            }
            _ => {
                http::allow(request, &[Method::GET, Method::HEAD])?;
                assets::file(&path)
            }
        }
    }

    /// Refuses writes on a read-only endpoint (403) and without the token (401).
    fn authorize_write(&self, request: &Request<Body>) -> Result<(), HttpError> {
        let Some(token) = &self.write_token else {
            return Err(HttpError::new(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only; start `geokg serve` with --allow-writes to accept writes",
            ));
        };
        let given = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given.is_some_and(|given| constant_time_eq(given.as_bytes(), token.as_bytes())) {
            Ok(())
        } else {
            Err(HttpError::new(
                StatusCode::UNAUTHORIZED,
                "writes need the token given to `geokg serve`: send `Authorization: Bearer TOKEN`",
            )
            .with_header(
                WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"geokg\""),
            ))
        }
    }

    fn with_cors(&self, mut response: Response<Body>) -> Response<Body> {
        let Some(origin) = &self.cors_origin else {
            return response;
        };
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(origin) {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
        }
        headers.insert(
            ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, POST, PUT, DELETE, OPTIONS"),
        );
        headers.insert(
            ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Accept, Authorization, Content-Type"),
        );
        headers.insert(
            ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(sparql::TRUNCATED_HEADER),
        );
        response
    }
}

/// A running endpoint; the store stays marked as served while it lives.
pub struct Serving {
    addr: SocketAddr,
    server: oxhttp::ListeningServer,
    _marker: Option<ServedMarker>,
}

impl Serving {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks while the server runs.
    pub fn join(self) -> std::io::Result<()> {
        self.server.join()
    }
}

/// oxhttp binds by itself and does not report the port it got, so port 0 is resolved here.
fn resolve_port(addr: SocketAddr) -> Result<SocketAddr, ServeError> {
    if addr.port() != 0 {
        return Ok(addr);
    }
    TcpListener::bind(addr)
        .and_then(|listener| listener.local_addr())
        .map_err(|source| ServeError::Bind { addr, source })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
