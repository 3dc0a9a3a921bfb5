package poc

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/uber/h3-go/v4"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/internal/canonical"
)

// Content types of the messages (device.Header.ContentType).
const (
	ContentTypeLocation = "depinkit/poc/location/v1"
	ContentTypeBeacon   = "depinkit/poc/beacon/v1"
	ContentTypeWitness  = "depinkit/poc/witness/v1"
)

// Limits of the messages.
const (
	// MaxMessageSize bounds an encoded LocationAssertion, Beacon or Witness.
	MaxMessageSize = 512
	// MaxEntropySize bounds Beacon.Entropy and Beacon.LocalEntropy.
	MaxEntropySize = 64
	// BeaconDataSize is the size of Beacon.Data (BeaconData's output).
	BeaconDataSize = sha256.Size
	// MaxDataRateLen bounds Beacon.DataRate and Witness.DataRate ("SF12BW125").
	MaxDataRateLen = 16
	// MinAssertRes and MaxAssertRes bound the resolution of an asserted cell:
	// Helium asserts resolution-12 cells; hex density needs 11 or finer.
	MinAssertRes = 11
	MaxAssertRes = 15
)

// Field ranges. Gains are in deci-dBi (Helium's unit: 12 is 1.2 dBi), signals in
// deci-dBm, SNR in deci-dB.
const (
	MinGainDeciDBi   = -100
	MaxGainDeciDBi   = 300
	MinElevationM    = -500
	MaxElevationM    = 10_000
	MinTxPowerDBm    = -10
	MaxTxPowerDBm    = 36
	MinSignalDeciDBm = -2000
	MaxSignalDeciDBm = 500
	MinSNRDeciDB     = -500
	MaxSNRDeciDB     = 500
	MaxFrequencyHz   = 10_000_000_000
	// MaxTimeMs bounds every time (Unix ms): the last millisecond of year
	// 9999, so that differences of times never overflow.
	MaxTimeMs = 253_402_300_799_999
)

// LocationAssertion is a hotspot's claim of where it is: an H3 cell (resolution
// 12 as Helium, 11 to 15 accepted), its antenna gain and elevation. The hotspot
// signs it inside a device envelope (SealLocation); Nonce counts its assertions
// so that an old one cannot be replayed (State.Assert wants it above the last).
type LocationAssertion struct {
	Hotspot     device.ID
	Cell        h3.Cell
	GainDeciDBi int32
	ElevationM  int32
	Nonce       uint64
}

type locationWire struct {
	_           struct{} `cbor:",toarray"`
	Hotspot     []byte
	Cell        uint64
	GainDeciDBi int32
	ElevationM  int32
	Nonce       uint64
}

// Check reports whether every field is in range.
func (a *LocationAssertion) Check() error {
	switch {
	case a.Hotspot.IsZero():
		return fmt.Errorf("%w: location: hotspot is zero", ErrInvalidField)
	case !a.Cell.IsValid():
		return fmt.Errorf("%w: location: cell %#x is not a valid H3 cell", ErrInvalidField, uint64(a.Cell))
	case a.Cell.Resolution() < MinAssertRes || a.Cell.Resolution() > MaxAssertRes:
		return fmt.Errorf("%w: location: cell %s has resolution %d, want %d..%d", ErrInvalidField, a.Cell, a.Cell.Resolution(), MinAssertRes, MaxAssertRes)
	case a.GainDeciDBi < MinGainDeciDBi || a.GainDeciDBi > MaxGainDeciDBi:
		return fmt.Errorf("%w: location: gain %d deci-dBi, want %d..%d", ErrInvalidField, a.GainDeciDBi, MinGainDeciDBi, MaxGainDeciDBi)
	case a.ElevationM < MinElevationM || a.ElevationM > MaxElevationM:
		return fmt.Errorf("%w: location: elevation %d m, want %d..%d", ErrInvalidField, a.ElevationM, MinElevationM, MaxElevationM)
	}
	return nil
}

// Marshal checks the assertion and encodes it as canonical CBOR.
func (a *LocationAssertion) Marshal() ([]byte, error) {
	if err := a.Check(); err != nil {
		return nil, err
	}
	return canonical.Marshal(a.wire())
}

func (a *LocationAssertion) wire() locationWire {
	return locationWire{Hotspot: a.Hotspot[:], Cell: uint64(a.Cell), GainDeciDBi: a.GainDeciDBi, ElevationM: a.ElevationM, Nonce: a.Nonce}
}

// ParseLocationAssertion decodes what Marshal produced (canonical encodings
// only, at most MaxMessageSize bytes) and checks the fields.
func ParseLocationAssertion(data []byte) (*LocationAssertion, error) {
	var w locationWire
	if err := decode("location", data, &w); err != nil {
		return nil, err
	}
	a := &LocationAssertion{Cell: h3.Cell(w.Cell), GainDeciDBi: w.GainDeciDBi, ElevationM: w.ElevationM, Nonce: w.Nonce}
	var err error
	if a.Hotspot, err = idOf("location: hotspot", w.Hotspot); err != nil {
		return nil, err
	}
	if err := a.Check(); err != nil {
		return nil, err
	}
	return a, nil
}

// Beacon is what a hotspot transmits over the air and reports: Data, derived
// from the network's public Entropy and the hotspot's LocalEntropy (BeaconData),
// sent at FrequencyHz with TxPowerDBm conducted power at DataRate, at TimeMs
// (the hotspot's clock, Unix milliseconds).
type Beacon struct {
	Beaconer     device.ID
	Entropy      []byte // the network's entropy the beacon was built from, 1..MaxEntropySize bytes
	LocalEntropy []byte // the beaconer's own, 0..MaxEntropySize bytes
	Data         []byte // BeaconData(Entropy, LocalEntropy)
	FrequencyHz  uint64
	TxPowerDBm   int32
	DataRate     string // e.g. "SF9BW125": 1..MaxDataRateLen bytes of [A-Z0-9]
	TimeMs       int64
}

type beaconWire struct {
	_            struct{} `cbor:",toarray"`
	Beaconer     []byte
	Entropy      []byte
	LocalEntropy []byte
	Data         []byte
	FrequencyHz  uint64
	TxPowerDBm   int32
	DataRate     string
	TimeMs       int64
}

const beaconDataDomain = "depinkit/poc/beacon-data/v1\x00"

// BeaconData is the payload a beacon built from entropy and local must carry:
// SHA-256("depinkit/poc/beacon-data/v1" || 0x00 || uint16be(len(entropy)) ||
// entropy || local). Helium's oracle regenerates the beacon the same way from
// the remote and local entropy (its region parameters also pick frequency and
// data rate; here the beacon states them and Validate checks the witnesses
// against them).
func BeaconData(entropy, local []byte) []byte {
	h := sha256.New()
	h.Write([]byte(beaconDataDomain))
	var n [2]byte
	binary.BigEndian.PutUint16(n[:], uint16(len(entropy)))
	h.Write(n[:])
	h.Write(entropy)
	h.Write(local)
	return h.Sum(nil)
}

// PayloadHash is the SHA-256 of the beacon's Data: what a witness reports it
// heard, and the key that pairs witness reports with their beacon.
func (b *Beacon) PayloadHash() [32]byte { return sha256.Sum256(b.Data) }

// Check reports whether every field is in range. It does not check that Data
// is BeaconData(Entropy, LocalEntropy): Validate does, as a PoC rule.
func (b *Beacon) Check() error {
	switch {
	case b.Beaconer.IsZero():
		return fmt.Errorf("%w: beacon: beaconer is zero", ErrInvalidField)
	case len(b.Entropy) == 0 || len(b.Entropy) > MaxEntropySize:
		return fmt.Errorf("%w: beacon: entropy is %d bytes, want 1..%d", ErrInvalidField, len(b.Entropy), MaxEntropySize)
	case len(b.LocalEntropy) > MaxEntropySize:
		return fmt.Errorf("%w: beacon: local entropy is %d bytes, want at most %d", ErrInvalidField, len(b.LocalEntropy), MaxEntropySize)
	case len(b.Data) != BeaconDataSize:
		return fmt.Errorf("%w: beacon: data is %d bytes, want %d", ErrInvalidField, len(b.Data), BeaconDataSize)
	case b.FrequencyHz == 0 || b.FrequencyHz > MaxFrequencyHz:
		return fmt.Errorf("%w: beacon: frequency %d Hz, want 1..%d", ErrInvalidField, b.FrequencyHz, uint64(MaxFrequencyHz))
	case b.TxPowerDBm < MinTxPowerDBm || b.TxPowerDBm > MaxTxPowerDBm:
		return fmt.Errorf("%w: beacon: tx power %d dBm, want %d..%d", ErrInvalidField, b.TxPowerDBm, MinTxPowerDBm, MaxTxPowerDBm)
	case b.TimeMs <= 0 || b.TimeMs > MaxTimeMs:
		return fmt.Errorf("%w: beacon: time %d ms, want 1..%d", ErrInvalidField, b.TimeMs, int64(MaxTimeMs))
	}
	return checkDataRate("beacon", b.DataRate)
}

// Marshal checks the beacon and encodes it as canonical CBOR.
func (b *Beacon) Marshal() ([]byte, error) {
	if err := b.Check(); err != nil {
		return nil, err
	}
	return canonical.Marshal(b.wire())
}

func (b *Beacon) wire() beaconWire {
	return beaconWire{Beaconer: b.Beaconer[:], Entropy: b.Entropy, LocalEntropy: b.LocalEntropy, Data: b.Data,
		FrequencyHz: b.FrequencyHz, TxPowerDBm: b.TxPowerDBm, DataRate: b.DataRate, TimeMs: b.TimeMs}
}

// ParseBeacon decodes what Marshal produced (canonical encodings only, at most
// MaxMessageSize bytes) and checks the fields.
func ParseBeacon(data []byte) (*Beacon, error) {
	var w beaconWire
	if err := decode("beacon", data, &w); err != nil {
		return nil, err
	}
	b := &Beacon{Entropy: w.Entropy, LocalEntropy: w.LocalEntropy, Data: w.Data, FrequencyHz: w.FrequencyHz,
		TxPowerDBm: w.TxPowerDBm, DataRate: w.DataRate, TimeMs: w.TimeMs}
	var err error
	if b.Beaconer, err = idOf("beacon: beaconer", w.Beaconer); err != nil {
		return nil, err
	}
	if err := b.Check(); err != nil {
		return nil, err
	}
	return b, nil
}

// Witness is a hotspot's report that it heard a beacon: the SHA-256 of the
// beacon's data (Beacon.PayloadHash), the received signal strength in deci-dBm,
// the SNR in deci-dB, the frequency and data rate it heard it on, and when
// (its clock, Unix milliseconds).
type Witness struct {
	Witness       device.ID
	PayloadHash   [32]byte
	SignalDeciDBm int32
	SNRDeciDB     int32
	FrequencyHz   uint64
	DataRate      string
	TimeMs        int64
}

type witnessWire struct {
	_             struct{} `cbor:",toarray"`
	Witness       []byte
	PayloadHash   []byte
	SignalDeciDBm int32
	SNRDeciDB     int32
	FrequencyHz   uint64
	DataRate      string
	TimeMs        int64
}

// Check reports whether every field is in range.
func (w *Witness) Check() error {
	switch {
	case w.Witness.IsZero():
		return fmt.Errorf("%w: witness: witness is zero", ErrInvalidField)
	case w.SignalDeciDBm < MinSignalDeciDBm || w.SignalDeciDBm > MaxSignalDeciDBm:
		return fmt.Errorf("%w: witness: signal %d deci-dBm, want %d..%d", ErrInvalidField, w.SignalDeciDBm, MinSignalDeciDBm, MaxSignalDeciDBm)
	case w.SNRDeciDB < MinSNRDeciDB || w.SNRDeciDB > MaxSNRDeciDB:
		return fmt.Errorf("%w: witness: snr %d deci-dB, want %d..%d", ErrInvalidField, w.SNRDeciDB, MinSNRDeciDB, MaxSNRDeciDB)
	case w.FrequencyHz == 0 || w.FrequencyHz > MaxFrequencyHz:
		return fmt.Errorf("%w: witness: frequency %d Hz, want 1..%d", ErrInvalidField, w.FrequencyHz, uint64(MaxFrequencyHz))
	case w.TimeMs <= 0 || w.TimeMs > MaxTimeMs:
		return fmt.Errorf("%w: witness: time %d ms, want 1..%d", ErrInvalidField, w.TimeMs, int64(MaxTimeMs))
	}
	return checkDataRate("witness", w.DataRate)
}

// Marshal checks the witness report and encodes it as canonical CBOR.
func (w *Witness) Marshal() ([]byte, error) {
	if err := w.Check(); err != nil {
		return nil, err
	}
	return canonical.Marshal(w.wire())
}

func (w *Witness) wire() witnessWire {
	return witnessWire{Witness: w.Witness[:], PayloadHash: w.PayloadHash[:], SignalDeciDBm: w.SignalDeciDBm,
		SNRDeciDB: w.SNRDeciDB, FrequencyHz: w.FrequencyHz, DataRate: w.DataRate, TimeMs: w.TimeMs}
}

// ParseWitness decodes what Marshal produced (canonical encodings only, at most
// MaxMessageSize bytes) and checks the fields.
func ParseWitness(data []byte) (*Witness, error) {
	var ww witnessWire
	if err := decode("witness", data, &ww); err != nil {
		return nil, err
	}
	w := &Witness{SignalDeciDBm: ww.SignalDeciDBm, SNRDeciDB: ww.SNRDeciDB, FrequencyHz: ww.FrequencyHz, DataRate: ww.DataRate, TimeMs: ww.TimeMs}
	var err error
	if w.Witness, err = idOf("witness: witness", ww.Witness); err != nil {
		return nil, err
	}
	if len(ww.PayloadHash) != len(w.PayloadHash) {
		return nil, fmt.Errorf("%w: witness: payload hash is %d bytes, want %d", ErrMalformed, len(ww.PayloadHash), len(w.PayloadHash))
	}
	copy(w.PayloadHash[:], ww.PayloadHash)
	if err := w.Check(); err != nil {
		return nil, err
	}
	return w, nil
}

func checkDataRate(kind, s string) error {
	if len(s) == 0 || len(s) > MaxDataRateLen {
		return fmt.Errorf("%w: %s: data rate %q, want 1..%d bytes", ErrInvalidField, kind, truncate(s), MaxDataRateLen)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return fmt.Errorf("%w: %s: data rate %q: want [A-Z0-9]", ErrInvalidField, kind, s)
		}
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}

var messageDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})

func decode(kind string, data []byte, v any) error {
	if len(data) > MaxMessageSize {
		return fmt.Errorf("%w: %s is %d bytes, at most %d", ErrTooLarge, kind, len(data), MaxMessageSize)
	}
	if err := messageDecoder.UnmarshalCanonical(data, v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMalformed, kind, err)
	}
	return nil
}

func idOf(field string, b []byte) (device.ID, error) {
	var id device.ID
	if len(b) != len(id) {
		return id, fmt.Errorf("%w: %s is %d bytes, want %d", ErrMalformed, field, len(b), len(id))
	}
	copy(id[:], b)
	return id, nil
}

// Sealing and opening envelopes.

// SealLocation signs an assertion in a device envelope as its hotspot: s must be
// the hotspot's key, seq its next sequence number, at the time of the assertion.
func SealLocation(s device.Signer, seq uint64, at time.Time, a *LocationAssertion) ([]byte, error) {
	if err := a.Check(); err != nil {
		return nil, err
	}
	// device.Seal encodes the wire struct canonically: the bytes Marshal writes.
	return device.Seal(s, device.Header{Device: a.Hotspot, ContentType: ContentTypeLocation, Seq: seq, Time: at}, a.wire())
}

// SealBeacon signs a beacon report in a device envelope as its beaconer, at the
// beacon's time.
func SealBeacon(s device.Signer, seq uint64, b *Beacon) ([]byte, error) {
	if err := b.Check(); err != nil {
		return nil, err
	}
	return device.Seal(s, device.Header{Device: b.Beaconer, ContentType: ContentTypeBeacon, Seq: seq, Time: time.UnixMilli(b.TimeMs)}, b.wire())
}

// SealWitness signs a witness report in a device envelope as its witness, at
// the report's time.
func SealWitness(s device.Signer, seq uint64, w *Witness) ([]byte, error) {
	if err := w.Check(); err != nil {
		return nil, err
	}
	return device.Seal(s, device.Header{Device: w.Witness, ContentType: ContentTypeWitness, Seq: seq, Time: time.UnixMilli(w.TimeMs)}, w.wire())
}

// LocationFromEnvelope decodes the assertion an opened envelope carries (open it
// with device.Opener first: this checks no signature) and checks that the
// envelope's device is the asserting hotspot.
func LocationFromEnvelope(e *device.Envelope) (*LocationAssertion, error) {
	if err := checkEnvelope(e, ContentTypeLocation); err != nil {
		return nil, err
	}
	a, err := ParseLocationAssertion(e.Payload)
	if err != nil {
		return nil, err
	}
	if a.Hotspot != e.Device {
		return nil, fmt.Errorf("%w: location of hotspot %s sealed by %s", ErrWrongDevice, a.Hotspot, e.Device)
	}
	return a, nil
}

// BeaconFromEnvelope decodes the beacon an opened envelope carries and checks
// that the envelope's device is the beaconer.
func BeaconFromEnvelope(e *device.Envelope) (*Beacon, error) {
	if err := checkEnvelope(e, ContentTypeBeacon); err != nil {
		return nil, err
	}
	b, err := ParseBeacon(e.Payload)
	if err != nil {
		return nil, err
	}
	if b.Beaconer != e.Device {
		return nil, fmt.Errorf("%w: beacon of %s sealed by %s", ErrWrongDevice, b.Beaconer, e.Device)
	}
	return b, nil
}

// WitnessFromEnvelope decodes the witness report an opened envelope carries and
// checks that the envelope's device is the witness.
func WitnessFromEnvelope(e *device.Envelope) (*Witness, error) {
	if err := checkEnvelope(e, ContentTypeWitness); err != nil {
		return nil, err
	}
	w, err := ParseWitness(e.Payload)
	if err != nil {
		return nil, err
	}
	if w.Witness != e.Device {
		return nil, fmt.Errorf("%w: witness report of %s sealed by %s", ErrWrongDevice, w.Witness, e.Device)
	}
	return w, nil
}

func checkEnvelope(e *device.Envelope, ct string) error {
	if e == nil {
		return fmt.Errorf("%w: envelope is nil", ErrMalformed)
	}
	if e.ContentType != ct {
		return fmt.Errorf("%w: envelope content type %q, want %q", ErrContentType, truncate(e.ContentType), ct)
	}
	return nil
}
