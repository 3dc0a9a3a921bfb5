package depin

import (
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
)

// SettlementStats counts what this validator's settlement worker did since
// the Node started.
type SettlementStats struct {
	// Posted is the number of epochs it saw fully on chain (root if any,
	// checkpoint, set change if any), by its own posts or others'.
	Posted uint64
	// GaveUp is the number of epochs it gave up on after retries: their
	// signatures make no quorum of the validator set the registry checks
	// them against, so no retry could post them; later epochs went on.
	GaveUp uint64
	// Dropped is the number of signatures it left out of posts because the
	// registry would refuse them (high-s, not by a member of the set on
	// chain, a second one of a signer).
	Dropped uint64
}

// settleCounters backs SettlementStats; the worker writes, anyone reads.
type settleCounters struct {
	posted, gaveUp, dropped atomic.Uint64
}

// SettlementStats returns the settlement worker's counters (all zero
// without settlement or before Start).
func (n *Node) SettlementStats() SettlementStats {
	return SettlementStats{
		Posted:  n.settleStats.posted.Load(),
		GaveUp:  n.settleStats.gaveUp.Load(),
		Dropped: n.settleStats.dropped.Load(),
	}
}

// settleHooks lets a test play a Byzantine validator or hold posting back;
// production never sets them (settleHooksOf returns nil).
type settleHooks struct {
	// vote returns what the worker of the validator with settlement address
	// addr submits for epoch in place of its honest vote (attempt counts
	// the worker's tries from 0).
	vote func(addr common.Address, epoch uint64, attempt int, honest chain.Tx) []chain.Tx
	// hold, returning true, makes the worker of addr wait before posting
	// epoch.
	hold func(addr common.Address, epoch uint64) bool
}

var testSettleHooks atomic.Pointer[settleHooks]

func settleHooksOf() *settleHooks { return testSettleHooks.Load() }
