// Compiles nflint's exported schemas with Ajv (draft 2020-12) and validates
// documents with them. Used by tests/test_bundle_ajv.py.
//
//   node tests/ajv_check.mjs <dir containing node_modules/ajv>  < job.json
//
// job:    {"schemas": {"<type>": <bundle>}, "instances": [{"type": "<type>", "data": ...}]}
// output: {"ajv": "<version>", "compiled": {"<type>": null | "<error>"},
//          "valid": [true | false | null], "log": ["<strict-mode note>", ...]}
//
// Options: Ajv's defaults (strict mode, unicodeRegExp: true) except
// - validateFormats: false: in draft 2020-12 "format" is an annotation;
//   nflint and jsonschema do not assert it, so Ajv must not either (and it
//   would need ajv-formats to know "uuid" at all);
// - allowUnionTypes: true: "type": ["string", "null"] is plain JSON Schema;
// - inlineRefs: false, code.optimize: false: how the validation code is
//   generated, not what it accepts; compiling the seven bundles takes a third
//   of the time.
// - the editor annotations nflint adds are declared with addVocabulary.
// Strict mode's notes (such as "missing type ... for keyword") are logged,
// not errors, as by default; the tests expect none.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(process.argv[2] ?? ".");
const require = createRequire(path.join(dir, "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const { version } = require("ajv/package.json");

const job = JSON.parse(readFileSync(0, "utf8"));
const log = [];
const logger = {
  log: () => {},
  warn: (...args) => log.push(args.join(" ")),
  error: (...args) => log.push(args.join(" ")),
};

const compiled = {};
const validators = {};
for (const [type, schema] of Object.entries(job.schemas)) {
  const ajv = new Ajv2020({
    validateFormats: false,
    allowUnionTypes: true,
    inlineRefs: false,
    code: { optimize: false },
    logger,
  });
  // the editors' annotations (yaml-language-server and VS Code read them):
  // strict mode refuses keywords it does not know unless declared
  ajv.addVocabulary(["markdownDescription", "markdownEnumDescriptions", "defaultSnippets"]);
  try {
    validators[type] = ajv.compile(schema);
    compiled[type] = null;
  } catch (error) {
    compiled[type] = String(error.message ?? error);
  }
}
const valid = job.instances.map(({ type, data }) =>
  validators[type] ? validators[type](data) : null,
);
process.stdout.write(JSON.stringify({ ajv: version, compiled, valid, log: [...new Set(log)] }));
