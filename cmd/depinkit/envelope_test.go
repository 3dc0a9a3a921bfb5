package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
)

const (
	testContentType = "depin/test/v1"
	testTime        = "2026-03-01T12:00:00.123Z"
)

// sealArgs are the arguments of "envelope seal" with the test header.
func sealArgs(keyPath string, extra ...string) []string {
	return append([]string{"envelope", "seal", "--key", keyPath, "--content-type", testContentType, "--seq", "7", "--time", testTime}, extra...)
}

// openArgs are the arguments of "envelope open" for a key.
func openArgs(info device.PublicInfo, extra ...string) []string {
	return append([]string{"envelope", "open", "--type", info.Type.String(), "--public", info.Public}, extra...)
}

// sealed makes one key per type and an envelope of "hi\n" sealed with each.
func sealed(t testing.TB) (infos map[device.KeyType]device.PublicInfo, envs map[device.KeyType][]byte) {
	t.Helper()
	dir := t.TempDir()
	infos, envs = map[device.KeyType]device.PublicInfo{}, map[device.KeyType][]byte{}
	for _, kt := range device.KeyTypes() {
		path, info := newKey(t, dir, kt)
		r := runCLI(t, []byte("hi\n"), sealArgs(path)...)
		requireOK(t, r)
		infos[kt], envs[kt] = info, []byte(r.stdout)
	}
	return infos, envs
}

func TestSealOpenRoundTrip(t *testing.T) {
	t.Parallel()
	formats := []struct {
		format, in, wantPayload string
	}{
		{"raw", "hi\n", "4368690a"},
		{"raw", "", "40"},
		{"json", `"hi"`, "626869"},
		// Keys sort canonically (shorter first), integers take their shortest form,
		// and the full uint64 range is kept.
		{"json", `{"bb":1,"a":-1}`, "a261612062626201"},
		{"json", ` {"b":[1,-2,"x",true,null],"a":18446744073709551615} ` + "\n", "a261611bffffffffffffffff61628501216178f5f6"},
		{"json", `-9223372036854775808`, "3b7fffffffffffffff"},
		{"cbor", "\xa1\x61\x61\x01", "a1616101"},
		{"cbor", "\xf6", "f6"},
	}
	dir := t.TempDir()
	for _, kt := range device.KeyTypes() {
		path, info := newKey(t, dir, kt)
		for _, f := range formats {
			t.Run(kt.String()+"/"+f.format+"/"+f.wantPayload, func(t *testing.T) {
				seal := runCLI(t, []byte(f.in), sealArgs(path, "--format", f.format)...)
				requireOK(t, seal)
				require.Equal(t, byte(0xd2), seal.stdout[0], "COSE_Sign1_Tagged")

				open := runCLI(t, []byte(seal.stdout), openArgs(info)...)
				requireOK(t, open)
				var got openedEnvelope
				require.NoError(t, json.Unmarshal([]byte(open.stdout), &got))
				require.Equal(t, openedEnvelope{
					Device:      info.ID.String(),
					ContentType: testContentType,
					Seq:         7,
					Time:        testTime,
					Payload:     f.wantPayload,
				}, got)
			})
		}
	}
}

func TestOpenOutputFields(t *testing.T) {
	t.Parallel()
	infos, envs := sealed(t)
	r := runCLI(t, envs[device.P256], openArgs(infos[device.P256])...)
	requireOK(t, r)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &m))
	require.Equal(t, map[string]any{
		"device":       infos[device.P256].ID.String(),
		"content_type": testContentType,
		"seq":          float64(7), // a JSON number
		"time":         testTime,
		"payload":      "4368690a",
	}, m)
}

func TestSealOpenFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyPath, info := newKey(t, dir, device.Ed25519)
	in, out := filepath.Join(dir, "reading.json"), filepath.Join(dir, "reading.cose")
	require.NoError(t, os.WriteFile(in, []byte(`{"kwh":12}`), 0o644))

	r := runCLI(t, []byte("stdin is not read"), sealArgs(keyPath, "--format", "json", "--in", in, "--out", out)...)
	requireOK(t, r)
	require.Empty(t, r.stdout, "the envelope goes to --out")

	r = runCLI(t, []byte("stdin is not read"), openArgs(info, "--in", out)...)
	requireOK(t, r)
	var got openedEnvelope
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	require.Equal(t, "a1636b77680c", got.Payload) // {"kwh": 12}

	// "-" names stdin and stdout.
	env, err := os.ReadFile(out)
	require.NoError(t, err)
	r = runCLI(t, env, openArgs(info, "--in", "-")...)
	requireOK(t, r)
	r = runCLI(t, []byte("hi\n"), sealArgs(keyPath, "--in", "-", "--out", "-")...)
	requireOK(t, r)
	require.NotEmpty(t, r.stdout)

	requireFailure(t, runCLI(t, nil, openArgs(info, "--in", filepath.Join(dir, "missing.cose"))...), "missing.cose")
	requireFailure(t, runCLI(t, nil, sealArgs(keyPath, "--in", filepath.Join(dir, "missing.bin"))...), "missing.bin")
}

func TestSealDefaultTime(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyPath, info := newKey(t, dir, device.Ed25519)
	before := time.Now().Truncate(time.Millisecond)
	seal := runCLI(t, []byte("x"), "envelope", "seal", "--key", keyPath, "--content-type", testContentType, "--seq", "1")
	requireOK(t, seal)
	after := time.Now()
	open := runCLI(t, []byte(seal.stdout), openArgs(info)...)
	requireOK(t, open)
	var got openedEnvelope
	require.NoError(t, json.Unmarshal([]byte(open.stdout), &got))
	when, err := time.Parse(time.RFC3339Nano, got.Time)
	require.NoError(t, err)
	require.False(t, when.Before(before), "%v before %v", when, before)
	require.False(t, when.After(after), "%v after %v", when, after)
}

func TestSealErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyPath, _ := newKey(t, dir, device.Ed25519)
	tampered := filepath.Join(dir, "tampered.key")
	data, err := os.ReadFile(keyPath)
	require.NoError(t, err)
	var kf device.KeyFile
	require.NoError(t, json.Unmarshal(data, &kf))
	kf.Public = strings.Repeat("00", 32)
	data, err = json.Marshal(kf)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tampered, data, 0o600))

	nested := func(depth int) string { return strings.Repeat("[", depth) + strings.Repeat("]", depth) }
	big := bytes.Repeat([]byte{'x'}, device.MaxEnvelopeSize+1)

	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		want  []string
	}{
		{"float", "1.5", sealArgs(keyPath, "--format", "json"), []string{"1.5 is not an integer", "no floats"}},
		{"float exponent", `{"a":[1e3]}`, sealArgs(keyPath, "--format", "json"), []string{"1e3 is not an integer"}},
		{"float zero fraction", `1.0`, sealArgs(keyPath, "--format", "json"), []string{"1.0 is not an integer"}},
		{"integer too large", "18446744073709551616", sealArgs(keyPath, "--format", "json"), []string{"out of range"}},
		{"integer too small", "-9223372036854775809", sealArgs(keyPath, "--format", "json"), []string{"out of range"}},
		{"duplicate key", `{"a":1,"a":2}`, sealArgs(keyPath, "--format", "json"), []string{`repeats the key "a"`}},
		{"two values", `{} {}`, sealArgs(keyPath, "--format", "json"), []string{"data after the first value"}},
		{"empty json", "", sealArgs(keyPath, "--format", "json"), []string{"input is empty"}},
		{"truncated json", `{"a":[1,`, sealArgs(keyPath, "--format", "json"), []string{"unexpected EOF"}},
		{"bad json", `{"a":}`, sealArgs(keyPath, "--format", "json"), []string{"payload from stdin: json:"}},
		{"too deep json", nested(40), sealArgs(keyPath, "--format", "json"), []string{"device: malformed: envelope payload"}},
		{"bad cbor", "\xff", sealArgs(keyPath, "--format", "cbor"), []string{"device: malformed: envelope payload"}},
		{"two cbor items", "\x01\x02", sealArgs(keyPath, "--format", "cbor"), []string{"device: malformed"}},
		{"empty cbor", "", sealArgs(keyPath, "--format", "cbor"), []string{"device: malformed"}},
		{"payload over the limit", string(big), sealArgs(keyPath), []string{"payload from stdin: device: too large: over 65536 bytes"}},
		{"envelope over the limit", string(big[1:]), sealArgs(keyPath), []string{"device: too large: envelope is"}},
		{"bad content type", "x", []string{"envelope", "seal", "--key", keyPath, "--content-type", "Depin/Test", "--seq", "1"}, []string{"--content-type", "device: malformed"}},
		{"seq zero", "x", []string{"envelope", "seal", "--key", keyPath, "--content-type", testContentType, "--seq", "0"}, []string{"--seq must be at least 1"}},
		{"bad time", "x", sealArgs(keyPath, "--time", "yesterday"), []string{`--time "yesterday": want RFC 3339`}},
		{"time zero ms", "x", sealArgs(keyPath, "--time", "1970-01-01T00:00:00Z"), []string{"time missing"}},
		{"missing key file", "x", sealArgs(filepath.Join(dir, "missing.key")), []string{"missing.key"}},
		{"tampered key file", "x", sealArgs(tampered), []string{"tampered.key", "stored public"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireFailure(t, runCLI(t, []byte(tc.stdin), tc.args...), tc.want...)
		})
	}

	// Within the limits, nesting is fine.
	requireOK(t, runCLI(t, []byte(nested(20)), sealArgs(keyPath, "--format", "json")...))
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	infos, envs := sealed(t)
	otherKeys := map[device.KeyType]device.PublicInfo{}
	for _, kt := range device.KeyTypes() {
		otherKeys[kt] = mustGenerate(t, kt).Public().Info()
	}

	for _, kt := range device.KeyTypes() {
		env, info := envs[kt], infos[kt]
		t.Run(kt.String(), func(t *testing.T) {
			t.Parallel()
			// Untouched, it opens.
			requireOK(t, runCLI(t, env, openArgs(info)...))

			t.Run("wrong key", func(t *testing.T) {
				requireFailure(t, runCLI(t, env, openArgs(otherKeys[kt])...), "device: bad signature")
			})
			t.Run("key of another type", func(t *testing.T) {
				for _, ot := range device.KeyTypes() {
					if ot != kt {
						requireFailure(t, runCLI(t, env, openArgs(otherKeys[ot])...), "device: wrong algorithm")
					}
				}
			})
			t.Run("truncated", func(t *testing.T) {
				for n := range len(env) {
					requireFailure(t, runCLI(t, env[:n], openArgs(info)...), "device:")
				}
			})
			t.Run("flipped byte", func(t *testing.T) {
				for i := range env {
					for _, bit := range []byte{0x01, 0x80} {
						bad := bytes.Clone(env)
						bad[i] ^= bit
						r := runCLI(t, bad, openArgs(info)...)
						requireFailure(t, r, "device:")
						require.NotEmpty(t, r.stderr, "byte %d bit %#x", i, bit)
					}
				}
			})
			t.Run("appended byte", func(t *testing.T) {
				requireFailure(t, runCLI(t, append(bytes.Clone(env), 0), openArgs(info)...), "device: malformed")
			})
		})
	}

	info := infos[device.P256]
	for _, tc := range []struct {
		name  string
		input []byte
		want  string
	}{
		{"empty", nil, "device: malformed"},
		{"text", []byte("hello, world\n"), "device: malformed"},
		{"json", []byte(`{"device":"x"}`), "device: malformed"},
		{"cbor map", []byte{0xa0}, "device: malformed"},
		{"cbor tag only", []byte{0xd2}, "device: malformed"},
		{"untagged empty array", []byte{0x80}, "device: malformed"},
		{"binary", bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 100), "device: malformed"},
		{"at the limit", make([]byte, device.MaxEnvelopeSize), "device: malformed"},
		{"over the limit", make([]byte, device.MaxEnvelopeSize+1), "envelope from stdin: device: too large: over " + strconv.Itoa(device.MaxEnvelopeSize) + " bytes"},
		{"far over the limit", make([]byte, 4*device.MaxEnvelopeSize), "device: too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireFailure(t, runCLI(t, tc.input, openArgs(info)...), tc.want)
		})
	}
}

// readCounter counts the bytes read from it.
type readCounter struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// The input is read only up to the limit (plus one byte), however much there is.
func TestReadInputIsBounded(t *testing.T) {
	t.Parallel()
	src := &readCounter{r: bytes.NewReader(make([]byte, 10*device.MaxEnvelopeSize))}
	_, _, err := readInput(src, "", device.MaxEnvelopeSize)
	require.ErrorIs(t, err, device.ErrTooLarge)
	require.Equal(t, device.MaxEnvelopeSize+1, src.n)

	data, src2, err := readInput(bytes.NewReader([]byte("abc")), "-", 3)
	require.NoError(t, err)
	require.Equal(t, "abc", string(data))
	require.Equal(t, "from stdin", src2)
}
