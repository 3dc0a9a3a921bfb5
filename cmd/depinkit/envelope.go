package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/device"
)

func newEnvelopeCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "envelope",
		Short: "Seal and open signed device reports",
		Long: `Seal and open envelopes: device reports signed as COSE_Sign1 messages (RFC 9052).

The protected header of an envelope holds the algorithm, the content type (a schema
name such as depin/telecom/beacon/v1), the device ID, the device's sequence number
and its time in milliseconds; the payload is CBOR.`,
		Example: `  echo hi | depinkit envelope seal --key device.key --content-type depin/test/v1 --seq 1 > report.cose
  depinkit envelope open --type p256 --public 02ab... --in report.cose`,
	}, newSealCmd(), newOpenCmd())
}

// Payload formats of envelope seal.
const (
	formatRaw  = "raw"
	formatJSON = "json"
	formatCBOR = "cbor"
)

func newSealCmd() *cobra.Command {
	var (
		keyPath, contentType, in, out, timeStr, network string
		seq                                             uint64
		format                                          = formatRaw
	)
	cmd := &cobra.Command{
		Use:   "seal --key FILE --content-type CT --seq N",
		Short: "Sign a payload as an envelope",
		Long: `Read a payload from --in (or stdin), sign it with the key in a key file, and
write the envelope (COSE_Sign1, tagged) to --out (or stdout).

The payload is read as --format says:
  raw   any bytes, sent as one CBOR byte string (the default)
  json  one JSON value, sent as canonical CBOR; numbers must be integers in the
        range -2^63 to 2^64-1 (device payloads carry no floats), and an object
        may not repeat a key
  cbor  one well-formed CBOR item, sent as it is

The payload may be at most ` + strconv.Itoa(device.MaxEnvelopeSize) + ` bytes, and the envelope too.

The envelope names the device by the ID of the key that signs it. --content-type is
the payload's schema name: 2 to 8 segments of [a-z0-9_-] separated by '/'. --seq
must be at least 1 and should increase with every report of the device: openers
refuse a sequence number they have seen. --time is the report's time (RFC 3339,
kept to the millisecond); it defaults to now. --network is the genesis hash of the
subnet the report is for (64 hex digits): the envelope verifies only there.`,
		Example: `  echo hi | depinkit envelope seal --key device.key --content-type depin/test/v1 --seq 1 > report.cose
  depinkit envelope seal --key device.key --content-type depin/energy/meter/v1 --seq 42 \
    --format json --in reading.json --out reading.cose --time 2026-03-01T12:00:00Z`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Check the flags before reading a payload that may come from a terminal.
			if err := device.CheckSchema(contentType); err != nil {
				return fmt.Errorf("--content-type: %w", err)
			}
			if seq == 0 {
				return errors.New("--seq must be at least 1")
			}
			when := time.Now()
			if timeStr != "" {
				t, err := time.Parse(time.RFC3339Nano, timeStr)
				if err != nil {
					return fmt.Errorf("--time %q: want RFC 3339, e.g. 2026-03-01T12:00:00Z", timeStr)
				}
				when = t
			}
			net, err := parseNetwork(network)
			if err != nil {
				return err
			}
			key, err := device.LoadKeyFile(keyPath)
			if err != nil {
				return err
			}
			data, src, err := readInput(cmd.InOrStdin(), in, device.MaxEnvelopeSize)
			if err != nil {
				return fmt.Errorf("payload %s: %w", src, err)
			}
			payload, err := decodePayload(format, data)
			if err != nil {
				return fmt.Errorf("payload %s: %w", src, err)
			}
			env, err := device.Seal(key, device.Header{ContentType: contentType, Seq: seq, Time: when, Network: net}, payload)
			if err != nil {
				return err
			}
			return writeOutput(cmd.OutOrStdout(), out, env)
		},
	}
	f := cmd.Flags()
	f.StringVar(&keyPath, "key", "", "sign with the key file `FILE` (required)")
	f.StringVar(&contentType, "content-type", "", "the payload's schema name `CT`, e.g. depin/telecom/beacon/v1 (required)")
	f.Uint64Var(&seq, "seq", 0, "the device's sequence number `N`, at least 1 (required)")
	f.StringVar(&in, "in", "", "read the payload from `FILE` (default stdin)")
	f.StringVar(&out, "out", "", "write the envelope to `FILE` (default stdout)")
	f.Var(&enumValue{value: &format, allowed: []string{formatRaw, formatJSON, formatCBOR}}, "format", "read the payload as `FORMAT`: raw, json or cbor")
	f.StringVar(&timeStr, "time", "", "the report's time in `RFC3339` (default now)")
	f.StringVar(&network, "network", "", "the subnet's genesis hash `HEX` the report is for (default none)")
	for _, name := range []string{"key", "content-type", "seq"} {
		_ = cmd.MarkFlagRequired(name)
	}
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{formatRaw, formatJSON, formatCBOR}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func newOpenCmd() *cobra.Command {
	var (
		pub     publicKeyFlags
		in      string
		network string
	)
	cmd := &cobra.Command{
		Use:   "open --type TYPE --public HEX",
		Short: "Check an envelope's signature and print its contents",
		Long: `Read an envelope from --in (or stdin), check its structure and that the given
public key signed it, and print it as JSON:

  {"device":"<id>","content_type":"...","seq":N,"time":"<RFC 3339, UTC>","payload":"<hex of the CBOR payload>"}

device is the ID the envelope names. open checks the signature only: it does not
check that the key belongs to that device (a device keeps the ID of its first key
when it rotates to a new one), nor that the sequence number is new. A network does
both with device.Opener and its registry.

--public is read as for "depinkit keys did".`,
		Example: `  depinkit envelope open --type p256 --public 02ab... --in report.cose
  cat report.cose | depinkit envelope open --type p256 --public 02ab...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			key, err := pub.parse()
			if err != nil {
				return err
			}
			net, err := parseNetwork(network)
			if err != nil {
				return err
			}
			data, src, err := readInput(cmd.InOrStdin(), in, device.MaxEnvelopeSize)
			if err != nil {
				return fmt.Errorf("envelope %s: %w", src, err)
			}
			env, err := device.ParseEnvelope(data)
			if err != nil {
				return fmt.Errorf("envelope %s: %w", src, err)
			}
			env.Network = net
			if err := env.Verify(key); err != nil {
				return fmt.Errorf("envelope %s: %w", src, err)
			}
			return writeJSON(cmd.OutOrStdout(), openedEnvelope{
				Device:      env.Device.String(),
				ContentType: env.ContentType,
				Seq:         env.Seq,
				Time:        env.Time.UTC().Format(time.RFC3339Nano),
				Payload:     hex.EncodeToString(env.Payload),
			})
		},
	}
	pub.add(cmd)
	cmd.Flags().StringVar(&in, "in", "", "read the envelope from `FILE` (default stdin)")
	cmd.Flags().StringVar(&network, "network", "", "the subnet's genesis hash `HEX` the envelope was sealed for (default none)")
	return cmd
}

// parseNetwork parses --network: empty, or a genesis hash of 64 hex digits
// (with or without 0x).
func parseNetwork(s string) ([32]byte, error) {
	var n [32]byte
	if s == "" {
		return n, nil
	}
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != len(n) {
		return n, fmt.Errorf("--network %q: want a genesis hash of 64 hex digits", s)
	}
	copy(n[:], b)
	return n, nil
}

// openedEnvelope is what envelope open prints.
type openedEnvelope struct {
	Device      string `json:"device"`
	ContentType string `json:"content_type"`
	Seq         uint64 `json:"seq"`
	Time        string `json:"time"`
	Payload     string `json:"payload"`
}

// readInput reads at most limit bytes from the file path, or from stdin if path
// is "" or "-". It names the source for error messages.
func readInput(stdin io.Reader, path string, limit int) (data []byte, src string, err error) {
	r, src := stdin, "from stdin"
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, path, err
		}
		defer f.Close()
		r, src = f, path
	}
	data, err = io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, src, err
	}
	if len(data) > limit {
		return nil, src, fmt.Errorf("%w: over %d bytes", device.ErrTooLarge, limit)
	}
	return data, src, nil
}

// writeOutput writes data to the file path, or to stdout if path is "" or "-".
func writeOutput(stdout io.Writer, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// decodePayload turns the input bytes into what device.Seal takes, as format says.
func decodePayload(format string, data []byte) (any, error) {
	switch format {
	case formatRaw:
		return data, nil
	case formatCBOR:
		return cbor.RawMessage(data), nil // Seal checks it is one well-formed item
	case formatJSON:
		return decodeJSON(data)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

// decodeJSON decodes one JSON value into maps, slices, strings, bools, nil and
// integers (int64, or uint64 above the int64 range), ready to encode as CBOR. It
// refuses numbers that are not integers and objects that repeat a key.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := jsonValue(dec, true)
	if err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("json: data after the first value")
	}
	return v, nil
}

// jsonValue reads the next JSON value from dec.
func jsonValue(dec *json.Decoder, top bool) (any, error) {
	tok, err := jsonToken(dec)
	if err == io.EOF && top {
		return nil, errors.New("no value: the input is empty")
	}
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			m := map[string]any{}
			for dec.More() {
				kt, err := jsonToken(dec)
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key %v is not a string", kt)
				}
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("object repeats the key %q", k)
				}
				if m[k], err = jsonValue(dec, false); err != nil {
					return nil, err
				}
			}
			if _, err := jsonToken(dec); err != nil { // '}'
				return nil, err
			}
			return m, nil
		case '[':
			a := []any{}
			for dec.More() {
				v, err := jsonValue(dec, false)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := jsonToken(dec); err != nil { // ']'
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %v", tok)
	case json.Number:
		return jsonInteger(tok)
	case string, bool, nil:
		return tok, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// jsonToken is dec.Token, with the end of input inside a value reported as
// io.ErrUnexpectedEOF.
func jsonToken(dec *json.Decoder) (json.Token, error) {
	tok, err := dec.Token()
	if err == io.EOF && dec.InputOffset() > 0 {
		err = io.ErrUnexpectedEOF
	}
	return tok, err
}

// jsonInteger converts a JSON number to int64, or uint64 above the int64 range.
func jsonInteger(n json.Number) (any, error) {
	s := n.String()
	if strings.ContainsAny(s, ".eE") {
		return nil, fmt.Errorf("%s is not an integer: device payloads carry no floats", s)
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	if u, err := strconv.ParseUint(s, 10, 64); err == nil {
		return u, nil
	}
	return nil, fmt.Errorf("integer %s is out of range (want -2^63 to 2^64-1)", s)
}

// enumValue is a pflag.Value that takes one of a fixed set of strings.
type enumValue struct {
	value   *string
	allowed []string
}

func (e *enumValue) String() string { return *e.value }

func (e *enumValue) Set(s string) error {
	for _, a := range e.allowed {
		if s == a {
			*e.value = s
			return nil
		}
	}
	return fmt.Errorf("want %s", strings.Join(e.allowed, ", "))
}

func (e *enumValue) Type() string { return "format" }
