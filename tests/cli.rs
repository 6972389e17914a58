//! The command line as a user meets it: inputs, outputs, errors and exit codes.

mod common;

use common::{fixture, geokg, ingest_seed, stdout_of, SEED};
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Writes `contents` to a file `name` in `dir` and returns its path.
fn written(dir: &tempfile::TempDir, name: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, contents).unwrap();
    path
}

#[test]
fn extract_prints_the_jsonl_contract() {
    let out = stdout_of(&["extract", SEED, "--format", "jsonl", "--date", "2025-11-26"]);
    let statements = jsonl(&out);
    assert!(statements.len() >= 11);
    for s in &statements {
        for field in [
            "doc",
            "sentence",
            "start",
            "end",
            "kind",
            "type",
            "mode",
            "source",
            "target",
            "modality",
            "speaker",
            "time",
            "place",
            "topics",
            "confidence",
            "evidence",
        ] {
            assert!(s.get(field).is_some(), "missing {field} in {s}");
        }
        assert!(s["doc"].as_str().unwrap().starts_with("sha256:"));
        assert!(s["source"][0]["country"].is_string());
    }
}

#[test]
fn extract_reads_jsonl_stdin_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let article = fs::read_to_string(fixture(SEED)).unwrap();
    let line = serde_json::json!({"id": "seed-1", "text": article, "published": "2025-11-26"});
    let out = geokg()
        .args(["extract", "-"])
        .write_stdin(format!("{line}\n"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let statements = jsonl(&String::from_utf8(out).unwrap());
    assert!(statements.iter().all(|s| s["doc"] == "seed-1"));
    assert!(
        statements.iter().any(|s| s["time"] == "2026-04"),
        "published anchors relative dates"
    );

    fs::write(dir.path().join("a.txt"), "Russia attacked Ukraine.").unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "France and Germany signed a treaty.",
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), "Russia attacked Ukraine.").unwrap();
    let out = stdout_of(&["extract", dir.path().to_str().unwrap()]);
    let types: Vec<String> = jsonl(&out)
        .iter()
        .map(|s| s["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(types, vec!["ASSAULT", "AGREE"]);
}

#[test]
fn extract_writes_rdf() {
    let out = stdout_of(&["extract", SEED, "--format", "turtle"]);
    assert!(out.contains("@prefix gk:"));
    assert!(out.contains("plover:SUPPORT"));
    let out = stdout_of(&["extract", SEED, "--format", "nquads"]);
    assert!(out.lines().all(|l| l.ends_with(" .")));
}

#[test]
fn an_empty_file_gives_zero_statements() {
    let dir = tempfile::tempdir().unwrap();
    let empty = written(&dir, "empty.txt", "");
    geokg()
        .arg("extract")
        .arg(&empty)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_missing_file_is_named_and_the_rest_is_processed() {
    geokg()
        .args(["extract", "no/such/file.txt", SEED])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no/such/file.txt: no such file"))
        .stdout(predicate::str::contains("\"SUPPORT\""));
}

#[test]
fn invalid_utf8_is_named_with_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = written(&dir, "latin1.txt", b"Caf\xe9 talks");
    geokg()
        .arg("extract")
        .arg(&bad)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "latin1.txt: not valid UTF-8 (first bad byte at offset 3)",
        ));
}

#[test]
fn a_broken_jsonl_line_is_named_and_its_neighbours_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(&dir, "news.jsonl", "{\"id\":\"one\",\"text\":\"Russia attacked Ukraine.\"}\n{\"id\": \"two\", \"text\": \n{\"id\":\"three\",\"text\":\"Japan backs the Philippines.\"}\n");
    let store = dir.path().join("store");
    geokg()
        .arg("ingest")
        .arg(&input)
        .arg("--store")
        .arg(&store)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("news.jsonl:2: "));
    let out = stdout_of(&[
        "query",
        "events",
        "--format",
        "csv",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(out.contains("one,ASSAULT"), "{out}");
    assert!(out.contains("three,SUPPORT"), "{out}");
    assert!(!out.contains("two,"));
}

#[test]
fn ingest_then_query_the_canned_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    let store = store.to_str().unwrap();
    let events = stdout_of(&["query", "events", "--store", store, "--format", "csv"]);
    let header = events.lines().next().unwrap();
    assert!(
        header.starts_with("doc,type,mode,modality,source,target"),
        "{header}"
    );
    assert!(
        events
            .lines()
            .any(|l| l.contains(",SUPPORT,,asserted,USA,JPN,")),
        "{events}"
    );
    let backs = stdout_of(&["query", "who-backs-whom", "--store", store]);
    assert!(
        backs
            .lines()
            .any(|l| l.starts_with("USA") && l.contains("JPN")),
        "{backs}"
    );
    let disputes = stdout_of(&["query", "disputes", "--store", store, "--format", "tsv"]);
    assert!(
        disputes.contains("\"CHN\"\t\"JPN\"\t\"DISPUTE\""),
        "{disputes}"
    );
    let timeline = stdout_of(&[
        "query",
        "dyad-timeline",
        "--bind",
        "a=USA",
        "--bind",
        "b=JPN",
        "--store",
        store,
        "--format",
        "csv",
    ]);
    let dyads: Vec<(String, String)> = timeline
        .lines()
        .skip(1)
        .map(|r| {
            let cells: Vec<&str> = r.split(',').collect();
            (cells[1].to_owned(), cells[5].to_owned())
        })
        .collect();
    assert!(!dyads.is_empty(), "{timeline}");
    for (source, target) in &dyads {
        let mut pair = [source.as_str(), target.as_str()];
        pair.sort();
        assert_eq!(pair, ["JPN", "USA"], "{timeline}");
    }
    let every_dyad = stdout_of(&[
        "query",
        "dyad-timeline",
        "--store",
        store,
        "--format",
        "csv",
    ]);
    assert!(
        every_dyad.lines().count() > dyads.len() + 1,
        "without --bind, every pair"
    );
    let actors = stdout_of(&["query", "actors", "--store", store, "--format", "csv"]);
    assert!(
        actors.contains("JPN,state,Japan,http://www.wikidata.org/entity/Q17"),
        "{actors}"
    );
    let derived = stdout_of(&[
        "query",
        "ASK { GRAPH <https://w3id.org/geokg/graph/derived> { <https://w3id.org/geokg/actor/USA> <https://w3id.org/geokg/ns#supports> <https://w3id.org/geokg/actor/JPN> } }",
        "--store",
        store,
    ]);
    assert_eq!(derived.trim(), "true");
    let hypothetical_as_fact = stdout_of(&[
        "query",
        "PREFIX gk: <https://w3id.org/geokg/ns#> ASK { GRAPH <https://w3id.org/geokg/graph/derived> { ?a gk:attacked <https://w3id.org/geokg/actor/TWN> } }",
        "--store",
        store,
    ]);
    assert_eq!(
        hypothetical_as_fact.trim(),
        "false",
        "a hypothetical attack is no fact"
    );
}

#[test]
fn query_errors_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    geokg()
        .args(["query", "SELECT ?x WHERE { ?x", "--store"])
        .arg(&store)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("query: "));
    geokg()
        .args(["query", "no-such-query", "--store"])
        .arg(&store)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("who-backs-whom"));
    geokg()
        .args(["query", "events", "--store"])
        .arg(dir.path().join("nothing-here"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no store here"));
}

#[test]
fn ingesting_again_skips_or_replaces_and_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    let store_arg = store.to_str().unwrap();
    let first = stdout_of(&["export", "--format", "nquads", "--store", store_arg]);
    // The same article saved with Windows line breaks and a trailing blank line is the same
    // document.
    let crlf = dir.path().join("seed-crlf.txt");
    let text = std::fs::read_to_string(common::fixture(SEED)).unwrap();
    std::fs::write(&crlf, format!("{}\r\n\r\n", text.replace('\n', "\r\n"))).unwrap();
    geokg()
        .args(["ingest", SEED, "--date", "2025-11-26", "--store", store_arg])
        .arg(&crlf)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(0 new, 0 replaced, 2 already stored and skipped)",
        ));
    geokg()
        .args([
            "ingest",
            SEED,
            "--replace",
            "--date",
            "2025-11-26",
            "--store",
            store_arg,
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(0 new, 1 replaced, 0 already stored and skipped)",
        ));
    let second = stdout_of(&["export", "--format", "nquads", "--store", store_arg]);
    let lines = |s: &str| {
        s.lines()
            .map(str::to_owned)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (first, second) = (lines(&first), lines(&second));
    let changed: Vec<_> = first.symmetric_difference(&second).take(5).collect();
    assert!(
        changed.is_empty(),
        "re-ingest changed the store: {changed:#?}"
    );
    let stats = stdout_of(&["stats", "--store", store_arg]);
    assert!(stats.starts_with("documents   1\n"), "{stats}");
}

#[test]
fn a_store_in_use_is_refused_with_exit_code_4() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest_seed(&store);
    let _held = oxigraph::store::Store::open(&store).expect("this test process holds the store");
    geokg()
        .args(["ingest", SEED, "--store"])
        .arg(&store)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("in use by another geokg process"));
    let events = stdout_of(&[
        "query",
        "events",
        "--format",
        "csv",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(
        events.contains(",SUPPORT,"),
        "reading works while another process holds the store"
    );
}

#[test]
fn help_teaches_the_commands() {
    geokg()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("extract").and(predicate::str::contains("Exit codes")));
    geokg()
        .args(["query", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("who-backs-whom"));
}

#[test]
fn mentions_name_the_literal_entity_and_the_actor_it_stands_for() {
    let out = stdout_of(&["mentions", SEED]);
    let records = jsonl(&out);
    let find = |text: &str| {
        records
            .iter()
            .find(|r| r["text"] == text)
            .unwrap_or_else(|| panic!("no mention «{text}» in {out}"))
    };
    let described = |text: &str| {
        let r = find(text);
        (r["qid"].as_str(), r["country"].as_str(), r["kind"].as_str())
    };
    assert_eq!(
        described("Tokyo"),
        (Some("Q1490"), Some("JPN"), Some("place"))
    );
    assert_eq!(
        described("Chinese President Xi Jinping"),
        (Some("Q15031"), Some("CHN"), Some("person"))
    );
    let article = std::fs::read_to_string(fixture(SEED)).unwrap();
    for r in &records {
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let text: String = article.chars().skip(start).take(end - start).collect();
        assert_eq!(
            text,
            r["text"].as_str().unwrap(),
            "offsets are character offsets"
        );
    }
    assert!(
        !records.iter().any(|r| r["text"] == "Naples"),
        "the author bio names no actor"
    );
}

#[test]
fn eval_scores_gold_files_and_names_an_unknown_one() {
    let out = stdout_of(&["eval", "tests/fixtures/gold/geokg-gold.jsonl"]);
    assert!(out.contains("modality accuracy"), "{out}");
    assert!(
        out.lines().any(|l| l.trim_start().starts_with("all ")),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let odd = written(&dir, "odd.jsonl", "{\"something\": 1}\n");
    geokg()
        .arg("eval")
        .arg(&odd)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("odd.jsonl: not a gold file"));
}

#[test]
fn mentions_skip_names_inside_other_names_but_keep_places_before_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "names.txt",
        "Paxar bought Thermo-Print of Lohn, West Germany. The Bank of France said rates \
         would hold. Kuroda left Tokyo today. The talks ended in London last month.",
    );
    let out = stdout_of(&["mentions", input.to_str().unwrap()]);
    let named: Vec<String> = out
        .lines()
        .map(|l| {
            let m: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{}={}",
                m["text"].as_str().unwrap(),
                m["qid"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(named, ["Tokyo=Q1490", "London=Q84"], "{out}");
}

/// The words of each mention `geokg mentions` finds in `input`, in order.
fn mentioned(input: &std::path::Path) -> Vec<String> {
    let out = stdout_of(&["mentions", input.to_str().unwrap(), "--format", "tsv"]);
    out.lines()
        .skip(1)
        .map(|l| l.split('\t').nth(3).unwrap().to_owned())
        .collect()
}

#[test]
fn mentions_leave_out_a_place_name_used_for_a_team_a_code_name_or_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "senses.txt",
        "Thomas and Mario are strikers playing in Munich. Cairo was the code name for a \
         project at Microsoft. Paris and Kim are both wealthy. David and Victoria married. \
         Ministers met in Paris and Berlin. Merkel flew to Munich on Friday.",
    );
    assert_eq!(
        mentioned(&input),
        ["strikers", "Paris", "Berlin", "Merkel", "Munich"]
    );
}

#[test]
fn mentions_leave_out_a_demonym_that_describes_a_thing_not_an_event() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "agency.txt",
        "Tunisia's wheat would be covered by the French export credit agency. Japanese export \
         controls on Seoul followed.",
    );
    assert_eq!(mentioned(&input), ["Tunisia", "Japanese", "Seoul"]);
}

#[test]
fn mentions_know_names_that_begin_with_a_word_before_a_state() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "airline.txt",
        "Air France cancelled its flights to Israel. The US-led coalition said so.",
    );
    assert_eq!(mentioned(&input), ["Israel", "US"]);
    let statements = stdout_of(&["extract", input.to_str().unwrap()]);
    assert!(!statements.contains("\"FRA\""), "{statements}");
}

#[test]
fn mentions_link_an_ambiguous_name_only_when_the_document_supports_it() {
    let dir = tempfile::tempdir().unwrap();
    let docs = [
        (
            "utility",
            "Southern pledged to Georgia regulators it would cap costs.",
        ),
        ("province", "Thessaly is a province of Greece."),
        (
            "exchanges",
            "Philips listed on the New York Stock Exchange and the Tokyo and London Stock \
             Exchanges.",
        ),
        (
            "caucasus",
            "Russia and Georgia signed a truce. Georgian officials welcomed it.",
        ),
        (
            "wire",
            "Montedison SpA of Italy said profit rose. Delegates met in the U.K. Last December. \
             Iran continued its Karbala operation. Sugar went to the U.K. 37,800 tonnes, \
             West-Germany 20,000 and Buenos Aires province 9,000.",
        ),
        (
            "harvest",
            "Harvest will begin in southern Buenos Aires in April. Grain traders met in Buenos \
             Aires.",
        ),
    ];
    let lines: Vec<String> = docs
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    let input = written(&dir, "docs.jsonl", lines.join("\n"));
    let out = stdout_of(&["mentions", "--format", "jsonl", input.to_str().unwrap()]);
    let named = |doc: &str| -> Vec<String> {
        jsonl(&out)
            .iter()
            .filter(|m| m["doc"] == doc && m["qid"].is_string())
            .map(|m| {
                format!(
                    "{}={}",
                    m["text"].as_str().unwrap(),
                    m["qid"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert!(named("utility").is_empty(), "the US state: {out}");
    assert_eq!(named("caucasus"), ["Russia=Q159", "Georgia=Q230"], "{out}");
    assert_eq!(
        named("province"),
        ["Greece=Q41"],
        "a part of a state names it: {out}"
    );
    assert!(named("exchanges").is_empty(), "cities inside names: {out}");
    assert_eq!(
        named("wire"),
        ["Italy=Q38", "U.K.=Q145", "Iran=Q794", "U.K.=Q145"],
        "a company's country, wire-copy capitals after U.K., no West Germany, no province: {out}"
    );
    let harvest: Vec<_> = jsonl(&out)
        .into_iter()
        .filter(|m| m["doc"] == "harvest")
        .collect();
    assert_eq!(harvest.len(), 2, "{out}");
    assert!(
        harvest[0]["qid"].is_null() && harvest[0]["country"] == "ARG",
        "southern Buenos Aires: the city or the province, in Argentina either way: {out}"
    );
    assert_eq!(harvest[1]["qid"], "Q1486", "{out}");

    let tsv = stdout_of(&["mentions", "--format", "tsv", input.to_str().unwrap()]);
    let mut rows = tsv.lines();
    assert_eq!(
        rows.next(),
        Some("doc\tstart\tend\ttext\tqid\tcountry\tsector\tkind\treference")
    );
    assert!(
        rows.any(|r| r == "caucasus\t11\t18\tGeorgia\tQ230\tGEO\t\tstate\tfalse"),
        "{tsv}"
    );
}

#[test]
fn a_state_body_named_alone_acts_for_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "bodies.txt",
        "The Pentagon said Mossad had warned Xinhua. Barack Obama met Angela Merkel.",
    );
    let out = stdout_of(&["mentions", "--format", "jsonl", input.to_str().unwrap()]);
    let coded: Vec<String> = jsonl(&out)
        .iter()
        .map(|m| {
            format!(
                "{}={}/{}/{}",
                m["text"].as_str().unwrap(),
                m["kind"].as_str().unwrap(),
                m["country"].as_str().unwrap_or("-"),
                m["qid"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        coded,
        [
            "Pentagon=organisation/USA/-",
            "Mossad=organisation/ISR/-",
            "Xinhua=organisation/CHN/-",
            "Barack Obama=person/USA/Q76",
            "Angela Merkel=person/DEU/Q567",
        ],
        "{out}"
    );
}

#[test]
fn actors_no_state_is_named_for_are_sectors_with_a_null_country() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "sectors.txt",
        "Police arrested 20 protesters in Minsk. Armenian police detained dozens of demonstrators.",
    );
    let out = stdout_of(&["extract", input.to_str().unwrap()]);
    let statements = jsonl(&out);
    let sides = |s: &serde_json::Value, side: &str| {
        let actor = &s[side][0];
        (actor["country"].clone(), actor["sector"].clone())
    };
    assert_eq!(statements.len(), 2, "{out}");
    assert_eq!(statements[0]["type"], "COERCE");
    assert_eq!(
        sides(&statements[0], "source"),
        (serde_json::Value::Null, serde_json::json!("COP")),
        "police with no state: {out}"
    );
    assert_eq!(
        sides(&statements[0], "target"),
        (serde_json::Value::Null, serde_json::json!("OPP"))
    );
    assert_eq!(
        sides(&statements[1], "source"),
        (serde_json::json!("ARM"), serde_json::Value::Null),
        "a demonym before a sector codes the state: {out}"
    );
}

#[test]
fn a_person_or_organisation_the_gazetteer_lacks_acts_as_itself() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "persons.txt",
        "Venezuela has banned opposition leader Juan Guaido from holding public office. \
         Somalia's President Mohamed Farmaajo rejected President Uhuru Kenyatta's call. \
         The Supreme Court rejected the appeal. The Myanmar army attacked the Kachin \
         Independence Organization. The Arakan Army attacked the Kachin Independence Organization. \
         The Labour Party criticised the Conservative Party. The Nigeria Labour Congress (NLC) \
         met on Monday. The NLC also accused Ghana of hostility.",
    );
    let out = stdout_of(&["extract", input.to_str().unwrap()]);
    let side = |s: &Value, side: &str| {
        let a = &s[side][0];
        let entity = a["entity"].as_str().unwrap();
        format!("{entity}/{}", a["country"].as_str().unwrap_or("-"))
    };
    let sides: Vec<(String, String)> = jsonl(&out)
        .iter()
        .map(|s| (side(s, "source"), side(s, "target")))
        .collect();
    let expected = [
        ("VEN/VEN", "x/juan-guaido/-"),
        // Not Djibouti's office holder the gazetteer knows as "Mohamed".
        ("x/mohamed-farmaajo/SOM", "x/uhuru-kenyatta/-"),
        // Every state has a supreme court, so it names no one organisation; a group's name does.
        ("MMR/MMR", "x/org/kachin-independence-organization/-"),
        // Two the gazetteer lacks are still two; every state may have a Labour Party.
        (
            "x/org/arakan-army/-",
            "x/org/kachin-independence-organization/-",
        ),
        // An acronym spelled out once names the organisation again.
        ("x/org/nigeria-labour-congress/-", "GHA/GHA"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    assert_eq!(sides, expected, "{out}");
    // In the graph they are the statements' actors, ready for `geokg link`.
    let quads = stdout_of(&["extract", input.to_str().unwrap(), "--format", "nquads"]);
    for expected in [
        "<https://w3id.org/geokg/ns#target> <https://w3id.org/geokg/actor/x/juan-guaido>",
        "<https://w3id.org/geokg/actor/x/org/kachin-independence-organization> \
         <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \
         <https://w3id.org/geokg/ns#UnlistedOrganisation>",
    ] {
        assert!(quads.contains(expected), "{expected} in {quads}");
    }
}

#[test]
fn a_state_named_at_the_end_of_an_unlisted_organisation_is_part_of_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = written(
        &dir,
        "banks.txt",
        "Continental Bank of Canada sold its assets to Lloyds Bank Canada, and Japan bought \
         shares.",
    );
    assert_eq!(
        mentioned(&input),
        ["Continental Bank of Canada", "Lloyds Bank Canada", "Japan"]
    );
}
