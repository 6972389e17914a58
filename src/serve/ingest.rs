//! `POST /ingest`: articles in, statements stored, in the process that owns the store.
//!
//! The body is an article as `text/plain` (metadata in the URL: `?id=&url=&title=&published=`),
//! one JSON article `{"text", "id", "url", "title", "published"}` as `application/json`, or
//! many as JSON lines (`application/x-ndjson`). `?date=YYYY-MM-DD` anchors relative dates of
//! articles without a publication date.

use super::http::{self, HttpError};
use super::Endpoint;
use crate::document::{self, Document};
use crate::ingest::ingest_document;
use crate::store::Replaced;
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use serde::Serialize;

#[derive(Serialize)]
struct Report {
    documents: Vec<DocumentReport>,
    errors: Vec<String>,
    derived: usize,
}

#[derive(Serialize)]
struct DocumentReport {
    id: String,
    graph: String,
    statements: usize,
    status: &'static str,
}

const ORIGIN: &str = "POST /ingest";

pub fn handle(
    endpoint: &Endpoint,
    request: &mut Request<Body>,
) -> Result<Response<Body>, HttpError> {
    http::allow(request, &[Method::POST])?;
    endpoint.authorize_write(request)?;
    let params = http::url_params(request);
    let date =
        match http::single(&params, "date")? {
            Some(value) => Some(document::parse_date(value).ok_or_else(|| {
                HttpError::bad_request(format!("date={value}: expected YYYY-MM-DD"))
            })?),
            None => endpoint.default_date,
        };
    let media = http::content_type(request).unwrap_or_default();
    let text = http::read_text(request, endpoint.max_body)?;
    let documents = match media.as_str() {
        "text/plain" => vec![Ok(plain_document(text, &params)?)],
        "application/json" => vec![document::parse_jsonl_line(ORIGIN, 1, text.trim())],
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => {
            document::parse_jsonl(ORIGIN, &text)
        }
        _ => {
            return Err(http::unsupported_media_type(
                &format!("cannot read articles from {media:?}"),
                "text/plain, application/json or application/x-ndjson",
            ))
        }
    };
    let _writer = endpoint.writer.lock().unwrap_or_else(|e| e.into_inner());
    let mut report = Report {
        documents: Vec::new(),
        errors: Vec::new(),
        derived: 0,
    };
    for document in documents {
        let document = match document {
            Ok(document) => document,
            Err(error) => {
                report.errors.push(error.to_string());
                continue;
            }
        };
        let ingested = ingest_document(&endpoint.store, &endpoint.extractor, &document, date)
            .map_err(HttpError::internal)?;
        report.documents.push(DocumentReport {
            id: document.id().to_owned(),
            graph: ingested.graph,
            statements: ingested.statements,
            status: match ingested.replaced {
                Replaced::New => "new",
                Replaced::Updated => "replaced",
            },
        });
    }
    if report.documents.is_empty() {
        return Err(HttpError::bad_request(format!(
            "no article stored: {}",
            report.errors.join("; ")
        )));
    }
    report.derived = endpoint
        .store
        .rebuild_derived()
        .map_err(HttpError::internal)?;
    let body = serde_json::to_vec_pretty(&report).map_err(HttpError::internal)?;
    Ok(http::with_body(StatusCode::OK, "application/json", body))
}

fn plain_document(text: String, params: &[(String, String)]) -> Result<Document, HttpError> {
    if text.trim().is_empty() {
        return Err(HttpError::bad_request("the article is empty"));
    }
    let published = match http::single(params, "published")? {
        Some(value) => Some(document::parse_date(value).ok_or_else(|| {
            HttpError::bad_request(format!("published={value}: expected YYYY-MM-DD"))
        })?),
        None => None,
    };
    let mut document = Document::new(text)
        .with_published(published)
        .with_origin(ORIGIN);
    if let Some(id) = http::single(params, "id")? {
        document = document.with_id(id);
    }
    document.url = http::single(params, "url")?.map(str::to_owned);
    document.title = http::single(params, "title")?.map(str::to_owned);
    Ok(document)
}
