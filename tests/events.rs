//! One event reported by several articles becomes one event node with every report attached;
//! reports that differ in actors, place or week, and non-facts, stay apart.

mod common;

use common::{geokg, stdout_of};

const REPORTS: &str = r#"{"id":"a","published":"2025-03-03","text":"Russian forces attacked Ukrainian troops in Kharkiv on Sunday, officials said."}
{"id":"b","published":"2025-03-02","text":"Russia attacked Ukrainian positions in Kharkiv on Sunday."}
{"id":"c","published":"2025-03-09","text":"Russian forces attacked Ukrainian troops in Kharkiv on Sunday."}
{"id":"d","published":"2025-03-02","text":"Russia attacked Ukrainian positions in Odesa on Sunday."}
{"id":"e","published":"2025-03-02","text":"Belarus attacked Ukrainian positions in Kharkiv on Sunday."}
{"id":"f","published":"2025-03-02","text":"Russia did not attack Ukrainian positions in Kharkiv on Sunday."}
"#;

#[test]
fn reports_of_one_event_merge_and_nothing_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("reports.jsonl");
    std::fs::write(&input, REPORTS).unwrap();
    let store = dir.path().join("store");
    geokg()
        .arg("ingest")
        .arg(&input)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let events = stdout_of(&[
        "query",
        "PREFIX gk: <https://w3id.org/geokg/ns#>
         PREFIX prov: <http://www.w3.org/ns/prov#>
         SELECT ?source ?place ?time ?count (GROUP_CONCAT(?id; separator='+') AS ?documents)
         WHERE {
           ?event a gk:ReportedEvent ; gk:source/gk:code ?source ; gk:place ?p ; gk:time ?time ;
                  gk:sourceCount ?count ; prov:wasDerivedFrom/gk:sourceId ?id .
           BIND (STRAFTER(STR(?p), 'place/') AS ?place)
         } GROUP BY ?source ?place ?time ?count ORDER BY ?source ?place ?time",
        "--format",
        "csv",
        "--store",
        store.to_str().unwrap(),
    ]);
    let rows: Vec<&str> = events.lines().skip(1).collect();
    let documents = |row: &str| {
        let mut ids: Vec<&str> = row.rsplit(',').next().unwrap().split('+').collect();
        ids.sort();
        ids.join("+")
    };
    assert_eq!(rows.len(), 4, "{events}");
    assert!(rows[0].starts_with("BLR,Q42308,2025-03-02,1,"), "{events}");
    assert!(rows[1].starts_with("RUS,Q1874,2025-03-02,1,"), "{events}");
    assert!(rows[2].starts_with("RUS,Q42308,2025-03-02,2,"), "{events}");
    assert_eq!(documents(rows[2]), "a+b", "a and b report one attack");
    assert!(
        rows[3].starts_with("RUS,Q42308,2025-03-09,1,"),
        "a week later is another attack"
    );
}
