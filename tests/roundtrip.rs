//! Export then re-import gives back the same quads, in every dataset format.

mod common;

use common::{geokg, ingest_seed, stdout_of};
use oxigraph::model::Quad;
use oxigraph::store::Store;
use std::collections::HashSet;
use std::path::Path;

fn quads(store: &Path) -> HashSet<Quad> {
    let store = Store::open_read_only(store).expect("store opens");
    store.iter().map(Result::unwrap).collect()
}

#[test]
fn export_and_load_round_trip_in_nquads_trig_and_jsonld() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original");
    ingest_seed(&original);
    for (format, extension) in [("nquads", "nq"), ("trig", "trig"), ("jsonld", "jsonld")] {
        let dump = dir.path().join(format!("dump.{extension}"));
        std::fs::write(
            &dump,
            stdout_of(&[
                "export",
                "--format",
                format,
                "--store",
                original.to_str().unwrap(),
            ]),
        )
        .unwrap();
        let copy = dir.path().join(format!("copy-{format}"));
        geokg()
            .arg("load")
            .arg(&dump)
            .arg("--store")
            .arg(&copy)
            .assert()
            .success();
        let (a, b) = (quads(&original), quads(&copy));
        assert!(
            a.len() > 1000,
            "the store holds the gazetteer and the statements"
        );
        assert_eq!(a.len(), b.len(), "{format}");
        assert!(a == b, "{format}: quads differ");
    }
}

#[test]
fn one_graph_exports_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    let derived = stdout_of(&[
        "export",
        "--format",
        "ntriples",
        "--graph",
        "https://w3id.org/geokg/graph/derived",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(!derived.is_empty());
    assert!(
        derived
            .lines()
            .all(|l| l.starts_with("<https://w3id.org/geokg/actor/")),
        "{derived}"
    );
}
