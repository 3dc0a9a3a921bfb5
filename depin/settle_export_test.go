package depin

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
)

// SetSettleHooks makes the settlement workers of every Node in the test
// binary submit vote(...) in place of their honest votes and wait while
// hold(...) says so (either may be nil), until the test ends. Tests that
// set it must not run in parallel.
func SetSettleHooks(t testing.TB,
	vote func(addr common.Address, epoch uint64, attempt int, honest chain.Tx) []chain.Tx,
	hold func(addr common.Address, epoch uint64) bool,
) {
	t.Helper()
	if !testSettleHooks.CompareAndSwap(nil, &settleHooks{vote: vote, hold: hold}) {
		t.Fatal("settlement hooks set twice")
	}
	t.Cleanup(func() { testSettleHooks.Store(nil) })
}
