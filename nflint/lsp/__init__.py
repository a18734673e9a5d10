"""`nflint lsp`: the language server (pygls 2 over stdio), one module per
feature. pygls and lsprotocol come with the optional extra ``nflint[lsp]``
and are imported only here, only by `nflint lsp`.

- `server`: the server object, its handlers (thin) and logging;
- `state`: open documents' parsed snapshots and their configs;
- `positions`: character offsets <-> LSP positions (UTF-16);
- `locate`: what is under the cursor (pointer, key or value, expression);
- `schemanav`: the schema that applies at a pointer (hover, completion);
- `publish`: diagnostics (debounced, never stale);
- `hover`, `completion`, `navigation` (definition, references, rename),
  `symbols`, `actions` (quick fixes, fix all, suppress).
"""
