#!/usr/bin/env python3
"""Builds ontology/actors.ttl, the gazetteer, from world-leaders.json and ontology/sources/*.tsv.

usage: tools/build-gazetteer.py [WORLD_LEADERS_JSON] > ontology/actors.ttl

world-leaders.json (generated from Wikidata, CC0) gives states, capitals and office holders;
the TSV files beside the gazetteer add what it lacks: aliases, demonyms, capital ids,
organisations, other places, and corrections (former office holders, leaders of several states).
actors.ttl is committed: edit it by hand or rebuild it with this script.
"""
import json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "..", "ontology", "sources")
DEFAULT_JSON = os.path.join(HERE, "..", "..", "shared", "data", "world-leaders.json")


def tsv(name):
    rows = []
    for line in open(os.path.join(SOURCES, name), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


def split(field):
    return [x.strip() for x in (field or "").split(";") if x.strip()]


def lit(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def literals(values):
    return ", ".join(lit(v) for v in dict.fromkeys(values))


def fold(text):
    """The name without diacritics, as English news often prints it: "Erdoğan" -> "Erdogan"."""
    text = text.translate(str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "đ": "d", "ß": "ss"}))
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def spellings(name):
    """Other ways news spells a name: "Kim Jong-un" as "Kim Jong Un", "Erdoğan" as "Erdogan"."""
    variants = {fold(name)}
    if "-" in name:
        parts = name.split("-")
        capitalised = [parts[0]] + [p[:1].upper() + p[1:] for p in parts[1:]]
        variants |= {" ".join(capitalised), "-".join(capitalised)}
    variants |= {fold(v) for v in variants}
    variants.discard(name)
    return sorted(variants)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


ROLE = {"head_of_state": "gk:HeadOfState", "head_of_government": "gk:HeadOfGovernment"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_JSON
    data = json.load(open(path, encoding="utf-8"))
    extra = {r[0]: r for r in tsv("countries.tsv")}
    excluded = {r[0] for r in tsv("leaders-excluded.tsv")}
    primary = {r[0]: r[1] for r in tsv("leaders-primary.tsv")}
    known_by_surname = {row[0] for row in tsv("known-by-surname.tsv")}
    leader_aliases = {qid: split(aliases) for qid, aliases, *_ in tsv("leader-aliases.tsv")}
    seat_of = {qid: code for qid, code in tsv("seats.tsv")}
    ambiguous = {}
    for iso3, name, _ in tsv("ambiguous-names.tsv"):
        ambiguous.setdefault(iso3, []).append(name)

    states = {}
    for c in data["countries"]:
        if c.get("iso3") in (None, "None"):
            continue
        states[c["iso3"]] = {"qid": c["qid"], "label": c["name"], "capital": c.get("capital"),
                             "leaders": c.get("leaders", [])}
    for iso3, qid, label, capital, capital_qid in tsv("extra-states.tsv"):
        states[iso3] = {"qid": qid, "label": label, "capital": capital, "capital_qid": capital_qid,
                        "leaders": []}

    out = sys.stdout
    out.write("""# The geokg gazetteer: states, organisations, places and office holders that mentions resolve to.
# Built by tools/build-gazetteer.py from world-leaders.json (Wikidata, CC0) and ontology/sources/.
# Matching uses rdfs:label, skos:altLabel, gk:demonym and gk:surname, case-sensitively.
@prefix gk: <https://w3id.org/geokg/ns#> .
@prefix actor: <https://w3id.org/geokg/actor/> .
@prefix person: <https://w3id.org/geokg/actor/person/> .
@prefix body: <https://w3id.org/geokg/actor/body/> .
@prefix place: <https://w3id.org/geokg/place/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

""")
    seen_leaders = set()
    for iso3 in sorted(states):
        s = states[iso3]
        row = extra.get(iso3, [iso3, "", "", "", "", ""]) + [""] * 6
        label = row[1] or s["label"]
        aliases = [a for a in split(row[2]) + [s["label"]] if a != label]
        out.write(f"actor:{iso3} a gk:State ;\n    gk:code \"{iso3}\" ;\n    rdfs:label {lit(label)} ;\n")
        if aliases:
            out.write(f"    skos:altLabel {literals(aliases)} ;\n")
        if split(row[3]):
            out.write(f"    gk:demonym {literals(split(row[3]))} ;\n")
        if iso3 in ambiguous:
            out.write(f"    gk:ambiguousName {literals(ambiguous[iso3])} ;\n")
        capital_qid = row[4] or s.get("capital_qid")
        if s.get("capital"):
            cap_iri = f"place:{capital_qid}" if capital_qid else f"place:{slug(s['capital'])}"
            out.write(f"    gk:capital {cap_iri} ;\n")
        out.write(f"    owl:sameAs wd:{s['qid']} .\n")
        if s.get("capital"):
            names = [n for n in split(row[5]) + split(s["capital"].replace(", D.C.", ";" + s["capital"]))]
            cap_label = s["capital"]
            alt = [n for n in names if n != cap_label]
            out.write(f"{cap_iri} a gk:Place ;\n    rdfs:label {lit(cap_label)} ;\n")
            if alt:
                out.write(f"    skos:altLabel {literals(alt)} ;\n")
            # Only checked capitals stand for their state: "Victoria said" is rarely Seychelles.
            if capital_qid:
                stands_for = seat_of.get(capital_qid, iso3)
                out.write(f"    gk:locatedIn actor:{iso3} ;\n    gk:metonymFor actor:{stands_for} ;\n")
                out.write(f"    owl:sameAs wd:{capital_qid} .\n")
            else:
                out.write(f"    gk:locatedIn actor:{iso3} .\n")
        for leader in s["leaders"]:
            qid = leader["qid"]
            if qid in excluded or qid in seen_leaders or primary.get(qid, iso3) != iso3:
                continue
            seen_leaders.add(qid)
            name = leader["name"]
            roles = ", ".join(ROLE[r] for r in leader.get("roles", []) if r in ROLE)
            write_person(out, name, leader_aliases.get(qid, []), iso3, name in known_by_surname, qid, roles)
        out.write("\n")

    for name, aliases, acts_for, by_surname, qid, office in tsv("office-holders.tsv"):
        write_person(out, name, split(aliases), acts_for, by_surname == "yes", qid, comment=office)
    out.write("\n")

    for code, label, aliases, qid in tsv("organisations.tsv"):
        out.write(f"actor:{code} a gk:Organisation ;\n    gk:code \"{code}\" ;\n    rdfs:label {lit(label)}")
        alt = [a for a in split(aliases) if a != label]
        if alt:
            out.write(f" ;\n    skos:altLabel {literals(alt)}")
        if code in ambiguous:
            out.write(f" ;\n    gk:ambiguousName {literals(ambiguous[code])}")
        out.write(f" ;\n    owl:sameAs wd:{qid} .\n" if qid else " .\n")
    out.write("\n")
    # A state body has no code of its own: it acts for its state.
    for label, aliases, iso3 in tsv("state-bodies.tsv"):
        alt = [a for a in split(aliases) if a != label]
        out.write(f"body:{slug(label)} a gk:StateBody ;\n    rdfs:label {lit(label)} ;\n")
        if alt:
            out.write(f"    skos:altLabel {literals(alt)} ;\n")
        out.write(f"    gk:actsFor actor:{iso3} .\n")
    out.write("\n")
    # Sector actors have no Wikidata item of their own: "police" is nobody in particular.
    for code, label, nouns, cameo in tsv("sectors.tsv"):
        names = split(nouns)
        names += [n[0].upper() + n[1:] for n in names if n[0].islower()]
        out.write(f"actor:{code} a gk:Sector ;\n    gk:code \"{code}\" ;\n    rdfs:label {lit(label)} ;\n")
        alt = [n for n in names if n != label]
        if alt:
            out.write(f"    skos:altLabel {literals(alt)} ;\n")
        out.write(f"    rdfs:comment {lit('CAMEO actor type: ' + cameo)} .\n")
    out.write("\n")
    for qid, label, aliases, iso3 in tsv("places.tsv"):
        out.write(f"place:{qid} a gk:Place ;\n    rdfs:label {lit(label)} ;\n")
        if split(aliases):
            out.write(f"    skos:altLabel {literals(split(aliases))} ;\n")
        out.write(f"    gk:locatedIn actor:{iso3} ;\n    owl:sameAs wd:{qid} .\n")


def write_person(out, name, aliases, acts_for, known_by_surname, qid, roles="", comment=""):
    parts = name.split()
    lines = [f"rdfs:label {lit(name)}"]
    alt = [a for a in aliases + spellings(name) if a != name]
    for alias in aliases:
        alt += [s for s in spellings(alias) if s not in alt]
    if alt:
        lines.append(f"skos:altLabel {literals(alt)}")
    surnames = set()
    for full in [name] + aliases:
        words = full.split()
        if len(words) > 1 and "," not in full:
            family = surname(words)
            # "el-Sisi", "al-Assad": news also writes the surname without its article.
            bare = re.sub(r"^(?:[Ee]l|[Aa]l)-", "", family)
            surnames |= {family, fold(family), bare, fold(bare)}
    if surnames:
        lines.append(f"gk:surname {literals(sorted(surnames))}")
    if known_by_surname:
        lines.append("gk:knownBySurname true")
    lines.append(f"gk:actsFor actor:{acts_for}")
    if roles:
        lines.append(f"gk:role {roles}")
    if comment:
        lines.append(f"rdfs:comment {lit(comment)}")
    if qid:
        lines.append(f"owl:sameAs wd:{qid}")
    iri = f"person:{qid}" if qid else f"person:{slug(name)}"
    out.write(f"{iri} a gk:Person ;\n    " + " ;\n    ".join(lines) + " .\n")


# East Asian names put the family name first ("Xi Jinping", "Kim Jong-un"); news then uses it alone.
FAMILY_NAME_FIRST = {"Xi", "Li", "Kim", "Lee", "Wang", "Hun", "Lai", "Cho", "To", "Lam"}


def surname(parts):
    if parts[0] in FAMILY_NAME_FIRST:
        return parts[0]
    particles = {"da", "de", "van", "von", "al", "bin", "el", "der", "del", "la"}
    tail = [p for p in parts[1:] if p.lower() not in particles] or parts[-1:]
    return tail[-1]


if __name__ == "__main__":
    main()
