// Lints every .py/.pyi file under DIR with ruff's WebAssembly build (default rule set),
// one file after another, and prints the file and diagnostic counts.
// Usage: NODE_PATH=<dir with node_modules> node bench/ruff_wasm_lint.js DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");

function* pythonFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== ".git") yield* pythonFiles(full);
    } else if (entry.isFile() && (entry.name.endsWith(".py") || entry.name.endsWith(".pyi"))) {
      yield full;
    }
  }
}

const workspace = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf8);
let files = 0;
let diagnostics = 0;
for (const file of pythonFiles(process.argv[2])) {
  // Invalid UTF-8 (a few lib2to3 test files) reads as U+FFFD, as ruff would reject it anyway.
  const source = fs.readFileSync(file, "utf8");
  diagnostics += workspace.check(source).length;
  files += 1;
}
console.log(`ruff-wasm ${Workspace.version()}: ${files} files, ${diagnostics} diagnostics`);
