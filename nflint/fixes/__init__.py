"""Fixes: text edits that repair findings, and everything needed to apply them.

One module, one job:
- `quoting`: a value written the way the file writes values (JSON escaping,
  YAML plain scalars only where they keep their type, else quoted);
- `edits`: `Fix` objects built from the spans the loader recorded (replace a
  value or a key, remove a member, insert an escape); the schema check and the
  rules call these, so a finding carries its fix;
- `apply`: apply fixes to a text (sorted, overlapping ones left for later);
- `loop`: lint, apply, re-lint to a fixed point, refusing rounds that break
  the file or add an error;
- `files`: read a file's bytes and write the fixed text back atomically with
  the same encoding, byte order mark and mode;
- `report`: the unified diff and the summary lines the CLI prints.

The fix objects (`nflint.diagnostics.Fix`) know nothing of the command line:
the language server offers the same edits as quick fixes.
"""
