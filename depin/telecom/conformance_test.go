package telecom_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/telecom"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/depin/vertical/verticaltest"
)

// TestConformance runs telecom through the verticals' conformance suite on
// two epochs of location assertions, beacons, witness reports, hellos,
// sessions and coverage proofs, with refusals in Claim (a session sealed by
// its client, a coverage proof of a stale nonce) and in Apply (a stale
// location assertion, a second coverage proof in an epoch).
func TestConformance(t *testing.T) {
	cfg := telecom.Config{Rules: poc.Rules{NoReciprocity: true}}
	k := newKit(t, cfg)
	seed := func(epoch uint64) [32]byte { return [32]byte{1 + byte(epoch), 2, 3} } // epoch 0: the kit's
	require.Equal(t, k.seed, seed(0))
	e0 := []*vertical.Report{
		k.location("beaconer", sf, 1), k.location("far", sfFar, 1), k.location("close", sfClose, 1),
		k.location("beaconer", sf, 1), // stale
		k.beaconReport(k.entropy),
	}
	e0 = append(e0,
		k.witness("far", -1180, k.beacon.PayloadHash()), k.witness("close", -900, k.beacon.PayloadHash()),
		k.hello("client"), k.session("provider", "client", 1, true, nil),
		k.session("client", "client", 2, false, nil), // sealed by the client
		k.coverage("private", k.entropy, nil),
		k.coverage("private", k.entropy, nil),                     // a second proof this epoch
		k.coverage("private2", telecom.Entropy([32]byte{9}), nil), // a nonce of no epoch
	)
	entropy1 := telecom.Entropy(seed(1))
	e1 := []*vertical.Report{k.beaconReport(entropy1)}
	e1 = append(e1, k.witness("far", -1180, k.beacon.PayloadHash()), k.session("provider", "client", 3, true, nil),
		k.coverage("private", entropy1, nil))
	verticaltest.Run(t, verticaltest.Config{
		New: func() vertical.Vertical {
			v, err := telecom.New(cfg)
			require.NoError(t, err)
			return v
		},
		Epochs: [][]*vertical.Report{e0, e1},
		Seed:   seed,
	})
}
