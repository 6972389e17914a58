//! SPARQL SERVICE reaches the endpoints the user allows, and no other.

mod common;

use common::{geokg, http_server, ingest_seed, stdout_of};
use predicates::prelude::*;

const POPULATION: &str = r#"{"head":{"vars":["item","population"]},"results":{"bindings":[{"item":{"type":"uri","value":"http://www.wikidata.org/entity/Q17"},"population":{"type":"literal","value":"123000000","datatype":"http://www.w3.org/2001/XMLSchema#decimal"}}]}}"#;

#[test]
fn service_calls_reach_allowed_endpoints_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    let (base, served) = http_server(|request| {
        let asks_sparql = request.method == "POST"
            && request.header("content-type") == Some("application/sparql-query")
            && request.body.contains("SELECT");
        if asks_sparql {
            (200, POPULATION.to_owned())
        } else {
            (400, "expected a SPARQL query".to_owned())
        }
    });
    let endpoint = format!("{base}/sparql");
    let query = format!(
        "PREFIX gk: <https://w3id.org/geokg/ns#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
         SELECT ?code ?population WHERE {{
           <https://w3id.org/geokg/actor/USA> gk:supports ?backed .
           ?backed gk:code ?code ; owl:sameAs ?item .
           SERVICE <{endpoint}> {{ ?item <http://www.wikidata.org/prop/direct/P1082> ?population }}
         }}"
    );
    geokg()
        .args(["query", &query, "--store"])
        .arg(&store)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(endpoint.as_str())
                .and(predicate::str::contains("not supported")),
        );
    geokg()
        .args(["query", &query, "--federate", "--store"])
        .arg(&store)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not supported"));
    assert_eq!(
        served.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "nothing left the machine"
    );
    let out = stdout_of(&[
        "query",
        &query,
        "--allow-service",
        &endpoint,
        "--format",
        "csv",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec!["code,population", "JPN,123000000"]
    );
}
