package dag

import "github.com/depinkit/depinkit/chain"

// EpochStart is where an epoch begins: its number, its validator set and the
// commit it continues from (the previous epoch's last), as NextEpoch takes
// them and Config (Epoch, Validators, Start) starts them.
type EpochStart struct {
	Epoch      uint64
	Validators *chain.ValidatorSet
	Start      chain.Commit
}

// EpochStore is a Store that records epoch changes. A Node whose Store is one
// saves the EpochStart of a new epoch (durably) as soon as the application
// returns the new set — before it delivers the closing commit on Commits(),
// from which a validator snapshots its application — and NewNode resumes in
// the latest recorded epoch when it is later than Config.Epoch (its set and
// start commit come from the record). So a crash between applying an epoch's
// closing commit and starting the next epoch cannot make the restarted node
// go on in the old epoch (deriving commits every other validator voids); and
// an application restored from an older snapshot resumes in the epoch of its
// height. An
// application that makes its state durable inside ApplyCommit must record the
// set change with it instead.
type EpochStore interface {
	Store
	// SaveEpoch records an epoch start, durably when it returns.
	SaveEpoch(e EpochStart) error
	// LoadEpoch returns the latest epoch start recorded whose Start commit is
	// at or below applied (the application's height); ok is false if none.
	LoadEpoch(applied uint64) (e EpochStart, ok bool, err error)
}

// SaveEpoch implements EpochStore.
func (s *MemoryStore) SaveEpoch(e EpochStart) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.epochs); n == 0 || e.Epoch > s.epochs[n-1].Epoch {
		s.epochs = append(s.epochs, e)
	}
	return nil
}

// LoadEpoch implements EpochStore.
func (s *MemoryStore) LoadEpoch(applied uint64) (EpochStart, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.epochs) - 1; i >= 0; i-- {
		if s.epochs[i].Start.Index <= applied {
			return s.epochs[i], true, nil
		}
	}
	return EpochStart{}, false, nil
}
