package subnet

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps keeps the package in its layer (DESIGN.md): a subnet's spec,
// validator sets and checkpoints never reach the node assembly, the
// examples, the validator process or the transports.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	require.NoError(t, err, "go list")
	const module = "github.com/depinkit/depinkit/"
	deps := strings.Fields(string(out))
	require.Contains(t, deps, module+"chain/evm")
	for _, dep := range deps {
		rel, ok := strings.CutPrefix(dep, module)
		if !ok {
			continue
		}
		for _, ban := range []string{"depin", "examples", "chain/validator", "transport", "chain/dag", "chain/store"} {
			require.False(t, rel == ban || strings.HasPrefix(rel, ban+"/"), "subnet depends on %s", dep)
		}
	}
}
