//! Small HTTP pieces shared by the routes: errors as responses, bounded bodies, forms.

use oxhttp::model::header::{ALLOW, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use std::io::Read;

/// A response that ends a request early: its status and a message for the client.
#[derive(Debug)]
pub struct HttpError {
    status: StatusCode,
    message: String,
    header: Option<(HeaderName, HeaderValue)>,
}

impl HttpError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            header: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message.to_string())
    }

    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.header = Some((name, value));
        self
    }

    pub fn into_response(self) -> Response<Body> {
        let mut response = with_body(self.status, "text/plain; charset=utf-8", {
            let mut message = self.message;
            message.push('\n');
            message
        });
        if let Some((name, value)) = self.header {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

pub fn with_body(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, content_type)
        .body(body.into())
        .expect("a status, a media type and a body make a valid response")
}

pub fn empty(status: StatusCode) -> Response<Body> {
    Response::builder()
        .status(status)
        .body(Body::empty())
        .expect("a status makes a valid response")
}

/// 405 with an `Allow` header unless the request uses one of `methods`.
pub fn allow(request: &Request<Body>, methods: &[Method]) -> Result<(), HttpError> {
    if methods.contains(request.method()) {
        return Ok(());
    }
    let allowed = methods
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    Err(HttpError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} is not allowed here; use {allowed}", request.method()),
    )
    .with_header(
        ALLOW,
        HeaderValue::from_str(&allowed).expect("method names are valid header values"),
    ))
}

/// The media type of the request body, without parameters, lower-cased.
pub fn content_type(request: &Request<Body>) -> Option<String> {
    let value = request.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    Some(
        value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase(),
    )
}

/// Reads the whole body, refusing with 413 one larger than `limit` bytes.
pub fn read_body(request: &mut Request<Body>, limit: u64) -> Result<Vec<u8>, HttpError> {
    let mut bytes = Vec::new();
    request
        .body_mut()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| HttpError::bad_request(format!("cannot read the request body: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the limit of {limit} bytes (--max-body)"),
        ));
    }
    Ok(bytes)
}

pub fn read_text(request: &mut Request<Body>, limit: u64) -> Result<String, HttpError> {
    String::from_utf8(read_body(request, limit)?).map_err(|e| {
        HttpError::bad_request(format!(
            "the request body is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The `key=value` pairs of a URL query or a form body, decoded.
pub fn form(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded).into_owned().collect()
}

/// The pairs of the request's URL query.
pub fn url_params(request: &Request<Body>) -> Vec<(String, String)> {
    form(request.uri().query().unwrap_or_default().as_bytes())
}

/// The only value of `key`, 400 when it is given more than once.
pub fn single<'a>(params: &'a [(String, String)], key: &str) -> Result<Option<&'a str>, HttpError> {
    let mut values = params.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
    let first = values.next();
    if values.next().is_some() {
        return Err(HttpError::bad_request(format!(
            "the parameter `{key}` is given more than once"
        )));
    }
    Ok(first.map(String::as_str))
}

pub fn all<'a>(params: &'a [(String, String)], key: &'a str) -> impl Iterator<Item = &'a str> {
    params
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

pub fn unsupported_media_type(what: &str, accepted: &str) -> HttpError {
    HttpError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("{what}; send {accepted}"),
    )
}
