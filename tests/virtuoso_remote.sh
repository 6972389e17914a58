#!/usr/bin/env bash
# `geokg ingest --remote` against a real Virtuoso (Debian's virtuoso-opensource), started here
# on loopback with a database of its own: ingest the seed article through the Graph Store
# Protocol and through SPARQL Update, then ask Virtuoso's own SPARQL endpoint for the
# statements. Ingesting twice must replace, not double.
set -euo pipefail
cd "$(dirname "$0")/.."
geokg="${GEOKG_BIN:-target/release/geokg}"
seed=tests/fixtures/seed/article-us-china-2025.txt

work="$(mktemp -d -t geokg-virtuoso-XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sql_port="$(free_port)"
http_port="$(free_port)"
sed -e "s|/var/lib/virtuoso-opensource-7/db|$work|g" \
    -e "s|^ServerPort *= *1111|ServerPort = 127.0.0.1:$sql_port|" \
    -e "s|^ServerPort *= *8890|ServerPort = 127.0.0.1:$http_port|" \
    /etc/virtuoso-opensource-7/virtuoso.ini > "$work/virtuoso.ini"
virtuoso-t +foreground +configfile "$work/virtuoso.ini" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT

endpoint="http://127.0.0.1:$http_port/sparql"
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$endpoint?query=ASK%7B%7D" && break
  sleep 0.5
done
curl -sf -o /dev/null "$endpoint?query=ASK%7B%7D" || { cat "$work/server.log"; echo "FAIL: Virtuoso did not start"; exit 1; }
# Virtuoso's anonymous SPARQL user may write only once granted.
isql-vt "127.0.0.1:$sql_port" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('"'"'nobody'"'"', 7);' > /dev/null

ask() { curl -sf -H 'Accept: text/csv' --data-urlencode "query=$1" "$endpoint" | tail -n +2 | tr -d '"'; }
statements='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <https://w3id.org/geokg/ns#statementType> ?t } FILTER (STRSTARTS(STR(?g), "https://w3id.org/geokg/doc/")) }'
backs='PREFIX gk: <https://w3id.org/geokg/ns#>
PREFIX plover: <https://w3id.org/geokg/plover#>
SELECT ?backer ?backed WHERE {
  ?s gk:statementType plover:SUPPORT ; gk:modality gk:Asserted ; gk:source ?a ; gk:target ?b .
  ?a gk:code ?backer . ?b gk:code ?backed .
} ORDER BY ?backer ?backed'

expected="$("$geokg" extract "$seed" --date 2025-11-26 | wc -l)"
for protocol in gsp update; do
  case $protocol in
    gsp) url="http://127.0.0.1:$http_port/sparql-graph-crud" ;;
    update) url="$endpoint" ;;
  esac
  for round in 1 2; do
    "$geokg" ingest "$seed" --date 2025-11-26 --remote "$url" --remote-protocol "$protocol" 2> "$work/ingest.log" ||
      { cat "$work/ingest.log"; echo "FAIL: ingest --remote ($protocol)"; exit 1; }
  done
  count="$(ask "$statements")"
  [ "$count" = "$expected" ] || { echo "FAIL ($protocol): Virtuoso holds $count statements, expected $expected"; exit 1; }
  pairs="$(ask "$backs" | tr '\n' ' ')"
  case "$pairs" in
    *USA,JPN*) ;;
    *) echo "FAIL ($protocol): no USA,JPN support in Virtuoso: $pairs"; exit 1 ;;
  esac
  echo "ok ($protocol): Virtuoso answers $count statements after two ingests; supports: $pairs"
done
