package transport_test

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/transport"
)

func TestPeerID(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	id, err := transport.IDFromPublicKey(key)
	require.NoError(t, err)
	require.Equal(t, key, id.PublicKey())
	require.Len(t, id.String(), 64)
	require.Equal(t, id.String()[:8], id.Short())
	require.False(t, id.IsZero())
	require.True(t, transport.PeerID{}.IsZero())
	for _, bad := range []ed25519.PublicKey{nil, key[:31], append(key, 0)} {
		_, err := transport.IDFromPublicKey(bad)
		require.Error(t, err, "%d-byte key", len(bad))
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		in   transport.Config
		want transport.Config // zero: an error
	}{
		{"zero takes defaults", transport.Config{}, transport.Config{MaxMessageSize: transport.DefaultMaxMessageSize, InboxSize: transport.DefaultInboxSize, InboxPeerBytes: 2 * transport.DefaultMaxMessageSize, EventBuffer: transport.DefaultEventBuffer}},
		{"kept", transport.Config{MaxMessageSize: 10, InboxSize: 1, InboxPeerBytes: 15, EventBuffer: 2}, transport.Config{MaxMessageSize: 10, InboxSize: 1, InboxPeerBytes: 15, EventBuffer: 2}},
		{"largest size", transport.Config{MaxMessageSize: transport.HardMaxMessageSize}, transport.Config{MaxMessageSize: transport.HardMaxMessageSize, InboxSize: transport.DefaultInboxSize, InboxPeerBytes: 2 * transport.HardMaxMessageSize, EventBuffer: transport.DefaultEventBuffer}},
		{"size too large", transport.Config{MaxMessageSize: transport.HardMaxMessageSize + 1}, transport.Config{}},
		{"negative size", transport.Config{MaxMessageSize: -1}, transport.Config{}},
		{"negative inbox", transport.Config{InboxSize: -1}, transport.Config{}},
		{"negative event buffer", transport.Config{EventBuffer: -1}, transport.Config{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.in
			err := c.Validate()
			if tc.want == (transport.Config{}) {
				require.ErrorIs(t, err, transport.ErrConfig)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, c)
		})
	}
}

func TestCheckName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"", false},
		{"/depinkit/dag/block/1", true},
		{strings.Repeat("x", transport.MaxNameLen), true},
		{strings.Repeat("x", transport.MaxNameLen+1), false},
	}
	for _, tc := range tests {
		err := transport.CheckName(tc.name)
		if tc.ok {
			require.NoError(t, err, "%d bytes", len(tc.name))
		} else {
			require.ErrorIs(t, err, transport.ErrInvalidName, "%d bytes", len(tc.name))
		}
	}
}

func TestRemoteError(t *testing.T) {
	var id transport.PeerID
	err := transport.RemoteError(id, "/p/1", "no such block")
	require.ErrorIs(t, err, transport.ErrRemote)
	require.ErrorContains(t, err, "no such block")
	// Long texts are cut, at a rune boundary.
	long := strings.Repeat("é", transport.MaxRemoteErrorLen)
	err = transport.RemoteError(id, "/p/1", long)
	require.True(t, errors.Is(err, transport.ErrRemote))
	require.True(t, utf8.ValidString(err.Error()))
	require.Less(t, len(err.Error()), transport.MaxRemoteErrorLen+100)
}
