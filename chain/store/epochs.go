package store

import (
	"crypto/ed25519"
	"fmt"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/dag"
	"github.com/depinkit/depinkit/internal/canonical"
)

// epochWire is a stored dag.EpochStart ("e" epoch:8).
type epochWire struct {
	_          struct{} `cbor:",toarray"`
	Version    uint8
	Epoch      uint64
	Validators []validatorWire
	Start      []byte // the start commit without transactions, as commitWire
}

type validatorWire struct {
	_     struct{} `cbor:",toarray"`
	Key   []byte
	Stake uint64
	Name  string
}

const epochVersion = 1

var _ dag.EpochStore = (*Store)(nil)

// SaveEpoch implements dag.EpochStore: it records an epoch start (its
// validator set and start commit, without transactions), synced.
func (s *Store) SaveEpoch(e dag.EpochStart) error {
	if e.Validators == nil {
		return fmt.Errorf("store: save epoch %d: no validator set", e.Epoch)
	}
	start := e.Start
	start.Txs = nil
	sc, err := s.codec.encodeCommit(start)
	if err != nil {
		return err
	}
	w := epochWire{Version: epochVersion, Epoch: e.Epoch, Start: sc}
	for _, v := range e.Validators.Validators() {
		w.Validators = append(w.Validators, validatorWire{Key: v.Key, Stake: v.Stake, Name: v.Name})
	}
	data, err := canonical.Marshal(w)
	if err != nil {
		return fmt.Errorf("store: encode epoch %d: %w", e.Epoch, err)
	}
	return s.do(func() error {
		b := s.db.NewBatch()
		_ = b.Set(uint64Key(prefixEpoch, e.Epoch), data, nil)
		return s.commit(b, true, "save epoch")
	})
}

// LoadEpoch implements dag.EpochStore: the latest epoch start recorded whose
// start commit is at or below applied.
func (s *Store) LoadEpoch(applied uint64) (dag.EpochStart, bool, error) {
	var out dag.EpochStart
	found := false
	err := s.do(func() error {
		lo, hi := prefixBounds(prefixEpoch)
		return s.scan(lo, hi, true, func(k, v []byte) (bool, error) {
			e, err := s.decodeEpoch(k, v)
			if err != nil {
				return false, err
			}
			if e.Start.Index > applied {
				return true, nil
			}
			out, found = e, true
			return false, nil
		})
	})
	return out, found, err
}

func (s *Store) decodeEpoch(k, v []byte) (dag.EpochStart, error) {
	epoch, ok := uint64KeyPart(k, prefixEpoch)
	if !ok {
		return dag.EpochStart{}, fmt.Errorf("%w: epoch key %x", ErrCorrupt, k)
	}
	dec, err := canonical.NewDecoder(canonical.Limits{MaxNested: 4, MaxArray: chain.MaxValidators, MaxMap: 16})
	if err != nil {
		return dag.EpochStart{}, err
	}
	var w epochWire
	if err := dec.UnmarshalCanonical(v, &w); err != nil || w.Version != epochVersion || w.Epoch != epoch {
		return dag.EpochStart{}, fmt.Errorf("%w: epoch %d: %v (version %d, epoch %d)", ErrCorrupt, epoch, err, w.Version, w.Epoch)
	}
	vals := make([]chain.Validator, len(w.Validators))
	for i, x := range w.Validators {
		if len(x.Key) != ed25519.PublicKeySize {
			return dag.EpochStart{}, fmt.Errorf("%w: epoch %d: validators[%d].key is %d bytes", ErrCorrupt, epoch, i, len(x.Key))
		}
		vals[i] = chain.Validator{Key: ed25519.PublicKey(x.Key), Stake: x.Stake, Name: x.Name}
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		return dag.EpochStart{}, fmt.Errorf("%w: epoch %d: %v", ErrCorrupt, epoch, err)
	}
	start, err := s.codec.decodeCommit(w.Start)
	if err != nil {
		return dag.EpochStart{}, fmt.Errorf("epoch %d start: %w", epoch, err)
	}
	return dag.EpochStart{Epoch: epoch, Validators: set, Start: start}, nil
}
