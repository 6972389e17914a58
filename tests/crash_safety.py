#!/usr/bin/env python3
"""Crash safety of `geokg ingest`: kill it with SIGKILL at random moments during a large ingest,
at least 20 times, and check after every kill that

- the store opens (read-only, by another process) and answers queries;
- no document is partially written: every document graph holds exactly the quads a complete
  document has (each copy of the seed article gives the same number of quads and statements);

then re-run the same ingest to the end and check that every document is there exactly once,
and that one more run finds nothing left to do.

    python3 tests/crash_safety.py [--kills 20] [--documents 1500] [--seed N]

Uses $GEOKG_BIN (default target/release/geokg). Exits non-zero on the first violation.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "article-us-china-2025.txt"
BINARY = os.environ.get("GEOKG_BIN") or str(
    Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "geokg")
DOC = "https://w3id.org/geokg/doc/"

PER_GRAPH = f"""PREFIX gk: <https://w3id.org/geokg/ns#>
SELECT ?g (COUNT(*) AS ?quads) (COUNT(DISTINCT ?st) AS ?statements) WHERE {{
  GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?s gk:statementType ?t BIND (?s AS ?st) }} }}
  FILTER (STRSTARTS(STR(?g), "{DOC}"))
}} GROUP BY ?g"""


def query(store, sparql):
    out = subprocess.run([BINARY, "query", sparql, "--store", str(store), "--format", "json"],
                         check=True, capture_output=True, text=True, timeout=300).stdout
    return json.loads(out)["results"]["bindings"]


def graphs(store):
    """{graph: (quads, statements)} of every document graph."""
    if not (store / "CURRENT").exists():
        return {}
    return {row["g"]["value"]: (int(row["quads"]["value"]), int(row["statements"]["value"]))
            for row in query(store, PER_GRAPH)}


def ingest(corpus, store):
    return subprocess.Popen([BINARY, "ingest", str(corpus), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "CI": "1"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"crash safety: {args.kills} kills, {args.documents} documents, random seed {args.seed}")

    with tempfile.TemporaryDirectory(prefix="geokg-crash-") as tmp:
        tmp = Path(tmp)
        article = SEED.read_text()
        corpus = tmp / "corpus.jsonl"
        with corpus.open("w") as out:
            for n in range(args.documents):
                out.write(json.dumps({"id": f"copy-{n}", "text": f"{article}\n\nDispatch {n}.",
                                      "published": "2025-11-26"}) + "\n")

        # What one complete document looks like, from a clean ingest of one copy.
        reference_store = tmp / "reference"
        one = tmp / "one.jsonl"
        one.write_text(corpus.read_text().split("\n", 1)[0] + "\n")
        subprocess.run([BINARY, "ingest", str(one), "--store", str(reference_store)],
                       check=True, capture_output=True)
        [complete] = graphs(reference_store).values()
        print(f"a complete document: {complete[0]} quads, {complete[1]} statements")

        # How long a full ingest takes, to kill within it.
        timing_store = tmp / "timing"
        started = time.monotonic()
        ingest(corpus, timing_store).wait()
        full = time.monotonic() - started
        print(f"a full ingest takes {full:.1f} s")

        store = tmp / "store"
        kills = finished = 0
        while kills < args.kills:
            process = ingest(corpus, store)
            # The first kills land while the store is being created, the rest anywhere.
            time.sleep(rng.uniform(0.01, 0.3) if kills + finished < 3 else rng.uniform(0.05, full))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
                kills += 1
                what = "killed"
            else:
                finished += 1
                what = f"finished ({process.returncode})"
                if process.returncode != 0:
                    sys.exit(f"FAIL: an ingest exited with {process.returncode}: {process.stderr.read()}")
            stored = graphs(store)
            partial = {g: c for g, c in stored.items() if c != complete}
            if partial:
                sys.exit(f"FAIL after kill {kills}: partially written documents: {list(partial.items())[:3]}")
            print(f"run {kills + finished:2}: {what}; store opens, {len(stored)} documents, all complete")
            if len(stored) == args.documents:
                # Everything is in: start again on an empty store so that the kills keep
                # landing in the middle of writes.
                subprocess.run(["rm", "-rf", str(store)], check=True)

        final = ingest(corpus, store)
        _, err = final.communicate()
        if final.returncode != 0:
            sys.exit(f"FAIL: the final ingest exited with {final.returncode}: {err}")
        stored = graphs(store)
        if len(stored) != args.documents or any(c != complete for c in stored.values()):
            sys.exit(f"FAIL: after the final ingest {len(stored)} documents of {args.documents}")
        statements = int(query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/geokg/ns#statementType> ?t }")[0]["n"]["value"])
        if statements != args.documents * complete[1]:
            sys.exit(f"FAIL: {statements} statements, expected {args.documents * complete[1]}")
        again = subprocess.run([BINARY, "ingest", str(corpus), "--store", str(store)],
                               capture_output=True, text=True, check=True)
        expected = f"(0 new, 0 replaced, {args.documents} already stored and skipped)"
        if expected not in again.stderr:
            sys.exit(f"FAIL: a further run did work: {again.stderr}")
        print(f"OK: {kills} kills, {finished} runs that finished first; every document stored exactly once "
              f"({args.documents} documents, {statements} statements); a further run skips them all")


if __name__ == "__main__":
    main()
