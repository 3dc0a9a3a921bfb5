// compile.js runs the pinned solcjs (npm package "solc") on one Solidity
// standard-JSON input. Package solc embeds this file and runs it as
//
//     node -e <this script> <dir>
//
// where <dir> holds node_modules/solc. It reads the input JSON on stdin and
// writes one JSON object on stdout: {"version": solc.version(), "output": <the
// compiler's standard-JSON output>}. Compiler diagnostics are part of the
// output; a non-zero exit status means the script itself failed.
//
// An import that is not among the input's sources is read from the npm
// packages installed in <dir>/node_modules ("@openzeppelin/contracts/..."
// from node_modules/@openzeppelin/contracts/...). Only plain package paths are
// read: no absolute paths, no "." or ".." segments, nothing outside
// node_modules once symbolic links are followed, only ".sol" files.
'use strict';

const fs = require('fs');
const path = require('path');

const dir = process.argv[1];
if (!dir) {
  process.stderr.write('compile.js: missing directory argument\n');
  process.exit(2);
}
const modules = fs.realpathSync(path.join(path.resolve(dir), 'node_modules'));
const solc = require(path.join(modules, 'solc'));

// findImports reads one import from node_modules, or says why it cannot.
function findImports(importPath) {
  const segments = importPath.split('/');
  if (path.isAbsolute(importPath) || importPath.includes('\\') || !importPath.endsWith('.sol') ||
      segments.some((s) => s === '' || s === '.' || s === '..')) {
    return { error: 'File not found: ' + importPath + ' is not among the sources and not an npm package path' };
  }
  let file;
  try {
    file = fs.realpathSync(path.join(modules, ...segments));
  } catch (e) {
    return { error: 'File not found: ' + importPath + ' is not among the sources nor in ' + modules };
  }
  if (!file.startsWith(modules + path.sep)) {
    return { error: 'File not found: ' + importPath + ' resolves outside ' + modules };
  }
  return { contents: fs.readFileSync(file, 'utf8') };
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  const output = solc.compile(input, { import: findImports });
  process.stdout.write('{"version":' + JSON.stringify(solc.version()) + ',"output":' + output + '}');
});
