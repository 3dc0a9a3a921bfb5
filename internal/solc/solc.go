package solc

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// Version is the pinned solc release: the exact version of the npm package
// "solc" in package.json and package-lock.json.
const Version = "0.8.37"

// Defaults of Options.
const (
	// DefaultEVMVersion is the EVM the bytecode targets unless Options.EVMVersion
	// says otherwise: Cancun (PUSH0, MCOPY, transient storage), which Ethereum
	// mainnet, the common L2s and go-ethereum's simulated backend all run.
	DefaultEVMVersion = "cancun"
	// DefaultOptimizerRuns is the optimizer's runs parameter unless
	// Options.OptimizerRuns says otherwise.
	DefaultOptimizerRuns = 200
)

// InstallCommand installs the pinned compiler and the Solidity libraries
// by hand, run from the module root. Install runs the same npm ci by itself
// the first time the compiler is needed.
const InstallCommand = "npm ci --prefix internal/solc"

// OpenZeppelinVersion is the pinned release of the npm package
// "@openzeppelin/contracts" in package.json and package-lock.json, which
// sources import as "@openzeppelin/contracts/...".
const OpenZeppelinVersion = "5.7.0"

var (
	// ErrNotInstalled: node or the pinned solc package cannot be found.
	ErrNotInstalled = errors.New("solc: solcjs not installed")
	// ErrCompile: the compiler reported errors; the message lists them.
	ErrCompile = errors.New("solc: compilation failed")
	// ErrOutput: the compiler ran but its output cannot be used (a contract
	// needs library linking, the bytecode is not hex, the script failed...).
	ErrOutput = errors.New("solc: unusable compiler output")
)

//go:embed compile.js
var script string

// Options configure a compilation. The zero value compiles with the package's
// own node_modules (installed there on first use), node from PATH, the optimizer on at DefaultOptimizerRuns
// runs, for DefaultEVMVersion, through the legacy (non-IR) pipeline.
type Options struct {
	// Dir is the directory whose node_modules holds the solc package. Empty
	// means this package's source directory, found from the file paths the
	// binary was built with: right for tests and for go run inside the
	// repository, not for a binary built with -trimpath or moved elsewhere.
	Dir string
	// Node is the node executable. Empty means "node", looked up in PATH.
	Node string
	// EVMVersion is solc's evmVersion setting ("paris", "shanghai", "cancun",
	// "prague", "osaka"...). Empty means DefaultEVMVersion.
	EVMVersion string
	// OptimizerRuns is the optimizer's runs parameter. Zero means
	// DefaultOptimizerRuns; negative values are rejected.
	OptimizerRuns int
	// NoOptimizer turns the optimizer off (OptimizerRuns is then ignored).
	NoOptimizer bool
	// ViaIR compiles through the Yul IR pipeline.
	ViaIR bool
	// Progress receives the progress of a first installation (Install).
	// Nil means os.Stderr.
	Progress io.Writer
}

// withDefaults returns o with its empty fields filled in, or an error for
// settings that make no sense.
func (o Options) withDefaults() (Options, error) {
	if o.Dir == "" {
		d, err := packageDir()
		if err != nil {
			return o, err
		}
		o.Dir = d
	}
	if o.Node == "" {
		o.Node = "node"
	}
	if o.EVMVersion == "" {
		o.EVMVersion = DefaultEVMVersion
	}
	if o.OptimizerRuns < 0 {
		return o, fmt.Errorf("solc: optimizer runs %d: must not be negative", o.OptimizerRuns)
	}
	if o.OptimizerRuns == 0 {
		o.OptimizerRuns = DefaultOptimizerRuns
	}
	return o, nil
}

// packageDir returns the directory of this source file, if the build recorded
// a usable one.
func packageDir() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return "", fmt.Errorf("%w: the package directory is unknown (built with -trimpath?): set Options.Dir to a directory where %q was run",
			ErrNotInstalled, "npm ci")
	}
	return filepath.Dir(file), nil
}

// Installed checks that node can be found and that the pinned solc and
// @openzeppelin/contracts packages are installed where opts say, installing
// them first when they are missing and opts.Dir is a directory Install can
// install into (this package's own directory is): see Install, which it
// calls without a deadline. Its error wraps ErrNotInstalled or ErrNoNode and
// says how to install.
func Installed(opts Options) error {
	o, err := opts.withDefaults()
	if err != nil {
		return err
	}
	return o.install(context.Background())
}

// installedPackages checks that the pinned packages are in Dir's
// node_modules.
func (o Options) installedPackages() error {
	if err := o.pinned("solc", Version); err != nil {
		return err
	}
	return o.pinned("@openzeppelin/contracts", OpenZeppelinVersion)
}

// pinned checks that the npm package name is installed at version.
func (o Options) pinned(name, version string) error {
	pkg := filepath.Join(o.Dir, "node_modules", filepath.FromSlash(name), "package.json")
	data, err := os.ReadFile(pkg)
	if err != nil {
		return fmt.Errorf("%w: %s missing: run `%s` in the module root: %w", ErrNotInstalled, pkg, InstallCommand, err)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrNotInstalled, pkg, err)
	}
	if meta.Version != version {
		return fmt.Errorf("%w: %s is %s %s, want %s: run `%s` in the module root",
			ErrNotInstalled, pkg, name, meta.Version, version, InstallCommand)
	}
	return nil
}

// Contract is one compiled contract.
type Contract struct {
	Source      string          // the source file name it was declared in
	Name        string          // its name
	ABI         json.RawMessage // its JSON ABI
	Bin         []byte          // creation bytecode (constructor arguments go after it)
	DeployedBin []byte          // runtime bytecode, as deployed
}

// Contracts holds the result of a compilation, keyed by "source:Name".
type Contracts map[string]Contract

// Get returns the contract with the key name ("source:Name") or, for a bare
// name, the only contract of that name.
func (cs Contracts) Get(name string) (Contract, error) {
	if c, ok := cs[name]; ok {
		return c, nil
	}
	var found []Contract
	for _, c := range cs {
		if c.Name == name {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return Contract{}, fmt.Errorf("solc: no contract %q", name)
	default:
		return Contract{}, fmt.Errorf("solc: %d contracts named %q: use \"source:%s\"", len(found), name, name)
	}
}

// Compile compiles sources (file name to Solidity text) with the pinned solcjs
// through its standard-JSON interface, and returns every contract declared in
// them with its ABI and bytecode. An import that is not one of the sources is
// read from the npm packages installed beside solc (see the package
// documentation); the
// contracts of such imported files are compiled as dependencies but not
// returned. Compiler errors come back as one error wrapping ErrCompile that
// lists them; warnings are dropped. Contracts that need library linking are
// rejected (ErrOutput). The first call installs the pinned packages when
// they are missing (see Install).
//
// Each call starts a node process that loads the compiler: about a second
// before any compilation.
func Compile(ctx context.Context, sources map[string]string, opts Options) (Contracts, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("solc: no sources")
	}
	if err := o.install(ctx); err != nil {
		return nil, err
	}
	input, err := o.input(sources)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, o.Node, "-e", script, o.Dir)
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("solc: compile: %w", ctx.Err())
		}
		return nil, fmt.Errorf("%w: node: %w: %s", ErrOutput, err, strings.TrimSpace(stderr.String()))
	}
	return parse(stdout.Bytes())
}

// input builds the standard-JSON input.
func (o Options) input(sources map[string]string) ([]byte, error) {
	type source struct {
		Content string `json:"content"`
	}
	type optimizer struct {
		Enabled bool `json:"enabled"`
		Runs    int  `json:"runs"`
	}
	type settings struct {
		Optimizer       optimizer                      `json:"optimizer"`
		EVMVersion      string                         `json:"evmVersion"`
		ViaIR           bool                           `json:"viaIR,omitempty"`
		OutputSelection map[string]map[string][]string `json:"outputSelection"`
	}
	in := struct {
		Language string            `json:"language"`
		Sources  map[string]source `json:"sources"`
		Settings settings          `json:"settings"`
	}{
		Language: "Solidity",
		Sources:  make(map[string]source, len(sources)),
		Settings: settings{
			Optimizer:       optimizer{Enabled: !o.NoOptimizer, Runs: o.OptimizerRuns},
			EVMVersion:      o.EVMVersion,
			ViaIR:           o.ViaIR,
			OutputSelection: make(map[string]map[string][]string, len(sources)),
		},
	}
	for name, text := range sources {
		if name == "" {
			return nil, fmt.Errorf("solc: a source has an empty file name")
		}
		in.Sources[name] = source{Content: text}
		// Only the given sources' contracts: solc then generates no code for
		// the library contracts they import.
		in.Settings.OutputSelection[name] = map[string][]string{
			"*": {"abi", "evm.bytecode.object", "evm.bytecode.linkReferences", "evm.deployedBytecode.object"},
		}
	}
	return json.Marshal(in)
}

// result is what compile.js prints.
type result struct {
	Version string `json:"version"`
	Output  struct {
		Errors []struct {
			Severity         string `json:"severity"`
			Type             string `json:"type"`
			Message          string `json:"message"`
			FormattedMessage string `json:"formattedMessage"`
		} `json:"errors"`
		Contracts map[string]map[string]struct {
			ABI json.RawMessage `json:"abi"`
			EVM struct {
				Bytecode struct {
					Object         string                     `json:"object"`
					LinkReferences map[string]json.RawMessage `json:"linkReferences"`
				} `json:"bytecode"`
				DeployedBytecode struct {
					Object string `json:"object"`
				} `json:"deployedBytecode"`
			} `json:"evm"`
		} `json:"contracts"`
	} `json:"output"`
}

// parse reads compile.js's output.
func parse(data []byte) (Contracts, error) {
	var r result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrOutput, err)
	}
	if !strings.HasPrefix(r.Version, Version+"+") {
		return nil, fmt.Errorf("%w: compiler reports version %q, want %s: run `%s` in the module root",
			ErrNotInstalled, r.Version, Version, InstallCommand)
	}
	var msgs []string
	for _, e := range r.Output.Errors {
		if e.Severity != "error" {
			continue
		}
		m := strings.TrimSpace(e.FormattedMessage)
		if m == "" {
			m = e.Type + ": " + e.Message
		}
		msgs = append(msgs, m)
	}
	if len(msgs) > 0 {
		return nil, fmt.Errorf("%w: %d error(s):\n%s", ErrCompile, len(msgs), strings.Join(msgs, "\n"))
	}
	out := make(Contracts)
	for source, contracts := range r.Output.Contracts {
		for name, c := range contracts {
			key := source + ":" + name
			if len(c.EVM.Bytecode.LinkReferences) > 0 {
				libs := make([]string, 0, len(c.EVM.Bytecode.LinkReferences))
				for lib := range c.EVM.Bytecode.LinkReferences {
					libs = append(libs, lib)
				}
				sort.Strings(libs)
				return nil, fmt.Errorf("%w: %s needs linking against libraries in %s", ErrOutput, key, strings.Join(libs, ", "))
			}
			bin, err := hex.DecodeString(c.EVM.Bytecode.Object)
			if err != nil {
				return nil, fmt.Errorf("%w: %s bytecode: %w", ErrOutput, key, err)
			}
			deployed, err := hex.DecodeString(c.EVM.DeployedBytecode.Object)
			if err != nil {
				return nil, fmt.Errorf("%w: %s deployed bytecode: %w", ErrOutput, key, err)
			}
			out[key] = Contract{Source: source, Name: name, ABI: c.ABI, Bin: bin, DeployedBin: deployed}
		}
	}
	return out, nil
}
