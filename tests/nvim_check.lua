-- Neovim's own LSP client (0.7+) runs `nflint lsp` on the file given to
-- nvim and prints what it received, one line per diagnostic:
--   <line>:<col> <code> <message's first line>
-- Used by tests/test_neovim.py; exit 0 when diagnostics came, 2 on time-out.
local buf, got = vim.api.nvim_get_current_buf(), false
local cmd = vim.split(os.getenv("NFLINT_LSP_CMD"), "\t")
local id = vim.lsp.start_client({
  name = "nflint",
  cmd = cmd,
  root_dir = vim.fn.getcwd(),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, res, ctx, cfg)
      vim.lsp.diagnostic.on_publish_diagnostics(err, res, ctx, cfg)
      got = true
    end,
  },
})
vim.lsp.buf_attach_client(buf, id)
if not vim.wait(60000, function() return got end, 20) then
  io.stdout:write("timeout\n")
  vim.cmd("cquit 2")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local first = vim.split(d.message, "\n")[1]
  io.stdout:write(("%d:%d %s %s\n"):format(d.lnum + 1, d.col + 1, d.code or "", first))
end
vim.lsp.stop_client(id)
vim.cmd("qall!")
