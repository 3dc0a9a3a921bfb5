package subnet

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// Limits of the economics and vertical sections of a Spec.
const (
	// MaxPools bounds Reward.Pools.
	MaxPools = 64
	// MaxPoolNameLen bounds a pool name of Reward.Pools, in bytes: what a
	// vertical's pools may be named (depin/vertical.Pool.Name).
	MaxPoolNameLen = 48
	// MaxSectionSize bounds a vertical's section (Spec.Verticals), in bytes
	// of its TOML encoding.
	MaxSectionSize = 64 << 10
)

// Section is a vertical's own section of the spec, the table
// [verticals.NAME]: the vertical's configuration, kept as go-toml decodes
// an untyped table (strings, int64, float64, bool, dates, arrays and nested
// tables) until the vertical's factory decodes it into its own config struct
// (Decode, Spec.DecodeVertical). Package subnet checks only that it belongs
// to the spec's vertical and its size; what its keys mean is the vertical's.
//
// TOML cannot have a key that is both a string and a table, so the spec's
// vertical = "telecom" names the vertical and [verticals.telecom] holds its
// settings:
//
//	vertical = 'telecom'
//	[verticals.telecom]
//	beacon_interval_ms = 1000
type Section map[string]any

// encode returns the section as TOML, keys sorted (go-toml sorts map keys):
// the same section always gives the same bytes.
func (s Section) encode() ([]byte, error) {
	if len(s) == 0 {
		return nil, nil
	}
	return toml.Marshal(map[string]any(s))
}

// Decode decodes the section into v, a pointer to a struct with toml tags
// (as Parse decodes a spec). A key v has no field for, or a value of the
// wrong type, is an error: each a *FieldError whose path is prefix and the
// key ("verticals.telecom.beacon_interval_ms"), all wrapping ErrInvalidSpec.
// An empty section leaves v as it is.
func (s Section) Decode(prefix string, v any) error {
	data, err := s.encode()
	if err != nil {
		return &FieldError{Path: prefix, Msg: err.Error()}
	}
	if len(data) == 0 {
		return nil
	}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return sectionError(prefix, err)
	}
	return nil
}

// sectionError turns go-toml's errors on a re-encoded section into
// FieldErrors under prefix. The positions go-toml reports are in the
// re-encoded bytes, not the spec file, so they are left out.
func sectionError(prefix string, err error) error {
	path := func(k toml.Key) string {
		if len(k) == 0 {
			return prefix
		}
		return prefix + "." + strings.Join(k, ".")
	}
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var p problems
		for _, e := range strict.Errors {
			p.add(path(e.Key()), "unknown setting")
		}
		return p.err()
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		return &FieldError{Path: path(de.Key()), Msg: de.Error()}
	}
	return &FieldError{Path: prefix, Msg: err.Error()}
}

// SectionOf returns the Section v encodes to: v is a vertical's settings
// struct with toml tags (what its factory decodes with Section.Decode), so
// that a program writing a spec (a devnet, a test) puts a typed value in
// Spec.Verticals. Decode of the result gives v back.
func SectionOf(v any) (Section, error) {
	data, err := toml.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%w: section: %w", ErrInvalidSpec, err)
	}
	var s Section
	if err := toml.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%w: section: %w", ErrInvalidSpec, err)
	}
	if len(s) == 0 {
		return nil, nil
	}
	return s, nil
}

// VerticalSection returns the spec's section of its own vertical
// (Verticals[Vertical]), nil if it has none.
func (s *Spec) VerticalSection() Section { return s.Verticals[s.Vertical] }

// DecodeVertical decodes the section of the spec's vertical into v (see
// Section.Decode): what a vertical's factory calls to read its settings.
// Without a section it leaves v as it is.
func (s *Spec) DecodeVertical(v any) error {
	return s.VerticalSection().Decode("verticals."+s.Vertical, v)
}

// ProofKeysDir returns the directory of the subnet's proof key store
// (ProofKeys resolved against the spec's Dir), or "" if the spec names none.
func (s *Spec) ProofKeysDir() string {
	if s.ProofKeys == "" {
		return ""
	}
	if filepath.IsAbs(s.ProofKeys) || s.Dir == "" {
		return s.ProofKeys
	}
	return filepath.Join(s.Dir, s.ProofKeys)
}

// PoolWeights returns a copy of Reward.Pools, nil if it is empty.
func (s *Spec) PoolWeights() map[string]uint64 {
	if len(s.Reward.Pools) == 0 {
		return nil
	}
	out := make(map[string]uint64, len(s.Reward.Pools))
	for k, v := range s.Reward.Pools {
		out[k] = v
	}
	return out
}

// checkEconomics checks the pool weights, the vertical sections and the
// proof key store's path.
func (s *Spec) checkEconomics(p *problems) {
	if n := len(s.Reward.Pools); n > MaxPools {
		p.add("reward.pools", fmt.Sprintf("%d pools, more than %d", n, MaxPools))
	} else if n > 0 {
		var total uint64
		for _, name := range sortedKeys(s.Reward.Pools) {
			path := "reward.pools." + name
			if msg := checkPoolName(name); msg != "" {
				p.add(path, msg)
			}
			w := s.Reward.Pools[name]
			if w > math.MaxInt64 || total > math.MaxInt64-w {
				p.add(path, "the weights add up to more than 2^63-1")
				continue
			}
			total += w
		}
		if total == 0 {
			p.add("reward.pools", "every weight is 0: at least one pool must be paid")
		}
	}
	for _, name := range sortedKeys(s.Verticals) {
		path := "verticals." + name
		if name != s.Vertical {
			p.add(path, fmt.Sprintf("a section for vertical %q, but the subnet's vertical is %q", name, s.Vertical))
			continue
		}
		data, err := s.Verticals[name].encode()
		switch {
		case err != nil:
			p.add(path, err.Error())
		case len(data) > MaxSectionSize:
			p.add(path, fmt.Sprintf("%d bytes, at most %d", len(data), MaxSectionSize))
		}
	}
	if s.ProofKeys != "" {
		if clean := filepath.Clean(s.ProofKeys); !filepath.IsLocal(clean) {
			// As validators' directories: a spec names only paths under its own.
			p.add("proof_keys", fmt.Sprintf("%q is outside the spec's directory: want a relative path without ..", s.ProofKeys))
		}
	}
}

// checkPoolName checks a pool name as depin/vertical.Pool.Name: 1 to 48
// bytes of [a-z0-9-].
func checkPoolName(n string) string {
	switch {
	case n == "":
		return "empty pool name"
	case len(n) > MaxPoolNameLen:
		return fmt.Sprintf("pool name longer than %d bytes", MaxPoolNameLen)
	}
	if strings.IndexFunc(n, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) >= 0 {
		return fmt.Sprintf("pool name %q: only a-z, 0-9 and '-' are allowed", n)
	}
	return ""
}
