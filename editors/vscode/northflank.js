// Whether a JSON or YAML document looks like a Northflank document, the
// cheap test nflint's discovery makes: Northflank's $schema URL, or a
// top-level "spec" next to "apiVersion".
"use strict";

const SCHEMA = /api\.northflank\.com\/v1\/schemas\//;
const SPEC = /(^|[\s{,])["']?spec["']?\s*:/m;
const API = /(^|[\s{,])["']?apiVersion["']?\s*:/m;

function looksNorthflank(text) {
  const head = text.slice(0, 65536);
  return SCHEMA.test(head) || (SPEC.test(head) && API.test(head));
}

module.exports = { looksNorthflank };
