//! The web page and its assets, built into the binary: nothing is fetched from elsewhere.

use super::http::{self, HttpError};
use crate::query::NAMED_QUERIES;
use oxhttp::model::header::CACHE_CONTROL;
use oxhttp::model::{Body, HeaderValue, Response, StatusCode};

/// Path, media type, content. The graph library is cytoscape.js, vendored from npm with its
/// licence (`web/vendor/`).
const FILES: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("../../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_str!("../../web/app.css"),
    ),
    (
        "/vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/vendor/cytoscape-3.34.4.min.js"),
    ),
    (
        "/vendor/cytoscape-LICENSE.txt",
        "text/plain; charset=utf-8",
        include_str!("../../web/vendor/cytoscape-LICENSE.txt"),
    ),
];

pub fn file(path: &str) -> Result<Response<Body>, HttpError> {
    let path = if path == "/index.html" { "/" } else { path };
    let (_, media_type, content) = FILES.iter().find(|(p, _, _)| *p == path).ok_or_else(|| {
        HttpError::new(
            StatusCode::NOT_FOUND,
            format!("{path}: not found; the SPARQL endpoint is /query"),
        )
    })?;
    let mut response = http::with_body(StatusCode::OK, media_type, *content);
    if path.starts_with("/vendor/") {
        response.headers_mut().insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        );
    }
    Ok(response)
}

/// The canned queries of `queries/` as `[{"name", "sparql"}]`, for the page's buttons.
pub fn canned_queries() -> Response<Body> {
    let list: Vec<serde_json::Value> = NAMED_QUERIES
        .iter()
        .map(|(name, sparql)| serde_json::json!({ "name": name, "sparql": sparql }))
        .collect();
    http::with_body(
        StatusCode::OK,
        "application/json",
        serde_json::Value::Array(list).to_string(),
    )
}
