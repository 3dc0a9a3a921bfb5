// Package solc compiles Solidity with a pinned solc: the npm package "solc"
// (solcjs, the official Emscripten build) at exactly Version, installed with
// the Solidity library @openzeppelin/contracts at exactly OpenZeppelinVersion
// by npm from this directory's package.json and package-lock.json into an
// ignored node_modules beside them.
//
// The first use installs them: Compile, Installed and Install run `npm ci`
// here when node_modules lacks the pinned packages, under a file lock
// (.install.lock) so that the test binaries of several packages starting
// at once under `go test ./...` install once, in a scratch directory renamed
// into place so that no one sees half an installation. Progress goes to
// stderr. Without Node.js the error wraps ErrNoNode and names the missing
// npm or node. By hand, from the module root:
//
//	npm ci --prefix internal/solc
//
// Compile hands a set of sources to solcjs's standard-JSON interface through
// node, running compile.js (embedded in the package) on the installed
// compiler, and returns each contract's ABI, creation and runtime bytecode.
// The zero Options compile with the optimizer on (DefaultOptimizerRuns) for
// DefaultEVMVersion; errors reported by the compiler come back as one error
// wrapping ErrCompile that lists them. Installed installs if need be and
// checks the installation without compiling, so that tests can say what is
// missing:
//
//	if err := solc.Installed(solc.Options{}); err != nil {
//		t.Fatal(err) // "solc: Node.js not found: npm is not in PATH, ..."
//	}
//	contracts, err := solc.Compile(ctx, map[string]string{"A.sol": src}, solc.Options{})
//	a, err := contracts.Get("A")
//
// An import that is not among the sources is read from the npm packages in
// node_modules, as Hardhat's and Foundry's npm remappings do: a source imports
// OpenZeppelin as
//
//	import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
//
// Only plain package paths of ".sol" files are read: absolute paths, "." and
// ".." segments and files outside node_modules are refused, so sources cannot
// read arbitrary files. Compile returns the contracts of the given sources,
// not those of the files they import.
//
// Package proof/solidity compiles gnark's verifiers with it, and chain/evm its
// contracts: one compiler version, one set of settings, for the whole SDK.
package solc
