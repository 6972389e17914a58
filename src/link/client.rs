//! A polite client of the Wikidata web API (`wbsearchentities`, `wbgetentities`): a
//! descriptive User-Agent, one request at a time, `maxlag`, back-off on 429 and
//! `Retry-After`, timeouts, and a cache in front of it all.

use super::cache::Cache;
use serde_json::Value;
use std::cell::RefCell;
use std::time::Duration;

pub const WIKIDATA_API: &str = "https://www.wikidata.org/w/api.php";
pub const USER_AGENT: &str = concat!(
    "geokg/",
    env!("CARGO_PKG_VERSION"),
    " (knowledge graphs of international relations; https://github.com/geokg/geokg)"
);
/// wbgetentities takes at most 50 ids a request.
pub const IDS_PER_REQUEST: usize = 50;

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("wikidata: {0}")]
    Transport(String),
    #[error("wikidata: HTTP {status} for {url}")]
    Status { status: u16, url: String },
    #[error("wikidata: the API answered `{code}`: {info}")]
    Api { code: String, info: String },
    #[error("wikidata: not JSON from {url}: {message}")]
    Malformed { url: String, message: String },
    #[error("wikidata: still busy after {0} tries")]
    GaveUp(u32),
    #[error("wikidata cache: {0}")]
    Cache(#[from] std::io::Error),
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
}

/// What linking needs of an item: its label, description and a few claims.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Item {
    pub id: String,
    pub label: Option<String>,
    pub description: Option<String>,
    /// P31 instance of.
    pub instance_of: Vec<String>,
    /// P27 country of citizenship.
    pub citizenship: Vec<String>,
    /// P17 country.
    pub country: Vec<String>,
    /// P39 position held: an office holder has some.
    pub positions: Vec<String>,
    /// English aliases.
    pub aliases: Vec<String>,
}

pub struct ClientBuilder {
    api: String,
    timeout: Duration,
    max_tries: u32,
    max_wait: Duration,
    cache: Cache,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            api: WIKIDATA_API.to_owned(),
            timeout: Duration::from_secs(20),
            max_tries: 4,
            max_wait: Duration::from_secs(60),
            cache: Cache::in_memory(),
        }
    }
}

impl ClientBuilder {
    /// Another endpoint with the same API (a mirror, or a local replay server in tests).
    pub fn with_api(mut self, url: impl Into<String>) -> Self {
        self.api = url.into();
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How often to ask again after 429, 503 or `maxlag`, and the longest wait between.
    pub fn with_retries(mut self, max_tries: u32, max_wait: Duration) -> Self {
        self.max_tries = max_tries.max(1);
        self.max_wait = max_wait;
        self
    }

    pub fn with_cache(mut self, cache: Cache) -> Self {
        self.cache = cache;
        self
    }

    pub fn build(self) -> Result<WikidataClient, LinkError> {
        let http = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(self.timeout)
            .build()
            .map_err(|e| LinkError::Transport(e.to_string()))?;
        Ok(WikidataClient {
            http,
            api: self.api,
            max_tries: self.max_tries,
            max_wait: self.max_wait,
            cache: RefCell::new(self.cache),
        })
    }
}

pub struct WikidataClient {
    http: reqwest::blocking::Client,
    api: String,
    max_tries: u32,
    max_wait: Duration,
    cache: RefCell<Cache>,
}

impl WikidataClient {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Items whose label or alias matches `name`, best first.
    pub fn search(&self, name: &str, limit: usize) -> Result<Vec<SearchHit>, LinkError> {
        let limit = limit.to_string();
        let body = self.get(&[
            ("action", "wbsearchentities"),
            ("search", name),
            ("language", "en"),
            ("type", "item"),
            ("limit", &limit),
        ])?;
        let hits = body["search"].as_array().cloned().unwrap_or_default();
        Ok(hits
            .iter()
            .filter_map(|h| {
                Some(SearchHit {
                    id: h["id"].as_str()?.to_owned(),
                    label: h["label"].as_str().unwrap_or_default().to_owned(),
                    description: h["description"].as_str().map(str::to_owned),
                })
            })
            .collect())
    }

    /// The items with these ids, asked for 50 at a time.
    pub fn items(&self, ids: &[String]) -> Result<Vec<Item>, LinkError> {
        let mut items = Vec::new();
        for chunk in ids.chunks(IDS_PER_REQUEST) {
            let joined = chunk.join("|");
            let body = self.get(&[
                ("action", "wbgetentities"),
                ("ids", &joined),
                ("props", "labels|aliases|descriptions|claims"),
                ("languages", "en"),
            ])?;
            let Some(entities) = body["entities"].as_object() else {
                continue;
            };
            for id in chunk {
                if let Some(entity) = entities.get(id) {
                    items.push(item_of(id, entity));
                }
            }
        }
        Ok(items)
    }

    fn get(&self, params: &[(&str, &str)]) -> Result<Value, LinkError> {
        let mut url =
            reqwest::Url::parse(&self.api).map_err(|e| LinkError::Transport(e.to_string()))?;
        url.query_pairs_mut()
            .extend_pairs(params)
            .append_pair("format", "json")
            .append_pair("maxlag", "5");
        let url = url.to_string();
        if let Some(body) = self.cache.borrow().get(&url) {
            return parse(&url, body);
        }
        for attempt in 1..=self.max_tries {
            let response = self
                .http
                .get(&url)
                .send()
                .map_err(|e| LinkError::Transport(e.to_string()))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let body = response
                .text()
                .map_err(|e| LinkError::Transport(e.to_string()))?;
            let busy = status == 429 || status == 503;
            if !busy && status != 200 {
                return Err(LinkError::Status { status, url });
            }
            if !busy {
                let value = parse(&url, &body)?;
                match value["error"]["code"].as_str() {
                    Some("maxlag") => {}
                    Some(code) => {
                        return Err(LinkError::Api {
                            code: code.to_owned(),
                            info: value["error"]["info"]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                        })
                    }
                    None => {
                        self.cache.borrow_mut().put(&url, &body)?;
                        return Ok(value);
                    }
                }
            }
            if attempt < self.max_tries {
                let backoff = Duration::from_secs(1 << attempt.min(6));
                std::thread::sleep(retry_after.unwrap_or(backoff).min(self.max_wait));
            }
        }
        Err(LinkError::GaveUp(self.max_tries))
    }
}

fn parse(url: &str, body: &str) -> Result<Value, LinkError> {
    serde_json::from_str(body).map_err(|e| LinkError::Malformed {
        url: url.to_owned(),
        message: e.to_string(),
    })
}

fn item_of(id: &str, entity: &Value) -> Item {
    let claim_ids = |property: &str| -> Vec<String> {
        entity["claims"][property]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                c["mainsnak"]["datavalue"]["value"]["id"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect()
    };
    Item {
        id: id.to_owned(),
        label: entity["labels"]["en"]["value"].as_str().map(str::to_owned),
        description: entity["descriptions"]["en"]["value"]
            .as_str()
            .map(str::to_owned),
        instance_of: claim_ids("P31"),
        citizenship: claim_ids("P27"),
        country: claim_ids("P17"),
        positions: claim_ids("P39"),
        aliases: entity["aliases"]["en"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["value"].as_str().map(str::to_owned))
            .collect(),
    }
}
