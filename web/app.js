// The geokg page: a relationship graph drawn from the endpoint's own SPARQL, and an editor
// for queries. Everything goes through /query, so what the page shows a user can also ask.
"use strict";

const PREFIXES = `PREFIX gk: <https://w3id.org/geokg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
`;
const SHORT = [
  ["https://w3id.org/geokg/ns#", "gk:"],
  ["https://w3id.org/geokg/plover#", "plover:"],
  ["https://w3id.org/geokg/actor/", "actor:"],
  ["https://w3id.org/geokg/place/", "place:"],
  ["https://w3id.org/geokg/doc/", "doc:"],
  ["http://www.wikidata.org/entity/", "wd:"],
];
const MODALITIES = [
  ["Asserted", true], ["Reported", true], ["Planned", false],
  ["Request", false], ["Hypothetical", false], ["Negated", false],
];
// Quad classes (1 verbal cooperation … 4 material conflict) on a scale from +2 to -2.
const QUAD_SCORE = { 1: 1, 2: 2, 3: -1, 4: -2 };

const $ = (id) => document.getElementById(id);
const state = { types: [], selected: null };

async function sparql(query, accept = "application/sparql-results+json") {
  const response = await fetch("/query", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: accept },
    body: query,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${text}`);
  return {
    type: response.headers.get("Content-Type") || "",
    truncated: response.headers.get("geokg-results-truncated"),
    text,
  };
}

async function select(query) {
  const answer = await sparql(query);
  return JSON.parse(answer.text).results.bindings;
}

const value = (binding, name) => (binding[name] ? binding[name].value : undefined);
const iri = (text) => `<${text.replace(/[<>"{}|^`\\\s]/g, "")}>`;
const literal = (text) => JSON.stringify(String(text));
const short = (text) => {
  for (const [long, prefix] of SHORT) if (text.startsWith(long)) return prefix + text.slice(long.length);
  return text;
};
const localName = (text) => text.replace(/^.*[#/]/, "");

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, val] of Object.entries(attributes)) {
    if (key === "class") node.className = val;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), val);
    else node.setAttribute(key, val);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

// ---- filters -------------------------------------------------------------------------

function checkbox(container, name, label, checked, className = "") {
  const input = element("input", { type: "checkbox", value: name });
  input.checked = checked;
  input.addEventListener("change", drawGraph);
  container.append(element("label", { class: className }, input, " ", label));
}

async function buildFilters() {
  for (const [name, checked] of MODALITIES) checkbox($("modalities"), name, name.toLowerCase(), checked);
  const types = await select(`${PREFIXES}
SELECT ?type ?label ?quad WHERE {
  ?type a gk:StatementType ; rdfs:label ?label .
  OPTIONAL { ?type gk:quadClass ?quad }
} ORDER BY ?quad ?label`);
  state.types = types.map((b) => value(b, "type"));
  for (const b of types) {
    checkbox($("types"), value(b, "type"), value(b, "label"), true, `quad-${value(b, "quad") || 0}`);
  }
  const setAll = (checked) => () => {
    for (const input of $("types").querySelectorAll("input")) input.checked = checked;
    drawGraph();
  };
  $("types-all").addEventListener("click", setAll(true));
  $("types-none").addEventListener("click", setAll(false));
  for (const id of ["from", "to", "undated"]) $(id).addEventListener("change", drawGraph);
}

const checked = (id) => [...$(id).querySelectorAll("input:checked")].map((i) => i.value);

// SPARQL filters for the statement ?st from the controls; the same for the graph and the list.
function filterClauses() {
  const modalities = checked("modalities").map((m) => `gk:${m}`);
  const types = checked("types").map(iri);
  const clauses = [
    `FILTER (?modality IN (${modalities.join(", ") || "gk:None"}))`,
    `FILTER (?type IN (${types.join(", ") || "gk:None"}))`,
    `OPTIONAL { ?st gk:time ?time }`,
    `OPTIONAL { ?st prov:wasDerivedFrom/schema:datePublished ?published }`,
    `BIND (SUBSTR(COALESCE(STR(?time), STR(?published)), 1, 7) AS ?when)`,
  ];
  // A year ("2026") overlaps every month of that year: compare at the coarser precision.
  const from = $("from").value, to = $("to").value;
  const dated = [];
  if (from) dated.push(`?when >= SUBSTR(${literal(from)}, 1, STRLEN(?when))`);
  if (to) dated.push(`?when <= SUBSTR(${literal(to)}, 1, STRLEN(?when))`);
  if (dated.length || !$("undated").checked) {
    const inRange = ["BOUND(?when)", ...dated].join(" && ");
    clauses.push($("undated").checked ? `FILTER (!BOUND(?when) || (${inRange}))` : `FILTER (${inRange})`);
  }
  return clauses.join("\n  ");
}

// ---- graph ---------------------------------------------------------------------------

const cy = cytoscape({
  container: $("graph"),
  wheelSensitivity: 0.3,
  style: [
    {
      selector: "node",
      style: {
        label: "data(label)", "font-size": 13, "text-valign": "bottom", "text-margin-y": 4,
        "background-color": "#3b4a63", width: "data(size)", height: "data(size)",
        color: "#1d2330", "text-outline-color": "#fff", "text-outline-width": 2,
      },
    },
    {
      selector: "edge",
      style: {
        width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "data(arrow)", "curve-style": "bezier", opacity: 0.85,
        label: "data(label)", "font-size": 10, color: "#5d6677", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.8,
      },
    },
    { selector: "edge:selected", style: { opacity: 1, "overlay-opacity": 0.15, "overlay-color": "#1d2330" } },
  ],
});

// Colour on a scale from conflict (-2, red) through mixed (grey) to cooperation (+2, green).
function colour(score) {
  const mix = (a, b, t) => Math.round(a + (b - a) * t);
  const [grey, green, red] = [[154, 163, 178], [46, 139, 87], [192, 57, 43]];
  const t = Math.min(1, Math.abs(score) / 2);
  const end = score >= 0 ? green : red;
  return `rgb(${grey.map((g, i) => mix(g, end[i], t)).join(",")})`;
}

async function drawGraph() {
  $("graph-status").textContent = "Loading…";
  let rows;
  try {
    rows = await select(`${PREFIXES}
SELECT ?source ?target ?type ?quad ?symmetric (COUNT(DISTINCT ?st) AS ?n)
       (SAMPLE(?sl) AS ?sourceLabel) (SAMPLE(?tl) AS ?targetLabel)
WHERE {
  ?st gk:statementType ?type ; gk:modality ?modality ; gk:source ?source ; gk:target ?target .
  ${filterClauses()}
  OPTIONAL { ?type gk:quadClass ?quad }
  OPTIONAL { ?st gk:symmetric ?sym }
  BIND (COALESCE(?sym, false) AS ?symmetric)
  OPTIONAL { ?source rdfs:label ?sl }
  OPTIONAL { ?target rdfs:label ?tl }
}
GROUP BY ?source ?target ?type ?quad ?symmetric`);
  } catch (error) {
    $("graph-status").textContent = error.message;
    return;
  }
  const nodes = new Map();
  const edges = new Map();
  for (const row of rows) {
    let [source, target] = [value(row, "source"), value(row, "target")];
    const symmetric = value(row, "symmetric") === "true";
    // Both directions of a symmetric statement are one undirected edge.
    if (symmetric && source > target) [source, target] = [target, source];
    const n = Number(value(row, "n"));
    for (const [id, label] of [[source, value(row, "sourceLabel")], [target, value(row, "targetLabel")]]) {
      const node = nodes.get(id) || { id, label: label || localName(id), statements: 0 };
      node.statements += n;
      nodes.set(id, node);
    }
    const key = `${source} ${target} ${symmetric}`;
    const edge = edges.get(key) || { source, target, symmetric, n: 0, score: 0, types: new Map() };
    edge.n += n;
    edge.score += n * (QUAD_SCORE[value(row, "quad")] || 0);
    const type = localName(value(row, "type"));
    edge.types.set(type, (edge.types.get(type) || 0) + n);
    edges.set(key, edge);
  }
  cy.elements().remove();
  cy.add([...nodes.values()].map((node) => ({
    data: { id: node.id, label: node.label, size: 14 + 4 * Math.log2(1 + node.statements) },
  })));
  cy.add([...edges.values()].map((edge, index) => ({
    data: {
      id: `e${index}`, source: edge.source, target: edge.target, n: edge.n,
      symmetric: edge.symmetric,
      width: 1.5 + 2.5 * Math.log2(edge.n),
      color: colour(edge.score / edge.n),
      arrow: edge.symmetric ? "none" : "triangle",
      label: [...edge.types.keys()].map((t) => t.toLowerCase()).join(", "),
    },
  })));
  // Start from a circle rather than at random, so the same graph is drawn the same way.
  cy.layout({ name: "circle", padding: 40 }).run();
  cy.layout({
    name: "cose", animate: false, randomize: false, padding: 40, nodeDimensionsIncludeLabels: true,
    nodeRepulsion: () => 60000, idealEdgeLength: () => 90, edgeElasticity: () => 100,
    nodeOverlap: 20, componentSpacing: 60, gravity: 60, numIter: 2000,
  }).run();
  $("graph-status").textContent = `${nodes.size} actors, ${edges.size} edges, ${[...edges.values()].reduce((a, e) => a + e.n, 0)} statements`;
  document.body.dataset.graph = "ready";
}

cy.on("tap", "edge", (event) => showStatements(event.target.data()));

async function showStatements(edge) {
  const [source, target] = [cy.getElementById(edge.source).data("label"), cy.getElementById(edge.target).data("label")];
  $("details-hint").hidden = true;
  $("details-title").textContent = `${source} ${edge.symmetric ? "—" : "→"} ${target}`;
  const list = $("statements");
  list.replaceChildren(element("li", {}, "Loading…"));
  const pair = edge.symmetric
    ? `{ ?st gk:source ${iri(edge.source)} ; gk:target ${iri(edge.target)} } UNION { ?st gk:source ${iri(edge.target)} ; gk:target ${iri(edge.source)} }
  ?st gk:symmetric true .`
    : `?st gk:source ${iri(edge.source)} ; gk:target ${iri(edge.target)} .
  FILTER NOT EXISTS { ?st gk:symmetric true }`;
  try {
    const rows = await select(`${PREFIXES}
SELECT DISTINCT ?st ?type ?modality ?mode ?when ?sentence ?doc ?docId ?title ?url ?speakerLabel WHERE {
  ${pair}
  ?st gk:statementType ?type ; gk:modality ?modality ; gk:evidence/gk:text ?sentence ;
      prov:wasDerivedFrom ?doc .
  ${filterClauses()}
  OPTIONAL { ?st gk:mode ?mode }
  OPTIONAL { ?st gk:speaker/rdfs:label ?speakerLabel }
  OPTIONAL { ?doc gk:sourceId ?docId }
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:url ?url }
} ORDER BY ?when ?doc ?st`);
    list.replaceChildren(...rows.map(statementItem));
    if (!rows.length) list.replaceChildren(element("li", {}, "No statements under these filters."));
  } catch (error) {
    list.replaceChildren(element("li", { class: "error" }, error.message));
  }
}

function statementItem(row) {
  const modality = localName(value(row, "modality")).toLowerCase();
  const documentName = value(row, "title") || value(row, "docId") ||
    `document ${localName(value(row, "doc")).slice(0, 12)}`;
  const url = value(row, "url");
  const source = url ? element("a", { href: url, rel: "noopener" }, documentName) : documentName;
  const meta = [localName(value(row, "type")), value(row, "mode"), value(row, "when")].filter(Boolean).join(" · ");
  const speaker = value(row, "speakerLabel");
  return element("li", { "data-statement": value(row, "st") },
    element("span", { class: `badge ${modality}` }, modality), " ",
    element("strong", {}, meta),
    speaker ? element("span", { class: "meta" }, ` — said by ${speaker}`) : "",
    element("blockquote", {}, value(row, "sentence")),
    element("span", { class: "meta" }, "from ", source));
}

// ---- SPARQL editor -------------------------------------------------------------------

async function buildEditor() {
  const queries = await (await fetch("/queries")).json();
  for (const { name, sparql: text } of queries) {
    $("canned").append(element("button", {
      type: "button", "data-query": name,
      onclick: () => { $("query").value = text; runQuery(); },
    }, name));
  }
  $("query").value = queries.length ? queries[0].sparql : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  $("run").addEventListener("click", runQuery);
  $("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runQuery(); }
  });
}

async function runQuery() {
  const started = performance.now();
  $("query-status").textContent = "Running…";
  try {
    const answer = await sparql($("query").value, "application/sparql-results+json, text/turtle;q=0.9");
    const ms = Math.round(performance.now() - started);
    if (answer.type.startsWith("text/turtle")) {
      $("results").replaceChildren(element("pre", {}, answer.text));
      $("query-status").textContent = `graph in ${ms} ms`;
      return;
    }
    const json = JSON.parse(answer.text);
    if ("boolean" in json) {
      $("results").replaceChildren(element("p", {}, String(json.boolean)));
    } else {
      $("results").replaceChildren(resultsTable(json.head.vars, json.results.bindings));
    }
    const rows = json.results ? json.results.bindings.length : 1;
    $("query-status").textContent = `${rows} row${rows === 1 ? "" : "s"} in ${ms} ms` +
      (answer.truncated ? ` (cut off at ${answer.truncated})` : "");
  } catch (error) {
    $("results").replaceChildren(element("p", { class: "error" }, error.message));
    $("query-status").textContent = "failed";
  }
}

function resultsTable(vars, bindings) {
  const cell = (term) => {
    if (!term) return "";
    if (term.type === "uri") return element("span", { title: term.value }, short(term.value));
    return term.value;
  };
  return element("table", {},
    element("thead", {}, element("tr", {}, ...vars.map((v) => element("th", {}, v)))),
    element("tbody", {}, ...bindings.map((b) => element("tr", {}, ...vars.map((v) => element("td", {}, cell(b[v])))))));
}

async function summarise() {
  const [row] = await select(`${PREFIXES}
SELECT (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?st) AS ?statements) WHERE {
  ?st gk:statementType ?type ; prov:wasDerivedFrom ?doc .
}`);
  $("summary").textContent = `${value(row, "documents")} documents, ${value(row, "statements")} statements`;
}

window.geokg = {
  cy,
  ready: (async () => {
    await Promise.all([buildFilters(), buildEditor(), summarise()]);
    await drawGraph();
  })().catch((error) => { $("summary").textContent = error.message; throw error; }),
};
