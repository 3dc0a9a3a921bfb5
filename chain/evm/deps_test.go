package evm

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps keeps the package in its layer (DESIGN.md): settlement never
// reaches the consensus core, the transports or the node assembly.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	require.NoError(t, err, "go list")
	const module = "github.com/depinkit/depinkit/"
	deps := strings.Fields(string(out))
	require.Contains(t, deps, module+"reward")
	for _, dep := range deps {
		rel, ok := strings.CutPrefix(dep, module)
		if !ok {
			continue
		}
		for _, ban := range []string{"chain/dag", "transport", "depin"} {
			require.False(t, rel == ban || strings.HasPrefix(rel, ban+"/"), "chain/evm depends on %s", dep)
		}
	}
}
