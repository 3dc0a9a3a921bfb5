// Package e2e runs a depinkit network as separate validator processes on
// 127.0.0.1 and breaks it, the way CometBFT's end-to-end tests do, on one
// machine. Its tests are the point; the harness they use (this package's
// exported API) is small.
//
// # The harness
//
//  1. Build compiles cmd/depinkit once per test binary (TestMain); when it
//     cannot, the tests skip and say why.
//  2. Start runs "depinkit testnet init" in a temporary directory, turns on
//     each validator's admin endpoints (api.admin = true in its config.toml:
//     POST /admin/disconnect and /admin/reconnect, see chain/validator), and
//     starts "depinkit node --home DIR/vI" for each, in its own process group,
//     its output appended to DIR/vI.log. Every process group is killed when
//     the test ends (on Linux the kernel also kills the validators if the test
//     process dies first); a failed test prints the harness's events and the
//     tail of each log.
//  3. WaitReady waits until every running validator answers GET /status, sees
//     all its peers and has committed; WaitProgress until the height of each
//     has grown by a few commits: commits resumed.
//  4. StartLoad submits batches of distinct "kNNNNNNN=vI" transactions to the
//     validators that are up, in turn, and remembers each acknowledged one
//     with the validator that accepted it and that validator's generation (how
//     many times it was stopped before). A request that failed or timed out
//     leaves its transactions of unknown fate.
//  5. Perturbations: Kill (SIGKILL to the group) and StartNode again on the
//     same home; Pause (SIGSTOP) and Resume (SIGCONT); Disconnect (the
//     validator cuts its links to every other one, through its admin
//     endpoint) and Reconnect; Stop (SIGTERM, exit status 0 required) all and
//     start them again.
//  6. Check, once the load stopped: it waits until every acknowledged
//     transaction is committed and every validator shows the same app hash,
//     then requires (1) that the commit logs (GET /commits) are prefixes of
//     one another, digest by digest; (2) that every committed transaction was
//     submitted and is committed exactly once, and every acknowledged one is
//     committed, whatever kills and stops its validator went through (a
//     validator acknowledges a transaction once its mempool WAL holds it); (3) one
//     app hash everywhere. Besides, every GET /status the harness makes along
//     the way records the app hash at the reported height, and two validators
//     reporting different hashes at one height fail the test at once.
//
// # The tests
//
// TestFaults (in every "go test ./chain/e2e/") runs four validators under a
// light load through kill -9 and restart, pause, disconnect and restart-all,
// each for a few seconds, waiting after each until the network is whole and
// committing again, then checks.
//
// TestKillCatchUp kills one validator under load for 20 s (2 minutes with
// DEPINKIT_E2E_LONG=1), far past 2 x GCDepth rounds, and requires that it
// catches up by commit sync; TestWipeRejoin deletes one validator's data
// directory and requires that it rejoins with no equivocation. Both then
// check as TestFaults does.
//
// TestFaultsLong runs with DEPINKIT_E2E_LONG=1: a heavier load and random
// perturbations of random validators for DEPINKIT_E2E_DURATION (default 5m),
// drawn from DEPINKIT_E2E_SEED (default: the time; printed, and printed again
// on failure, to reproduce the order):
//
//	DEPINKIT_E2E_LONG=1 DEPINKIT_E2E_DURATION=10m go test -run Long -v -timeout 30m ./chain/e2e/
//
// TestSoak runs with DEPINKIT_E2E_LONG=1 for DEPINKIT_E2E_SOAK (default 30m):
// four validators (StartWith sets their configuration) under a steady load
// over a bounded set of keys (LoadConfig.Keys, Pad), three of them pruning
// (storage.retain_commits and retain_log), the fourth keeping everything;
// every 30 s it samples the size of each data directory and of its pebble
// tables, prints the curve as a table, and fails unless the pruning
// validators' disk levels off (docs/benchmarks.md, "Soak"). TestSoakShort is
// its one-minute version in every run:
//
//	DEPINKIT_E2E_LONG=1 DEPINKIT_E2E_SOAK=30m go test -run '^TestSoak$' -v -timeout 45m ./chain/e2e/
package e2e
