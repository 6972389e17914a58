//! Articles from the web: pages by URL and the items of RSS and Atom feeds, fetched politely
//! (a descriptive User-Agent, timeouts, retries with back-off, a per-host pace, a size cap)
//! and reduced to their main text with their title, canonical URL and publication date.

mod feed;
mod page;

pub use feed::Item;

use crate::document::Document;
use crate::link::client::USER_AGENT;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::io::Read;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{url}: {message}")]
    Fetch { url: String, message: String },
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: larger than the limit of {limit} bytes (--max-page-size)")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: not a web page or feed ({media_type})")]
    NotText { url: String, media_type: String },
    #[error("{url}: {message}")]
    Content { url: String, message: String },
}

/// A fetched body with what its headers said.
struct Fetched {
    /// The URL after redirects.
    url: String,
    media_type: String,
    charset: Option<String>,
    body: Vec<u8>,
}

/// An HTTP client for articles and feeds, configured builder-style.
pub struct Fetcher {
    http: reqwest::blocking::Client,
    retries: u32,
    max_bytes: u64,
    per_host: Duration,
    /// When each host was last asked, for the per-host pace.
    last_request: RefCell<FxHashMap<String, Instant>>,
}

impl Fetcher {
    /// 30 s timeouts, 3 retries, 5 redirects, 10 MB per page, one request a second per host.
    pub fn new() -> Result<Self, WebError> {
        Self::with_timeout(Duration::from_secs(30))
    }

    pub fn with_timeout(timeout: Duration) -> Result<Self, WebError> {
        let http = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| WebError::Fetch {
                url: String::new(),
                message: e.to_string(),
            })?;
        Ok(Self {
            http,
            retries: 3,
            max_bytes: 10_000_000,
            per_host: Duration::from_secs(1),
            last_request: RefCell::new(FxHashMap::default()),
        })
    }

    pub fn with_max_bytes(mut self, bytes: u64) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// The least time between two requests to one host.
    pub fn with_per_host_interval(mut self, interval: Duration) -> Self {
        self.per_host = interval;
        self
    }

    /// The article at `url` as a document: its main text, title, canonical URL and date.
    pub fn article(&self, url: &str) -> Result<Document, WebError> {
        let fetched = self.fetch(url)?;
        page::document(&fetched)
    }

    /// The articles an RSS or Atom feed lists, with the dates and titles it gives them.
    pub fn feed(&self, url: &str) -> Result<Vec<feed::Item>, WebError> {
        let fetched = self.fetch(url)?;
        feed::items(&fetched)
    }

    /// The documents of `pages` and of the items of `feeds`, fetched one at a time as the
    /// iterator is read; a page or feed that fails is an error of its own.
    pub fn documents(self, pages: Vec<String>, feeds: Vec<String>) -> WebDocuments {
        WebDocuments {
            fetcher: self,
            pending: pages
                .into_iter()
                .map(Pending::Page)
                .chain(feeds.into_iter().map(Pending::Feed))
                .collect(),
        }
    }

    fn fetch(&self, url: &str) -> Result<Fetched, WebError> {
        let fail = |message: String| WebError::Fetch {
            url: url.to_owned(),
            message,
        };
        let mut attempt = 0;
        loop {
            self.pace(url);
            let outcome = self.http.get(url).send();
            // Some(wait) when worth another try: 429, 5xx, a timeout, a refused connection.
            let transient = match &outcome {
                Ok(response) => is_transient(response.status()).then(|| retry_after(response)),
                Err(error) => (error.is_timeout() || error.is_connect()).then_some(None),
            };
            if let Some(wait) = transient.filter(|_| attempt < self.retries) {
                attempt += 1;
                std::thread::sleep(wait.unwrap_or(Duration::from_millis(500 << attempt)));
                continue;
            }
            let response = outcome.map_err(|e| fail(describe(&e)))?;
            let status = response.status();
            if !status.is_success() {
                return Err(WebError::Status {
                    url: url.to_owned(),
                    status: status.as_u16(),
                });
            }
            let (media_type, charset) = content_type(&response);
            if !is_text(&media_type) {
                return Err(WebError::NotText {
                    url: url.to_owned(),
                    media_type,
                });
            }
            let final_url = response.url().to_string();
            let mut body = Vec::new();
            response
                .take(self.max_bytes + 1)
                .read_to_end(&mut body)
                .map_err(|e| fail(e.to_string()))?;
            if body.len() as u64 > self.max_bytes {
                return Err(WebError::TooLarge {
                    url: url.to_owned(),
                    limit: self.max_bytes,
                });
            }
            return Ok(Fetched {
                url: final_url,
                media_type,
                charset,
                body,
            });
        }
    }

    /// Waits until the host of `url` may be asked again.
    fn pace(&self, url: &str) {
        let host = reqwest::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let mut last = self.last_request.borrow_mut();
        if let Some(at) = last.get(&host) {
            let next = *at + self.per_host;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        last.insert(host, Instant::now());
    }
}

fn is_transient(status: reqwest::StatusCode) -> bool {
    status == reqwest::StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// `Retry-After` in seconds, capped so that one server cannot stall a run for long.
fn retry_after(response: &reqwest::blocking::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(|s| Duration::from_secs(s.min(60)))
}

fn content_type(response: &reqwest::blocking::Response) -> (String, Option<String>) {
    let value = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/html");
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches('"').to_owned())
    });
    (media_type, charset)
}

fn is_text(media_type: &str) -> bool {
    media_type.starts_with("text/")
        || media_type.ends_with("+xml")
        || media_type == "application/xml"
        || media_type == "application/xhtml+xml"
}

/// The error and its causes in one line ("error sending request: … redirect loop").
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Decodes `body` by the charset the headers give, else the one the document declares in
/// its first kilobyte (`<meta charset>`, `<?xml encoding>`), else UTF-8, replacing what does
/// not decode.
fn decode(fetched: &Fetched) -> String {
    let declared = fetched.charset.clone().or_else(|| {
        let head = String::from_utf8_lossy(&fetched.body[..fetched.body.len().min(1024)])
            .to_ascii_lowercase();
        ["charset=", "encoding="].iter().find_map(|key| {
            let at = head.find(key)? + key.len();
            let value: String = head[at..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            (!value.is_empty()).then_some(value)
        })
    });
    let encoding = declared
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(&fetched.body).0.into_owned()
}

enum Pending {
    Page(String),
    Feed(String),
    Item(Item),
}

/// Documents fetched from the web as they are asked for; see [`Fetcher::documents`].
pub struct WebDocuments {
    fetcher: Fetcher,
    pending: std::collections::VecDeque<Pending>,
}

impl Iterator for WebDocuments {
    type Item = Result<Document, WebError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.pending.pop_front()? {
                Pending::Page(url) => return Some(self.fetcher.article(&url)),
                Pending::Feed(url) => match self.fetcher.feed(&url) {
                    Ok(items) => {
                        for item in items.into_iter().rev() {
                            self.pending.push_front(Pending::Item(item));
                        }
                    }
                    Err(error) => return Some(Err(error)),
                },
                Pending::Item(item) => {
                    return Some(self.fetcher.article(&item.url).map(|mut document| {
                        document.published = document.published.or(item.published);
                        document.title = document.title.or(item.title);
                        document
                    }))
                }
            }
        }
    }
}
