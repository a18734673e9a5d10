// nflint for VS Code: starts `nflint lsp` (the command is configurable) once
// a JSON or YAML document that looks like a Northflank document is open, and
// gives it JSON and YAML files. The server itself ignores other files.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { looksNorthflank } = require("./northflank");

const LANGUAGES = ["json", "jsonc", "yaml"];
let client;

function relevant(document) {
  return LANGUAGES.includes(document.languageId) && looksNorthflank(document.getText());
}

async function start(context) {
  if (client) return;
  const config = vscode.workspace.getConfiguration("nflint");
  const server = {
    command: config.get("server.path", "nflint"),
    args: config.get("server.args", ["lsp"]),
    transport: TransportKind.stdio,
  };
  client = new LanguageClient("nflint", "nflint", server, {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
  });
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `nflint: cannot start "${server.command} ${server.args.join(" ")}": ${error}. ` +
        "Install it with pip install 'nflint[lsp]' or set nflint.server.path.",
    );
  }
}

exports.activate = async (context) => {
  if (vscode.workspace.textDocuments.some(relevant)) {
    await start(context);
    return;
  }
  const listener = vscode.workspace.onDidOpenTextDocument(async (document) => {
    if (relevant(document)) {
      listener.dispose();
      await start(context);
    }
  });
  context.subscriptions.push(listener);
};

exports.deactivate = () => (client ? client.stop() : undefined);
