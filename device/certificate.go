package device

import (
	"bytes"
	"fmt"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/depinkit/depinkit/internal/canonical"
)

// Limits on certificate fields and encodings.
const (
	// MaxCertificateSize bounds an encoded Certificate.
	MaxCertificateSize = 4096
	// MaxFieldLen bounds Model, Serial, each capability and a revocation reason, in bytes.
	MaxFieldLen = 128
	// MaxCapabilities bounds the capabilities of one certificate.
	MaxCapabilities = 32
)

const certificateVersion = 1

// Certificate is a maker's statement about one device: its public key, model,
// serial number, capabilities and the window in which the statement may be used to
// register it. The maker signs it with Sign; anyone checks it with Verify; a
// Registry accepts it only from an approved maker.
type Certificate struct {
	// Maker is the key that signed the certificate (set by Sign).
	Maker PublicKey
	// Device is the device's public key; its ID becomes the device ID.
	Device PublicKey
	// Model and Serial name the hardware: 1 to MaxFieldLen bytes of printable UTF-8.
	Model  string
	Serial string
	// Capabilities lists what the device can do, e.g. "lorawan", "5g",
	// "gpu:H100:80GB", "meter:kWh": each 1 to MaxFieldLen bytes of printable ASCII,
	// no spaces; Sign sorts them and they must be unique.
	Capabilities []string
	// NotBefore and NotAfter bound when the certificate can register the device:
	// valid at t when NotBefore <= t < NotAfter. Whole seconds (Sign truncates).
	NotBefore time.Time
	NotAfter  time.Time
	// Signature is the maker's signature (set by Sign).
	Signature []byte
}

type certificateWire struct {
	_            struct{} `cbor:",toarray"`
	Version      uint8
	Maker        []byte
	Device       []byte
	Model        string
	Serial       string
	Capabilities []string
	NotBefore    int64
	NotAfter     int64
	Signature    []byte
}

const certificateDomain = "depinkit/certificate/v1"

// ID returns the ID of the device the certificate names.
func (c *Certificate) ID() ID { return c.Device.ID() }

// HasCapability reports whether the certificate lists capability; a nil
// certificate (a device registered without one) lists none.
func (c *Certificate) HasCapability(capability string) bool {
	if c == nil {
		return false // a device registered without a certificate has no capability
	}
	_, ok := slices.BinarySearch(c.Capabilities, capability)
	return ok
}

// Sign sets c.Maker to maker's key, normalises the fields (sorted capabilities,
// whole-second times), checks them, and signs.
func (c *Certificate) Sign(maker Signer) error {
	c.Maker = maker.Public()
	c.Capabilities = slices.Clone(c.Capabilities)
	slices.Sort(c.Capabilities)
	c.NotBefore = c.NotBefore.Truncate(time.Second)
	c.NotAfter = c.NotAfter.Truncate(time.Second)
	c.Signature = nil
	if err := c.Validate(); err != nil {
		return err
	}
	msg, err := c.signedBytes()
	if err != nil {
		return err
	}
	sig, err := maker.Sign(msg)
	if err != nil {
		return fmt.Errorf("device: certificate: maker sign: %w", err)
	}
	c.Signature = sig
	return nil
}

// Validate checks the fields (not the signature): keys present, names and
// capabilities within limits, capabilities sorted and unique, a non-empty window.
func (c *Certificate) Validate() error {
	if c.Maker.IsZero() {
		return fmt.Errorf("%w: certificate: maker key missing", ErrMalformed)
	}
	if c.Device.IsZero() {
		return fmt.Errorf("%w: certificate: device key missing", ErrMalformed)
	}
	if err := checkText("model", c.Model); err != nil {
		return err
	}
	if err := checkText("serial", c.Serial); err != nil {
		return err
	}
	if len(c.Capabilities) > MaxCapabilities {
		return fmt.Errorf("%w: certificate: %d capabilities, at most %d", ErrMalformed, len(c.Capabilities), MaxCapabilities)
	}
	for i, capability := range c.Capabilities {
		if err := checkToken(fmt.Sprintf("capabilities[%d]", i), capability); err != nil {
			return err
		}
		if i > 0 && c.Capabilities[i-1] >= capability {
			return fmt.Errorf("%w: certificate: capabilities[%d] %q is out of order or repeated", ErrMalformed, i, capability)
		}
	}
	if !c.NotBefore.Before(c.NotAfter) {
		return fmt.Errorf("%w: certificate: not_before %s is not before not_after %s", ErrMalformed,
			c.NotBefore.UTC().Format(time.RFC3339), c.NotAfter.UTC().Format(time.RFC3339))
	}
	return nil
}

// Verify checks the fields, the maker's signature, and that now lies in the
// validity window. It does not check that the maker is approved: a Registry does.
func (c *Certificate) Verify(now time.Time) error {
	if err := c.Validate(); err != nil {
		return err
	}
	msg, err := c.signedBytes()
	if err != nil {
		return err
	}
	if err := c.Maker.Verify(msg, c.Signature); err != nil {
		return fmt.Errorf("certificate of device %s: maker signature: %w", c.ID(), err)
	}
	if now.Before(c.NotBefore) {
		return fmt.Errorf("%w: device %s: valid from %s", ErrNotYetValid, c.ID(), c.NotBefore.UTC().Format(time.RFC3339))
	}
	if !now.Before(c.NotAfter) {
		return fmt.Errorf("%w: device %s: valid until %s", ErrExpired, c.ID(), c.NotAfter.UTC().Format(time.RFC3339))
	}
	return nil
}

func (c *Certificate) wire() (certificateWire, error) {
	maker, err := c.Maker.MarshalBinary()
	if err != nil {
		return certificateWire{}, fmt.Errorf("certificate: maker: %w", err)
	}
	dev, err := c.Device.MarshalBinary()
	if err != nil {
		return certificateWire{}, fmt.Errorf("certificate: device: %w", err)
	}
	return certificateWire{
		Version:      certificateVersion,
		Maker:        maker,
		Device:       dev,
		Model:        c.Model,
		Serial:       c.Serial,
		Capabilities: c.Capabilities,
		NotBefore:    c.NotBefore.Unix(),
		NotAfter:     c.NotAfter.Unix(),
		Signature:    c.Signature,
	}, nil
}

func (c *Certificate) signedBytes() ([]byte, error) {
	w, err := c.wire()
	if err != nil {
		return nil, err
	}
	w.Signature = nil
	return signedBytes(certificateDomain, w)
}

// Marshal encodes the certificate as canonical CBOR.
func (c *Certificate) Marshal() ([]byte, error) {
	w, err := c.wire()
	if err != nil {
		return nil, err
	}
	return canonical.Marshal(w)
}

// ParseCertificate decodes a certificate made by Marshal. It checks size, encoding
// (canonical CBOR only), keys and fields, not the signature: call Verify.
func ParseCertificate(data []byte) (*Certificate, error) {
	if len(data) > MaxCertificateSize {
		return nil, fmt.Errorf("%w: certificate is %d bytes, at most %d", ErrTooLarge, len(data), MaxCertificateSize)
	}
	var w certificateWire
	if err := canonical.UnmarshalCanonical(data, &w); err != nil {
		return nil, fmt.Errorf("%w: certificate: %v", ErrMalformed, err)
	}
	if w.Version != certificateVersion {
		return nil, fmt.Errorf("%w: certificate version %d, want %d", ErrMalformed, w.Version, certificateVersion)
	}
	c := &Certificate{
		Model:        w.Model,
		Serial:       w.Serial,
		Capabilities: w.Capabilities,
		NotBefore:    time.Unix(w.NotBefore, 0).UTC(),
		NotAfter:     time.Unix(w.NotAfter, 0).UTC(),
		Signature:    w.Signature,
	}
	if err := c.Maker.UnmarshalBinary(w.Maker); err != nil {
		return nil, fmt.Errorf("certificate: maker key: %w", err)
	}
	if err := c.Device.UnmarshalBinary(w.Device); err != nil {
		return nil, fmt.Errorf("certificate: device key: %w", err)
	}
	if len(c.Signature) != SignatureSize {
		return nil, fmt.Errorf("%w: certificate: signature is %d bytes, want %d", ErrMalformed, len(c.Signature), SignatureSize)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// signedBytes returns what a signature over a depinkit structure covers: the
// domain string, a zero byte, then the canonical CBOR of v. The domain keeps a
// signature of one kind from being valid as another.
func signedBytes(domain string, v any) ([]byte, error) {
	body, err := canonical.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("device: encode %s: %w", domain, err)
	}
	out := make([]byte, 0, len(domain)+1+len(body))
	out = append(out, domain...)
	out = append(out, 0)
	return append(out, body...), nil
}

// checkText accepts 1 to MaxFieldLen bytes of UTF-8 without control characters.
func checkText(field, s string) error {
	if s == "" || len(s) > MaxFieldLen {
		return fmt.Errorf("%w: %s is %d bytes, want 1 to %d", ErrMalformed, field, len(s), MaxFieldLen)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: %s is not valid UTF-8", ErrMalformed, field)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%w: %s contains the non-printable character %U", ErrMalformed, field, r)
		}
	}
	return nil
}

// checkToken accepts 1 to MaxFieldLen bytes of printable ASCII without spaces.
func checkToken(field, s string) error {
	if s == "" || len(s) > MaxFieldLen {
		return fmt.Errorf("%w: %s is %d bytes, want 1 to %d", ErrMalformed, field, len(s), MaxFieldLen)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return fmt.Errorf("%w: %s %q: byte %d is not printable ASCII", ErrMalformed, field, s, i)
		}
	}
	return nil
}

func (c *Certificate) clone() *Certificate {
	d := *c
	d.Capabilities = slices.Clone(c.Capabilities)
	d.Signature = bytes.Clone(c.Signature)
	return &d
}
