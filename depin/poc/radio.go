package poc

import (
	"math"
	"math/big"

	"github.com/uber/h3-go/v4"
)

// Radio geometry: distances between asserted cells and the free-space RSSI
// bound, as Helium's IoT oracle computes them (helium/oracles iot_verifier
// poc.rs @824f7724).

// SpeedOfLight is Helium's C: the speed of light in air, 2.998e8 m/s, an
// integer here.
const SpeedOfLight = 299_800_000

// DistanceM is the distance in whole metres between the centres of two cells:
// the haversine great-circle distance on H3's authalic sphere (radius
// 6,371,007.180918475 m, the radius Helium's h3o uses too), rounded half away
// from zero. ok is false if a cell is invalid.
//
// This is floating-point trigonometry in H3's C library. It is reproducible on
// one platform; across platforms a libm may differ in the last bit, which can
// change the rounded metre only when the distance lies within about 1e-9 m of
// a half metre. The result is an integer, and every rule downstream of it is
// exact.
func DistanceM(a, b h3.Cell) (uint32, bool) {
	if !a.IsValid() || !b.IsValid() {
		return 0, false
	}
	d := math.Round(h3.GreatCircleDistanceM(a.LatLng(), b.LatLng()))
	if d < 0 || d > math.MaxUint32 {
		return 0, false
	}
	return uint32(d), true
}

// CellDistance is the H3 grid distance between the parents at resolution res
// of two cells. Like Helium's oracle, a distance H3 cannot compute (across a
// pentagon's distortion, or too far apart) is 0, which fails the minimum
// distance rule.
func CellDistance(a, b h3.Cell, res int) int {
	if !a.IsValid() || !b.IsValid() || a.Resolution() < res || b.Resolution() < res {
		return 0
	}
	d := h3.GridDistance(a.Parent(res), b.Parent(res))
	if d < 0 {
		return 0
	}
	return d
}

// linkBudget is Helium's integer part of the expected RSSI: tx power plus the
// two antenna gains, each truncated to whole dBi (Rust's i32 division, as Go's).
func linkBudget(txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi int32) int64 {
	return int64(txPowerDBm) + int64(beaconerGainDeciDBi/10) + int64(witnessGainDeciDBi/10)
}

// ExpectedRSSI is the strongest signal, in dBm, a witness distanceM away can
// receive from a beacon sent at txPowerDBm on frequencyHz in free space:
//
//	tx + trunc(gain_b/10) − 20·log10(4π·d·f / 2.998e8) + trunc(gain_w/10)
//
// Helium's calc_expected_rssi, in float64: Helium's vector (tx 12 dBm, gains
// 81 and 83 deci-dBi, 508 m, 867,900,024 Hz) gives −57.334232963418515. It is
// for display and explanation only; the validity rule is RSSITooHigh, which
// decides the same comparison exactly.
func ExpectedRSSI(txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi int32, distanceM uint32, frequencyHz uint64) float64 {
	fspl := 20 * math.Log10(4*math.Pi*float64(distanceM)*float64(frequencyHz)/SpeedOfLight)
	return float64(linkBudget(txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi)) - fspl
}

// RSSITooHigh is Helium's RSSI rule: a witness report is invalid if
// signal/10 > ExpectedRSSI (signal in deci-dBm), a signal stronger than free
// space allows at the asserted distance. It is FreeSpace.TooStrong.
//
// It is decided exactly: with T the link budget and
// K = 10·T − signal (an integer), signal/10 > T − 20·log10(x) holds iff
// log10(x) > K/200, iff x^200 > 10^K, where x = 4π·d·f/299,800,000. Both sides
// are computed with 512-bit big.Float arithmetic (π to 100 digits), whose error
// is far below the gap between x^200 and 10^K (x^200 is never exactly 10^K: π
// is transcendental). A float64 evaluation of the logarithms filters out the
// cases far from the boundary, where its sign is certain; it never decides a
// close case. Helium's float64 computation agrees with it whenever the
// expected RSSI is more than about 1e-12 dB from a deci-dBm boundary (the tests
// sweep integer inputs to show it). A zero distance or frequency gives an
// infinite expected RSSI, as in Helium: never too high.
func RSSITooHigh(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi int32, distanceM uint32, frequencyHz uint64) bool {
	return FreeSpace.TooStrong(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi, distanceM, frequencyHz)
}

// PathLoss is a log-distance path-loss model anchored at free space 1 m from
// the antenna:
//
//	PL(d) = 20·log10(4π·f/C) + n·10·log10(d / 1 m)   dB,   n = ExponentTenths/10
//
// n = 2 is free space (Helium's RSSI rule); urban LoRa links are nearer
// n = 3.5. MarginDeciDB is added to the link budget, to allow for shadowing
// (a signal a few dB above the model's mean).
//
// ExponentTenths must be at most MaxExponentTenths and |MarginDeciDB| at most
// MaxMarginDeciDB; a model outside those ranges (or with a zero exponent)
// never finds a signal too strong (Valid reports it).
type PathLoss struct {
	ExponentTenths uint32
	MarginDeciDB   int32
}

// Ranges of a PathLoss.
const (
	MaxExponentTenths = 100    // n = 10
	MaxMarginDeciDB   = 10_000 // 1,000 dB
)

// Valid reports whether the model's parameters are in range.
func (m PathLoss) Valid() bool {
	return m.ExponentTenths > 0 && m.ExponentTenths <= MaxExponentTenths && m.MarginDeciDB >= -MaxMarginDeciDB && m.MarginDeciDB <= MaxMarginDeciDB
}

// FreeSpace is Helium's model: n = 2, no margin.
var FreeSpace = PathLoss{ExponentTenths: 20}

// DefaultTrustModel is the model Scores grades links with: n = 2.7 and a
// 10 dB shadowing margin, calibrated so that no link Helium's oracle
// validates in its own tests loses trust.
//
// Helium's RSSI rule only refuses a signal stronger than free space (n = 2):
// the physical limit. A trust model asks more — could this signal have come
// from that far over real ground? — so it must not be steeper than the
// flattest terrain the network covers. Helium's valid fixtures
// (helium/oracles iot_verifier/src/poc.rs @824f7724, test_verify_witness_rssi
// and test_witness_verification_list) include a 22,694 m link heard at
// −106 dBm from 27 dBm with 8 and 1 dBi antennas (904.7 MHz) — 142 dB of
// loss, a path-loss exponent of 2.53 from a free-space metre — and a
// 1,314 m link at −108 dBm from 8 dBm with 1 and 2 dBi (867.9 MHz),
// exponent 2.81. n = 2.7 is the low end of the exponents Rappaport lists for
// urban cellular radio (2.7 to 3.5; Wireless Communications, Table 4.2), and
// 10 dB covers the shadowing LoRa field measurements report (a standard
// deviation near 8 dB at 868 MHz: Petäjäjärvi et al., "On the coverage of
// LPWANs", ITST 2015). With it the 22.7 km link's limit is 28.8 km and the
// 1.3 km link's 4.2 km: full trust (TestTrustKeepsHeliumFixtures). The
// previous default, n = 3.5 (UrbanTrustModel), limits them to 2.8 km and
// 0.6 km and zeroes both.
//
// The price of a flat model is reach: it only catches a liar whose links are
// strong for the distance it asserts. A network that knows its links are all
// urban and non-line-of-sight can grade them with UrbanTrustModel
// (ScoreConfig.TrustModel), as the simulated cities of package pocsim (n =
// 4.2) do.
var DefaultTrustModel = PathLoss{ExponentTenths: 27, MarginDeciDB: 100}

// UrbanTrustModel grades links as urban non-line-of-sight propagation: n =
// 3.5 (the top of Rappaport's urban cellular range) and a 10 dB margin. It
// zeroes the trust of long line-of-sight links that Helium pays (see
// DefaultTrustModel); use it only where there are none.
var UrbanTrustModel = PathLoss{ExponentTenths: 35, MarginDeciDB: 100}

// TooStrong reports whether a signal of signalDeciDBm is stronger than the
// model allows over distanceM: signal/10 > T + margin/10 − PL(d), with T the
// link budget (tx power plus the gains truncated to whole dBi, as Helium). It
// is exact: with K = 10·T + margin − signal, the condition is
// a^200 · d^(10·ExponentTenths) > 10^K with a = 4π·f/C, compared in 512-bit
// big.Float arithmetic (see RSSITooHigh). A zero distance or frequency, or an
// invalid model, is never too strong.
func (m PathLoss) TooStrong(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi int32, distanceM uint32, frequencyHz uint64) bool {
	if distanceM == 0 || frequencyHz == 0 || !m.Valid() {
		return false
	}
	k := 10*linkBudget(txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi) + int64(m.MarginDeciDB) - int64(signalDeciDBm)
	// log10(a^200 · d^(10n)) lies within [−1,500, 11,000] for any frequency
	// and distance: a k beyond ±10^6 decides alone (and keeps 10^k finite).
	if k > 1_000_000 {
		return false
	}
	if k < -1_000_000 {
		return true
	}
	// A float64 filter first: v = log10(a^200 · d^(10n) / 10^k). Its terms
	// are below 2·10^6 and each is within a few ulps, so its error is below
	// 1e-9, and when |v| > 1e-6 its sign is the exact
	// answer; only closer cases (within about 2e-5 dB of the boundary) need
	// the exact comparison.
	v := 200*math.Log10(4*math.Pi*float64(frequencyHz)/SpeedOfLight) + 10*float64(m.ExponentTenths)*math.Log10(float64(distanceM)) - float64(k)
	if v > filterGap {
		return true
	}
	if v < -filterGap {
		return false
	}
	return m.tooStrongExact(k, distanceM, frequencyHz)
}

// filterGap is where TooStrong's float64 filter stops deciding.
const filterGap = 1e-6

// tooStrongExact decides a^200 · d^(10n) > 10^k in 512-bit arithmetic.
func (m PathLoss) tooStrongExact(k int64, distanceM uint32, frequencyHz uint64) bool {
	a := newFloat().SetUint64(frequencyHz)
	a.Mul(a, fourPi)
	a.Quo(a, newFloat().SetUint64(SpeedOfLight))
	lhs := powFloat(a, 200)
	lhs.Mul(lhs, powFloat(newFloat().SetUint64(uint64(distanceM)), 10*uint64(m.ExponentTenths)))
	ten := newFloat().SetUint64(10)
	if k >= 0 {
		return lhs.Cmp(powFloat(ten, uint64(k))) > 0
	}
	// lhs > 10^k with k < 0: lhs · 10^−k > 1.
	lhs.Mul(lhs, powFloat(ten, uint64(-k)))
	return lhs.Cmp(newFloat().SetUint64(1)) > 0
}

// MaxPlausibleDistanceM is FreeSpace.MaxDistanceM.
func MaxPlausibleDistanceM(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi int32, frequencyHz uint64) uint32 {
	return FreeSpace.MaxDistanceM(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi, frequencyHz)
}

// MaxDistanceM is the largest whole distance in metres over which a signal of
// signalDeciDBm is not TooStrong: under the model, a link of that strength is
// at most this long. A pair of hotspots asserted farther apart contradicts
// their own radio. It returns math.MaxUint32 when every distance is plausible.
//
// The answer is exact (TooStrong defines it); a float64 estimate only chooses
// where the exact search starts.
func (m PathLoss) MaxDistanceM(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi int32, frequencyHz uint64) uint32 {
	if frequencyHz == 0 || !m.Valid() {
		return math.MaxUint32
	}
	tooStrong := func(d uint32) bool {
		return m.TooStrong(signalDeciDBm, txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi, d, frequencyHz)
	}
	// Estimate: log10(d) = (T + margin/10 − s/10 − 20·log10(4πf/C)) / n.
	t := float64(linkBudget(txPowerDBm, beaconerGainDeciDBi, witnessGainDeciDBi)) + float64(m.MarginDeciDB)/10 - float64(signalDeciDBm)/10
	est := math.Pow(10, (t-20*math.Log10(4*math.Pi*float64(frequencyHz)/SpeedOfLight))/(float64(m.ExponentTenths)/10))
	if est >= 0 && est < math.MaxUint32-1 {
		d := uint32(est)
		if !tooStrong(d) && tooStrong(d+1) {
			return d
		}
	}
	// The estimate was off (it never is by more than a metre in practice):
	// bisect, tooStrong being false at 0 and monotone in d.
	if !tooStrong(math.MaxUint32) {
		return math.MaxUint32
	}
	lo, hi := uint32(0), uint32(math.MaxUint32)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if tooStrong(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo
}

const floatPrec = 512

// pi100 is π to 100 decimal places (about 332 bits).
const pi100 = "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679"

var fourPi = func() *big.Float {
	p, _, err := big.ParseFloat(pi100, 10, floatPrec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return p.Mul(p, big.NewFloat(4).SetPrec(floatPrec))
}()

func newFloat() *big.Float { return new(big.Float).SetPrec(floatPrec) }

// powFloat returns x^n by binary exponentiation at floatPrec.
func powFloat(x *big.Float, n uint64) *big.Float {
	out := newFloat().SetUint64(1)
	base := newFloat().Set(x)
	for n > 0 {
		if n&1 == 1 {
			out.Mul(out, base)
		}
		n >>= 1
		if n > 0 {
			base.Mul(base, base)
		}
	}
	return out
}
