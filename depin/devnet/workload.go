package devnet

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/device"
)

// Workload is what a vertical's example implements: simulated devices (and
// the participants that own them) and, epoch by epoch, the envelopes they
// send. The kit calls it from one goroutine, in this order: Registrations,
// Setup, then Traffic once per traffic epoch. In a paced run (the default)
// every time it is handed is the subnet's virtual time, so a workload whose
// only randomness is a seeded source makes the same envelopes on every run.
type Workload interface {
	// Registrations returns every device's registration transaction
	// (depin.RegisterTx): a certificate signed by maker, valid at now, and
	// the binding to its owner, signed for network (device.ForNetwork). The
	// workload keeps network: its devices seal their envelopes for it.
	Registrations(maker device.Signer, network [32]byte, now time.Time) ([]chain.Tx, error)
	// Setup returns the envelopes devices send once, before any traffic
	// (location assertions, hellos). The kit commits them in an epoch of
	// their own and closes it before the first traffic epoch.
	Setup(now time.Time) ([][]byte, error)
	// Traffic returns the envelopes of a traffic epoch.
	Traffic(ctx context.Context, e EpochInput) (*Traffic, error)
}

// EpochInput is what a traffic epoch's envelopes may depend on.
type EpochInput struct {
	// Index counts traffic epochs from 0; Number is the subnet's epoch the
	// traffic is meant for.
	Index  int
	Number uint64
	// Seed is the digest of the commit that closed the previous epoch: the
	// epoch's public randomness (what depin.EpochStarter is handed).
	Seed [32]byte
	// Now is the time devices stamp their envelopes with.
	Now time.Time
}

// Traffic is one epoch's envelopes.
type Traffic struct {
	// Envelopes are submitted as they are, in order (in a paced run, to one
	// validator, which commits them in that order).
	Envelopes [][]byte
	// Jobs make envelopes that take time (zero-knowledge proofs): the kit
	// runs them on every core while Envelopes go out, and submits what each
	// returns (in a paced run, after Envelopes and in job order).
	Jobs []Job
	// Meta is the workload's own note of the epoch (what it meant to be
	// rejected, say), kept in EpochResult.Meta for its report.
	Meta any
}

// Job makes one envelope; it is called from a goroutine of its own.
type Job func(ctx context.Context) ([]byte, error)

// Preparer is a Workload that makes the part of an epoch's traffic that does
// not depend on the epoch's seed ahead of time. In a realtime run the kit
// calls Prepare with the wall time as soon as an epoch's traffic is out, so
// that the next epoch's Traffic has less to do inside its epoch; a paced run
// never calls it (its epochs wait for their traffic).
type Preparer interface {
	Prepare(now time.Time) error
}

// Describer is a Workload that tells who a contributor (depin.Payout's
// Contributor) is, for the report's top earners.
type Describer interface {
	Describe(contributor string) (kind string, owner common.Address, ok bool)
}

// Explainer is a Workload that chooses the devices whose depin.Explanation
// the report shows: it is handed the last traffic epoch and explain (Explain
// on validator 1), and returns the explanations to show, in order. Without
// it the kit explains nobody.
type Explainer interface {
	Explain(ctx context.Context, last *EpochResult, explain func(ctx context.Context, id device.ID) (depin.Explanation, error)) ([]depin.Explanation, error)
}

// Claimant is a Workload that chooses whose payout of the last traffic epoch
// is claimed on chain at the end of the run: the contributor, the account
// paid, and a noun for the report ("hotspot"). ok false: the kit's default,
// the contributor with the largest payout of the epoch.
type Claimant interface {
	Claimant(last *EpochResult) (contributor string, account common.Address, noun string, ok bool)
}

// Observer is a Workload that reads its vertical's own figures of an epoch
// (counts the depin.EpochSummary does not have). Observe is called once the
// subnet runs, before any device is provisioned; the stop it returns is
// called when the run ends. EpochStats is called once each traffic epoch is
// closed on every validator; ok false: no figures for that epoch.
type Observer interface {
	Observe(ctx context.Context, s Subnet) (stop func(), err error)
	EpochStats(ctx context.Context, s Subnet, epoch uint64) (stats any, ok bool, err error)
}
