package audit

import (
	"context"
	"fmt"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/store"
	"github.com/depinkit/depinkit/chain/validator"
)

// Store reads the commits of a validator's data directory (chain/store). A
// running validator holds its store's lock: stop it, or audit a copy.
type Store struct{ st *store.Store }

// OpenStore opens the store in dir (a validator's data_dir) to read its
// commits. Close it after the audit.
func OpenStore(dir string) (*Store, error) {
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %w", ErrAudit, dir, err)
	}
	return &Store{st: st}, nil
}

// Commits implements Commits.
func (s *Store) Commits(_ context.Context, from uint64, limit int) ([]chain.Commit, error) {
	return s.st.LoadCommits(from, limit)
}

// Close closes the store.
func (s *Store) Close() error { return s.st.Close() }

// API reads the commits a running validator serves (GET /commits).
type API struct{ Client *validator.Client }

// Commits implements Commits.
func (a API) Commits(ctx context.Context, from uint64, limit int) ([]chain.Commit, error) {
	cs, _, err := a.Client.Commits(ctx, from, limit)
	return cs, err
}
