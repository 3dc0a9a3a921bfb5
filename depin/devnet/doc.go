// Package devnet is the devnet kit: it runs a vertical as a whole network for
// a demo, an example or a test. An example is a vertical (a factory of
// depin.Vertical), a Workload (simulated devices and what they send each
// epoch) and a few lines of main:
//
//	res, err := devnet.Run(ctx, devnet.Config{Name: "meter", NewVertical: meter.New}, myWorkload)
//	devnet.Report{}.Write(os.Stdout, res)
//
// Run stands up the subnet in this process (depin.NewLocalNetwork: the
// validators on chain/dag over memory, the embedded EVM chain or a parent
// chain the caller dialled). RunP2P stands it up as validator processes over
// libp2p on loopback (subnet.Init and subnet.Up; the program re-executes
// itself as each validator, so its main, and TestMain, start with
// MainIfValidator and a BuildValidator that makes the vertical from the
// spec). Drive drives a subnet that runs elsewhere (a *depin.Remote).
// Either way the kit
//
//  1. provisions the workload's devices (Workload.Registrations) and waits
//     until every validator has them;
//  2. sends the setup envelopes (Workload.Setup) and closes their epoch;
//  3. for each traffic epoch, asks the workload for the epoch's envelopes
//     (Workload.Traffic, handed the seed of the commit that closed the epoch
//     before), submits them while the slow ones (Traffic.Jobs: proofs) are
//     made on every core, and, once the epoch is closed on every validator,
//     checks that every validator computed the same summary, payouts and
//     Merkle root, and waits for the root and checkpoint on the parent chain,
//     counting their gas;
//  4. adds up the top earners, explains the devices the workload chooses
//     (Explainer, with depin's Explain), and claims a payout of the last
//     epoch on chain (Claimant), checking the balance moves by exactly it.
//
// Report prints the result: the per-epoch table, rejections by reason,
// payouts by pool, roots, top earners, explanations, the claim and the last
// checkpoint, with hooks for a vertical's own lines.
//
// # Paced and realtime runs
//
// A production subnet closes an epoch by its validators' clocks: whatever
// was committed by then is in it. Run the same way twice, the same workload
// gives different epochs, payouts and roots (go run ./examples/telecom --seed 7
// did, before this kit). The causes, found in the telecom example:
//
//   - the epoch boundary: an epoch ended with the first commit stamped
//     EpochDuration after its first, so how many of an epoch's envelopes were
//     committed before it, and which spilled into the next, depended on
//     timing;
//   - commit timestamps: the runtime hands a vertical each envelope's commit
//     time (vertical.Report.Time). Telecom judges PoC by it (Helium's rules:
//     beacons are ordered by received time, reciprocity depends on that
//     order, a witness must follow its beacon within 4 s, entropy lives
//     180 s), so envelopes committed a few milliseconds apart were judged
//     differently from run to run (epoch 1 of seed 7 with 30 hotspots printed
//     19 valid beacons and no-reciprocity 28 in one run, 20 and 24 in the
//     next);
//   - the devices' own clock: the workload stamped envelopes with the wall
//     time and the PoC world picked its beacons by the wall time's 6-hour
//     window;
//   - commit order: envelopes spread over the validators are committed in
//     whichever order their blocks are linearized, and a vertical that keeps
//     the first N of something (telecom's 14 witnesses per beacon) or
//     detects a replay keeps a different one.
//
// A paced run (the default) removes every one of them. The validators read a
// Clock that crawls (Slowdown: the consensus' timers are scaled to still
// fire on real time, Clock.Tune) and that the kit moves forward by
// EpochDuration only to close an epoch; an epoch is closed once validator 0
// has decided on every one of its envelopes (accepted or rejected), and the
// next epoch's envelopes are submitted only once every validator closed it.
// So every commit of an epoch carries the epoch's start as its timestamp
// (chain/dag stamps a commit with the median of its leader's parents'
// timestamps, never less than the last: chain/dag/rawnode.go), devices stamp
// their envelopes with it (EpochInput.Now), an epoch holds exactly the
// envelopes the workload made for it, and they are submitted to one
// validator in order (Pacer.SubmitOrdered), whose blocks carry them in that
// order. What the workload makes follows from its seed; what validators
// compute follows from what the workload made.
//
// What still differs between two paced runs is what measures the run itself,
// not the workload: durations; the settlement gas (a posted root carries the
// signatures of the validators that had voted by then, and the checkpoint
// the digests below); and the
// checkpoint's height, state root and commit digest, which hash the
// consensus' blocks (their parents and signatures depend on timing; the
// epoch's seed, the closing commit's digest, differs too, but a workload
// only echoes it, as telecom's beacons do). examples/telecom's TestRun
// runs twice with one seed and compares the rest byte for byte
// (WithoutRunFacts).
//
// Config.Realtime keeps the production behaviour: epochs close by the
// validators' wall clocks every EpochDuration, the workload's traffic must be
// committed within it, and a Preparer makes the next epoch's seed-free
// traffic ahead. A subnet of validator processes (depin.Remote) is always
// driven in realtime: the processes keep their own clocks.
package devnet
