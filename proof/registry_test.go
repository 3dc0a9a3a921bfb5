package proof

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/consensys/gnark/frontend"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof/circuit"
)

// sumCircuit is the smallest registered statement the tests use: two
// private values below 2^32 add up to a public Total, and a public Tag is
// carried along (it only has to be bound).
type sumCircuit struct {
	Total frontend.Variable `gnark:",public"`
	Tag   frontend.Variable `gnark:",public"`
	A, B  frontend.Variable
}

func (c *sumCircuit) Define(api frontend.API) error {
	circuit.AssertBits(api, c.A, 32)
	circuit.AssertBits(api, c.B, 32)
	api.AssertIsEqual(api.Add(c.A, c.B), c.Total)
	api.AssertIsEqual(api.Mul(c.Tag, 1), c.Tag)
	return nil
}

// sumCheck: evidence is A and B, 4 bytes each, big-endian.
func sumCheck(c *InputClaim, ev []byte) error {
	if len(ev) != 8 {
		return fmt.Errorf("evidence of %d bytes, want 8", len(ev))
	}
	a := new(big.Int).SetBytes(ev[:4])
	b := new(big.Int).SetBytes(ev[4:])
	if total := c.Input("Total"); total == nil || new(big.Int).Add(a, b).Cmp(total) != 0 {
		return errors.New("A + B is not the total")
	}
	return nil
}

func sumDefinition(name string) Definition {
	return Definition{
		Name: name, Public: []string{"Total", "Tag"},
		Circuit: func() frontend.Circuit { return &sumCircuit{} },
		Check:   sumCheck, MaxEvidence: 8,
	}
}

var sumStatement = sync.OnceValue(func() Statement {
	st, err := Register(sumDefinition("test-sum"))
	if err != nil {
		panic(err)
	}
	return st
})

func sumWitness(t testing.TB, key *device.PrivateKey, a, b uint32, tag int64) *InputWitness {
	t.Helper()
	total := int64(a) + int64(b)
	ev := []byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a), byte(b >> 24), byte(b >> 16), byte(b >> 8), byte(b)}
	return &InputWitness{
		InputClaim: InputClaim{Of: sumStatement(), Device: key.Public(), Inputs: []*big.Int{big.NewInt(total), big.NewInt(tag)}},
		Assignment: &sumCircuit{Total: total, Tag: tag, A: a, B: b},
		Evidence:   ev,
	}
}

func TestRegisterRefuses(t *testing.T) {
	sumStatement()
	good := sumDefinition("test-refuse")
	cases := []struct {
		name string
		edit func(d *Definition)
		want error
		says string
	}{
		{"empty name", func(d *Definition) { d.Name = "" }, ErrStatement, "1 to 64"},
		{"long name", func(d *Definition) { d.Name = "a" + strings.Repeat("b", MaxNameLength) }, ErrStatement, "1 to 64"},
		{"upper case", func(d *Definition) { d.Name = "Sum" }, ErrStatement, "lowercase letter"},
		{"slash", func(d *Definition) { d.Name = "a/b" }, ErrStatement, "single hyphens"},
		{"double hyphen", func(d *Definition) { d.Name = "a--b" }, ErrStatement, "single hyphens"},
		{"trailing hyphen", func(d *Definition) { d.Name = "ab-" }, ErrStatement, "single hyphens"},
		{"coverage", func(d *Definition) { d.Name = "coverage" }, ErrStatement, "reserved"},
		{"usage family", func(d *Definition) { d.Name = "usage-3" }, ErrStatement, "reserved"},
		{"threshold family", func(d *Definition) { d.Name = "threshold-x" }, ErrStatement, "reserved"},
		{"no circuit", func(d *Definition) { d.Circuit = nil }, ErrStatement, "Circuit is nil"},
		{"nil circuit", func(d *Definition) { d.Circuit = func() frontend.Circuit { return nil } }, ErrStatement, "returned nil"},
		{"no layout", func(d *Definition) { d.Public = nil }, ErrStatement, "0 inputs"},
		{"layout order", func(d *Definition) { d.Public = []string{"Tag", "Total"} }, ErrStatement, "the circuit's public inputs are [Total Tag]"},
		{"layout short", func(d *Definition) { d.Public = []string{"Total"} }, ErrStatement, "public inputs are"},
		{"evidence bound", func(d *Definition) { d.MaxEvidence = MaxEvidenceSize + 1 }, ErrStatement, "MaxEvidence"},
		{"negative evidence bound", func(d *Definition) { d.MaxEvidence = -1 }, ErrStatement, "MaxEvidence"},
		{"duplicate", func(d *Definition) { d.Name = "test-sum" }, ErrRegistered, `"test-sum"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := good
			tc.edit(&d)
			_, err := Register(d)
			require.ErrorIs(t, err, tc.want)
			require.ErrorContains(t, err, tc.says)
		})
	}
	_, err := ParseStatement("test-refuse")
	require.ErrorIs(t, err, ErrStatement, "nothing refused was registered")
}

// TestRegisterIDCollision: two names with one ID are refused (the ID is
// forced to collide by registering the same name's entry under another).
func TestRegisterIDCollision(t *testing.T) {
	st := sumStatement()
	e, err := st.entry()
	require.NoError(t, err)
	// Another statement whose ID is the same as test-sum's: simulate by
	// planting test-sum's entry under the ID the new name will get.
	id := statementID("test-collide", []string{"Total", "Tag"})
	registryMu.Lock()
	byID[id] = e
	registryMu.Unlock()
	defer func() {
		registryMu.Lock()
		delete(byID, id)
		registryMu.Unlock()
	}()
	_, err = Register(sumDefinition("test-collide"))
	require.ErrorIs(t, err, ErrRegistered)
	require.ErrorContains(t, err, `collides with "test-sum"`)
}

// TestStatementID pins the ID derivation: IDs are on the wire, so they must
// not change between builds; a layout change changes the ID.
func TestStatementID(t *testing.T) {
	id := statementID("in-range", []string{"Lo", "Hi", "Digest"})
	require.Equal(t, "61e5b11bd6f2ae1a", hex.EncodeToString(id[:]))
	other := statementID("in-range", []string{"Lo", "Hi"})
	require.NotEqual(t, id, other)
	// NUL separators: moving a boundary changes the ID.
	require.NotEqual(t, statementID("ab", []string{"c"}), statementID("a", []string{"bc"}))
}

// TestBuiltinLayouts: the layouts package proof registers for its own
// statements are their circuits' public inputs, in order.
func TestBuiltinLayouts(t *testing.T) {
	for _, st := range append(Statements(), UsageStatement(2), ThresholdStatement(2)) {
		c, err := st.circuit()
		require.NoError(t, err, st)
		got, err := publicNames(c)
		require.NoError(t, err)
		want, err := st.PublicInputs()
		require.NoError(t, err)
		require.Equal(t, want, got, st)
	}
}

func TestParseStatementRegistered(t *testing.T) {
	st := sumStatement()
	require.Equal(t, Statement{Kind: Named, Name: "test-sum"}, st)
	got, err := ParseStatement("test-sum")
	require.NoError(t, err)
	require.Equal(t, st, got)
	require.Contains(t, Registered(), st)
	require.Equal(t, "depinkit/proof/test-sum/v1", ContentType(st))
	got, err = StatementOf(ContentType(st))
	require.NoError(t, err)
	require.Equal(t, st, got)
	layout, err := st.PublicInputs()
	require.NoError(t, err)
	require.Equal(t, []string{"Total", "Tag"}, layout)

	for _, bad := range []Statement{{Kind: Named, Name: "nobody"}, {Kind: Named, Name: "test-sum", N: 4}, {Kind: Coverage, Name: "test-sum"}} {
		require.ErrorIs(t, bad.Validate(), ErrStatement, bad)
	}
	require.ErrorContains(t, Statement{Kind: Named, Name: "nobody"}.Validate(), `"nobody" is not registered`)
}

// TestNamedSignedPath: a registered statement's signature path runs its
// Check, on both sides, and its bundles round-trip.
func TestNamedSignedPath(t *testing.T) {
	key := newKey(t, device.Ed25519, 40)
	w := sumWitness(t, key, 7, 35, 9)
	b, err := Signed(w)
	require.NoError(t, err)
	require.Equal(t, "depinkit/proof/test-sum/v1", b.ContentType())
	v := verifierFor(t)
	require.NoError(t, v.VerifyBundle(b))
	got := roundTrip(t, b)
	require.NoError(t, v.VerifyBundle(got))
	require.Equal(t, b.Claim, got.Claim)

	// Another total: the evidence does not prove it.
	other := *b.Claim.(*InputClaim)
	other.Inputs = []*big.Int{big.NewInt(43), big.NewInt(9)}
	require.ErrorIs(t, v.Verify(&other, b.Proof), ErrInvalidProof)
	// A witness whose evidence does not hold is refused before anything.
	bad := sumWitness(t, key, 7, 35, 9)
	bad.Inputs[0] = big.NewInt(41)
	_, err = Signed(bad)
	require.ErrorIs(t, err, ErrUnsatisfied)
	// A statement without a Check has no signature path.
	noCheck := sumDefinition("test-no-check")
	noCheck.Check = nil
	st, err := Register(noCheck)
	require.NoError(t, err)
	w2 := sumWitness(t, key, 1, 2, 3)
	w2.Of = st
	_, err = Signed(w2)
	require.ErrorIs(t, err, ErrBackend)
}

// TestNamedGroth16: a registered statement gets keys, a prover, a verifier
// (one by one and in batch) and a key store, with no code of its own.
func TestNamedGroth16(t *testing.T) {
	key := newKey(t, device.Ed25519, 41)
	st := sumStatement()
	k := keysFor(t, st, Groth16)
	p, err := NewProver(k)
	require.NoError(t, err)
	ctx := context.Background()
	var bundles []*Bundle
	for i := range 5 {
		b, err := p.Prove(ctx, sumWitness(t, key, uint32(i), 100, int64(i)))
		require.NoError(t, err)
		bundles = append(bundles, roundTrip(t, b))
	}
	require.Equal(t, 133+idSize, bundles[0].Proof.Size(), "133 bytes and the 8-byte ID")
	v := verifierFor(t, k)
	for _, b := range bundles {
		require.NoError(t, v.VerifyBundle(b))
	}
	// A claim of another total or tag is refused: the proof binds every input.
	for i := range 2 {
		c := *bundles[0].Claim.(*InputClaim)
		c.Inputs = []*big.Int{new(big.Int).Set(c.Inputs[0]), new(big.Int).Set(c.Inputs[1])}
		c.Inputs[i].Add(c.Inputs[i], big.NewInt(1))
		require.ErrorIs(t, v.Verify(&c, bundles[0].Proof), ErrInvalidProof)
		bundles = append(bundles, &Bundle{Claim: &c, Proof: bundles[0].Proof})
	}
	res, err := v.VerifyBatch(ctx, bundles)
	require.NoError(t, err)
	for i, r := range res {
		if i < 5 {
			require.NoError(t, r, i)
		} else {
			require.ErrorIs(t, r, ErrInvalidProof, i)
		}
	}

	// A verifier without the statement's key names it.
	err = verifierFor(t, keysFor(t, CoverageStatement(), Groth16)).VerifyBundle(bundles[0])
	require.ErrorIs(t, err, ErrNoKey)
	require.ErrorContains(t, err, "test-sum/groth16")

	// An assignment whose public values are not the claim's is refused.
	w := sumWitness(t, key, 1, 2, 3)
	w.Assignment = &sumCircuit{Total: 3, Tag: 4, A: 1, B: 2}
	w.Evidence = nil
	_, err = p.Prove(ctx, w)
	require.ErrorIs(t, err, ErrUnsatisfied)
	require.ErrorContains(t, err, "assignment's Tag")
	// A witness that does not satisfy the circuit has no proof.
	w = sumWitness(t, key, 1, 2, 3)
	w.Assignment = &sumCircuit{Total: 3, Tag: 3, A: 1, B: 1}
	w.Evidence = nil
	_, err = p.Prove(ctx, w)
	require.ErrorIs(t, err, ErrUnsatisfied)

	// The key store keeps its keys like any other statement's.
	s := NewKeyStore(t.TempDir())
	require.NoError(t, s.Save(k))
	require.FileExists(t, filepath.Join(s.Dir(), "test-sum.groth16.vk"))
	vk, err := s.LoadVerifying(st, Groth16)
	require.NoError(t, err)
	require.NoError(t, verifierFor(t, vk).VerifyBundle(bundles[0]))
}

// TestNamedKeysOfAnotherCircuit: keys made for another circuit under the
// same name are refused by the key store: they carry the constraint
// system's hash.
func TestNamedKeysOfAnotherCircuit(t *testing.T) {
	k := keysFor(t, sumStatement(), Groth16)
	s := NewKeyStore(t.TempDir())
	require.NoError(t, s.Save(k))
	// A file claiming the name with another constraint system's hash.
	path := s.Path(sumStatement(), Groth16, partVerifying)
	rewriteHeader(t, path, func(h *keyHeader) { h.CSHash[0] ^= 1 })
	_, err := s.LoadVerifying(sumStatement(), Groth16)
	require.ErrorIs(t, err, ErrKeyMismatch)
	require.ErrorContains(t, err, "constraint system")
	// Coverage keys renamed as test-sum keys are refused too.
	cov := keysFor(t, CoverageStatement(), Groth16)
	require.NoError(t, s.Save(cov))
	data, err := os.ReadFile(s.Path(CoverageStatement(), Groth16, partVerifying))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	_, err = s.LoadVerifying(sumStatement(), Groth16)
	require.ErrorIs(t, err, ErrKeyMismatch)
	// NewGroth16Keys checks the public input count against the layout.
	_, err = NewGroth16Keys(sumStatement(), nil, cov.Groth16VerifyingKey(), OriginDevSetup)
	require.ErrorIs(t, err, ErrKeyMismatch)
}

// TestNamedWire: a registered statement's proof carries its ID; a proof of
// an unregistered ID, or a claim of another statement's fields, is
// malformed.
func TestNamedWire(t *testing.T) {
	key := newKey(t, device.Ed25519, 42)
	b, err := Signed(sumWitness(t, key, 1, 2, 3))
	require.NoError(t, err)
	wire, err := b.Proof.MarshalBinary()
	require.NoError(t, err)
	e, err := sumStatement().entry()
	require.NoError(t, err)
	require.Equal(t, []byte{wireVersion, byte(Signature), byte(Named), 0}, wire[:headerSize])
	require.Equal(t, e.id[:], wire[headerSize:headerSize+idSize])
	require.Equal(t, len(wire), b.Proof.Size())

	unknown := append([]byte(nil), wire...)
	unknown[headerSize] ^= 1
	_, err = ParseProof(unknown)
	require.ErrorIs(t, err, ErrMalformed)
	require.ErrorContains(t, err, "not registered")
	for _, bad := range [][]byte{wire[:headerSize+idSize-1], append(append([]byte(nil), wire[:3]...), append([]byte{1}, wire[4:]...)...)} {
		_, err = ParseProof(bad)
		require.ErrorIs(t, err, ErrMalformed)
	}
	// Evidence over the statement's bound.
	long := append(append([]byte(nil), wire...), 0)
	_, err = ParseProof(long)
	require.ErrorIs(t, err, ErrMalformed)

	// Claims: inputs must be minimal, below the field order, as many as the
	// layout; built-in fields are refused.
	cw, err := b.Claim.(*InputClaim).wire()
	require.NoError(t, err)
	for name, edit := range map[string]func(w *claimWire){
		"leading zero":   func(w *claimWire) { w.Inputs[0] = append([]byte{0}, w.Inputs[0]...) },
		"too few":        func(w *claimWire) { w.Inputs = w.Inputs[:1] },
		"field order":    func(w *claimWire) { w.Inputs[1] = frModulusBytes() },
		"coverage field": func(w *claimWire) { w.Radius = 5 },
		"series field":   func(w *claimWire) { w.Cap = 5 },
	} {
		w := cw
		w.Inputs = append([][]byte(nil), cw.Inputs...)
		edit(&w)
		_, err := parseClaim(w)
		require.ErrorIs(t, err, ErrMalformed, name)
	}
	// A built-in claim with inputs is refused.
	cov, err := Signed(coverageWitness(t, newKey(t, device.EdDSABN254, 43), NonceFromBytes([]byte("w"))))
	require.NoError(t, err)
	covWire, err := cov.Claim.wire()
	require.NoError(t, err)
	covWire.Inputs = [][]byte{{1}}
	_, err = parseClaim(covWire)
	require.ErrorIs(t, err, ErrMalformed)
}

func frModulusBytes() []byte {
	var e big.Int
	e.SetString("21888242871839275222246405745257275088548364400416034343698204186575808495617", 10)
	return e.Bytes()
}

// TestGoldenSeedsDecode: the proofs and bundles encoded before statements
// were opened (testdata/fuzz) still decode to the built-in statements and
// re-encode to the same bytes.
func TestGoldenSeedsDecode(t *testing.T) {
	for _, tc := range []struct {
		fuzz, name string
		st         Statement
	}{
		{"FuzzParseProof", "coverage-groth16", CoverageStatement()},
		{"FuzzParseProof", "coverage-plonk", CoverageStatement()},
		{"FuzzParseBundle", "coverage-groth16", CoverageStatement()},
		{"FuzzParseBundle", "coverage-plonk", CoverageStatement()},
		{"FuzzParseBundle", "usage-16-groth16", UsageStatement(16)},
	} {
		raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", tc.fuzz, tc.name))
		require.NoError(t, err)
		data := seedBytes(t, raw)
		if tc.fuzz == "FuzzParseProof" {
			p, err := ParseProof(data)
			require.NoError(t, err, tc.name)
			require.Equal(t, tc.st, p.Statement)
			again, err := p.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, data, again)
			continue
		}
		b, err := ParseBundle(data)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.st, b.Claim.Statement())
		again, err := b.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
	}
}

// seedBytes reads a "go test fuzz v1" file holding one []byte.
func seedBytes(t *testing.T, raw []byte) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	require.Len(t, lines, 2)
	q, ok := strings.CutPrefix(lines[1], "[]byte(")
	require.True(t, ok)
	s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
	require.NoError(t, err)
	return []byte(s)
}

// TestRegisterConcurrent: registrations and lookups from many goroutines at
// once (run with -race): each name registers exactly once, whichever
// goroutine wins, and lookups see a statement whole or not at all.
func TestRegisterConcurrent(t *testing.T) {
	const names, tries = 8, 4
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := map[string]int{}
	for i := range names * tries {
		wg.Add(2)
		name := fmt.Sprintf("test-concurrent-%d", i%names)
		go func() {
			defer wg.Done()
			if _, err := Register(sumDefinition(name)); err == nil {
				mu.Lock()
				won[name]++
				mu.Unlock()
			} else if !errors.Is(err, ErrRegistered) {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			if st, err := ParseStatement(name); err == nil {
				if layout, err := st.PublicInputs(); err != nil || len(layout) != 2 {
					t.Error(layout, err)
				}
			}
			_ = Registered()
		}()
	}
	wg.Wait()
	require.Len(t, won, names)
	for name, n := range won {
		require.Equal(t, 1, n, name)
	}
}

// TestCheckPanics: a registered Check that panics on some evidence fails
// that proof with ErrInvalidProof and ErrMalformed; the process goes on.
func TestCheckPanics(t *testing.T) {
	d := sumDefinition("test-panicky")
	d.Check = func(c *InputClaim, ev []byte) error {
		if ev[0] == 0xff {
			var m map[string]int
			m["boom"]++ // a nil map write: the kind of bug a decoder has
		}
		return sumCheck(c, ev)
	}
	st, err := Register(d)
	require.NoError(t, err)
	key := newKey(t, device.Ed25519, 44)
	w := sumWitness(t, key, 1, 2, 3)
	w.Of = st
	b, err := Signed(w)
	require.NoError(t, err)
	v := verifierFor(t)
	require.NoError(t, v.VerifyBundle(b))
	wire, err := b.Proof.MarshalBinary()
	require.NoError(t, err)
	wire[len(wire)-8] = 0xff
	p, err := ParseProof(wire)
	require.NoError(t, err)
	err = v.Verify(b.Claim, p)
	require.ErrorIs(t, err, ErrInvalidProof)
	require.ErrorIs(t, err, ErrMalformed)
	require.ErrorContains(t, err, "Check panicked")
}
