package depinkit_test

import (
	"encoding/json"
	"io"
	"os/exec"
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
