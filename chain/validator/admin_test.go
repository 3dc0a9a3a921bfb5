package validator

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAdmin(t *testing.T) {
	ctx := context.Background()
	tn := newTestNet(t, 4)
	defer tn.close()
	tn.tweak = func(i int, c *Config) { c.API.Admin = i != 3 }
	tn.startAll()
	peers := func(i int) int {
		s, err := tn.clients[i].Status(ctx)
		require.NoError(t, err)
		return s.Peers
	}
	require.True(t, eventually(10*time.Second, func() bool { return peers(0) == 3 }))

	// Off by default: validator 3 does not serve the endpoints.
	_, err := tn.clients[3].Disconnect(ctx, AdminAll)
	require.ErrorIs(t, err, ErrAPI)
	require.ErrorContains(t, err, "404")

	// Issue 13 item 5: without the admin token, refused.
	_, err = tn.clients[0].Disconnect(ctx, AdminAll)
	require.ErrorContains(t, err, "401")
	_, err = tn.clients[0].WithAdminToken("not-the-token").Disconnect(ctx, AdminAll)
	require.ErrorContains(t, err, "401")
	require.Equal(t, 3, peers(0))
	for i := range 3 {
		require.NotEmpty(t, tn.nodes[i].AdminToken())
		tn.clients[i] = tn.clients[i].WithAdminToken(tn.nodes[i].AdminToken())
	}

	for _, bad := range []string{"", "0", "4", "-1", "some"} {
		_, err := tn.clients[0].Disconnect(ctx, bad)
		require.ErrorContains(t, err, "400", bad)
	}

	resp, err := tn.clients[0].Disconnect(ctx, "2")
	require.NoError(t, err)
	require.Equal(t, AdminResponse{Peers: []uint32{2}}, resp)
	require.True(t, eventually(10*time.Second, func() bool { return peers(0) == 2 }))

	resp, err = tn.clients[0].Disconnect(ctx, AdminAll)
	require.NoError(t, err)
	require.ElementsMatch(t, []uint32{1, 2, 3}, resp.Peers)
	require.True(t, eventually(10*time.Second, func() bool { return peers(0) == 0 }))

	resp, err = tn.clients[0].Reconnect(ctx, AdminAll)
	require.NoError(t, err)
	require.Empty(t, resp.Failed)
	require.True(t, eventually(10*time.Second, func() bool { return peers(0) == 3 }))
}
