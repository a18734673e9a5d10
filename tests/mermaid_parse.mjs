// Parses Mermaid diagrams with Mermaid's own parser (mermaid.parse), headless
// under jsdom. Used by tests/test_graph.py.
//
//   node tests/mermaid_parse.mjs <dir containing node_modules/{mermaid,jsdom}>  < job.json
//
// job:    ["<diagram>", ...]
// output: {"mermaid": "<version>", "results": [null | "<parse error>", ...]}

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = path.resolve(process.argv[2] ?? ".");
const require = createRequire(path.join(dir, "noop.js"));
const { JSDOM } = require("jsdom");
const { window } = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "navigator", "Element", "HTMLElement", "SVGElement", "DOMParser"]) {
  if (!(name in globalThis) || name === "window" || name === "document") {
    Object.defineProperty(globalThis, name, { value: window[name] ?? window, configurable: true, writable: true });
  }
}
globalThis.window = window;
const entry = require.resolve("mermaid/dist/mermaid.core.mjs");
const mermaid = (await import(pathToFileURL(entry).href)).default;
const { version } = require("mermaid/package.json");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const job = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const text of job) {
  try {
    await mermaid.parse(text);
    results.push(null);
  } catch (error) {
    results.push(String(error?.message ?? error));
  }
}
process.stdout.write(JSON.stringify({ mermaid: version, results }));
