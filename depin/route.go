package depin

import (
	"encoding/binary"
	"sync/atomic"

	"github.com/depinkit/depinkit/device"
)

// validatorFor picks the validator an envelope goes to out of n: always the
// same one for a device, chosen by its ID, so that a device's envelopes
// reach one mempool in the order they were submitted and are committed in
// that order. Spread over the validators in turn, a burst of one device's
// envelopes commits interleaved with the validators' blocks; those that end
// up more than the replay window (device.DefaultReplayWindow) below a later
// one are refused as replays, and a vertical sees the rest out of sequence.
// An envelope that does not parse goes to the next validator in turn (it is
// refused there, as anywhere).
func validatorFor(envelope []byte, n int, next *atomic.Uint64) int {
	if env, err := device.ParseEnvelope(envelope); err == nil {
		return int(binary.BigEndian.Uint64(env.Device[:8]) % uint64(n))
	}
	return int(next.Add(1) % uint64(n))
}

// byValidator splits envelopes among n validators by validatorFor, keeping
// their order within each validator's share.
func byValidator(envelopes [][]byte, n int, next *atomic.Uint64) [][][]byte {
	out := make([][][]byte, n)
	for _, e := range envelopes {
		i := validatorFor(e, n, next)
		out[i] = append(out[i], e)
	}
	return out
}
