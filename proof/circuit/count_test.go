package circuit

import (
	"fmt"
	"testing"

	"github.com/consensys/gnark/frontend"
	"github.com/stretchr/testify/require"
)

// TestConstraintCounts reports the R1CS size of each circuit and its parts, and
// guards the budgets of issue 5 (coverage 7,600–8,800 constraints for a prove
// under 0.15 s; usage over 64 readings about 36k).
func TestConstraintCounts(t *testing.T) {
	parts := []struct {
		name string
		c    frontend.Circuit
	}{
		{"poseidon2 compression", &hashCircuit{In: make([]frontend.Variable, 1)}},
		{"element message (2 compressions)", &elementMessageCircuit{Tag: NonceTag}},
		{"eddsa verification", &sigCircuit{}},
		{"within radius", &radiusCircuit{}},
	}
	for _, p := range parts {
		t.Logf("%-34s %6d", p.name, countConstraints(t, p.c))
	}
	coverage := countConstraints(t, &Coverage{})
	t.Logf("%-34s %6d", "Coverage", coverage)
	require.LessOrEqual(t, coverage, 8800, "coverage over budget")

	for _, n := range Sizes() {
		u, err := NewUsage(n)
		require.NoError(t, err)
		th, err := NewThreshold(n)
		require.NoError(t, err)
		nu, nt := countConstraints(t, u), countConstraints(t, th)
		t.Logf("%-34s %6d", fmt.Sprintf("Usage[%d]", n), nu)
		t.Logf("%-34s %6d", fmt.Sprintf("Threshold[%d]", n), nt)
		if n == 64 {
			require.Less(t, nu, 36000, "usage-64 over budget")
		}
	}
}
