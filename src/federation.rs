//! SPARQL `SERVICE` to allow-listed endpoints only, so that a query can never make geokg
//! fetch an arbitrary URL. Without an allow-list no SERVICE call leaves the machine.

use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{QuerySolutionIter, ServiceHandler, SparqlEvaluator};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;
use spargebra::Query;
use std::io::Cursor;
use std::time::Duration;

/// Wikidata's query service, allowed when the user asks for federation.
pub const WIKIDATA_SPARQL: &str = "https://query.wikidata.org/sparql";

#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error("SERVICE <{url}>: {message}")]
    Remote { url: String, message: String },
    #[error("SERVICE <{0}>: not an IRI")]
    BadEndpoint(String),
}

/// The endpoints a query may call, with how long each call may take.
#[derive(Debug, Clone)]
pub struct Federation {
    endpoints: Vec<String>,
    timeout: Duration,
    redirects: usize,
}

impl Federation {
    pub fn new(endpoints: impl IntoIterator<Item = String>) -> Self {
        Self {
            endpoints: endpoints.into_iter().collect(),
            timeout: Duration::from_secs(30),
            redirects: 3,
        }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn endpoints(&self) -> &[String] {
        &self.endpoints
    }

    /// The evaluator with a handler for each allowed endpoint and none for any other.
    pub fn register(
        &self,
        mut evaluator: SparqlEvaluator,
    ) -> Result<SparqlEvaluator, FederationError> {
        for url in &self.endpoints {
            let name =
                NamedNode::new(url).map_err(|_| FederationError::BadEndpoint(url.clone()))?;
            let http = reqwest::blocking::Client::builder()
                .user_agent(crate::link::client::USER_AGENT)
                .timeout(self.timeout)
                .redirect(reqwest::redirect::Policy::limited(self.redirects))
                .build()
                .map_err(|e| FederationError::Remote {
                    url: url.clone(),
                    message: e.to_string(),
                })?;
            evaluator = evaluator.with_service_handler(
                name,
                RemoteEndpoint {
                    url: url.clone(),
                    http,
                },
            );
        }
        Ok(evaluator)
    }
}

struct RemoteEndpoint {
    url: String,
    http: reqwest::blocking::Client,
}

impl RemoteEndpoint {
    fn error(&self, message: impl ToString) -> FederationError {
        FederationError::Remote {
            url: self.url.clone(),
            message: message.to_string(),
        }
    }
}

impl ServiceHandler for RemoteEndpoint {
    type Error = FederationError;

    fn handle(
        &self,
        pattern: &GraphPattern,
        base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, FederationError> {
        let query = Query::Select {
            dataset: None,
            pattern: pattern.clone(),
            base_iri: base_iri.cloned(),
        };
        let response = self
            .http
            .post(&self.url)
            .header(reqwest::header::CONTENT_TYPE, "application/sparql-query")
            .header(
                reqwest::header::ACCEPT,
                QueryResultsFormat::Json.media_type(),
            )
            .body(query.to_string())
            .send()
            .map_err(|e| self.error(e))?;
        if !response.status().is_success() {
            return Err(self.error(format!("HTTP {}", response.status())));
        }
        let body = response.bytes().map_err(|e| self.error(e))?.to_vec();
        match QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(Cursor::new(body))
            .map_err(|e| self.error(e))?
        {
            ReaderQueryResultsParserOutput::Solutions(solutions) => Ok(solutions.into()),
            ReaderQueryResultsParserOutput::Boolean(_) => {
                Err(self.error("answered a boolean to a SELECT"))
            }
        }
    }
}
