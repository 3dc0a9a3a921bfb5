package bandwidth

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

func TestSessionAllKeyTypes(t *testing.T) {
	var k keys
	for i, kt := range device.KeyTypes() {
		provider := newKey(t, &k, kt, uint64(10+i))
		client := newKey(t, &k, device.KeyTypes()[(i+1)%len(device.KeyTypes())], uint64(20+i))
		s := session(t, provider, client, byte(i+1), 5_000_000, 60_000, 1)
		require.NoError(t, s.Verify(k.keyOf, 0), "%s", kt)
		data, err := s.Marshal()
		require.NoError(t, err)
		back, err := ParseSession(data)
		require.NoError(t, err)
		require.True(t, s.Equal(back))
		require.NoError(t, back.Verify(k.keyOf, 0))
	}
}

func TestSessionVerifyReasons(t *testing.T) {
	var k keys
	provider := newKey(t, &k, device.Ed25519, 1)
	client := newKey(t, &k, device.Secp256k1, 2)
	stranger, err := device.GenerateKey(device.P256, seeded(3))
	require.NoError(t, err)
	tests := []struct {
		name string
		make func() *Session
		max  uint64
		want Reason
	}{
		{"valid", func() *Session { return session(t, provider, client, 1, 1000, 1000, 1) }, 0, ReasonNone},
		{"self session", func() *Session { return session(t, provider, provider, 1, 1000, 1000, 1) }, 0, ReasonSelfSession},
		{"zero bytes", func() *Session { return session(t, provider, client, 1, 0, 1000, 1) }, 0, ReasonZeroBytes},
		{"rate at the limit", func() *Session { return session(t, provider, client, 1, 1000, 1000, 1) }, 1000, ReasonNone},
		{"rate above the limit", func() *Session { return session(t, provider, client, 1, 1001, 1000, 1) }, 1000, ReasonRateTooHigh},
		{"zero duration", func() *Session { return session(t, provider, client, 1, 1, 0, 1) }, 0, ReasonRateTooHigh},
		{"huge rate", func() *Session { return session(t, provider, client, 1, ^uint64(0), 1, 1) }, ^uint64(0) / 999, ReasonRateTooHigh},
		{"unknown client", func() *Session { return session(t, provider, stranger, 1, 1000, 1000, 1) }, 0, ReasonUnknownDevice},
		{"bad provider signature", func() *Session {
			s := session(t, provider, client, 1, 1000, 1000, 1)
			s.Bytes++ // both signatures are now over another digest
			return s
		}, 0, ReasonBadProviderSignature},
		{"provider signs for the client", func() *Session {
			s := session(t, provider, client, 1, 1000, 1000, 1)
			require.NoError(t, s.SignClient(provider))
			return s
		}, 0, ReasonBadClientSignature},
		{"missing client signature", func() *Session {
			s := session(t, provider, client, 1, 1000, 1000, 1)
			s.ClientSignature = nil
			return s
		}, 0, ReasonBadClientSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.make().Verify(k.keyOf, tc.max)
			r, ok := ReasonOf(err)
			require.True(t, ok, "%v", err)
			require.Equal(t, tc.want, r, "%v", err)
			if tc.want != ReasonNone {
				require.ErrorIs(t, err, ErrRejected)
				require.ErrorContains(t, err, "bandwidth: ")
				require.ErrorContains(t, err, tc.want.String())
			}
		})
	}
}

func TestSessionBadFields(t *testing.T) {
	var k keys
	provider := newKey(t, &k, device.Ed25519, 1)
	client := newKey(t, &k, device.Ed25519, 2)
	good := session(t, provider, client, 1, 1000, 1000, 1)
	for _, mutate := range []func(s *Session){
		func(s *Session) { s.Provider = device.ID{} },
		func(s *Session) { s.Client = device.ID{} },
		func(s *Session) { s.SessionID = [16]byte{} },
		func(s *Session) { s.StartMs = 0 },
		func(s *Session) { s.ReadingsRoot = make([]byte, 31) },
		func(s *Session) { s.ProviderSignature = make([]byte, 129) },
	} {
		s := *good
		mutate(&s)
		_, err := s.Marshal()
		require.ErrorIs(t, err, ErrInvalidField)
		require.ErrorIs(t, s.Verify(k.keyOf, 0), ErrInvalidField)
	}
	_, err := ParseSession(make([]byte, MaxSessionSize+1))
	require.ErrorIs(t, err, ErrTooLarge)
	_, err = ParseSession([]byte{0x83, 0x80, 0x40, 0x40})
	require.ErrorIs(t, err, ErrMalformed)
	_, ok := ReasonOf(ErrMalformed)
	require.False(t, ok)
	require.Equal(t, "reason(99)", Reason(99).String())
}

func TestUnits(t *testing.T) {
	for _, tc := range []struct{ bytes, perGB, want uint64 }{
		{0, DefaultUnitsPerGB, 0},
		{999, DefaultUnitsPerGB, 0},
		{1000, DefaultUnitsPerGB, 1},
		{1_999, DefaultUnitsPerGB, 1},
		{1_000_000_000, DefaultUnitsPerGB, 1_000_000},
		{1_500_000_000, 3, 4},                   // 4.5 truncated
		{^uint64(0), 1_000_000_000, ^uint64(0)}, // one unit per byte
		{^uint64(0), DefaultUnitsPerGB, ^uint64(0) / 1000},
		{7, 1_000_000_000, 7},
	} {
		require.Equal(t, tc.want, Units(tc.bytes, tc.perGB), "%+v", tc)
	}
}
