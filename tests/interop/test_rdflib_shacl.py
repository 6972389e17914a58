"""Interop: third-party RDF tools read geokg's Turtle export and validate it against our shapes.

rdflib parses what `geokg export --format turtle` writes; pySHACL validates it against
ontology/shapes.ttl. A deliberately broken copy must fail validation, so a shapes file that
accepts everything cannot pass this test.
"""
import os
import subprocess
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed" / "article-us-china-2025.txt"
SHAPES = ROOT / "ontology" / "shapes.ttl"
GK = Namespace("https://w3id.org/geokg/ns#")
ACTOR = Namespace("https://w3id.org/geokg/actor/")


def geokg_binary():
    explicit = os.environ.get("GEOKG_BIN")
    if explicit:
        return explicit
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "release" / "geokg")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "db"
    binary = geokg_binary()
    subprocess.run([binary, "ingest", str(SEED), "--date", "2025-11-26", "--store", str(store)], check=True)
    turtle = subprocess.run(
        [binary, "export", "--format", "turtle", "--store", str(store)], check=True, capture_output=True
    ).stdout
    graph = Graph()
    graph.parse(data=turtle, format="turtle")
    return graph


def test_rdflib_reads_the_turtle_export(exported):
    assert len(exported) > 1000
    backs = list(exported.query(
        """PREFIX gk: <https://w3id.org/geokg/ns#>
           PREFIX plover: <https://w3id.org/geokg/plover#>
           SELECT ?s WHERE { ?s gk:statementType plover:SUPPORT ; gk:source ?a ; gk:target ?b .
                             ?a gk:code "USA" . ?b gk:code "JPN" . }"""))
    assert backs, "US supports Japan is in the export"
    assert (ACTOR.USA, GK.supports, ACTOR.JPN) in exported, "the derived direct triple too"


def test_pyshacl_validates_the_export_against_our_shapes(exported):
    conforms, _, report = pyshacl.validate(exported, shacl_graph=str(SHAPES), inference="none")
    assert conforms, report


def test_pyshacl_rejects_a_statement_without_source_or_evidence(exported):
    broken = Graph()
    for triple in exported:
        broken.add(triple)
    statement = next(broken.subjects(GK.statementType, None))
    broken.remove((statement, GK.source, None))
    broken.remove((statement, GK.evidence, None))
    broken.add((statement, GK.confidence, Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    conforms, _, report = pyshacl.validate(broken, shacl_graph=str(SHAPES), inference="none")
    assert not conforms
    assert "source actor" in report and "links to the sentence" in report
