package depin

import (
	"crypto/sha256"
	"fmt"

	"github.com/depinkit/depinkit/chain"
)

// State points (Config.StatePoints). The app hash normally chains the
// commits: it says the validators applied the same history, but a state
// cannot be checked against it, so a validator could not take a snapshot
// from an untrusted peer. Every StatePoints commits the hash is instead a
// digest of the genesis, the height and the whole state (stateRootLocked:
// the registry, replay guard, vertical, open and kept closed epochs with
// their votes, makers, validator sets and changes). A snapshot taken there
// is checked by recomputing that digest from its own parts (RestoreFromPeer); a
// quorum of state votes (chain/dag's StateCertificate) certifies the hash.
// This is how CometBFT applications make state sync safe (the app hash is a
// state commitment, checked after OfferSnapshot/ApplySnapshotChunk), here
// paid only once per state interval instead of every commit.

// statePointTag separates state-point hashes from every other hash.
const statePointTag = "depinkit/depin/state-point/v1\x00"

// atStatePoint reports whether the commit at index is a state point.
func (c *Config) atStatePoint(index uint64) bool {
	return c.StatePoints > 0 && index > 0 && index%c.StatePoints == 0
}

// statePointHash is the app hash at a state point: the genesis, the height
// and the state root.
func (n *Node) statePointHash(height uint64, root chain.Digest) chain.Digest {
	g := n.cfg.Genesis()
	h := sha256.New()
	h.Write([]byte(statePointTag))
	h.Write(g[:])
	writeUint(h, height)
	h.Write(root[:])
	var out chain.Digest
	h.Sum(out[:0])
	return out
}

// CommitsToState implements chain.StateCommitter: with Config.StatePoints, a
// snapshot a peer serves restores (RestoreFromPeer) only if it is at a state
// point and its state gives the hash it records, so a validator may take one
// from a peer and compare the hash with a certified one.
func (n *Node) CommitsToState() bool { return n.cfg.StatePoints > 0 }

// checkStatePoint checks a snapshot from a peer against its recorded hash
// before RestoreFromPeer installs it. changes reports whether the subnet has
// validator changes (the sets count then).
func (n *Node) checkStatePoint(w *snapshotWire, changes bool) error {
	if n.cfg.StatePoints == 0 {
		return fmt.Errorf("%w: snapshot from a peer: this node's app hash does not commit to its state (Config.StatePoints is 0), so it cannot be checked", ErrMalformed)
	}
	if !n.cfg.atStatePoint(w.Height) {
		return fmt.Errorf("%w: snapshot at commit %d: not a state point (every %d commits), so its hash cannot be checked", ErrMalformed, w.Height, n.cfg.StatePoints)
	}
	bytesOf := func(b []byte) func() ([]byte, error) { return func() ([]byte, error) { return b, nil } }
	parts := stateParts{
		registry: bytesOf(w.Registry),
		replay:   bytesOf(w.Replay),
		vertical: bytesOf(w.State),
		open:     w.Open,
		makers:   w.Makers,
		closed:   w.Closed,
		height:   w.Height,
	}
	if changes {
		parts.changes, parts.sets = bytesOf(w.Changes), w.Sets
	}
	root, err := parts.root()
	if err != nil {
		return fmt.Errorf("%w: snapshot at commit %d: %v", ErrMalformed, w.Height, err)
	}
	if got := n.statePointHash(w.Height, root); got != w.Hash {
		return fmt.Errorf("%w: snapshot at commit %d records app hash %s, its state gives %s (a peer serving a forged state, or a snapshot taken before state points were on)",
			ErrMalformed, w.Height, w.Hash.Short(), got.Short())
	}
	return nil
}
