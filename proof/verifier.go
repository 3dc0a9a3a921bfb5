package proof

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/plonk"
	"github.com/consensys/gnark/backend/solidity"
)

// Verifier checks proofs against claims: signature-path proofs always, and
// zero-knowledge proofs of the statements and backends whose verifying keys
// it holds. It is safe for concurrent use.
type Verifier struct {
	keys map[compileKey]*Keys
}

// NewVerifier returns a verifier holding the verifying keys of keys (proving
// keys are not kept). Two keys for one statement and backend are an error.
func NewVerifier(keys ...*Keys) (*Verifier, error) {
	v := &Verifier{keys: make(map[compileKey]*Keys, len(keys))}
	for _, k := range keys {
		if k == nil {
			return nil, fmt.Errorf("%w: nil keys", ErrNoKey)
		}
		id := compileKey{k.Statement, k.Backend}
		if _, dup := v.keys[id]; dup {
			return nil, fmt.Errorf("%w: two keys for %s/%s", ErrKeyMismatch, k.Statement, k.Backend)
		}
		v.keys[id] = k.VerifyingOnly()
	}
	return v, nil
}

// Verify checks that p proves c. Any failure wraps ErrInvalidProof, except a
// missing verifying key (ErrNoKey): a proof for another nonce, point, radius,
// device, root, total or minimum, a tampered proof, a proof made with other
// keys, a proof of another statement.
func (v *Verifier) Verify(c Claim, p *Proof) error {
	if c == nil || p == nil {
		return fmt.Errorf("%w: missing claim or proof", ErrInvalidProof)
	}
	st := c.Statement()
	if p.Statement != st {
		return fmt.Errorf("%w: a %s proof for a %s claim", ErrInvalidProof, p.Statement, st)
	}
	if p.Backend == Signature {
		if err := c.check(p.evidence); err != nil {
			return fmt.Errorf("%w: %s/signature: %w", ErrInvalidProof, st, err)
		}
		return nil
	}
	k, ok := v.keys[compileKey{st, p.Backend}]
	if !ok {
		return fmt.Errorf("%w: no verifying key for %s/%s", ErrNoKey, st, p.Backend)
	}
	pub, err := PublicWitness(c)
	if err != nil {
		return err
	}
	switch p.Backend {
	case Groth16:
		if p.groth16 == nil {
			return fmt.Errorf("%w: empty groth16 proof", ErrInvalidProof)
		}
		err = groth16.Verify(p.groth16, k.g16vk, pub, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16))
	case PLONK:
		if p.plonk == nil {
			return fmt.Errorf("%w: empty plonk proof", ErrInvalidProof)
		}
		err = plonk.Verify(p.plonk, k.plonkV, pub, solidity.WithVerifierTargetSolidityVerifier(backend.PLONK))
	default:
		return fmt.Errorf("%w: unknown backend %d", ErrInvalidProof, p.Backend)
	}
	if err != nil {
		return fmt.Errorf("%w: %s/%s: %w", ErrInvalidProof, st, p.Backend, err)
	}
	return nil
}

// VerifyBundle is Verify(b.Claim, b.Proof).
func (v *Verifier) VerifyBundle(b *Bundle) error {
	if b == nil {
		return fmt.Errorf("%w: nil bundle", ErrInvalidProof)
	}
	return v.Verify(b.Claim, b.Proof)
}

// VerifyBatch verifies bundles on all cores and returns one result per
// bundle, in order: nil for a valid proof, the error Verify would return
// otherwise. Groth16 proofs of one statement are checked together, a batch
// of up to 64 per core in one multi-pairing (see batch.go), several times
// faster than one by one; a batch that fails is re-checked proof by proof to
// name the invalid ones. It stops early, with ctx's error, when ctx is done;
// results not reached are then ctx's error too.
func (v *Verifier) VerifyBatch(ctx context.Context, bundles []*Bundle) ([]error, error) {
	results := make([]error, len(bundles))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(bundles)))
	size := min(maxBatch, max(1, (len(bundles)+workers-1)/workers))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
	)
	take := func() (int, int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= len(bundles) {
			return 0, 0, false
		}
		lo := next
		next = min(len(bundles), next+size)
		return lo, next, true
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo, hi, ok := take()
				if !ok {
					return
				}
				v.verifyChunk(ctx, bundles[lo:hi], results[lo:hi])
			}
		}()
	}
	wg.Wait()
	return results, ctx.Err()
}

// maxBatch bounds the proofs of one multi-pairing.
const maxBatch = 64

// verifyChunk verifies bundles into out: Groth16 proofs grouped by statement
// and batched, everything else one by one.
func (v *Verifier) verifyChunk(ctx context.Context, bundles []*Bundle, out []error) {
	if err := ctx.Err(); err != nil {
		for i := range out {
			out[i] = err
		}
		return
	}
	type group struct {
		keys  *Keys
		idx   []int
		items []groth16Item
	}
	var groups []*group // in order of first appearance
	byKey := map[compileKey]*group{}
	for i, b := range bundles {
		if b == nil || b.Claim == nil || b.Proof == nil || b.Proof.Backend != Groth16 || b.Proof.groth16 == nil ||
			b.Proof.Statement != b.Claim.Statement() {
			out[i] = v.VerifyBundle(b)
			continue
		}
		id := compileKey{b.Proof.Statement, Groth16}
		k, ok := v.keys[id]
		if !ok {
			out[i] = v.VerifyBundle(b)
			continue
		}
		pub, err := groth16Public(b.Claim)
		if err != nil {
			out[i] = v.VerifyBundle(b)
			continue
		}
		g := byKey[id]
		if g == nil {
			g = &group{keys: k}
			byKey[id] = g
			groups = append(groups, g)
		}
		g.idx = append(g.idx, i)
		g.items = append(g.items, groth16Item{proof: b.Proof.groth16, body: b.Proof.body, public: pub})
	}
	for _, g := range groups {
		vk, ok := g.keys.g16vk.(*groth16bn254.VerifyingKey)
		if len(g.idx) > 1 && ok && batchVerifyGroth16(vk, g.items) {
			continue // all valid: out stays nil
		}
		for _, i := range g.idx {
			out[i] = v.VerifyBundle(bundles[i])
		}
	}
}
