package poc

import (
	"fmt"
	"math"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/proof/circuit"
)

// Private locations. A hotspot that keeps its exact location private asserts
// only a coarse cell and proves, for each epoch's nonce, that it stands within
// a radius of that cell's centre: package proof's Coverage statement, on a
// local plane. Plane maps cells to the plane; CoverageWitness builds the
// hotspot's witness, CoverageClaim the claim a verifier expects.

// Plane is a local plane around Origin in millimetres east (X) and north (Y):
// the equirectangular projection on H3's sphere, X = R·Δλ·cos(φ0),
// Y = R·Δφ, rounded to the millimetre (circuit.Position's unit here). Within a
// few tens of kilometres of the origin its distances are within 0.1% of the
// great-circle ones. Positions are computed in float64 and rounded: equal on
// one platform; across platforms a coordinate can differ only if it lies
// within about 1e-6 mm of a half millimetre.
type Plane struct {
	Origin h3.LatLng
}

const earthRadiusMM = 6_371_007_180.918475 // H3's authalic radius, in mm

// Position maps a point to the plane; it fails beyond int32 millimetres
// (about 2,147 km from the origin).
func (p Plane) Position(ll h3.LatLng) (circuit.Position, error) {
	rad := math.Pi / 180
	dLng := math.Remainder(ll.Lng-p.Origin.Lng, 360)
	x := math.Round(earthRadiusMM * dLng * rad * math.Cos(p.Origin.Lat*rad))
	y := math.Round(earthRadiusMM * (ll.Lat - p.Origin.Lat) * rad)
	if !(math.Abs(x) <= math.MaxInt32 && math.Abs(y) <= math.MaxInt32) {
		return circuit.Position{}, fmt.Errorf("%w: (%f, %f) is too far from the plane's origin", ErrCoverage, ll.Lat, ll.Lng)
	}
	return circuit.Position{X: int32(x), Y: int32(y)}, nil
}

// CellPosition maps a cell's centre to the plane.
func (p Plane) CellPosition(c h3.Cell) (circuit.Position, error) {
	if !c.IsValid() {
		return circuit.Position{}, fmt.Errorf("%w: cell %#x is not valid", ErrCoverage, uint64(c))
	}
	return p.Position(c.LatLng())
}

// CoverageClaim is the claim a verifier checks a hotspot's coverage proof
// against: the hotspot's key, within radiusM metres of the centre of the public
// cell, having signed the nonce (proof.NonceFromBytes of the epoch's entropy).
func CoverageClaim(p Plane, key device.PublicKey, public h3.Cell, radiusM uint32, nonce []byte) (*proof.CoverageClaim, error) {
	point, err := p.CellPosition(public)
	if err != nil {
		return nil, err
	}
	if radiusM > math.MaxUint32/1000 {
		return nil, fmt.Errorf("%w: radius %d m beyond %d", ErrCoverage, radiusM, math.MaxUint32/1000)
	}
	return &proof.CoverageClaim{Point: point, Radius: radiusM * 1000, Nonce: proof.NonceFromBytes(nonce), Device: key}, nil
}

// CoverageWitness is a hotspot's witness that it stands in cell at, within
// radiusM of the centre of the public cell, signing the nonce with key. Prove
// it with proof.Signed (which reveals the position) or a proof.Prover (which
// hides it; the key must then be EdDSA-BN254). It fails with ErrCoverage if the
// hotspot is not within the radius.
func CoverageWitness(p Plane, key device.Signer, at, public h3.Cell, radiusM uint32, nonce []byte) (*proof.CoverageWitness, error) {
	c, err := CoverageClaim(p, key.Public(), public, radiusM, nonce)
	if err != nil {
		return nil, err
	}
	pos, err := p.CellPosition(at)
	if err != nil {
		return nil, err
	}
	if !pos.Within(c.Point, c.Radius) {
		return nil, fmt.Errorf("%w: cell %s is not within %d m of %s", ErrCoverage, at, radiusM, public)
	}
	sig, err := proof.SignNonce(key, c.Nonce)
	if err != nil {
		return nil, err
	}
	return &proof.CoverageWitness{CoverageClaim: *c, Position: pos, Signature: sig}, nil
}

// VerifyCoverage checks a coverage bundle against what the verifier expects
// (CoverageClaim of the hotspot's key, public cell, radius and nonce) and its
// proof with v.
func VerifyCoverage(v *proof.Verifier, b *proof.Bundle, p Plane, key device.PublicKey, public h3.Cell, radiusM uint32, nonce []byte) error {
	want, err := CoverageClaim(p, key, public, radiusM, nonce)
	if err != nil {
		return err
	}
	got, ok := b.Claim.(*proof.CoverageClaim)
	switch {
	case !ok:
		return fmt.Errorf("%w: bundle proves %s, not coverage", ErrCoverage, b.Claim.Statement())
	case got.Point != want.Point || got.Radius != want.Radius || !got.Nonce.Equal(&want.Nonce) || !got.Device.Equal(want.Device):
		return fmt.Errorf("%w: claim is not the expected one (point, radius, nonce or device differ)", ErrCoverage)
	}
	if err := v.Verify(want, b.Proof); err != nil {
		return fmt.Errorf("%w: %w", ErrCoverage, err)
	}
	return nil
}
