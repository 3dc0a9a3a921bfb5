package depinkit_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "github.com/depinkit/depinkit"

// forbidden lists, per package (and the packages below it), the module packages it
// must never depend on, directly or not: the layering of ../shared/DESIGN.md.
var forbidden = map[string][]string{
	"device": {"chain", "transport", "depin"},
	"proof":  {"chain", "transport", "depin"},
	"reward": {"chain", "transport", "depin"},
	// canonical is the public face of internal/canonical: nothing above it.
	"canonical": {"chain", "transport", "subnet", "depin", "device", "proof", "reward"},
	// chain/dag (and chain/dag/sim) is the pure core: no transport, store,
	// settlement or facade.
	"chain/dag":   {"transport", "chain/store", "chain/evm", "chain/validator", "subnet", "depin"},
	"chain/store": {"transport", "chain/evm", "chain/validator", "subnet", "depin"},
	"chain/evm":   {"chain/dag", "chain/store", "chain/validator", "transport", "subnet", "depin"},
	// transport carries bytes between peers; the consensus side adapts it
	// (chain/dagtransport), never the reverse.
	"transport": {"chain", "subnet", "depin"},
	"subnet":    {"depin", "examples", "transport", "chain/validator", "chain/dag", "chain/store"},
	// The facade (and the verticals under it) serve examples and the CLI,
	// never the reverse.
	"depin": {"examples", "cmd"},
	// The devnet kit runs any vertical: it knows none of them.
	"depin/devnet": {"examples", "cmd", "depin/telecom", "depin/poc", "depin/bandwidth", "depin/vertical/meter"},
}

// noCgo lists the packages that must build with CGO_ENABLED=0 — what a
// vertical author imports, so that a vertical builds without a C toolchain.
// H3 (github.com/uber/h3-go, cgo) stays in reward/h3density and the verticals
// that scale by hex density.
var noCgo = []string{"canonical", "reward", "device", "proof", "depin/vertical", "depin/vertical/meter", "depin/vertical/verticaltest"}

// TestNoCgo builds the noCgo packages with cgo off.
func TestNoCgo(t *testing.T) {
	args := []string{"build"}
	for _, p := range noCgo {
		args = append(args, "./"+p)
	}
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "CGO_ENABLED=0 go %s:\n%s", strings.Join(args, " "), out)
}

// light pins what the packages a vertical author builds against may pull in:
// at most maxDeps packages (go list -deps, the standard library included), and
// none of the runtime (the depin package itself, chain, transport, subnet).
var light = map[string]struct {
	maxDeps int
	bans    []string // module packages, exactly or with their subpackages
}{
	// Measured 395 (Dec 2026; depin was 1211 with the interface inside it).
	// Nearly all of it is proof's gnark, which Report.Bundle brings in;
	// device, reward and canonical alone are 171.
	"depin/vertical": {maxDeps: 420, bans: []string{"chain", "transport", "subnet", "depin", "examples", "cmd"}},
	// The small vertical and the conformance suite (measured 397 and 400).
	"depin/vertical/meter":        {maxDeps: 420, bans: []string{"chain", "transport", "subnet", "depin", "examples", "cmd"}},
	"depin/vertical/verticaltest": {maxDeps: 425, bans: []string{"chain", "transport", "subnet", "depin", "examples", "cmd"}},
	// A vertical built on the light package (measured 401).
	"depin/telecom": {maxDeps: 430, bans: []string{"chain", "transport", "subnet", "depin/telecom/telecomsim", "examples", "cmd"}},
}

// TestLightPackages checks the light packages' dependencies against light.
func TestLightPackages(t *testing.T) {
	for rel, l := range light {
		out, err := exec.Command("go", "list", "-deps", "./"+rel).Output()
		require.NoError(t, err, "go list -deps ./%s", rel)
		deps := strings.Fields(string(out))
		require.LessOrEqual(t, len(deps), l.maxDeps, "%s depends on %d packages, at most %d", rel, len(deps), l.maxDeps)
		for _, dep := range deps {
			depRel, ok := strings.CutPrefix(dep, module+"/")
			if dep == module+"/depin" {
				t.Errorf("%s depends on the runtime, package depin", rel)
			}
			if !ok || depRel == rel {
				continue
			}
			for _, ban := range l.bans {
				if ban == "depin" {
					// The runtime itself and the other verticals; the light
					// package is allowed.
					if strings.HasPrefix(depRel, "depin/") && depRel != "depin/vertical" && !strings.HasPrefix(rel, depRel+"/") &&
						!strings.HasPrefix(depRel, rel+"/") {
						t.Errorf("%s depends on %s", rel, dep)
					}
					continue
				}
				require.False(t, depRel == ban || strings.HasPrefix(depRel, ban+"/"), "%s depends on %s", rel, dep)
			}
		}
	}
}

// TestExamplesImportNoInternal: an example, and the devnet kit examples are
// built on, use only what an outside user can import (no package under
// internal/), in their code and in their tests.
func TestExamplesImportNoInternal(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports,TestImports,XTestImports", "./examples/...", "./depin/devnet/...").Output()
	require.NoError(t, err, "go list ./examples/...")
	dec := json.NewDecoder(strings.NewReader(string(out)))
	listed := 0
	for {
		var p struct {
			ImportPath                         string
			Imports, TestImports, XTestImports []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else {
			require.NoError(t, err)
		}
		listed++
		for _, imp := range append(append(p.Imports, p.TestImports...), p.XTestImports...) {
			rel, ok := strings.CutPrefix(imp, module+"/")
			internal := ok && slices.Contains(strings.Split(rel, "/"), "internal")
			require.False(t, internal, "%s imports %s: examples may import no internal package", p.ImportPath, imp)
		}
	}
	require.NotZero(t, listed, "no example found")
}

type listedPackage struct {
	ImportPath string
	Deps       []string
}

// TestLayering lists every package of the module with its dependencies (go list
// -deps) and fails if a low layer reaches a higher one.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Deps", "./...").Output()
	require.NoError(t, err, "go list")
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else {
			require.NoError(t, err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		for layer, bans := range forbidden {
			if rel != layer && !strings.HasPrefix(rel, layer+"/") {
				continue
			}
			checked++
			for _, dep := range p.Deps {
				depRel, ok := strings.CutPrefix(dep, module+"/")
				if !ok {
					continue
				}
				for _, ban := range bans {
					require.False(t, depRel == ban || strings.HasPrefix(depRel, ban+"/"),
						"%s imports %s: %s must not depend on %s (DESIGN.md)", p.ImportPath, dep, layer, ban)
				}
			}
		}
	}
	require.NotZero(t, checked, "no layered package found: is the test running in the module root?")
}

// pure lists packages (exactly these, not their subpackages) that must stay free
// of I/O and of the wall clock: the import paths (or prefixes) they may not import
// directly, and whether they may refer to time.Now.
var pure = map[string][]string{
	"chain/dag": {"net", "os", "os/exec", "github.com/libp2p/", "github.com/cockroachdb/pebble"},
}

type importsOf struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
}

// TestPureCore checks that the consensus core neither imports I/O packages nor
// reads the wall clock (time.Now): time comes in through Tick, as the design
// requires.
func TestPureCore(t *testing.T) {
	for rel, bans := range pure {
		out, err := exec.Command("go", "list", "-json=ImportPath,Dir,GoFiles,Imports", "./"+rel).Output()
		require.NoError(t, err, "go list %s", rel)
		var p importsOf
		require.NoError(t, json.Unmarshal(out, &p))
		for _, imp := range p.Imports {
			for _, ban := range bans {
				require.False(t, imp == ban || strings.HasSuffix(ban, "/") && strings.HasPrefix(imp, ban),
					"%s imports %s", p.ImportPath, imp)
			}
		}
		fset := token.NewFileSet()
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
			require.NoError(t, err)
			timePkg := ""
			for _, imp := range f.Imports {
				if imp.Path.Value == `"time"` {
					timePkg = "time"
					if imp.Name != nil {
						timePkg = imp.Name.Name
					}
				}
			}
			if timePkg == "" {
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == timePkg && (sel.Sel.Name == "Now" || sel.Sel.Name == "Since" || sel.Sel.Name == "Until") {
					t.Errorf("%s: %s reads the wall clock (time.%s)", rel, fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
		}
	}
}
