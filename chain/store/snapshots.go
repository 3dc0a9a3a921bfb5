package store

import "fmt"

// LoadSnapshots returns the snapshots stored (at most Options.KeepSnapshots),
// newest first; none is not an error. A validator that serves state sync
// (dag.StateSource) offers the newest one a state certificate names, which
// is not always the newest stored: blocks voting for a snapshot's state are
// committed a few rounds after it is taken.
func (s *Store) LoadSnapshots() ([]Snapshot, error) {
	var out []Snapshot
	err := s.do(func() error {
		lo, hi := prefixBounds(prefixSnapshot)
		return s.scan(lo, hi, true, func(k, v []byte) (bool, error) {
			sn, err := s.decodeSnapshotAt(k, v)
			if err != nil {
				return false, err
			}
			out = append(out, sn)
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeSnapshotAt decodes the snapshot stored under key k, checking that its
// height is the key's.
func (s *Store) decodeSnapshotAt(k, v []byte) (Snapshot, error) {
	h, ok := uint64KeyPart(k, prefixSnapshot)
	if !ok {
		return Snapshot{}, fmt.Errorf("%w: snapshot key %x", ErrCorrupt, k)
	}
	sn, err := s.codec.decodeSnapshot(v)
	if err != nil {
		return Snapshot{}, fmt.Errorf("snapshot %d: %w", h, err)
	}
	if sn.Height != h {
		return Snapshot{}, fmt.Errorf("%w: snapshot under key %d has height %d", ErrCorrupt, h, sn.Height)
	}
	return sn, nil
}
