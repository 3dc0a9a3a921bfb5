// Package validator assembles one validator of a depinkit network as a
// process: its configuration (a TOML file), its key, its durable store
// (chain/store), its application, the consensus core (chain/dag's Node) over a
// network transport (chain/dagtransport on a transport.Transport), a
// loopback JSON API and Prometheus metrics. "depinkit node --home DIR" is
// New(LoadConfig(DIR)) and Run; "depinkit testnet init" is WriteTestnet.
//
// # Running a validator
//
//  1. Write its home directory: config.toml (Config), the ed25519 key file
//     ("depinkit keys new --type ed25519 --out validator.key"; it is also the
//     validator's libp2p identity) and a data directory. WriteTestnet writes a
//     whole local network of them.
//  2. cfg, err := LoadConfig(home) reads and validates config.toml: Validate
//     fills in every default and reports every problem at once, each with the
//     TOML path of its field ("genesis.validators[2].public_key: ...").
//  3. node, err := New(cfg, WithTransport(f), ...) reads the key and checks it
//     is genesis.validators[index]'s. The transport comes from a factory:
//     MemoryTransport for validators in one process, a transport/p2p factory in
//     a validator process (cmd/depinkit wires it).
//  4. node.Run(ctx) runs until ctx ends (SIGTERM, in the CLI), then stops
//     cleanly and returns nil; Ready is closed once it serves.
//
// An application with its own endpoints and transactions (a DePIN subnet's,
// package depin) mounts its handlers with WithHandler, submits in-process with
// Node.Submit, or drives the validator as a chain.Engine: NewEngine wraps a
// Node so that Submit, Commits, Run and Close behave as any engine's.
//
// # What Run does
//
// It opens the store in data_dir and restores the application from the newest
// snapshot; the consensus core recovers its DAG from the stored blocks and
// resumes after its own last block (it never signs two blocks for a round),
// derives the commits again and applies those after the snapshot. Each commit
// is saved (store.SaveCommits) by a consumer goroutine, and the application's
// state is snapshotted every consensus.snapshot_interval commits — taken in the
// core's goroutine right after the commit is applied (the Application the core
// sees is a thin wrapper), so that it is the state at exactly that commit, and
// saved once the commit log reaches it. On a clean stop a last snapshot is
// saved.
//
// A validator that starts with an empty data directory (new, or wiped) first
// asks its peers for a snapshot certified by a quorum of state votes (blocks
// vote for the application's hash every consensus.state_interval commits, of
// which snapshot_interval must be a multiple): it verifies the certificate,
// the commit headers and blocks before the snapshot's commit, restores the
// snapshot, checks the application's hash against the certified one, and
// resumes consensus there (chain/dag's state sync; section [statesync]). Every
// validator serves its snapshots so. When no peer has a certified snapshot (a
// new network) it starts from the first commit.
//
// Nothing committed is lost on kill -9: the core persists (synced) every block
// before anything derived from it leaves the process, commits are derived from
// blocks, and snapshots are synced and never ahead of the commit log. A
// restarted validator derives again the commits a crash lost and catches up
// from its peers.
//
// Nothing acknowledged is lost either: POST /txs, Node.Submit and
// Engine.Submit report a transaction accepted only once it is in the mempool
// write-ahead log (data_dir/mempool-wal: segment files of CRC-checked
// records, synced once per group of concurrent batches), and the log is
// truncated, segment by segment, as its transactions commit. A restarted
// validator (after a crash or a clean stop) reads the log back and, by
// transaction hash (SHA-256), drops what the stored commit log holds, keeps
// aside what is in its own stored blocks (the network may still commit them:
// those are proposed again only if a later commit shows their block below the
// GC round, or the epoch ended, without them), and proposes the rest again.
// A clean stop still first tries to get the accepted transactions proposed
// and referenced (the drain), so that they commit while it is down. The same
// transaction submitted twice (to one validator or to two) may commit twice:
// deduplicating what clients send is the application's business.
//
// A validator that a validator-set change leaves out hands off what it
// acknowledged and no commit ordered (handoff.go): once the core stops after
// the closing commit (dag.ErrLeft), it sends what its WAL still holds to
// validators of the next set over the transport (protocol
// /depinkit/validator/handoff/1, from validators of the ending or the
// current epoch only), each of which submits it as a client's (CheckTx, its
// own WAL, synced, before it answers); it records what was taken and
// forgets it. Run then returns an error wrapping ErrLeft. Started again out
// of the set, it hands off what a cut-short handoff left and returns
// ErrLeft. The transport keeps admitting the validators that left for two
// minutes after the change, for their handoff; a leaver started again later
// than that cannot reach the new set, and what its WAL holds stays there
// (it logs how many).
//
// A restart after an epoch change (an application returning a new validator
// set) resumes in the latest epoch the store recorded at or below the
// application's height (dag.EpochStore): the transport admits that epoch's
// set, and the consensus core starts from the epoch's start commit.
//
// # The JSON API
//
// On api.listen (a loopback address: the API has no authentication):
//
//	POST /txs      {"txs": ["key=value", ...], "encoding": "text"|"base64"}
//	               -> {"accepted": N, "rejected": [{"index", "reason", "error"}]}
//	               reason: invalid (do not retry), full (mempool: retry later), closed
//	GET /commits?from=N&limit=M[&encoding=base64]
//	               -> {"commits": [{"index", "epoch", "digest", "leader", "leader_round",
//	                   "leader_author", "timestamp", "txs": [...]}], "stored": S}
//	GET /status    -> {"chain_id", "genesis", "name", "index", "public_key", "epoch",
//	                   "round", "last_proposed", "height", "app_hash", "stored",
//	                   "last_commit", "peers", "pending_txs", "equivocations"}
//	GET /metrics   Prometheus text (here unless api.metrics_listen is set)
//
// A request's transactions reach the consensus core in one step
// (dag.Node.SubmitBatch). Accepted means queued for this validator's next
// blocks and synced to its mempool WAL, not committed.
// GET /commits reads the stored commit log (at most api.max_commits commits
// and about api.max_body_bytes per response: ask again from the last index
// plus one); from a commit the validator no longer keeps (storage retention,
// or below the state it started from) it answers 410 Gone naming the first
// commit it keeps (Client: ErrNotKept). Client wraps the API for Go programs.
//
// Metrics: depinkit_round, depinkit_last_proposed_round, depinkit_height,
// depinkit_epoch, depinkit_peers, depinkit_pending_txs,
// depinkit_commits_total, depinkit_committed_txs_total (its rate() is the
// committed tx/s), depinkit_commit_latency_seconds (from acceptance by this
// node's API to the application of the commit here),
// depinkit_submitted_txs_total{result}, depinkit_blocks_accepted_total,
// depinkit_blocks_rejected_total, depinkit_leaders_total{decision},
// depinkit_equivocations_total, depinkit_dropped_messages_total{reason}
// (not_validator, malformed, spoofed, misdirected, unknown_epoch, unhandled,
// invalid_block, inbox_full, oversize), depinkit_network_messages_total and
// depinkit_network_bytes_total{direction}, depinkit_network_events_total{event}
// (over libp2p: refused_connection, not_allowed_gossip, malformed_frame,
// send_queue_full, send_failed), depinkit_consensus_behind_commits,
// depinkit_consensus_sync_state and depinkit_consensus_synced_commits_total
// (catch-up: a validator that is behind also logs "catching up" with the
// commits behind and the rate, then "caught up"), depinkit_mempool_wal_txs,
// and the Go and process collectors.
//
// # The KV application
//
// KV is the default application: transactions "key=value", an app hash chained
// over the commits that carry transactions (so that validators that applied the
// same transactions show the same hash while their heights differ by empty
// commits), and canonical snapshots.
//
// # config.toml
//
// A validator of a local testnet (testdata/config.toml spells out every
// tunable; zero or absent ones take their defaults):
//
//	index = 1                        # position in genesis.validators
//	key_file = 'validator.key'       # relative to the home directory
//	data_dir = 'data'
//
//	[p2p]
//	listen = ['/ip4/127.0.0.1/tcp/7602']
//	peers = [
//	  '/ip4/127.0.0.1/tcp/7600/p2p/12D3KooW...',
//	  '/ip4/127.0.0.1/tcp/7604/p2p/12D3KooW...',
//	  '/ip4/127.0.0.1/tcp/7606/p2p/12D3KooW...',
//	]
//
//	[api]
//	listen = '127.0.0.1:7603'        # JSON API and /metrics
//	# metrics_listen = '127.0.0.1:9603'
//
//	[consensus]
//	leader_timeout = '250ms'         # dag.Config tunables; zero: dag's defaults
//	snapshot_interval = 1024
//	state_interval = 128             # state votes; snapshot_interval a multiple
//
//	[statesync]
//	enable = true                    # state-sync a start from an empty data_dir
//
//	[log]
//	level = 'info'                   # debug, info, warn, error
//	format = 'text'                  # text, json
//
//	[genesis]                        # the same on every validator
//	chain_id = 'depinkit-testnet'
//	[[genesis.validators]]
//	name = 'v0'
//	public_key = '5a45d620...'       # ed25519, 64 hex digits
//	stake = 1
//	# ... one [[genesis.validators]] per validator, in index order
//
// # Driving a multi-process network (for an end-to-end harness)
//
//  1. WriteTestnet(dir, TestnetOptions{Validators: 4}) — or
//     "depinkit testnet init --validators 4 --out DIR" — writes dir/v0..v3 and
//     dir/testnet.json; LoadTestnet(dir) returns each validator's home, API
//     address and p2p address.
//  2. Start "depinkit node --home dir/vI" for each (exec.Command); wait until
//     NewClient(api).Status succeeds on every one, and Status.Peers reaches
//     n-1.
//  3. Load: Client.Submit batches to any validators; resubmit transactions
//     rejected as "full", and, after a kill, those accepted by the killed
//     validator that never appear in a commit log.
//  4. Perturb: SIGKILL and restart with the same home (recovery from the
//     store), SIGSTOP/SIGCONT; SIGTERM stops a node cleanly (exit status 0).
//     With `admin = true` under [api] (off by default), POST /admin/disconnect
//     and /admin/reconnect ({"peer": "<index>" or "all"}; Client.Disconnect,
//     Client.Reconnect) cut a validator off through its transport's
//     transport.Disconnector. Package chain/e2e is this harness.
//  5. Check, through Client.Commits and Client.Status: the commit logs are
//     prefixes of one another (equal digests), every acknowledged transaction
//     appears exactly once, and once the load stops every validator shows the
//     same app_hash.
//
// The commit latency the depinkit_commit_latency_seconds histogram measures is
// what "bench consensus --mode p2p" reports from outside.
package validator
