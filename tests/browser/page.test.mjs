// The web page in a real browser (Debian's headless Chromium, driven by playwright-core):
// it loads, draws the seed article's actors and edges, lists an edge's statements with their
// sentences when the edge is clicked, and runs a canned query into the results table.
// Leaves a screenshot at $GEOKG_SCREENSHOT (default: geokg-page.png in the target directory).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const binary = process.env.GEOKG_BIN || join(root, "target", "release", "geokg");
const seed = join(root, "tests", "fixtures", "seed", "article-us-china-2025.txt");
const screenshot = process.env.GEOKG_SCREENSHOT ||
  join(process.env.CARGO_TARGET_DIR || join(root, "target"), "geokg-page.png");

let dir, server, browser, page, url;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "geokg-page-"));
  const store = join(dir, "store");
  execFileSync(binary, ["ingest", seed, "--date", "2025-11-26", "--store", store], { stdio: "ignore" });
  server = spawn(binary, ["serve", "--store", store, "--bind", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
  url = await new Promise((resolveUrl, reject) => {
    let said = "";
    server.stderr.on("data", (chunk) => {
      said += chunk;
      const match = said.match(/at (http:\/\/\S+\/)/);
      if (match) resolveUrl(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`geokg serve exited with ${code}: ${said}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(url);
  await page.evaluate(() => window.geokg.ready);
  assert.deepEqual(errors, [], "the page runs without script errors");
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the graph shows the seed article's actors and who backs whom", async () => {
  const graph = await page.evaluate(() => ({
    nodes: window.geokg.cy.nodes().map((n) => n.data("label")),
    edges: window.geokg.cy.edges().map((e) => ({
      source: e.source().data("label"), target: e.target().data("label"), label: e.data("label"), color: e.data("color"),
    })),
  }));
  for (const actor of ["United States", "China", "Japan"]) assert.ok(graph.nodes.includes(actor), `${actor} in ${graph.nodes}`);
  const backing = graph.edges.find((e) => e.source === "United States" && e.target === "Japan");
  assert.ok(backing, `an edge United States -> Japan among ${JSON.stringify(graph.edges)}`);
  assert.match(backing.label, /support/);
  const [r, g] = backing.color.match(/\d+/g).map(Number);
  assert.ok(g > r, `support is drawn in a cooperative colour, got ${backing.color}`);
  assert.match(await page.textContent("#graph-status"), /\d+ actors, \d+ edges/);
});

test("clicking an edge lists its statements with their sentences", async () => {
  const point = await page.evaluate(() => {
    const edge = window.geokg.cy.edges().filter((e) => e.source().data("label") === "United States" && e.target().data("label") === "Japan")[0];
    const box = document.getElementById("graph").getBoundingClientRect();
    const mid = edge.renderedMidpoint();
    return { x: box.left + mid.x, y: box.top + mid.y };
  });
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector("#statements li blockquote");
  assert.match(await page.textContent("#details-title"), /United States → Japan/);
  const sentences = await page.$$eval("#statements blockquote", (quotes) => quotes.map((q) => q.textContent));
  assert.ok(sentences.some((s) => /Japan/.test(s)), `sentences: ${sentences}`);
});

test("filters redraw the graph: without cooperation types the support edge goes", async () => {
  await page.click("#types-none");
  await page.waitForFunction(() => window.geokg.cy.edges().length === 0);
  await page.click("#types-all");
  await page.waitForFunction(() => window.geokg.cy.edges().length > 0);
});

test("a canned query runs and fills the results table", async () => {
  await page.click('#canned button[data-query="who-backs-whom"]');
  await page.waitForSelector("#results table tbody tr");
  const rows = await page.$$eval("#results tbody tr", (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((row) => row.includes("USA") && row.includes("JPN")), `rows: ${rows}`);
  assert.match(await page.textContent("#query-status"), /\d+ rows? in \d+ ms/);
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
});
