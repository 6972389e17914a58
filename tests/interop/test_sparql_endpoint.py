"""Interop: real SPARQL clients from PyPI query `geokg serve` over HTTP.

SPARQLWrapper asks for JSON and for XML, and rdflib's SPARQLStore (XML by its own choice)
queries the endpoint as a remote graph; each must get the seed article's "US supports Japan".
"""
import re
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from test_rdflib_shacl import SEED, geokg_binary

SUPPORTS = """PREFIX gk: <https://w3id.org/geokg/ns#>
PREFIX plover: <https://w3id.org/geokg/plover#>
SELECT ?source ?target ?sentence WHERE {
  ?s gk:statementType plover:SUPPORT ; gk:modality gk:Asserted ;
     gk:source/gk:code ?source ; gk:target/gk:code ?target ; gk:evidence/gk:text ?sentence .
}"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = tmp_path_factory.mktemp("served") / "db"
    binary = geokg_binary()
    subprocess.run([binary, "ingest", str(SEED), "--date", "2025-11-26", "--store", str(store)],
                   check=True, capture_output=True)
    server = subprocess.Popen([binary, "serve", "--store", str(store), "--bind", "127.0.0.1:0"],
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        match = re.search(r" at (http://\S+/)", line)
        assert match, f"geokg serve said: {line!r}"
        yield match.group(1) + "query"
    finally:
        server.kill()
        server.wait()


def pairs_from_json(results):
    return {(b["source"]["value"], b["target"]["value"]) for b in results["results"]["bindings"]}


def test_sparqlwrapper_gets_us_supports_japan_as_json(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(SUPPORTS)
    client.setReturnFormat(JSON)
    results = client.query().convert()
    assert ("USA", "JPN") in pairs_from_json(results)


def test_sparqlwrapper_gets_us_supports_japan_as_xml(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(SUPPORTS)
    client.setReturnFormat(XML)
    document = client.query().convert()  # an xml.dom.minidom document
    rows = set()
    for result in document.getElementsByTagName("result"):
        values = {b.getAttribute("name"): b.getElementsByTagName("literal")[0].firstChild.data
                  for b in result.getElementsByTagName("binding")}
        rows.add((values["source"], values["target"]))
    assert ("USA", "JPN") in rows


def test_sparqlwrapper_posts_queries_too(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery(SUPPORTS)
    client.setReturnFormat(JSON)
    assert ("USA", "JPN") in pairs_from_json(client.query().convert())


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint):
    graph = Graph(store=SPARQLStore(endpoint))
    rows = {(str(r.source), str(r.target)) for r in graph.query(SUPPORTS)}
    assert ("USA", "JPN") in rows
