package poc

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps keeps poc, pocsim, bandwidth and bwsim pure libraries: no chain,
// transport, depin core or examples, directly or not.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".", "./pocsim", "../bandwidth", "../bandwidth/bwsim").Output()
	require.NoError(t, err)
	const mod = "github.com/depinkit/depinkit/"
	for _, dep := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(dep, mod)
		if !ok {
			continue
		}
		for _, ban := range []string{"chain", "transport", "examples", "subnet", "cmd"} {
			require.False(t, rel == ban || strings.HasPrefix(rel, ban+"/"), "imports %s", dep)
		}
		if strings.HasPrefix(rel, "depin") {
			require.Contains(t, []string{"depin/poc", "depin/poc/pocsim", "depin/bandwidth", "depin/bandwidth/bwsim"}, rel, "imports the depin core")
		}
	}
}
