package dag

import (
	"fmt"

	"github.com/depinkit/depinkit/chain"
)

// validate checks a block on its own (V1-V8 of the design notes): epoch, round,
// author, parents (own previous first, distinct authors, earlier rounds, genesis
// refs exact, a quorum at round-1), limits, and last the signature.
func (rn *RawNode) validate(b *Block) error {
	set := rn.dag.set
	if b.Epoch != rn.dag.epoch {
		return fmt.Errorf("%w: block %s is of epoch %d, this is %d", ErrWrongEpoch, b.Ref(), b.Epoch, rn.dag.epoch)
	}
	if b.Round == 0 {
		return fmt.Errorf("%w: round 0 (genesis is never sent)", ErrInvalidBlock)
	}
	if !set.Valid(b.Author) {
		return fmt.Errorf("%w: author %d is not a validator", ErrInvalidBlock, b.Author)
	}
	if len(b.Parents) == 0 || len(b.Parents) > set.Len() {
		return fmt.Errorf("%w: block %s has %d parents, want 1 to %d", ErrInvalidBlock, b.Ref(), len(b.Parents), set.Len())
	}
	if b.Parents[0].Author != b.Author {
		return fmt.Errorf("%w: block %s: parents[0] is not the author's own previous block", ErrInvalidBlock, b.Ref())
	}
	seen := make([]bool, set.Len())
	prev := chain.NewStakeAggregator(set)
	for i, p := range b.Parents {
		if !set.Valid(p.Author) {
			return fmt.Errorf("%w: block %s: parents[%d] author %d is not a validator", ErrInvalidBlock, b.Ref(), i, p.Author)
		}
		if i > 0 && p.Author == b.Author {
			return fmt.Errorf("%w: block %s: parents[%d] is a second own block", ErrInvalidBlock, b.Ref(), i)
		}
		if seen[p.Author] {
			return fmt.Errorf("%w: block %s: two parents by author %d", ErrInvalidBlock, b.Ref(), p.Author)
		}
		seen[p.Author] = true
		if p.Round >= b.Round {
			return fmt.Errorf("%w: block %s: parents[%d] %s is not from an earlier round", ErrInvalidBlock, b.Ref(), i, p)
		}
		if p.Round == 0 && p != rn.dag.genesis[p.Author] {
			return fmt.Errorf("%w: block %s: parents[%d] is not the genesis block of author %d", ErrInvalidBlock, b.Ref(), i, p.Author)
		}
		if p.Round == b.Round-1 {
			prev.Add(p.Author)
		}
	}
	if !prev.Quorum() {
		return fmt.Errorf("%w: block %s: parents at round %d hold stake %d, below the quorum %d", ErrInvalidBlock, b.Ref(), b.Round-1, prev.Stake(), set.QuorumThreshold())
	}
	l := rn.cfg.Limits
	if len(b.Txs) > l.MaxBlockTxs {
		return fmt.Errorf("%w: block %s has %d transactions, at most %d", ErrInvalidBlock, b.Ref(), len(b.Txs), l.MaxBlockTxs)
	}
	for i, tx := range b.Txs {
		if len(tx) > l.MaxTxBytes {
			return fmt.Errorf("%w: block %s: txs[%d] is %d bytes, at most %d", ErrInvalidBlock, b.Ref(), i, len(tx), l.MaxTxBytes)
		}
	}
	if b.size > l.MaxBlockBytes {
		return fmt.Errorf("%w: block %s is %d bytes, at most %d", ErrInvalidBlock, b.Ref(), b.size, l.MaxBlockBytes)
	}
	if !rn.cfg.Verifier.Verify(set.Key(b.Author), b.digest[:], b.Signature) {
		return fmt.Errorf("%w: block %s: bad signature", ErrInvalidBlock, b.Ref())
	}
	return nil
}
