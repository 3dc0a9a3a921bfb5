package lthash

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHomomorphic(t *testing.T) {
	var a, b, empty Hash
	for i := range 100 {
		a.Add("kv", fmt.Appendf(nil, "k%d=v", i))
	}
	for i := 99; i >= 0; i-- { // another order
		b.Add("kv", fmt.Appendf(nil, "k%d=v", i))
	}
	require.Equal(t, a.Sum(), b.Sum(), "order does not matter")

	b.Remove("kv", []byte("k7=v"))
	require.NotEqual(t, a.Sum(), b.Sum())
	b.Add("kv", []byte("k7=v"))
	require.Equal(t, a.Sum(), b.Sum(), "remove then add restores the hash")

	b.Add("other", []byte("k7=v"))
	require.NotEqual(t, a.Sum(), b.Sum(), "a domain separates elements")
	b.Remove("other", []byte("k7=v"))
	require.Equal(t, a.Sum(), b.Sum())

	for i := range 100 {
		a.Remove("kv", fmt.Appendf(nil, "k%d=v", i))
	}
	require.Equal(t, empty.Sum(), a.Sum(), "removing everything gives the empty set")

	// Multiset: an element added twice differs from once.
	var once, twice Hash
	once.Add("kv", []byte("x"))
	twice.Add("kv", []byte("x"))
	twice.Add("kv", []byte("x"))
	require.NotEqual(t, once.Sum(), twice.Sum())
}

// TestVector pins the construction (SHAKE128 expansion under a length-
// prefixed domain, little-endian lanes, SHA-256 of the lanes): a change of
// any part changes every application hash built on it. The empty set's sum is
// the SHA-256 of 2,048 zero bytes; both values were checked with Python's
// hashlib (shake_128, sha256).
func TestVector(t *testing.T) {
	var h Hash
	empty := h.Sum()
	require.Equal(t, "e5a00aa9991ac8a5ee3109844d84a55583bd20572ad3ffcd42792f3c36b183ad", hex.EncodeToString(empty[:]))
	h.Add("kv", []byte("a=1"))
	got := h.Sum()
	require.Equal(t, "45adf09476bd2765355fb02bbfcbb830c30b912fe95f28abe5db199c1f9ee2bc", hex.EncodeToString(got[:]))
}
