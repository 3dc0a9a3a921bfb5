package telecom

import (
	"crypto/sha256"
	"fmt"
	"math"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/canonical"
	"github.com/depinkit/depinkit/depin/bandwidth"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// Content types of the vertical's envelopes, besides package poc's
// (poc.ContentTypeLocation, poc.ContentTypeBeacon, poc.ContentTypeWitness).
const (
	// ContentTypeSession carries a co-signed bandwidth session, sealed by its
	// provider, with an optional usage proof (SessionPayload).
	ContentTypeSession = bandwidth.ContentTypeSession
	// ContentTypeClient is a bandwidth client's hello: a registered device
	// announces itself (its key) so that sessions it co-signs can be checked.
	ContentTypeClient = "depinkit/telecom/client/v1"
)

// ContentTypeCoverage carries a private hotspot's zero-knowledge coverage
// proof (a proof.Bundle of the Coverage statement).
var ContentTypeCoverage = proof.ContentType(proof.CoverageStatement())

// Payload bounds.
const (
	maxSessionPayload  = 4096
	maxHelloPayload    = 16
	maxCoveragePayload = 2048
)

// SessionPayload is the payload of a ContentTypeSession envelope: the
// session (bandwidth.Session.Marshal) and, if the provider metered it, a
// usage proof bundle (proof.Bundle.MarshalBinary of a bandwidth.UsageWitness
// proof; empty if none).
type SessionPayload struct {
	_       struct{} `cbor:",toarray"`
	Session []byte
	Usage   []byte
}

var payloadDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})

// SealSession seals a co-signed session, and its usage proof if not nil, in
// an envelope signed by the provider.
func SealSession(provider device.Signer, seq uint64, at time.Time, s *bandwidth.Session, usage *proof.Bundle) ([]byte, error) {
	sb, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	p := SessionPayload{Session: sb, Usage: []byte{}}
	if usage != nil {
		if p.Usage, err = usage.MarshalBinary(); err != nil {
			return nil, err
		}
	}
	return device.Seal(provider, device.Header{Device: s.Provider, ContentType: ContentTypeSession, Seq: seq, Time: at}, p)
}

type hello struct {
	_       struct{} `cbor:",toarray"`
	Version uint8
}

// SealHello seals a bandwidth client's hello.
func SealHello(client device.Signer, seq uint64, at time.Time) ([]byte, error) {
	return device.Seal(client, device.Header{ContentType: ContentTypeClient, Seq: seq, Time: at}, hello{Version: 1})
}

// SealCoverage seals a coverage bundle in an envelope signed by its hotspot.
func SealCoverage(hotspot device.Signer, seq uint64, at time.Time, b *proof.Bundle) ([]byte, error) {
	return device.Seal(hotspot, device.Header{ContentType: ContentTypeCoverage, Seq: seq, Time: at}, b)
}

const entropyDomain = "depinkit/telecom/entropy/v1\x00"

// Entropy is the proof-of-coverage entropy of an epoch whose seed is seed
// (vertical.EpochStarter: the digest of the commit that closed the previous
// epoch, EpochSummary.CommitDigest; zero for epoch 0): the first 16 bytes of
// SHA-256(domain || seed). Beacons are built from it (poc.BeaconData), and
// private hotspots sign CoverageNonce(entropy): nobody can prepare either
// before the previous epoch closed.
func Entropy(seed [32]byte) []byte {
	h := sha256.Sum256(append([]byte(entropyDomain), seed[:]...))
	return h[:16]
}

// CoverageNonce is the nonce a coverage claim must carry for an epoch's
// entropy.
func CoverageNonce(entropy []byte) fr.Element { return proof.NonceFromBytes(entropy) }

// Anchor is the public point of an H3 cell in a coverage claim: its centre in
// microdegrees, X east (longitude) and Y north (latitude), rounded to the
// nearest. A private hotspot proves it lies within a radius of the anchor of
// its coarse cell; the radius is in microdegrees of both axes, so on the
// ground it is an ellipse, narrower east-west by cos(latitude).
func Anchor(cell h3.Cell) circuit.Position {
	ll := cell.LatLng()
	return circuit.Position{X: int32(math.Round(ll.Lng * 1e6)), Y: int32(math.Round(ll.Lat * 1e6))}
}

// CellOfAnchor returns the resolution-res cell whose Anchor is p, and false
// if p is not exactly the anchor of the cell it lies in.
func CellOfAnchor(p circuit.Position, res int) (h3.Cell, bool) {
	cell := h3.LatLngToCell(h3.NewLatLng(float64(p.Y)/1e6, float64(p.X)/1e6), res)
	if !cell.IsValid() || Anchor(cell) != p {
		return 0, false
	}
	return cell, true
}

// PositionOf is a point's position in a coverage witness: microdegrees, as
// Anchor.
func PositionOf(ll h3.LatLng) circuit.Position {
	return circuit.Position{X: int32(math.Round(ll.Lng * 1e6)), Y: int32(math.Round(ll.Lat * 1e6))}
}

// CoverageWitness builds a private hotspot's coverage witness for an epoch:
// it is at position, within radius of the anchor of cell, and signs the
// epoch's nonce with key. Prove it with a proof.Prover of the Coverage
// statement (Groth16: the vertical takes only zero-knowledge proofs).
func CoverageWitness(key device.Signer, cell h3.Cell, position circuit.Position, radius uint32, entropy []byte) (*proof.CoverageWitness, error) {
	nonce := CoverageNonce(entropy)
	sig, err := proof.SignNonce(key, nonce)
	if err != nil {
		return nil, err
	}
	w := &proof.CoverageWitness{
		CoverageClaim: proof.CoverageClaim{Point: Anchor(cell), Radius: radius, Nonce: nonce, Device: key.Public()},
		Position:      position,
		Signature:     sig,
	}
	if !position.Within(w.Point, radius) {
		return nil, fmt.Errorf("telecom: position (%d, %d) is not within %d µdeg of cell %s's anchor", position.X, position.Y, radius, cell)
	}
	return w, nil
}
