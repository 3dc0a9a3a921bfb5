package ports

import (
	"net"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPick(t *testing.T) {
	got, err := Pick(3, 26600)
	require.NoError(t, err)
	require.Equal(t, []int{26600, 26601, 26602}, got)

	free, err := Pick(8, 0)
	require.NoError(t, err)
	seen := map[int]bool{}
	for _, p := range free {
		require.False(t, seen[p], "port %d twice", p)
		seen[p] = true
		ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		require.NoError(t, err, "a picked port is free")
		require.NoError(t, ln.Close())
	}
	for _, bad := range [][2]int{{-1, 0}, {2, -5}, {3, 65534}} {
		_, err := Pick(bad[0], bad[1])
		require.Error(t, err, "%v", bad)
	}
}
