package device

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/veraison/go-cose"

	"github.com/depinkit/depinkit/internal/canonical"
)

// MaxEnvelopeSize bounds an encoded envelope.
const MaxEnvelopeSize = 64 << 10

// COSE algorithm identifiers of the key types. EdDSA-BN254 has no registered value:
// it uses one from the private-use range (below -65536) of the COSE Algorithms
// registry.
const (
	AlgEdDSA      cose.Algorithm = cose.AlgorithmEdDSA // -8, Ed25519
	AlgES256      cose.Algorithm = cose.AlgorithmES256 // -7, P-256
	AlgES256K     cose.Algorithm = -47                 // RFC 8812, secp256k1
	AlgEdDSABN254 cose.Algorithm = -65600              // private use: EdDSA-BN254 with Poseidon2
)

// Protected header labels of an envelope beyond alg (1), content type (3) and kid
// (4): private-use labels (below -65536) of the COSE Header Parameters registry.
const (
	HeaderSeq  int64 = -65537 // uint: the device's sequence number, from 1
	HeaderTime int64 = -65538 // int: the device's time, Unix milliseconds
)

// AlgOf returns the COSE algorithm of a key type.
func AlgOf(t KeyType) (cose.Algorithm, error) {
	switch t {
	case Ed25519:
		return AlgEdDSA, nil
	case Secp256k1:
		return AlgES256K, nil
	case P256:
		return AlgES256, nil
	case EdDSABN254:
		return AlgEdDSABN254, nil
	}
	return 0, fmt.Errorf("%w: %d", ErrKeyType, uint8(t))
}

// Header is what a device states about a report besides its payload.
type Header struct {
	// Device is the ID of the reporting device, sent as the COSE kid. Zero means the
	// ID of the signing key (right until the device rotates its key).
	Device ID
	// ContentType is the payload's schema name: 2 to 8 segments of [a-z0-9_-]
	// separated by '/', e.g. "depin/telecom/beacon/v1", at most 96 bytes. On the
	// wire it is the media type "application/vnd.<segments joined by '.'>+cbor".
	ContentType string
	// Seq is the device's sequence number: at least 1, increasing per device.
	Seq uint64
	// Time is the device's clock when it made the report (millisecond precision).
	Time time.Time
	// Network is the network the report is for: a subnet's genesis hash
	// (depin.Config.Genesis). It is not sent: it is bound into the signature
	// as the COSE external AAD (RFC 9052 section 4.3), and the opener
	// supplies its own (OpenerConfig.Network), so that an envelope sealed for
	// one network does not verify on another. Zero means no network (empty
	// external AAD). Seal with zero takes the signer's network if it has one
	// (ForNetwork). ParseEnvelope leaves it zero; set it before Verify.
	Network [32]byte
}

// aad returns the external AAD of a network: its 32 bytes, or none for zero.
func aad(network [32]byte) []byte {
	if network == ([32]byte{}) {
		return nil
	}
	return network[:]
}

// NetworkSigner is a Signer bound to a network (ForNetwork): Seal binds its
// envelopes to Network().
type NetworkSigner interface {
	Signer
	Network() [32]byte
}

// ForNetwork returns s bound to network (a subnet's genesis hash): Seal, and
// the sealing helpers of verticals that take a Signer, bind what it signs to
// that network.
func ForNetwork(s Signer, network [32]byte) NetworkSigner {
	return networkSigner{Signer: s, network: network}
}

type networkSigner struct {
	Signer
	network [32]byte
}

func (n networkSigner) Network() [32]byte { return n.network }

// Envelope is a device report: a COSE_Sign1 message whose protected header holds
// the Header fields and whose payload is canonical CBOR.
type Envelope struct {
	Header
	// Payload is the CBOR payload, as sealed.
	Payload []byte
	// Alg is the COSE algorithm the envelope claims.
	Alg cose.Algorithm

	protected []byte
	signature []byte
}

// Seal signs a report and returns the COSE_Sign1_Tagged bytes. payload is encoded
// as canonical CBOR (a []byte becomes a byte string; pass a cbor.RawMessage to
// send CBOR you encoded, which must be well-formed).
func Seal(s Signer, h Header, payload any) ([]byte, error) {
	key := s.Public()
	alg, err := AlgOf(key.Type())
	if err != nil {
		return nil, err
	}
	if h.Device.IsZero() {
		h.Device = key.ID()
	}
	if ns, ok := s.(NetworkSigner); ok && h.Network == ([32]byte{}) {
		h.Network = ns.Network()
	}
	mediaType, err := mediaTypeOf(h.ContentType)
	if err != nil {
		return nil, err
	}
	if h.Seq == 0 {
		return nil, fmt.Errorf("%w: envelope: seq must be at least 1", ErrMalformed)
	}
	if h.Time.IsZero() || h.Time.UnixMilli() == 0 {
		return nil, fmt.Errorf("%w: envelope: time missing (or exactly the Unix epoch)", ErrMalformed)
	}
	var body []byte
	if raw, ok := payload.(cbor.RawMessage); ok {
		body = raw
	} else if body, err = canonical.Marshal(payload); err != nil {
		return nil, fmt.Errorf("%w: envelope payload: %v", ErrMalformed, err)
	}
	// The limits ParseEnvelope applies, so that no sealed envelope is unopenable.
	if err := payloadDecoder.Wellformed(body); err != nil {
		return nil, fmt.Errorf("%w: envelope payload: %v", ErrMalformed, err)
	}

	msg := cose.NewSign1Message()
	msg.Headers.Protected.SetAlgorithm(alg)
	msg.Headers.Protected[cose.HeaderLabelContentType] = mediaType
	msg.Headers.Protected[cose.HeaderLabelKeyID] = h.Device[:]
	msg.Headers.Protected[HeaderSeq] = h.Seq
	msg.Headers.Protected[HeaderTime] = h.Time.UnixMilli()
	msg.Payload = body
	if err := msg.Sign(rand.Reader, aad(h.Network), coseSigner{s, alg}); err != nil {
		return nil, fmt.Errorf("device: seal: %w", err)
	}
	out, err := msg.MarshalCBOR()
	if err != nil {
		return nil, fmt.Errorf("device: seal: %w", err)
	}
	if len(out) > MaxEnvelopeSize {
		return nil, fmt.Errorf("%w: envelope is %d bytes, at most %d", ErrTooLarge, len(out), MaxEnvelopeSize)
	}
	return out, nil
}

// coseSigner adapts a Signer to go-cose.
type coseSigner struct {
	s   Signer
	alg cose.Algorithm
}

func (c coseSigner) Algorithm() cose.Algorithm { return c.alg }

func (c coseSigner) Sign(_ io.Reader, content []byte) ([]byte, error) { return c.s.Sign(content) }

// sign1Wire is COSE_Sign1 (RFC 9052 section 4.2). Fields stay raw so that their
// major types can be checked exactly.
type sign1Wire struct {
	_           struct{} `cbor:",toarray"`
	Protected   cbor.RawMessage
	Unprotected cbor.RawMessage
	Payload     cbor.RawMessage
	Signature   cbor.RawMessage
}

// protectedWire is the protected header map of an envelope. Any other label is
// refused.
type protectedWire struct {
	Alg         int64  `cbor:"1,keyasint"`
	ContentType string `cbor:"3,keyasint"`
	Kid         []byte `cbor:"4,keyasint"`
	Seq         uint64 `cbor:"-65537,keyasint"`
	Time        int64  `cbor:"-65538,keyasint"`
}

var (
	envelopeDecoder = canonical.MustDecoder(canonical.Limits{MaxNested: 16, MaxArray: 1024, MaxMap: 64})
	headerDecoder   = canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 16})
	payloadDecoder  = canonical.MustDecoder(canonical.Limits{MaxNested: 32, MaxArray: MaxEnvelopeSize, MaxMap: MaxEnvelopeSize, AllowTags: true})
)

// ParseEnvelope decodes an envelope and checks its structure: size, COSE_Sign1
// layout (tagged or not), an empty unprotected header (ErrUnprotectedHeader
// otherwise), an attached payload that is well-formed CBOR, and a
// protected header with exactly alg, content type, kid, seq and time, each valid.
// It checks no signature: Verify does, and Opener.Open does everything.
func ParseEnvelope(data []byte) (*Envelope, error) {
	if len(data) > MaxEnvelopeSize {
		return nil, fmt.Errorf("%w: envelope is %d bytes, at most %d", ErrTooLarge, len(data), MaxEnvelopeSize)
	}
	body := data
	if len(body) > 0 && body[0] == 0xd2 { // tag 18: COSE_Sign1_Tagged
		body = body[1:]
	}
	var w sign1Wire
	if err := envelopeDecoder.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: envelope: %v", ErrMalformed, err)
	}
	protected, ok := byteString(w.Protected)
	if !ok {
		return nil, fmt.Errorf("%w: envelope: protected header is not a byte string", ErrMalformed)
	}
	if len(w.Unprotected) == 0 || w.Unprotected[0]>>5 != 5 {
		return nil, fmt.Errorf("%w: envelope: unprotected header is not a map", ErrMalformed)
	}
	// Nothing an envelope needs travels unprotected, and what does is not
	// signed: a relay could pad it (a 171-byte envelope to 60 KB that still
	// verifies) and make byte-distinct copies of one report.
	if len(w.Unprotected) != 1 || w.Unprotected[0] != 0xa0 {
		return nil, fmt.Errorf("%w: %w: %d bytes, want the empty map", ErrMalformed, ErrUnprotectedHeader, len(w.Unprotected))
	}
	payload, ok := byteString(w.Payload)
	if !ok {
		return nil, fmt.Errorf("%w: envelope: payload is detached or not a byte string", ErrMalformed)
	}
	sig, ok := byteString(w.Signature)
	if !ok {
		return nil, fmt.Errorf("%w: envelope: signature is not a byte string", ErrMalformed)
	}
	if err := payloadDecoder.Wellformed(payload); err != nil {
		return nil, fmt.Errorf("%w: envelope payload: %v", ErrMalformed, err)
	}
	var ph protectedWire
	if err := headerDecoder.Unmarshal(protected, &ph); err != nil {
		return nil, fmt.Errorf("%w: envelope protected header: %v", ErrMalformed, err)
	}
	e := &Envelope{Payload: payload, Alg: cose.Algorithm(ph.Alg), protected: protected, signature: sig}
	if len(ph.Kid) != len(e.Device) {
		return nil, fmt.Errorf("%w: envelope: kid is %d bytes, want a %d-byte device ID", ErrMalformed, len(ph.Kid), len(e.Device))
	}
	copy(e.Device[:], ph.Kid)
	var err error
	if e.ContentType, err = schemaOf(ph.ContentType); err != nil {
		return nil, err
	}
	if ph.Seq == 0 {
		return nil, fmt.Errorf("%w: envelope: seq missing or zero", ErrMalformed)
	}
	e.Seq = ph.Seq
	if ph.Time == 0 {
		return nil, fmt.Errorf("%w: envelope: time missing", ErrMalformed)
	}
	e.Time = time.UnixMilli(ph.Time).UTC()
	if ph.Alg == 0 {
		return nil, fmt.Errorf("%w: envelope: alg missing", ErrMalformed)
	}
	return e, nil
}

// Verify checks that the envelope's algorithm is the one of key's type and that
// key signed it for e.Network. It does not check that key belongs to e.Device:
// Opener.Open does.
func (e *Envelope) Verify(key PublicKey) error {
	alg, err := AlgOf(key.Type())
	if err != nil {
		return err
	}
	if e.Alg != alg {
		return fmt.Errorf("%w: envelope of device %s claims alg %d, its %s key uses %d", ErrWrongAlg, e.Device, e.Alg, key.Type(), alg)
	}
	if err := key.Verify(e.toBeSigned(), e.signature); err != nil {
		return fmt.Errorf("envelope of device %s seq %d: %w", e.Device, e.Seq, err)
	}
	return nil
}

// toBeSigned builds the COSE Sig_structure of a COSE_Sign1 whose external
// data is the envelope's network: ["Signature1", protected, network, payload].
func (e *Envelope) toBeSigned() []byte {
	const context = "Signature1"
	network := aad(e.Network)
	out := make([]byte, 0, 1+1+len(context)+9+len(e.protected)+9+len(network)+9+len(e.Payload))
	out = append(out, 0x84, 0x60|byte(len(context)))
	out = append(out, context...)
	out = appendBstrHeader(out, len(e.protected))
	out = append(out, e.protected...)
	out = appendBstrHeader(out, len(network))
	out = append(out, network...)
	out = appendBstrHeader(out, len(e.Payload))
	return append(out, e.Payload...)
}

// Decode decodes the payload into v, with bounds on nesting and sizes; unknown
// struct fields are an error.
func (e *Envelope) Decode(v any) error {
	if err := payloadDecoder.Unmarshal(e.Payload, v); err != nil {
		return fmt.Errorf("%w: envelope payload of device %s: %v", ErrMalformed, e.Device, err)
	}
	return nil
}

// appendBstrHeader appends the CBOR head of a byte string of length n.
func appendBstrHeader(b []byte, n int) []byte {
	const major = 2 << 5
	switch {
	case n < 24:
		return append(b, major|byte(n))
	case n <= 0xff:
		return append(b, major|24, byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, major|25), uint16(n))
	case uint64(n) <= 0xffffffff:
		return binary.BigEndian.AppendUint32(append(b, major|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, major|27), uint64(n))
}

// byteString returns the content of a well-formed, definite-length CBOR byte
// string, and false for any other item (including null).
func byteString(item []byte) ([]byte, bool) {
	if len(item) == 0 || item[0]>>5 != 2 {
		return nil, false
	}
	var n uint64
	head := 1
	switch info := item[0] & 0x1f; {
	case info < 24:
		n = uint64(info)
	case info == 24 && len(item) >= 2:
		n, head = uint64(item[1]), 2
	case info == 25 && len(item) >= 3:
		n, head = uint64(binary.BigEndian.Uint16(item[1:])), 3
	case info == 26 && len(item) >= 5:
		n, head = uint64(binary.BigEndian.Uint32(item[1:])), 5
	case info == 27 && len(item) >= 9:
		n, head = binary.BigEndian.Uint64(item[1:]), 9
	default:
		return nil, false
	}
	if uint64(len(item)-head) != n {
		return nil, false
	}
	return item[head:], true
}

// Schema names and their media types.
const (
	maxSchemaLen      = 96
	mediaTypePrefix   = "application/vnd."
	mediaTypeSuffix   = "+cbor"
	minSchemaSegments = 2
	maxSchemaSegments = 8
)

// CheckSchema reports whether name is a valid envelope schema name (see
// Header.ContentType).
func CheckSchema(name string) error {
	if len(name) == 0 || len(name) > maxSchemaLen {
		return fmt.Errorf("%w: content type %q: want 1 to %d bytes", ErrMalformed, truncate(name), maxSchemaLen)
	}
	segs := strings.Split(name, "/")
	if len(segs) < minSchemaSegments || len(segs) > maxSchemaSegments {
		return fmt.Errorf("%w: content type %q: want %d to %d segments separated by '/'", ErrMalformed, name, minSchemaSegments, maxSchemaSegments)
	}
	for _, s := range segs {
		if s == "" {
			return fmt.Errorf("%w: content type %q: empty segment", ErrMalformed, name)
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return fmt.Errorf("%w: content type %q: %q is not allowed (want [a-z0-9_-] segments)", ErrMalformed, name, c)
			}
		}
	}
	return nil
}

// mediaTypeOf maps a schema name to the COSE content type: RFC 9052 wants a media
// type (type/subtype), so "depin/telecom/beacon/v1" travels as
// "application/vnd.depin.telecom.beacon.v1+cbor".
func mediaTypeOf(schema string) (string, error) {
	if err := CheckSchema(schema); err != nil {
		return "", err
	}
	return mediaTypePrefix + strings.ReplaceAll(schema, "/", ".") + mediaTypeSuffix, nil
}

// schemaOf inverts mediaTypeOf.
func schemaOf(mediaType string) (string, error) {
	inner, ok := strings.CutPrefix(mediaType, mediaTypePrefix)
	if ok {
		inner, ok = strings.CutSuffix(inner, mediaTypeSuffix)
	}
	if !ok {
		return "", fmt.Errorf("%w: envelope content type %q is not %s<schema>%s", ErrMalformed, truncate(mediaType), mediaTypePrefix, mediaTypeSuffix)
	}
	schema := strings.ReplaceAll(inner, ".", "/")
	if err := CheckSchema(schema); err != nil {
		return "", err
	}
	return schema, nil
}
