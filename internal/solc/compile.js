// compile.js runs the pinned solcjs (npm package "solc") on one Solidity
// standard-JSON input. Package solc embeds this file and runs it as
//
//     node -e <this script> <dir>
//
// where <dir> holds node_modules/solc. It reads the input JSON on stdin and
// writes one JSON object on stdout: {"version": solc.version(), "output": <the
// compiler's standard-JSON output>}. Compiler diagnostics are part of the
// output; a non-zero exit status means the script itself failed.
'use strict';

const path = require('path');

const dir = process.argv[1];
if (!dir) {
  process.stderr.write('compile.js: missing directory argument\n');
  process.exit(2);
}
const solc = require(path.join(path.resolve(dir), 'node_modules', 'solc'));

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  // Without an import callback, every imported file must be among the sources.
  const output = solc.compile(input);
  process.stdout.write('{"version":' + JSON.stringify(solc.version()) + ',"output":' + output + '}');
});
