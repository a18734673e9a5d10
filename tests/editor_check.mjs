// Opens documents in the two language services editors use for JSON Schema:
// yaml-language-server (run as a server over stdio, as the YAML extension and
// Neovim/Helix/Zed run it) and vscode-json-languageservice (the library behind
// VS Code's JSON support). Used by tests/test_editor_schemas.py.
//
//   node tests/editor_check.mjs <dir containing node_modules>  < job.json
//
// job: {"schemas": {"<file uri of a bundle>": ["<glob>", ...]},
//       "documents": [{"uri": "file:///...", "language": "yaml" | "json"}]}
//   YAML documents select their schema by a modeline in their text or by the
//   globs (`yaml.schemas`); JSON documents by the globs (`json.schemas`).
//      optional "hovers": [{"uri", "line", "character"}] (0-based; asked of yaml-language-server)
// output: {"versions": {...}, "diagnostics": {"<uri>": [{"line", "severity", "message", "source"}]},
//          "hovers": ["<markdown>", ...]}
//
// Nothing is fetched: the schema store is off and schema URIs are files.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.resolve(process.argv[2] ?? ".");
const require = createRequire(path.join(dir, "noop.js"));
const job = JSON.parse(readFileSync(0, "utf8"));
const yamlDocs = job.documents.filter((d) => d.language === "yaml");
const jsonDocs = job.documents.filter((d) => d.language === "json");

function brief(d) {
  return { line: d.range.start.line + 1, severity: d.severity ?? 1, message: d.message, source: d.source ?? "" };
}

// --- vscode-json-languageservice ---------------------------------------------------

async function jsonService() {
  const json = require("vscode-json-languageservice");
  const service = json.getLanguageService({
    schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), "utf8"),
    workspaceContext: { resolveRelativePath: (rel, resource) => new URL(rel, resource).href },
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: Object.entries(job.schemas).map(([uri, fileMatch]) => ({ uri, fileMatch })),
  });
  const out = {};
  for (const { uri } of jsonDocs) {
    const text = readFileSync(fileURLToPath(uri), "utf8");
    const doc = json.TextDocument.create(uri, "json", 1, text);
    const parsed = service.parseJSONDocument(doc);
    const diagnostics = await service.doValidation(doc, parsed, { schemaValidation: "error" });
    out[uri] = diagnostics.map(brief);
  }
  return out;
}

// --- yaml-language-server over stdio ------------------------------------------------

function yamlServer() {
  const bin = require.resolve("yaml-language-server/bin/yaml-language-server");
  const child = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const settings = {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      schemas: Object.fromEntries(Object.entries(job.schemas)),
      schemaStore: { enable: false },
      yamlVersion: "1.2",
    },
  };
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const published = {};
  let onPublish = () => {};

  function send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  function request(method, params) {
    const id = nextId++;
    send({ id, method, params });
    return new Promise((resolve) => pending.set(id, resolve));
  }
  function handle(message) {
    if (message.id !== undefined && message.method === undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.method === "workspace/configuration") {
      const items = message.params.items.map((item) => settings[item.section] ?? settings.yaml[item.section?.slice(5)] ?? null);
      send({ id: message.id, result: items });
    } else if (message.id !== undefined) {
      send({ id: message.id, result: null }); // client/registerCapability and friends
    } else if (message.method === "textDocument/publishDiagnostics") {
      published[message.params.uri] = message.params.diagnostics.map(brief);
      onPublish();
    }
  }
  child.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      handle(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString("utf8")));
      buffer = buffer.subarray(end + 4 + length);
    }
  });

  return (async () => {
    await request("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    send({ method: "initialized", params: {} });
    send({ method: "workspace/didChangeConfiguration", params: { settings } });
    // A document may be published more than once (before and after its
    // schema loads): done when every one was published and 1 s passed quietly.
    const done = new Promise((resolve) => {
      let quiet;
      onPublish = () => {
        clearTimeout(quiet);
        if (yamlDocs.every(({ uri }) => uri in published)) quiet = setTimeout(resolve, 1000);
      };
    });
    for (const { uri } of yamlDocs) {
      const text = readFileSync(fileURLToPath(uri), "utf8");
      send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text } } });
    }
    if (yamlDocs.length) await done;
    const hovers = [];
    for (const at of job.hovers ?? []) {
      const result = await request("textDocument/hover", {
        textDocument: { uri: at.uri },
        position: { line: at.line, character: at.character },
      });
      const contents = result?.contents;
      hovers.push(typeof contents === "string" ? contents : contents?.value ?? JSON.stringify(contents ?? null));
    }
    const { version } = require("yaml-language-server/package.json");
    await request("shutdown", null);
    send({ method: "exit" });
    return { version, published, hovers };
  })();
}

const timer = setTimeout(() => {
  process.stderr.write("editor_check: timed out\n");
  process.exit(3);
}, 240000);
const [yaml, jsonOut] = await Promise.all([yamlServer(), jsonService()]);
clearTimeout(timer);
process.stdout.write(
  JSON.stringify({
    versions: {
      "yaml-language-server": yaml.version,
      "vscode-json-languageservice": require("vscode-json-languageservice/package.json").version,
    },
    diagnostics: { ...yaml.published, ...jsonOut },
    hovers: yaml.hovers,
  }),
);
