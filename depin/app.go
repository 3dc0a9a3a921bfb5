package depin

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
	"github.com/depinkit/depinkit/subnet"
)

var (
	_ chain.Application  = (*Node)(nil)
	_ chain.PeerRestorer = (*Node)(nil)
)

// app is the replicated state of a Node, guarded by Node.mu.
type app struct {
	registry *device.MemoryRegistry
	opener   *device.Opener
	height   uint64       // the last commit applied
	hash     chain.Digest // the app hash after it
	open     openEpoch
	closed   []closedEpoch  // ascending, at most KeepEpochs
	makers   []pendingMaker // by key, then name
	// sets are the validator sets of the kept epochs, by first epoch
	// (one, the genesis set, until a change takes effect); changes is the
	// validator-set state machine, nil without Config.ValidatorChanges.
	sets    []*valSet
	changes *subnet.Changes
}

// newApp returns the genesis state.
func newApp(cfg *Config) (*app, error) {
	g := cfg.Genesis()
	// Device messages and envelopes are bound to this network (issue 13
	// item 6): signed for its genesis hash, they mean nothing elsewhere.
	reg := device.NewMemoryRegistryFor(g)
	for i, m := range cfg.Makers {
		if err := reg.ApproveMaker(m.Key, m.Name); err != nil {
			return nil, fmt.Errorf("%w: makers[%d]: %w", ErrConfig, i, err)
		}
	}
	guard, err := device.NewReplayGuard(cfg.ReplayWindow)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	op, err := device.NewOpener(reg, device.OpenerConfig{Replay: guard, Network: g})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	a := &app{registry: reg, opener: op, open: openEpoch{Seed: make([]byte, 32)}, makers: []pendingMaker{}}
	gs, err := newValSet(0, 1, cfg.Validators)
	if err != nil {
		return nil, fmt.Errorf("%w: validators: %w", ErrConfig, err)
	}
	a.sets = []*valSet{gs}
	if cfg.ValidatorChanges {
		if a.changes, err = cfg.changes(); err != nil {
			return nil, fmt.Errorf("%w: validator changes: %w", ErrConfig, err)
		}
	}
	a.hash = chain.Digest(sha256.Sum256(append([]byte("depinkit/depin/state/v1\x00"), g[:]...)))
	return a, nil
}

// ApplyCommit implements chain.Application. It applies the commit's
// transactions in order — registrations to the device registry, envelopes
// through the device checks, proof verification and the vertical, votes to
// the closed epoch they sign — and, when the commit ends the epoch, scores
// and distributes it. Every transaction is checked before it changes state;
// a bad one is counted with its reason and the commit goes on. The app hash
// chains the previous one, the commit and every outcome; at an epoch's end
// it also covers a digest of the whole state (stateRootLocked), so that the
// checkpoint's state root commits to it. With Config.ValidatorChanges,
// approvals of validator-set changes go to the replicated subnet.Changes,
// and the commit that closes a reward epoch in which changes reached a
// quorum returns the next validator set as Result.NextValidators (see
// ChangeTx).
func (n *Node) ApplyCommit(c chain.Commit) (chain.Result, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	a := n.app
	if c.Index <= a.height {
		return chain.Result{}, fmt.Errorf("depin: commit %d applied already (at %d)", c.Index, a.height)
	}
	h := sha256.New()
	h.Write([]byte("depinkit/depin/commit/v1\x00"))
	h.Write(a.hash[:])
	h.Write(c.Digest[:])
	writeUint(h, c.Index)
	writeUint(h, uint64(c.Timestamp))

	ep := &a.open
	if !ep.Opened {
		ep.Opened, ep.Start, ep.FirstCommit = true, c.Timestamp, c.Index
		if n.starter != nil {
			if err := n.starter.StartEpoch(ep.Number, [32]byte(ep.Seed)); err != nil {
				return chain.Result{}, fmt.Errorf("depin: vertical: start epoch %d: %w", ep.Number, err)
			}
		}
	}
	ep.Commits++

	txs := make([]*Tx, len(c.Txs))
	for i, raw := range c.Txs {
		t, err := DecodeTx(raw)
		if err != nil {
			reason := ReasonMalformed
			if errors.Is(err, ErrTooLarge) {
				reason = ReasonOversized
			}
			n.reject(h, ep, nil, 0, reason, err.Error())
			continue
		}
		txs[i] = t
	}
	for i := 0; i < len(txs); {
		t := txs[i]
		switch {
		case t == nil:
			i++
		case t.Kind == TxRegister:
			n.applyRegister(h, ep, t, c)
			i++
		case t.Kind == TxVote:
			n.applyVote(h, ep, t)
			i++
		case t.Kind == TxApproveMaker:
			n.applyMaker(h, ep, t)
			i++
		case t.Kind == TxChange:
			n.applyChange(h, ep, t)
			i++
		case t.Kind == TxRotate || t.Kind == TxRevoke:
			n.applyDeviceMessage(h, ep, t)
			i++
		default: // a run of envelopes, opened together
			j := i
			for j < len(txs) && txs[j] != nil && txs[j].Kind == TxEnvelope {
				j++
			}
			n.applyEnvelopes(h, ep, txs[i:j], c)
			i = j
		}
	}

	a.height = c.Index
	var next *chain.ValidatorSet
	var root *chain.Digest // the state root, if computed
	if n.epochEnds(ep, c) {
		var inner chain.Digest
		h.Sum(inner[:0])
		a.hash = inner
		closing := ep.Number
		if err := n.closeEpoch(c); err != nil {
			return chain.Result{}, err
		}
		var err error
		if next, err = n.endChanges(closing); err != nil {
			return chain.Result{}, err
		}
		sh, err := n.stateRootLocked()
		if err != nil {
			return chain.Result{}, fmt.Errorf("depin: state root at epoch end: %w", err)
		}
		root = &sh
		h = sha256.New()
		h.Write([]byte("depinkit/depin/epoch/v1\x00"))
		h.Write(inner[:])
		h.Write(sh[:])
	}
	h.Sum(a.hash[:0])
	if n.cfg.atStatePoint(c.Index) {
		// A state point: the hash is the state's alone (statepoint.go).
		if root == nil {
			sh, err := n.stateRootLocked()
			if err != nil {
				return chain.Result{}, fmt.Errorf("depin: state root at commit %d: %w", c.Index, err)
			}
			root = &sh
		}
		a.hash = n.statePointHash(c.Index, *root)
	}
	if last := len(a.closed) - 1; last >= 0 && a.closed[last].LastCommit == c.Index {
		// The checkpoint's state root: the hash of the state after this
		// commit, epoch result included. The next commit's hash covers it.
		a.closed[last].AppHash = a.hash
		n.notifyClosed()
	}
	n.broadcast()
	return chain.Result{AppHash: a.hash, NextValidators: next}, nil
}

// epochEnds reports whether the commit just applied ends the open epoch.
func (n *Node) epochEnds(ep *openEpoch, c chain.Commit) bool {
	if n.cfg.EpochCommits > 0 && ep.Commits >= n.cfg.EpochCommits {
		return true
	}
	return n.cfg.EpochDuration > 0 && c.Timestamp-ep.Start >= n.cfg.EpochDuration.Milliseconds()
}

func writeUint(h hash.Hash, v uint64) { h.Write(binary.BigEndian.AppendUint64(nil, v)) }

// Outcome codes hashed per transaction.
const (
	outcomeRejected = 0
	outcomeAccepted = 1
)

// reject counts a rejection in the open epoch and, if the device is known
// (or may be tracked), in its activity.
func (n *Node) reject(h hash.Hash, ep *openEpoch, id *device.ID, seq uint64, reason, detail string) {
	h.Write([]byte{outcomeRejected})
	writeString(h, reason)
	ep.Rejected = addReason(ep.Rejected, reason)
	if id == nil {
		return
	}
	act := ep.device(*id, n.trackFunc(ep, *id))
	if act == nil {
		return
	}
	act.Rejected = addReason(act.Rejected, reason)
	if len(act.Notes) < n.cfg.MaxNotes {
		act.Notes = append(act.Notes, Note{Seq: seq, Reason: reason, Detail: truncate(detail, maxDetailLen)})
	}
}

// trackFunc says whether a device new to the epoch's activity may be added:
// registered devices always, others up to MaxUntracked per epoch.
func (n *Node) trackFunc(ep *openEpoch, id device.ID) func() bool {
	return func() bool {
		if _, err := n.app.registry.Device(id); err == nil {
			return true
		}
		if ep.Untracked >= uint64(n.cfg.MaxUntracked) {
			return false
		}
		ep.Untracked++
		return true
	}
}

func (n *Node) accept(h hash.Hash, ep *openEpoch, id device.ID) {
	h.Write([]byte{outcomeAccepted})
	ep.Accepted++
	if act := ep.device(id, func() bool { return true }); act != nil {
		act.Accepted++
	}
}

// applyRegister registers a device, at the commit's time.
func (n *Node) applyRegister(h hash.Hash, ep *openEpoch, t *Tx, c chain.Commit) {
	cert, err := device.ParseCertificate(t.Certificate)
	if err != nil {
		n.reject(h, ep, nil, 0, "register:"+ReasonMalformed, err.Error())
		return
	}
	// Refusals are noted under the device the certificate names, so that
	// Explain tells its owner why it is not registered.
	id := cert.ID()
	owner, err := device.ParseOwnerBinding(t.Owner)
	if err != nil {
		n.reject(h, ep, &id, 0, "register:"+ReasonMalformed, err.Error())
		return
	}
	if _, err := n.app.registry.Register(cert, owner, time.UnixMilli(c.Timestamp).UTC()); err != nil {
		n.reject(h, ep, &id, 0, "register:"+registerReason(err), err.Error())
		return
	}
	h.Write([]byte{outcomeAccepted})
	h.Write(id[:])
	ep.Registered++
	ep.device(id, func() bool { return true })
}

// applyDeviceMessage applies a key rotation or a revocation to the registry.
func (n *Node) applyDeviceMessage(h hash.Hash, ep *openEpoch, t *Tx) {
	prefix := t.Kind.String() + ":"
	var id device.ID
	var err error
	if t.Kind == TxRotate {
		var r *device.KeyRotation
		if r, err = device.ParseKeyRotation(t.Message); err == nil {
			id, err = r.Device, n.app.registry.Rotate(r)
		}
	} else {
		var r *device.Revocation
		if r, err = device.ParseRevocation(t.Message); err == nil {
			id, err = r.Device, n.app.registry.Revoke(r)
		}
	}
	if err != nil {
		n.reject(h, ep, nil, 0, prefix+registerReason(err), err.Error())
		return
	}
	h.Write([]byte{outcomeAccepted})
	h.Write(id[:])
}

func registerReason(err error) string {
	for _, r := range []struct {
		err    error
		reason string
	}{
		{device.ErrUnknownMaker, "unknown-maker"},
		{device.ErrMakerRetired, "maker-retired"},
		{device.ErrExists, "exists"},
		{device.ErrRevoked, ReasonRevoked},
		{device.ErrExpired, "certificate-expired"},
		{device.ErrNotYetValid, "certificate-not-yet-valid"},
		{device.ErrBadSignature, ReasonBadSignature},
		{device.ErrUnauthorized, "unauthorized"},
		{device.ErrStale, "stale"},
		{device.ErrUnknownDevice, ReasonUnknownDevice},
	} {
		if errors.Is(err, r.err) {
			return r.reason
		}
	}
	return ReasonMalformed
}

// envelopeReason maps an Opener error to a reason.
func envelopeReason(err error) string {
	for _, r := range []struct {
		err    error
		reason string
	}{
		{device.ErrTooLarge, ReasonOversized},
		{device.ErrUnknownDevice, ReasonUnknownDevice},
		{device.ErrRevoked, ReasonRevoked},
		{device.ErrWrongAlg, ReasonWrongAlg},
		{device.ErrReplay, ReasonReplay},
		{device.ErrBadSignature, ReasonBadSignature},
		{device.ErrKeyType, ReasonWrongAlg},
		{errContentType, ReasonContentType},
		{ErrTooLarge, ReasonOversized},
	} {
		if errors.Is(err, r.err) {
			return r.reason
		}
	}
	return ReasonMalformed
}

// applyEnvelopes opens a run of envelopes together (signatures verified on
// all cores, sequence numbers accepted in order: device.Opener.OpenBatch) and
// hands each accepted one to the vertical.
func (n *Node) applyEnvelopes(h hash.Hash, ep *openEpoch, txs []*Tx, c chain.Commit) {
	msgs := make([][]byte, len(txs))
	for i, t := range txs {
		msgs[i] = t.Envelope
	}
	envs, errs := n.app.opener.OpenBatch(context.Background(), msgs)
	for i, env := range envs {
		if errs[i] != nil {
			// Attribute the rejection to the device the envelope names, if it
			// parses at all: for Explain, not as proof of who sent it.
			var id *device.ID
			var seq uint64
			if e, err := device.ParseEnvelope(msgs[i]); err == nil {
				id, seq = &e.Device, e.Seq
			}
			n.reject(h, ep, id, seq, envelopeReason(errs[i]), errs[i].Error())
			continue
		}
		n.applyEnvelope(h, ep, env, c)
	}
}

func (n *Node) applyEnvelope(h hash.Hash, ep *openEpoch, env *device.Envelope, c chain.Commit) {
	id, seq := env.Device, env.Seq
	ct, ok := n.types[env.ContentType]
	if !ok {
		n.reject(h, ep, &id, seq, ReasonContentType, fmt.Sprintf("content type %q is not one of %s's", env.ContentType, n.vertical.Name()))
		return
	}
	if max := ct.MaxPayload; max > 0 && len(env.Payload) > max {
		n.reject(h, ep, &id, seq, ReasonOversized, fmt.Sprintf("%s payload of %d bytes, at most %d", ct.Name, len(env.Payload), max))
		return
	}
	if err := checkSkew(ct, env, c.Timestamp); err != nil {
		n.reject(h, ep, &id, seq, ReasonTimeSkew, err.Error())
		return
	}
	rec, err := n.app.registry.Device(id)
	if err != nil { // the opener found it a moment ago
		n.reject(h, ep, &id, seq, ReasonUnknownDevice, err.Error())
		return
	}
	r := &Report{Epoch: ep.Number, Commit: c.Index, Time: c.Timestamp, Envelope: env, Device: rec}
	if ct.Proof != SignatureOnly {
		b, err := proof.ParseBundleOf(ct.Name, env.Payload)
		if err != nil {
			n.reject(h, ep, &id, seq, ReasonInvalidProof, err.Error())
			return
		}
		if !b.Claim.DeviceKey().Equal(rec.Key) {
			n.reject(h, ep, &id, seq, ReasonInvalidProof, "the bundle's claim names another device key")
			return
		}
		if ct.Proof == BundleZK && b.Proof.Backend == proof.Signature {
			n.reject(h, ep, &id, seq, ReasonProofRequired, ct.Name+" needs a zero-knowledge proof, got a signature-path bundle")
			return
		}
		if err := n.cfg.Verifier.VerifyBundle(b); err != nil {
			n.reject(h, ep, &id, seq, ReasonInvalidProof, err.Error())
			return
		}
		r.Bundle = b
	}
	claim, err := n.vertical.Claim(r)
	if err != nil {
		reason, detail := reasonOf(err)
		n.reject(h, ep, &id, seq, reason, detail)
		return
	}
	if err := n.vertical.Apply(ep.Number, claim); err != nil {
		reason, detail := reasonOf(err)
		n.reject(h, ep, &id, seq, reason, detail)
		return
	}
	n.accept(h, ep, id)
}

// applyVote records a validator's settlement signatures for a closed epoch.
func (n *Node) applyVote(h hash.Hash, ep *openEpoch, t *Tx) {
	s := n.cfg.Settlement
	if s == nil {
		n.reject(h, ep, nil, 0, "vote:"+ReasonNoSettlement, "the subnet does not settle")
		return
	}
	ce := n.closedLocked(t.Epoch)
	if ce == nil {
		n.reject(h, ep, nil, 0, "vote:"+ReasonUnknownEpoch, fmt.Sprintf("epoch %d is not closed or no longer kept", t.Epoch))
		return
	}
	cpDigest, err := s.Deployment.Digest(n.checkpointOf(ce))
	if err != nil {
		n.reject(h, ep, nil, 0, "vote:"+ReasonNoSettlement, err.Error())
		return
	}
	signer, err := evm.Signature(t.CheckpointSignature).Signer(cpDigest)
	if err != nil {
		n.reject(h, ep, nil, 0, "vote:"+ReasonBadSignature, err.Error())
		return
	}
	idx, ok := n.app.setFor(t.Epoch).bySettlement[signer]
	if !ok {
		n.reject(h, ep, nil, 0, "vote:"+ReasonUnknownVoter, fmt.Sprintf("checkpoint of epoch %d signed by %s", t.Epoch, signer.Hex()))
		return
	}
	if ce.Root == (common.Hash{}) {
		if len(t.RootSignature) != 0 {
			n.reject(h, ep, nil, 0, "vote:"+ReasonMalformed, fmt.Sprintf("epoch %d has no root to sign", t.Epoch))
			return
		}
	} else {
		if len(t.RootSignature) == 0 {
			n.reject(h, ep, nil, 0, "vote:"+ReasonMalformed, fmt.Sprintf("epoch %d: root signature missing", t.Epoch))
			return
		}
		rootDigest, err := s.Deployment.Digest(n.epochRootOf(ce))
		if err != nil {
			n.reject(h, ep, nil, 0, "vote:"+ReasonNoSettlement, err.Error())
			return
		}
		if by, err := evm.Signature(t.RootSignature).Signer(rootDigest); err != nil || by != signer {
			n.reject(h, ep, nil, 0, "vote:"+ReasonBadSignature, fmt.Sprintf("epoch %d: the root signature is not %s's", t.Epoch, signer.Hex()))
			return
		}
	}
	i, dup := slices.BinarySearchFunc(ce.Votes, idx, func(v vote, idx uint32) int { return int(v.Validator) - int(idx) })
	if dup {
		n.reject(h, ep, nil, 0, "vote:"+ReasonDuplicateVote, fmt.Sprintf("validator %d voted for epoch %d already", idx, t.Epoch))
		return
	}
	// An epoch at whose end the set changed: the vote also approves the next
	// set on the parent chain.
	next := n.app.nextSet(t.Epoch)
	switch {
	case next == nil && len(t.SetSignature) != 0:
		n.reject(h, ep, nil, 0, "vote:"+ReasonMalformed, fmt.Sprintf("epoch %d: the validator set did not change at its end", t.Epoch))
		return
	case next != nil && len(t.SetSignature) == 0:
		n.reject(h, ep, nil, 0, "vote:"+ReasonMalformed, fmt.Sprintf("epoch %d: the signature of the next validator set is missing", t.Epoch))
		return
	case next != nil:
		setDigest, err := s.Deployment.Digest(next.evmSet(s.Subnet))
		if err != nil {
			n.reject(h, ep, nil, 0, "vote:"+ReasonNoSettlement, err.Error())
			return
		}
		if by, err := evm.Signature(t.SetSignature).Signer(setDigest); err != nil || by != signer {
			n.reject(h, ep, nil, 0, "vote:"+ReasonBadSignature, fmt.Sprintf("epoch %d: the validator set signature is not %s's", t.Epoch, signer.Hex()))
			return
		}
		j, _ := slices.BinarySearchFunc(next.approvals, idx, func(a setApproval, idx uint32) int { return int(a.Validator) - int(idx) })
		next.approvals = slices.Insert(next.approvals, j, setApproval{Validator: idx, Signature: slices.Clone(t.SetSignature)})
	}
	ce.Votes = slices.Insert(ce.Votes, i, vote{Validator: idx, Root: slices.Clone(t.RootSignature), Checkpoint: slices.Clone(t.CheckpointSignature)})
	if ce.Root == (common.Hash{}) {
		ce.Votes[i].Root = []byte{}
	}
	h.Write([]byte{outcomeAccepted})
	h.Write([]byte{byte(idx >> 24), byte(idx >> 16), byte(idx >> 8), byte(idx)})
	n.notifyClosed()
}

// closedLocked returns the kept closed epoch number, or nil.
func (n *Node) closedLocked(number uint64) *closedEpoch {
	cl := n.app.closed
	i, ok := slices.BinarySearchFunc(cl, number, func(e closedEpoch, k uint64) int {
		switch {
		case e.Number < k:
			return -1
		case e.Number > k:
			return 1
		}
		return 0
	})
	if !ok {
		return nil
	}
	return &cl[i]
}

func (n *Node) checkpointOf(ce *closedEpoch) evm.Checkpoint {
	return evm.Checkpoint{
		Subnet: n.cfg.Settlement.Subnet, Epoch: ce.Number, Height: ce.LastCommit,
		StateRoot: common.Hash(ce.AppHash), CommitDigest: common.Hash(ce.CommitDigest),
	}
}

func (n *Node) epochRootOf(ce *closedEpoch) evm.EpochRoot {
	return evm.EpochRoot{Subnet: n.cfg.Settlement.Subnet, Epoch: ce.Number, Root: ce.Root, Total: amountOf(ce.Paid)}
}

// closeEpoch scores and distributes the open epoch, keeps its result, and
// opens the next one. The vertical's failures to score are recorded
// (ScoreError) and pay nobody: they never stop the chain.
func (n *Node) closeEpoch(c chain.Commit) error {
	a := n.app
	ep := &a.open
	emission := n.vertical.Curve().Emission(ep.Number)
	if emission == nil || emission.Sign() < 0 {
		emission = new(big.Int)
	}
	ce := closedEpoch{
		Number: ep.Number, FirstCommit: ep.FirstCommit, LastCommit: c.Index, Start: ep.Start, End: c.Timestamp,
		CommitDigest: c.Digest, Emission: amountBytes(emission), Accepted: ep.Accepted, Registered: ep.Registered,
		Rejected: ep.Rejected, Devices: ep.Devices, Votes: []vote{},
	}
	score, err := n.vertical.Score(ep.Number)
	if err == nil && score == nil {
		err = errors.New("nil score")
	}
	if err != nil {
		ce.ScoreError = truncate(err.Error(), 2*maxDetailLen)
		score = &Score{}
	}
	for _, lr := range score.Rejected {
		reason := lr.Reason
		if !validReason(reason) {
			reason = ReasonInvalidClaim
		}
		ce.Rejected = addReason(ce.Rejected, reason)
		ce.Devices = n.withLate(ce.Devices, lr, reason, lr.Detail)
	}
	if err := n.distribute(&ce, emission, score); err != nil {
		ce.ScoreError = truncate(err.Error(), 2*maxDetailLen)
		ce.Pools, ce.Payouts, ce.Claims, ce.Root = []pool{}, []payout{}, []claim{}, common.Hash{}
		ce.Paid, ce.Unallocated = []byte{}, amountBytes(emission)
	}
	a.closed = append(a.closed, ce)
	if extra := len(a.closed) - n.cfg.KeepEpochs; extra > 0 {
		a.closed = slices.Delete(a.closed, 0, extra)
	}
	a.open = openEpoch{Number: ep.Number + 1, Seed: slices.Clone(c.Digest[:])}
	return nil
}

// withLate records a late rejection in the activity list (sorted by device).
func (n *Node) withLate(devs []activity, lr LateRejection, reason, detail string) []activity {
	e := &openEpoch{Devices: devs}
	act := e.device(lr.Device, func() bool { return true })
	act.Rejected = addReason(act.Rejected, reason)
	if len(act.Notes) < n.cfg.MaxNotes {
		act.Notes = append(act.Notes, Note{Seq: lr.Seq, Reason: reason, Detail: truncate(detail, maxDetailLen), Late: true})
	}
	return e.Devices
}

// payeeLocked returns the settlement address of a contributor: a device's
// owner's EVM address, or an address given as "0x" and 40 hex digits.
func (n *Node) payeeLocked(contributor string) (common.Address, error) {
	if strings.HasPrefix(contributor, "0x") {
		if !common.IsHexAddress(contributor) || len(contributor) != 42 {
			return common.Address{}, fmt.Errorf("%w: contributor %q is not an address", ErrNotFound, contributor)
		}
		return common.HexToAddress(contributor), nil
	}
	id, err := device.ParseID(contributor)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: contributor %q: %w", ErrNotFound, contributor, err)
	}
	rec, err := n.app.registry.Device(id)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: contributor %s: %w", ErrNotFound, id, err)
	}
	if rec.Owner.IsZero() {
		return common.Address{}, fmt.Errorf("%w: device %s has no owner", ErrNotFound, id)
	}
	addr, err := rec.Owner.Address()
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: device %s: owner %w", ErrNotFound, id, err)
	}
	return addr, nil
}

// distribute splits the emission among the pools and each pool among its
// contributors, and builds the claims and their Merkle root.
func (n *Node) distribute(ce *closedEpoch, emission *big.Int, score *Score) error {
	pools := score.Pools
	seen := map[string]bool{}
	for i, p := range pools {
		if !validReason(p.Name) {
			return fmt.Errorf("pools[%d]: name %q: want 1 to %d bytes of [a-z0-9-]", i, truncate(p.Name, 64), maxReasonLen)
		}
		if seen[p.Name] {
			return fmt.Errorf("pools[%d]: name %q repeats", i, p.Name)
		}
		seen[p.Name] = true
		if len(pools) > 1 && (p.Weight == nil || p.Weight.Sign() <= 0) {
			return fmt.Errorf("pools[%d] (%s): weight must be at least 1", i, p.Name)
		}
		for k, c := range p.ByID {
			if c.Contributor == (reward.ContributorID{}) {
				return fmt.Errorf("pools[%d] (%s): ByID[%d]: zero contributor", i, p.Name, k)
			}
		}
	}
	// The pools' amounts: exact shares of the emission by weight.
	amounts := make([]*big.Int, len(pools))
	switch len(pools) {
	case 0:
	case 1:
		amounts[0] = new(big.Int).Set(emission)
	default:
		ws := make([]reward.Contribution, len(pools))
		for i, p := range pools {
			ws[i] = reward.Contribution{Contributor: p.Name, Units: p.Weight}
		}
		d, err := reward.Distribute(emission, ws)
		if err != nil {
			return fmt.Errorf("pool weights: %w", err)
		}
		for i, p := range pools {
			if amounts[i], err = d.Amount(p.Name); err != nil {
				return err
			}
		}
	}
	unallocated := new(big.Int).Set(emission)
	if len(pools) > 0 {
		unallocated.SetInt64(0)
	}
	paid := new(big.Int)
	sums := map[common.Address]*big.Int{}
	ce.Pools, ce.Payouts = []pool{}, []payout{}
	order := make([]int, len(pools))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(pools[x].Name, pools[y].Name) })
	for _, i := range order {
		p := pools[i]
		// Contributors that cannot be paid are rejected late; the rest share.
		var keep []reward.Contribution
		for _, c := range p.All() {
			if _, err := n.payeeLocked(c.Contributor); err != nil {
				if id, perr := device.ParseID(c.Contributor); perr == nil {
					ce.Rejected = addReason(ce.Rejected, ReasonNoPayee)
					ce.Devices = n.withLate(ce.Devices, LateRejection{Device: id}, ReasonNoPayee, err.Error())
				}
				continue
			}
			keep = append(keep, c)
		}
		d, err := reward.Distribute(amounts[i], keep)
		if err != nil {
			return fmt.Errorf("pool %s: %w", p.Name, err)
		}
		pw := pool{Name: p.Name, Amount: amountBytes(amounts[i]), Contributions: make([]contribution, 0, len(keep))}
		for _, c := range keep {
			pw.Contributions = append(pw.Contributions, toWire(c))
		}
		slices.SortFunc(pw.Contributions, func(x, y contribution) int { return strings.Compare(x.Contributor, y.Contributor) })
		ce.Pools = append(ce.Pools, pw)
		unallocated.Add(unallocated, d.Unallocated())
		for _, po := range d.Payouts() {
			if po.Amount.Sign() == 0 {
				continue
			}
			addr, _ := n.payeeLocked(po.Contributor) // checked above
			ce.Payouts = append(ce.Payouts, payout{Pool: p.Name, Contributor: po.Contributor, Address: addr, Amount: amountBytes(po.Amount)})
			paid.Add(paid, po.Amount)
			if s := sums[addr]; s != nil {
				s.Add(s, po.Amount)
			} else {
				sums[addr] = new(big.Int).Set(po.Amount)
			}
		}
	}
	claims := make([]reward.Claim, 0, len(sums))
	for addr, amt := range sums {
		claims = append(claims, reward.Claim{Address: addr, Amount: amt})
	}
	slices.SortFunc(claims, func(x, y reward.Claim) int { return strings.Compare(string(x.Address[:]), string(y.Address[:])) })
	ce.Claims = make([]claim, len(claims))
	for i, cl := range claims {
		ce.Claims[i] = claim{Address: cl.Address, Amount: amountBytes(cl.Amount)}
	}
	ce.Root = common.Hash{}
	if len(claims) > 0 {
		tree, err := reward.NewMerkleTree(claims)
		if err != nil {
			return fmt.Errorf("claims tree: %w", err)
		}
		ce.Root = tree.Root()
	}
	ce.Paid, ce.Unallocated = amountBytes(paid), amountBytes(unallocated)
	return nil
}
