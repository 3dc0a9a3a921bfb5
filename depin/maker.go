package depin

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"hash"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/device"
)

// pendingMaker is a maker approval that has votes but no quorum yet.
type pendingMaker struct {
	_      struct{} `cbor:",toarray"`
	Key    []byte   // device.PublicKey.MarshalBinary
	Name   string
	Voters []uint32 // validator indices, ascending
}

// MakerApprovalMessage is what a validator signs to vote for a maker: a
// domain tag, the subnet's genesis (Config.Genesis), and the maker's key
// and name, each length-prefixed.
func MakerApprovalMessage(genesis common.Hash, maker device.PublicKey, name string) ([]byte, error) {
	key, err := maker.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("%w: maker key: %w", ErrMalformed, err)
	}
	return makerMessage(genesis, key, name), nil
}

func makerMessage(genesis common.Hash, key []byte, name string) []byte {
	var b bytes.Buffer
	b.WriteString("depinkit/depin/approve-maker/v1\x00")
	b.Write(genesis[:])
	writeString(&b, string(key))
	writeString(&b, name)
	return b.Bytes()
}

// ApproveMakerTx signs this validator's vote (with the key of WithKey) to
// approve maker under name. Submit it; the maker is approved when the votes
// of more than 2/3 of the stake are in.
func (n *Node) ApproveMakerTx(maker device.PublicKey, name string) (chain.Tx, error) {
	if !n.isValidator() {
		return nil, fmt.Errorf("%w: ApproveMakerTx needs WithKey with a validator's key", ErrConfig)
	}
	msg, err := MakerApprovalMessage(n.cfg.Genesis(), maker, name)
	if err != nil {
		return nil, err
	}
	key, _ := maker.MarshalBinary()
	return (&Tx{
		Kind: TxApproveMaker, Maker: key, Name: name,
		Validator: n.keyForEngine.Public().(ed25519.PublicKey), Signature: ed25519.Sign(n.keyForEngine, msg),
	}).Marshal()
}

// isValidator reports whether the key of WithKey is a validator's of the
// open epoch.
func (n *Node) isValidator() bool {
	if n.keyForEngine == nil {
		return false
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	_, ok := n.app.current().set.Index(n.keyForEngine.Public().(ed25519.PublicKey))
	return ok
}

// applyMaker counts a validator's vote for a maker, and approves the maker
// in the registry on a quorum.
func (n *Node) applyMaker(h hash.Hash, ep *openEpoch, t *Tx) {
	const prefix = "maker:"
	var key device.PublicKey
	if err := key.UnmarshalBinary(t.Maker); err != nil {
		n.reject(h, ep, nil, 0, prefix+ReasonMalformed, err.Error())
		return
	}
	if !utf8.ValidString(t.Name) || strings.IndexFunc(t.Name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		n.reject(h, ep, nil, 0, prefix+ReasonMalformed, "maker name is not printable UTF-8")
		return
	}
	set := n.app.current().set
	idx, ok := set.Index(ed25519.PublicKey(t.Validator))
	if !ok {
		n.reject(h, ep, nil, 0, prefix+ReasonUnknownVoter, "the signer is not a validator")
		return
	}
	if !ed25519.Verify(t.Validator, makerMessage(n.cfg.Genesis(), t.Maker, t.Name), t.Signature) {
		n.reject(h, ep, nil, 0, prefix+ReasonBadSignature, fmt.Sprintf("validator %d's signature does not verify", idx))
		return
	}
	if m, err := n.app.registry.Maker(key.ID()); err == nil && !m.Retired {
		n.reject(h, ep, nil, 0, prefix+"exists", fmt.Sprintf("maker %s is approved already", key.ID()))
		return
	}
	pm := n.app.makers
	i, found := slices.BinarySearchFunc(pm, t, func(p pendingMaker, t *Tx) int {
		if c := bytes.Compare(p.Key, t.Maker); c != 0 {
			return c
		}
		return strings.Compare(p.Name, t.Name)
	})
	if !found {
		pm = slices.Insert(pm, i, pendingMaker{Key: slices.Clone(t.Maker), Name: t.Name, Voters: []uint32{}})
	}
	p := &pm[i]
	j, dup := slices.BinarySearch(p.Voters, idx)
	if dup {
		n.reject(h, ep, nil, 0, prefix+ReasonDuplicateVote, fmt.Sprintf("validator %d voted for this maker already", idx))
		return
	}
	p.Voters = slices.Insert(p.Voters, j, idx)
	h.Write([]byte{outcomeAccepted})
	agg := chain.NewStakeAggregator(set)
	for _, v := range p.Voters {
		agg.Add(v)
	}
	if agg.Quorum() {
		if err := n.app.registry.ApproveMaker(key, t.Name); err != nil {
			// Checked above; a name the registry refuses drops the approval.
			n.reject(h, ep, nil, 0, prefix+ReasonMalformed, err.Error())
		}
		pm = slices.Delete(pm, i, i+1)
	}
	n.app.makers = pm
}
