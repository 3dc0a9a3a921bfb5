package poc

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// Helium's HIP-15 vector for n = 1..15 selected witnesses (iot_verifier
// reward_share.rs tests), 4 decimal places.
func TestRewardUnitsHeliumVector(t *testing.T) {
	tests := []struct {
		n                 int
		witness, beaconer string
	}{
		{1, "1.0000", "0.2500"}, {2, "1.0000", "0.5000"}, {3, "1.0000", "0.7500"}, {4, "1.0000", "1.0000"},
		{5, "0.7600", "1.2000"}, {6, "0.6067", "1.3600"}, {7, "0.5017", "1.4880"}, {8, "0.4262", "1.5904"},
		{9, "0.3697", "1.6723"}, {10, "0.3262", "1.7379"}, {11, "0.2918", "1.7903"}, {12, "0.2640", "1.8322"},
		{13, "0.2411", "1.8658"}, {14, "0.2220", "1.8926"}, {15, "0.2057", "1.9141"},
	}
	for _, tc := range tests {
		require.Equal(t, tc.witness, WitnessUnits(tc.n).FloatString(4), "witness n=%d", tc.n)
		require.Equal(t, tc.beaconer, BeaconerUnits(tc.n).FloatString(4), "beaconer n=%d", tc.n)
	}
	require.Equal(t, "0", WitnessUnits(0).RatString())
	require.Equal(t, "0", BeaconerUnits(0).RatString())
	require.Equal(t, uint64(7600), scaledUnits(WitnessUnits(5)))
	require.Equal(t, uint64(19141), scaledUnits(BeaconerUnits(15)))
	// The cap: the beaconer approaches 2 and never passes it.
	require.Equal(t, "1.9999", BeaconerUnits(45).FloatString(4))
	require.Equal(t, 0, BeaconerUnits(200).Cmp(big.NewRat(2, 1)))
}
