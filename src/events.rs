//! One event, many reports: statements from different documents that tell of the same event
//! become one event node in the derived graph, with every report attached and a count of the
//! documents behind it.
//!
//! Conservative by design, because merging two real events loses one of them: only facts
//! (asserted or reported) of a PLOVER event type, with a place and a day-precision date, are
//! candidates, and they merge only when type, source actors, target actors and place are all
//! the same and the dates lie within a day of the earliest (news dates an event by the day it
//! is written about, often the day after). A statement without a place or a day stays an event
//! of its own.

use crate::store::StoreError;
use crate::vocab::{GK, PROV, RDF_TYPE};
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Events are named by what makes them the same: `…/event/<hash>`.
pub const EVENT: &str = "https://w3id.org/geokg/event/";

const CANDIDATES: &str = r#"
PREFIX gk: <https://w3id.org/geokg/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?statement ?type ?place ?time ?doc
       (GROUP_CONCAT(DISTINCT STR(?source); separator=" ") AS ?sources)
       (GROUP_CONCAT(DISTINCT STR(?target); separator=" ") AS ?targets)
WHERE {
  ?statement a gk:Event ; gk:statementType ?type ; gk:modality ?modality ;
      gk:place ?place ; gk:time ?time ; gk:source ?source ; gk:target ?target ;
      prov:wasDerivedFrom ?doc .
  FILTER (?modality IN (gk:Asserted, gk:Reported) && DATATYPE(?time) = xsd:date)
}
GROUP BY ?statement ?type ?place ?time ?doc
"#;

/// One candidate report.
struct Report {
    statement: NamedNode,
    document: NamedNode,
    day: chrono::NaiveDate,
}

/// What two reports must share to be of one event.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Identity {
    kind: String,
    sources: Vec<String>,
    targets: Vec<String>,
    place: String,
}

/// The event nodes of every candidate statement in `store`, as triples of `graph`.
pub fn event_quads(store: &Store, graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
    let data_error = |message: String| StoreError::Data {
        origin: "events".into(),
        message,
    };
    let mut prepared = SparqlEvaluator::new()
        .parse_query(CANDIDATES)
        .map_err(|e| data_error(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared
        .on_store(store)
        .execute()
        .map_err(|e| data_error(e.to_string()))?
    else {
        return Err(data_error("the candidate query must be a SELECT".into()));
    };
    let mut groups: BTreeMap<Identity, Vec<Report>> = BTreeMap::new();
    for solution in solutions {
        let solution = solution.map_err(|e| data_error(e.to_string()))?;
        let text = |name: &str| match solution.get(name) {
            Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        };
        let node = |name: &str| match solution.get(name) {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        };
        let (Some(statement), Some(document), Some(day)) = (
            node("statement"),
            node("doc"),
            text("time").and_then(|t| t.parse().ok()),
        ) else {
            continue;
        };
        let sorted = |list: Option<String>| {
            let mut items: Vec<String> = list
                .unwrap_or_default()
                .split(' ')
                .map(str::to_owned)
                .collect();
            items.sort();
            items
        };
        let identity = Identity {
            kind: text("type").unwrap_or_default(),
            sources: sorted(text("sources")),
            targets: sorted(text("targets")),
            place: text("place").unwrap_or_default(),
        };
        groups.entry(identity).or_default().push(Report {
            statement,
            document,
            day,
        });
    }
    let mut quads = Vec::new();
    for (identity, mut reports) in groups {
        reports.sort_by(|a, b| (a.day, &a.statement).cmp(&(b.day, &b.statement)));
        let mut cluster: Vec<Report> = Vec::new();
        for report in reports {
            let starts_new = cluster
                .first()
                .is_some_and(|first| (report.day - first.day).num_days() > 1);
            if starts_new {
                describe(&identity, &std::mem::take(&mut cluster), graph, &mut quads);
            }
            cluster.push(report);
        }
        describe(&identity, &cluster, graph, &mut quads);
    }
    Ok(quads)
}

fn describe(identity: &Identity, reports: &[Report], graph: &NamedNode, quads: &mut Vec<Quad>) {
    let Some(first) = reports.first() else {
        return;
    };
    let mut hasher = Sha256::new();
    for part in [&identity.kind, &identity.place]
        .into_iter()
        .chain(&identity.sources)
        .chain(&identity.targets)
    {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(first.day.to_string().as_bytes());
    let digest = hasher.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    let event = NamedNode::new_unchecked(format!("{EVENT}{hex}"));
    let iri = |s: &str| NamedNode::new_unchecked(s);
    let gk = |local: &str| NamedNode::new_unchecked(format!("{GK}{local}"));
    let mut add = |p: NamedNode, o: Term| {
        quads.push(Quad::new(event.clone(), p, o, graph.clone()));
    };
    add(iri(RDF_TYPE), gk("ReportedEvent").into());
    add(gk("statementType"), iri(&identity.kind).into());
    for source in &identity.sources {
        add(gk("source"), iri(source).into());
    }
    for target in &identity.targets {
        add(gk("target"), iri(target).into());
    }
    add(gk("place"), iri(&identity.place).into());
    add(
        gk("time"),
        Literal::new_typed_literal(
            first.day.to_string(),
            iri("http://www.w3.org/2001/XMLSchema#date"),
        )
        .into(),
    );
    let mut documents: Vec<&NamedNode> = reports.iter().map(|r| &r.document).collect();
    documents.sort();
    documents.dedup();
    add(
        gk("sourceCount"),
        Literal::from(documents.len() as i64).into(),
    );
    for report in reports {
        add(gk("reportedIn"), report.statement.clone().into());
    }
    for document in documents {
        add(
            iri(&format!("{PROV}wasDerivedFrom")),
            document.clone().into(),
        );
    }
}
