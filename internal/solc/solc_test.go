package solc

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm/runtime"
	"github.com/stretchr/testify/require"
)

const counterSource = `// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Base.sol";

contract Counter is Base {
    uint256 public count;

    constructor(uint256 start) { count = start; }

    function add(uint256 n) external returns (uint256) {
        count += n;
        return count;
    }
}
`

const baseSource = `// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

contract Base {
    function kind() external pure returns (string memory) { return "base"; }
}
`

// compileCtx bounds a test's compilations: a guard against a hung node, wide
// enough for a two-core machine running other test binaries (each solcjs
// start takes seconds there).
func compileCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func requireInstalled(t *testing.T) {
	t.Helper()
	require.NoError(t, Installed(Options{}))
}

// TestCompileAndRun compiles two files, one importing the other, then deploys
// and calls the result in go-ethereum's EVM: the bytecode is real.
func TestCompileAndRun(t *testing.T) {
	requireInstalled(t)
	t.Parallel()
	cs, err := Compile(compileCtx(t), map[string]string{"Counter.sol": counterSource, "Base.sol": baseSource}, Options{})
	require.NoError(t, err)
	require.Len(t, cs, 2)
	c, err := cs.Get("Counter")
	require.NoError(t, err)
	require.Equal(t, "Counter.sol", c.Source)
	require.Equal(t, c, cs["Counter.sol:Counter"])
	require.NotEmpty(t, c.Bin)
	require.NotEmpty(t, c.DeployedBin)

	parsed, err := abi.JSON(strings.NewReader(string(c.ABI)))
	require.NoError(t, err)
	require.Contains(t, parsed.Methods, "add")
	require.Contains(t, parsed.Methods, "kind", "inherited function in the ABI")

	args, err := parsed.Pack("", big.NewInt(40))
	require.NoError(t, err)
	cfg := &runtime.Config{}
	code, addr, _, err := runtime.Create(append(append([]byte{}, c.Bin...), args...), cfg)
	require.NoError(t, err)
	require.Equal(t, c.DeployedBin, code, "deployed code is the runtime bytecode")

	in, err := parsed.Pack("add", big.NewInt(2))
	require.NoError(t, err)
	ret, _, err := runtime.Call(addr, in, cfg)
	require.NoError(t, err)
	out, err := parsed.Unpack("add", ret)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(42), out[0])
}

func TestCompileErrors(t *testing.T) {
	requireInstalled(t)
	t.Parallel()
	ctx := compileCtx(t)
	bad := `// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;
contract Bad {
    function f() external pure returns (uint256) { return undefinedName; }
    function g() external pure { undefinedCall(); }
}
`
	_, err := Compile(ctx, map[string]string{"Bad.sol": bad, "Base.sol": baseSource}, Options{})
	require.ErrorIs(t, err, ErrCompile)
	for _, want := range []string{"2 error(s)", "undefinedName", "Bad.sol:4", "undefinedCall", "Bad.sol:5"} {
		require.Contains(t, err.Error(), want)
	}

	// A missing import is a compiler error too: it is neither a source nor a
	// file of an installed npm package.
	_, err = Compile(ctx, map[string]string{"Counter.sol": counterSource}, Options{})
	require.ErrorIs(t, err, ErrCompile)
	require.Contains(t, err.Error(), "Base.sol")
}

const tokenSource = `// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract Token is ERC20 {
    constructor(uint256 supply) ERC20("Test", "TST") { _mint(msg.sender, supply); }
}
`

// TestCompileImportsOpenZeppelin compiles a contract that imports the pinned
// OpenZeppelin package and runs it: only the source's own contract comes back.
func TestCompileImportsOpenZeppelin(t *testing.T) {
	requireInstalled(t)
	t.Parallel()
	cs, err := Compile(compileCtx(t), map[string]string{"Token.sol": tokenSource}, Options{})
	require.NoError(t, err)
	require.Len(t, cs, 1, "imported OpenZeppelin contracts are not returned")
	c, err := cs.Get("Token")
	require.NoError(t, err)

	parsed, err := abi.JSON(strings.NewReader(string(c.ABI)))
	require.NoError(t, err)
	args, err := parsed.Pack("", big.NewInt(1000))
	require.NoError(t, err)
	cfg := &runtime.Config{Origin: common.HexToAddress("0x5eed")} // OpenZeppelin refuses to mint to address zero
	_, addr, _, err := runtime.Create(append(append([]byte{}, c.Bin...), args...), cfg)
	require.NoError(t, err)
	in, err := parsed.Pack("balanceOf", cfg.Origin)
	require.NoError(t, err)
	ret, _, err := runtime.Call(addr, in, cfg)
	require.NoError(t, err)
	out, err := parsed.Unpack("balanceOf", ret)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(1000), out[0])
}

// TestImportsConfined checks that imports read only .sol files of installed
// packages: no absolute paths, no climbing out of node_modules.
func TestImportsConfined(t *testing.T) {
	requireInstalled(t)
	t.Parallel()
	abs, err := filepath.Abs("testdata_missing.sol")
	require.NoError(t, err)
	for _, imp := range []string{
		"@openzeppelin/contracts/../contracts/token/ERC20/ERC20.sol",
		"@openzeppelin/contracts/./token/ERC20/ERC20.sol",
		"solc/package.json",
		"@openzeppelin/contracts/no/such/File.sol",
		abs,
	} {
		src := "// SPDX-License-Identifier: Apache-2.0\npragma solidity 0.8.37;\nimport \"" + imp + "\";\ncontract A {}\n"
		_, err := Compile(compileCtx(t), map[string]string{"A.sol": src}, Options{})
		require.ErrorIs(t, err, ErrCompile, imp)
		require.Contains(t, err.Error(), "not found", imp)
	}
}

func TestOptions(t *testing.T) {
	requireInstalled(t)
	t.Parallel()
	ctx := compileCtx(t)
	src := map[string]string{"Base.sol": baseSource}
	on, err := Compile(ctx, src, Options{})
	require.NoError(t, err)
	off, err := Compile(ctx, src, Options{NoOptimizer: true, EVMVersion: "paris"})
	require.NoError(t, err)
	require.NotEqual(t, on["Base.sol:Base"].Bin, off["Base.sol:Base"].Bin, "settings reach the compiler")

	_, err = Compile(ctx, src, Options{EVMVersion: "no-such-evm"})
	require.Error(t, err)
	_, err = Compile(ctx, src, Options{OptimizerRuns: -1})
	require.Error(t, err)
	_, err = Compile(ctx, nil, Options{})
	require.Error(t, err)
}

func TestNotInstalled(t *testing.T) {
	dir := t.TempDir()
	err := Installed(Options{Dir: dir})
	require.ErrorIs(t, err, ErrNotInstalled)
	require.Contains(t, err.Error(), InstallCommand)
	_, err = Compile(context.Background(), map[string]string{"Base.sol": baseSource}, Options{Dir: dir})
	require.ErrorIs(t, err, ErrNotInstalled)
	require.Contains(t, err.Error(), InstallCommand)

	// Another version of the package is not the pinned compiler.
	pkg := filepath.Join(dir, "node_modules", "solc")
	require.NoError(t, os.MkdirAll(pkg, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"version":"0.8.20"}`), 0o644))
	err = Installed(Options{Dir: dir})
	require.ErrorIs(t, err, ErrNotInstalled)
	require.Contains(t, err.Error(), "0.8.20")

	// The pinned compiler without the pinned OpenZeppelin package.
	require.NoError(t, os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"version":"`+Version+`"}`), 0o644))
	err = Installed(Options{Dir: dir})
	require.ErrorIs(t, err, ErrNotInstalled)
	require.Contains(t, err.Error(), "openzeppelin")
	require.Contains(t, err.Error(), InstallCommand)

	err = Installed(Options{Node: filepath.Join(dir, "no-node")})
	require.ErrorIs(t, err, ErrNotInstalled)
	require.ErrorIs(t, err, ErrNoNode)
	require.ErrorContains(t, err, "no-node")
}

func TestGet(t *testing.T) {
	cs := Contracts{
		"A.sol:X": {Source: "A.sol", Name: "X"},
		"B.sol:X": {Source: "B.sol", Name: "X"},
		"B.sol:Y": {Source: "B.sol", Name: "Y"},
	}
	y, err := cs.Get("Y")
	require.NoError(t, err)
	require.Equal(t, "B.sol", y.Source)
	x, err := cs.Get("A.sol:X")
	require.NoError(t, err)
	require.Equal(t, "A.sol", x.Source)
	_, err = cs.Get("X")
	require.ErrorContains(t, err, "2 contracts")
	_, err = cs.Get("Z")
	require.Error(t, err)
}

// TestPinned checks that package.json pins the exact version this package
// expects.
func TestPinned(t *testing.T) {
	data, err := os.ReadFile("package.json")
	require.NoError(t, err)
	require.Contains(t, string(data), `"solc": "`+Version+`"`)
	lock, err := os.ReadFile("package-lock.json")
	require.NoError(t, err)
	require.Contains(t, string(lock), `"version": "`+Version+`"`)
	require.Contains(t, string(data), `"@openzeppelin/contracts": "`+OpenZeppelinVersion+`"`)
	require.Contains(t, string(lock), `"node_modules/@openzeppelin/contracts": {
      "version": "`+OpenZeppelinVersion+`"`)
}
