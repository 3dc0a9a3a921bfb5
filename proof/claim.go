package proof

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
	"github.com/depinkit/depinkit/proof/circuit"
)

// A Claim is the public side of a statement: what a device says and a verifier
// checks a proof against. CoverageClaim, UsageClaim and ThresholdClaim are the
// claims of the built-in statements, InputClaim that of any statement
// registered with Register; a Witness (the prover's private values) yields its
// Claim.
type Claim interface {
	// Statement returns the statement the claim is an instance of.
	Statement() Statement
	// DeviceKey returns the key of the device that signed the claim's data.
	DeviceKey() device.PublicKey

	// publicWitness returns the circuit's public witness.
	publicWitness() (witness.Witness, error)
	// check verifies signature-path evidence against the claim.
	check(ev evidence) error
	// wire returns the claim's wire form.
	wire() (claimWire, error)
}

// A Witness is the prover's side of a statement: the claim and the private
// values that prove it.
type Witness interface {
	// Claim returns the public claim the witness proves.
	Claim() (Claim, error)

	// assignment returns the circuit's full assignment, checking the
	// statement natively first.
	assignment() (frontend.Circuit, error)
	// evidence returns the signature-path evidence.
	evidence() (evidence, error)
}

// CoverageClaim says a device was within Radius of Point when it signed Nonce.
// Point and Radius are fixed-point values on a local plane (circuit.CoordBits).
type CoverageClaim struct {
	Point  circuit.Position
	Radius uint32
	Nonce  fr.Element
	Device device.PublicKey
}

// Statement implements Claim.
func (c *CoverageClaim) Statement() Statement { return CoverageStatement() }

// DeviceKey implements Claim.
func (c *CoverageClaim) DeviceKey() device.PublicKey { return c.Device }

func (c *CoverageClaim) publicWitness() (witness.Witness, error) { return assignedPublic(c, c.public) }

func (c *CoverageClaim) public() (frontend.Circuit, error) {
	a, err := circuit.CoveragePublic(c.Point, c.Radius, c.Nonce, c.Device)
	if err != nil {
		return nil, fmt.Errorf("%w: device: %w", ErrInvalidProof, err)
	}
	return a, nil
}

func (c *CoverageClaim) check(ev evidence) error {
	if ev.Readings != nil {
		return fmt.Errorf("%w: coverage evidence carries readings", ErrMalformed)
	}
	pos := circuit.Position{X: ev.X, Y: ev.Y}
	if !pos.Within(c.Point, c.Radius) {
		return fmt.Errorf("position (%d, %d) is not within %d of (%d, %d)", pos.X, pos.Y, c.Radius, c.Point.X, c.Point.Y)
	}
	if err := c.Device.Verify(circuit.NonceMessage(c.Nonce), ev.Sig); err != nil {
		return fmt.Errorf("nonce signature: %w", err)
	}
	return nil
}

func (c *CoverageClaim) wire() (claimWire, error) {
	key, err := keyBytes(c.Device)
	if err != nil {
		return claimWire{}, err
	}
	nonce := c.Nonce.Bytes()
	return claimWire{Statement: "coverage", Device: key, PX: c.Point.X, PY: c.Point.Y, Radius: c.Radius, Nonce: nonce[:]}, nil
}

// CoverageWitness is what a device (or its gateway) proves coverage with: the
// claim, its private position and its signature on circuit.NonceMessage(Nonce)
// (SignNonce makes it).
type CoverageWitness struct {
	CoverageClaim
	Position  circuit.Position
	Signature []byte
}

// Claim implements Witness.
func (w *CoverageWitness) Claim() (Claim, error) {
	c := w.CoverageClaim
	return &c, nil
}

func (w *CoverageWitness) assignment() (frontend.Circuit, error) {
	a, err := circuit.CoverageAssignment(w.Position, w.Point, w.Radius, w.Nonce, w.Device, w.Signature)
	if err != nil {
		return nil, unsatisfied(err)
	}
	return a, nil
}

func (w *CoverageWitness) evidence() (evidence, error) {
	ev := evidence{X: w.Position.X, Y: w.Position.Y, Sig: w.Signature}
	if err := w.check(ev); err != nil {
		return evidence{}, fmt.Errorf("%w: %w", ErrUnsatisfied, err)
	}
	return ev, nil
}

// UsageClaim says a device signed a series of N readings with Merkle root
// Root (circuit.ReadingsRoot), each below Cap, summing to Total.
type UsageClaim struct {
	N      int
	Cap    uint64
	Total  *big.Int
	Root   fr.Element
	Device device.PublicKey
}

// Statement implements Claim.
func (c *UsageClaim) Statement() Statement { return UsageStatement(c.N) }

// DeviceKey implements Claim.
func (c *UsageClaim) DeviceKey() device.PublicKey { return c.Device }

func (c *UsageClaim) publicWitness() (witness.Witness, error) { return assignedPublic(c, c.public) }

func (c *UsageClaim) public() (frontend.Circuit, error) {
	if c.Total == nil {
		return nil, fmt.Errorf("%w: usage claim without total", ErrInvalidProof)
	}
	a, err := circuit.UsagePublic(c.N, c.Cap, c.Total, c.Root, c.Device)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidProof, err)
	}
	return a, nil
}

func (c *UsageClaim) check(ev evidence) error {
	sum, err := checkSeries(c.N, c.Cap, c.Root, c.Device, ev)
	if err != nil {
		return err
	}
	if c.Total == nil || sum.Cmp(c.Total) != 0 {
		return fmt.Errorf("readings sum to %v, claim says %v", sum, c.Total)
	}
	return nil
}

func (c *UsageClaim) wire() (claimWire, error) {
	return seriesWire(UsageStatement(c.N), c.Cap, c.Total, c.Root, c.Device)
}

// UsageWitness is a device's signed reading series: the readings (a supported
// size, each below Cap) and the device's signature on
// circuit.RootMessage(circuit.ReadingsRoot(Readings)) (SignReadings makes it).
type UsageWitness struct {
	Cap       uint64
	Readings  []uint64
	Device    device.PublicKey
	Signature []byte
}

// Claim implements Witness: it computes the root and the total.
func (w *UsageWitness) Claim() (Claim, error) {
	root, err := circuit.ReadingsRoot(w.Readings)
	if err != nil {
		return nil, unsatisfied(err)
	}
	return &UsageClaim{N: len(w.Readings), Cap: w.Cap, Total: sum(w.Readings), Root: root, Device: w.Device}, nil
}

func (w *UsageWitness) assignment() (frontend.Circuit, error) {
	a, err := circuit.UsageAssignment(w.Readings, w.Cap, w.Device, w.Signature)
	if err != nil {
		return nil, unsatisfied(err)
	}
	return a, nil
}

func (w *UsageWitness) evidence() (evidence, error) {
	return seriesEvidence(w, w.Readings, w.Signature)
}

// ThresholdClaim says a device signed a series of N readings with Merkle root
// Root, each below Cap, summing to at least Min (for an average of at least
// a, Min = a·N).
type ThresholdClaim struct {
	N      int
	Cap    uint64
	Min    *big.Int
	Root   fr.Element
	Device device.PublicKey
}

// Statement implements Claim.
func (c *ThresholdClaim) Statement() Statement { return ThresholdStatement(c.N) }

// DeviceKey implements Claim.
func (c *ThresholdClaim) DeviceKey() device.PublicKey { return c.Device }

func (c *ThresholdClaim) publicWitness() (witness.Witness, error) { return assignedPublic(c, c.public) }

func (c *ThresholdClaim) public() (frontend.Circuit, error) {
	if c.Min == nil {
		return nil, fmt.Errorf("%w: threshold claim without minimum", ErrInvalidProof)
	}
	a, err := circuit.ThresholdPublic(c.N, c.Cap, c.Min, c.Root, c.Device)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidProof, err)
	}
	return a, nil
}

func (c *ThresholdClaim) check(ev evidence) error {
	sum, err := checkSeries(c.N, c.Cap, c.Root, c.Device, ev)
	if err != nil {
		return err
	}
	if c.Min == nil || c.Min.Sign() < 0 || sum.Cmp(c.Min) < 0 {
		return fmt.Errorf("readings sum below the minimum %v", c.Min)
	}
	return nil
}

func (c *ThresholdClaim) wire() (claimWire, error) {
	return seriesWire(ThresholdStatement(c.N), c.Cap, c.Min, c.Root, c.Device)
}

// ThresholdWitness is a device's signed series (as UsageWitness) and the
// public minimum its sum reaches.
type ThresholdWitness struct {
	Cap       uint64
	Min       *big.Int
	Readings  []uint64
	Device    device.PublicKey
	Signature []byte
}

// Claim implements Witness.
func (w *ThresholdWitness) Claim() (Claim, error) {
	root, err := circuit.ReadingsRoot(w.Readings)
	if err != nil {
		return nil, unsatisfied(err)
	}
	return &ThresholdClaim{N: len(w.Readings), Cap: w.Cap, Min: w.Min, Root: root, Device: w.Device}, nil
}

func (w *ThresholdWitness) assignment() (frontend.Circuit, error) {
	if w.Min == nil {
		return nil, fmt.Errorf("%w: no minimum", ErrUnsatisfied)
	}
	a, err := circuit.ThresholdAssignment(w.Readings, w.Cap, w.Min, w.Device, w.Signature)
	if err != nil {
		return nil, unsatisfied(err)
	}
	return a, nil
}

func (w *ThresholdWitness) evidence() (evidence, error) {
	return seriesEvidence(w, w.Readings, w.Signature)
}

// SignNonce signs the coverage nonce as a device does (circuit.NonceMessage):
// the signature a CoverageWitness carries.
func SignNonce(s device.Signer, nonce fr.Element) ([]byte, error) {
	sig, err := s.Sign(circuit.NonceMessage(nonce))
	if err != nil {
		return nil, fmt.Errorf("proof: sign nonce: %w", err)
	}
	return sig, nil
}

// SignReadings commits a device to a reading series: it signs
// circuit.RootMessage of the series' Merkle root, the signature a UsageWitness
// or ThresholdWitness carries.
func SignReadings(s device.Signer, readings []uint64) ([]byte, error) {
	root, err := circuit.ReadingsRoot(readings)
	if err != nil {
		return nil, fmt.Errorf("%w: readings: %w", ErrStatement, err)
	}
	sig, err := s.Sign(circuit.RootMessage(root))
	if err != nil {
		return nil, fmt.Errorf("proof: sign readings: %w", err)
	}
	return sig, nil
}

// NonceFromBytes maps arbitrary bytes (an epoch's beacon, a block hash) to a
// nonce: the big-endian integer reduced modulo the BN254 scalar field.
func NonceFromBytes(b []byte) fr.Element {
	var e fr.Element
	e.SetBigInt(new(big.Int).SetBytes(b))
	return e
}

func unsatisfied(err error) error {
	if errors.Is(err, circuit.ErrKey) {
		return fmt.Errorf("%w: %w (the zero-knowledge path needs an EdDSA-BN254 device key)", ErrUnsatisfied, err)
	}
	return fmt.Errorf("%w: %w", ErrUnsatisfied, err)
}

func sum(readings []uint64) *big.Int {
	s, v := new(big.Int), new(big.Int)
	for _, r := range readings {
		s.Add(s, v.SetUint64(r))
	}
	return s
}

// checkSeries checks signature-path evidence of a series: the size, each
// reading below the cap, the signature on the root. It returns the sum.
func checkSeries(n int, limit uint64, root fr.Element, key device.PublicKey, ev evidence) (*big.Int, error) {
	if len(ev.Readings) != n {
		return nil, fmt.Errorf("%d readings, statement has %d", len(ev.Readings), n)
	}
	for i, r := range ev.Readings {
		if r >= limit {
			return nil, fmt.Errorf("reading %d = %d is not below the cap %d", i, r, limit)
		}
	}
	got, err := circuit.ReadingsRoot(ev.Readings)
	if err != nil {
		return nil, err
	}
	if !got.Equal(&root) {
		return nil, errors.New("readings do not have the claimed root")
	}
	if err := key.Verify(circuit.RootMessage(root), ev.Sig); err != nil {
		return nil, fmt.Errorf("root signature: %w", err)
	}
	return sum(ev.Readings), nil
}

func seriesEvidence(w Witness, readings []uint64, sig []byte) (evidence, error) {
	c, err := w.Claim()
	if err != nil {
		return evidence{}, err
	}
	ev := evidence{Readings: append([]uint64{}, readings...), Sig: sig}
	if err := c.check(ev); err != nil {
		return evidence{}, fmt.Errorf("%w: %w", ErrUnsatisfied, err)
	}
	return ev, nil
}

// evidence is the body of a signature-path proof: the signed data. A Named
// statement's evidence is its own bytes (raw), checked by its Definition.
type evidence struct {
	X        int32    `cbor:"1,keyasint,omitempty"`
	Y        int32    `cbor:"2,keyasint,omitempty"`
	Readings []uint64 `cbor:"3,keyasint,omitempty"`
	Sig      []byte   `cbor:"4,keyasint"`

	raw []byte
}

func encodeEvidence(ev evidence) ([]byte, error) {
	if ev.raw != nil {
		return ev.raw, nil
	}
	return canonical.Marshal(ev)
}

func decodeEvidence(st Statement, body []byte) (evidence, error) {
	e, err := st.entry()
	if err != nil {
		return evidence{}, err
	}
	return e.codec.evidence(st, body)
}

// decodeRawEvidence keeps a Named statement's evidence as bytes, bounded by
// its Definition: its Check decodes them.
func decodeRawEvidence(st Statement, body []byte) (evidence, error) {
	e, err := st.entry()
	if err != nil {
		return evidence{}, err
	}
	if len(body) == 0 || len(body) > e.def.MaxEvidence {
		return evidence{}, fmt.Errorf("%s evidence of %d bytes, want 1 to %d", st, len(body), e.def.MaxEvidence)
	}
	return evidence{raw: append([]byte(nil), body...)}, nil
}

// decodeSignedData reads a built-in statement's evidence: the signed data
// (position, or readings) and the signature, canonical CBOR.
func decodeSignedData(st Statement, body []byte) (evidence, error) {
	limits := canonical.DefaultLimits
	if st.N > limits.MaxArray {
		limits.MaxArray = st.N
	}
	dec, err := canonical.NewDecoder(limits)
	if err != nil {
		return evidence{}, err
	}
	var ev evidence
	if err := dec.UnmarshalCanonical(body, &ev); err != nil {
		return evidence{}, err
	}
	if len(ev.Sig) != 64 {
		return evidence{}, fmt.Errorf("signature of %d bytes, want 64", len(ev.Sig))
	}
	if st.Kind == Coverage && ev.Readings != nil {
		return evidence{}, errors.New("coverage evidence carries readings")
	}
	if st.Kind != Coverage && (len(ev.Readings) != st.N || ev.X != 0 || ev.Y != 0) {
		return evidence{}, fmt.Errorf("series evidence: %d readings for %s", len(ev.Readings), st)
	}
	return ev, nil
}
