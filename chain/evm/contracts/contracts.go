// Package contracts holds the Solidity sources of package evm's contracts and
// builds what is generated from them: the ABI and bytecode artifacts in
// artifacts/ and the Go bindings in ../bindings/<contract>, one package per
// contract.
//
// Sources are compiled by the pinned solc of internal/solc (solcjs from npm,
// with @openzeppelin/contracts from npm for ERC-20, ERC-721, EIP-712, ECDSA,
// MerkleProof and BitMaps) with CompileOptions, and bound with go-ethereum's
// abigen (bind v2) at the version go.mod pins. The
// generated files are committed; regenerate them after changing a source:
//
//	go generate ./chain/evm/contracts  # installs the pinned solc on first use
//
// TestGenerated compiles again and fails when a committed file is stale.
package contracts

//go:generate go run ./gen

import (
	"bytes"
	"context"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"

	"github.com/depinkit/depinkit/internal/solc"
)

//go:embed *.sol
var sourceFS embed.FS

// Names are the contracts that are deployed, in the order of their sources'
// dependencies: one artifact and one binding each.
var Names = []string{"SubnetRegistry", "DeviceRegistry", "RewardDistributor", "CoverageVerifier", "TestToken"}

// ArtifactsDir and BindingsDir are where Generate's files go, relative to
// this package's directory.
const (
	ArtifactsDir = "artifacts"
	BindingsDir  = "../bindings"
)

// BindingsPackage returns the Go package name of a contract's bindings: its
// name in lower case. Each contract has its own package, as abigen names the
// result types of functions without the contract's name.
func BindingsPackage(contract string) string { return strings.ToLower(contract) }

// BindingsFile returns where a contract's bindings go, relative to this
// package's directory.
func BindingsFile(contract string) string {
	pkg := BindingsPackage(contract)
	return path.Join(BindingsDir, pkg, pkg+".go")
}

// Sources returns the Solidity sources, keyed by file name.
func Sources() (map[string]string, error) {
	entries, err := sourceFS.ReadDir(".")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		data, err := sourceFS.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		out[e.Name()] = string(data)
	}
	return out, nil
}

// Artifact is the JSON artifact of one contract, in the shape Hardhat and
// Foundry users expect: ABI and bytecode, with the compiler that made them.
type Artifact struct {
	ContractName     string          `json:"contractName"`
	SourceName       string          `json:"sourceName"`
	Compiler         Compiler        `json:"compiler"`
	ABI              json.RawMessage `json:"abi"`
	Bytecode         string          `json:"bytecode"`         // creation code, 0x-prefixed hex
	DeployedBytecode string          `json:"deployedBytecode"` // runtime code, 0x-prefixed hex
}

// Compiler records how an artifact was compiled.
type Compiler struct {
	Solc           string `json:"solc"`
	OpenZeppelin   string `json:"openzeppelin"`
	EVMVersion     string `json:"evmVersion"`
	OptimizerRuns  int    `json:"optimizerRuns"`
	ViaIR          bool   `json:"viaIR"`
	BindingsFormat string `json:"bindings"`
}

// Generate compiles the sources and returns every generated file, keyed by its
// path relative to this package's directory (ArtifactsDir/<Name>.json and
// BindingsFile(Name)). It needs node and the pinned packages of internal/solc.
func Generate(ctx context.Context) (map[string][]byte, error) {
	sources, err := Sources()
	if err != nil {
		return nil, err
	}
	compiled, err := solc.Compile(ctx, sources, CompileOptions)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte)
	for _, name := range Names {
		c, err := compiled.Get(name)
		if err != nil {
			return nil, err
		}
		var abiJSON bytes.Buffer
		if err := json.Compact(&abiJSON, c.ABI); err != nil {
			return nil, fmt.Errorf("contracts: %s abi: %w", name, err)
		}
		a := Artifact{
			ContractName: name,
			SourceName:   c.Source,
			Compiler: Compiler{
				Solc:           solc.Version,
				OpenZeppelin:   solc.OpenZeppelinVersion,
				EVMVersion:     solc.DefaultEVMVersion,
				OptimizerRuns:  CompileOptions.OptimizerRuns,
				ViaIR:          CompileOptions.ViaIR,
				BindingsFormat: "abigen v2 (go-ethereum accounts/abi/abigen.BindV2)",
			},
			ABI:              abiJSON.Bytes(),
			Bytecode:         "0x" + hex.EncodeToString(c.Bin),
			DeployedBytecode: "0x" + hex.EncodeToString(c.DeployedBin),
		}
		data, err := json.MarshalIndent(a, "", "  ")
		if err != nil {
			return nil, err
		}
		files[path.Join(ArtifactsDir, name+".json")] = append(data, '\n')
		code, err := abigen.BindV2([]string{name}, []string{abiJSON.String()}, []string{hex.EncodeToString(c.Bin)},
			BindingsPackage(name), nil, nil)
		if err != nil {
			return nil, fmt.Errorf("contracts: abigen %s: %w", name, err)
		}
		files[BindingsFile(name)] = []byte(code)
	}
	return files, nil
}

// Paths returns the keys of files, sorted.
func Paths(files map[string][]byte) []string {
	out := make([]string, 0, len(files))
	for p := range files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// CompileOptions are the compiler settings of the contracts: internal/solc's
// defaults (Cancun), but through the IR pipeline and optimized for many runs,
// which saves about 1,300 gas per claim at the price of larger contracts
// (all well below the 24 KiB limit) and costlier deployment.
var CompileOptions = solc.Options{ViaIR: true, OptimizerRuns: 1_000_000}

// bindingsHeader starts every file abigen writes.
const bindingsHeader = "// Code generated via abigen V2 - DO NOT EDIT."

// GeneratedFiles lists the generated files present under dir, the contracts
// package's directory, as paths relative to it: the artifacts and the
// bindings files abigen wrote.
func GeneratedFiles(dir string) ([]string, error) {
	var out []string
	artifacts, err := filepath.Glob(filepath.Join(dir, ArtifactsDir, "*.json"))
	if err != nil {
		return nil, err
	}
	bindings, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(BindingsDir), "*", "*.go"))
	if err != nil {
		return nil, err
	}
	for _, f := range bindings {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if !bytes.HasPrefix(data, []byte(bindingsHeader)) {
			continue
		}
		artifacts = append(artifacts, f)
	}
	for _, f := range artifacts {
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			return nil, err
		}
		out = append(out, filepath.ToSlash(rel))
	}
	sort.Strings(out)
	return out, nil
}
