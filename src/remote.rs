//! A remote SPARQL 1.1 store as the destination of an ingest: each document's graph is sent
//! whole, by the Graph Store HTTP Protocol (`PUT ?graph=`) or by SPARQL Update (`DROP` and
//! `INSERT DATA`), so sending a document again replaces it rather than doubling it. Many
//! extraction machines can feed one Virtuoso, Fuseki, GraphDB or Neptune this way.

use crate::link::client::USER_AGENT;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: HTTP {status}: {body}")]
    Refused {
        url: String,
        status: u16,
        body: String,
    },
}

/// How documents reach the remote store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    /// Graph Store HTTP Protocol: `PUT URL?graph=IRI` with N-Triples.
    Gsp,
    /// SPARQL 1.1 Update: `POST URL` with `DROP SILENT GRAPH` and `INSERT DATA`.
    Update,
}

pub struct RemoteStore {
    url: String,
    protocol: Protocol,
    credentials: Option<(String, String)>,
    http: reqwest::blocking::Client,
}

impl RemoteStore {
    pub fn new(url: impl Into<String>, protocol: Protocol) -> Result<Self, RemoteError> {
        let url = url.into();
        let http = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| RemoteError::Http {
                url: url.clone(),
                message: e.to_string(),
            })?;
        Ok(Self {
            url,
            protocol,
            credentials: None,
            http,
        })
    }

    /// HTTP basic authentication (Fuseki, GraphDB, Virtuoso's `-auth` endpoints use it).
    pub fn with_credentials(mut self, user: String, password: String) -> Self {
        self.credentials = Some((user, password));
        self
    }

    /// Replaces `graph` on the remote store with `quads` (their graph names are ignored).
    ///
    /// By the Graph Store Protocol this is one request, atomic on the remote side. By SPARQL
    /// Update a large graph goes in several requests, because stores limit the size of one
    /// update (Virtuoso compiles at most 10,000 lines of SQL); the first one drops the old
    /// graph, so a repeat still replaces it.
    pub fn put_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), RemoteError> {
        const TRIPLES_PER_UPDATE: usize = 500;
        match self.protocol {
            Protocol::Gsp => self.send(
                self.http
                    .put(&self.url)
                    .query(&[("graph", graph.as_str())])
                    .header("Content-Type", "application/n-triples")
                    .body(ntriples(quads)),
            ),
            Protocol::Update => {
                let mut update = format!("DROP SILENT GRAPH {graph}");
                for chunk in quads.chunks(TRIPLES_PER_UPDATE) {
                    update.push_str(&format!(" ;\nINSERT DATA {{ GRAPH {graph} {{\n"));
                    update.push_str(&String::from_utf8_lossy(&ntriples(chunk)));
                    update.push_str("}}");
                    self.send_update(std::mem::take(&mut update))?;
                }
                if !update.is_empty() {
                    self.send_update(update)?;
                }
                Ok(())
            }
        }
    }

    fn send_update(&self, update: String) -> Result<(), RemoteError> {
        let update = update.trim_start_matches(" ;\n").to_owned();
        self.send(
            self.http
                .post(&self.url)
                .header("Content-Type", "application/sparql-update")
                .body(update),
        )
    }

    fn send(&self, request: reqwest::blocking::RequestBuilder) -> Result<(), RemoteError> {
        let request = match &self.credentials {
            Some((user, password)) => request.basic_auth(user, Some(password)),
            None => request,
        };
        let response = request.send().map_err(|e| RemoteError::Http {
            url: self.url.clone(),
            message: e.to_string(),
        })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let body = response.text().unwrap_or_default();
        Err(RemoteError::Refused {
            url: self.url.clone(),
            status: status.as_u16(),
            body: body.chars().take(500).collect(),
        })
    }
}

fn ntriples(quads: &[Quad]) -> Vec<u8> {
    let mut triples = Vec::new();
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut triples);
    for quad in quads {
        serializer
            .serialize_triple(quad.as_ref())
            .expect("writing to memory cannot fail");
    }
    serializer.finish().expect("writing to memory cannot fail");
    triples
}
