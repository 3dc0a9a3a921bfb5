package sim

import (
	"crypto/ed25519"

	"github.com/depinkit/depinkit/chain"
)

// verifyKey identifies one verification: a public key, a 32-byte message (a
// block digest) and a signature.
type verifyKey struct {
	pub [ed25519.PublicKeySize]byte
	msg [32]byte
	sig [ed25519.SignatureSize]byte
}

// verifyCache is a chain.Verifier that remembers results. Verification is a pure
// function of (key, message, signature), so every in-process validator can
// share one cache: a block broadcast to n validators is verified once, not n
// times. It holds at most max entries and is emptied when full. Not safe for
// concurrent use: one simulation is one goroutine.
type verifyCache struct {
	inner chain.Verifier
	max   int
	m     map[verifyKey]bool
	stats VerifyStats
}

// VerifyStats counts signature verifications.
type VerifyStats struct {
	// Calls is how many verifications the validators asked for.
	Calls uint64
	// Hits is how many the cache answered without verifying.
	Hits uint64
}

func newVerifyCache(inner chain.Verifier, max int) *verifyCache {
	return &verifyCache{inner: inner, max: max, m: make(map[verifyKey]bool, min(max, 1<<12))}
}

// Verify implements chain.Verifier.
func (c *verifyCache) Verify(pub ed25519.PublicKey, msg, sig []byte) bool {
	c.stats.Calls++
	if len(pub) != ed25519.PublicKeySize || len(msg) != 32 || len(sig) != ed25519.SignatureSize {
		return c.inner.Verify(pub, msg, sig)
	}
	var k verifyKey
	copy(k.pub[:], pub)
	copy(k.msg[:], msg)
	copy(k.sig[:], sig)
	if ok, hit := c.m[k]; hit {
		c.stats.Hits++
		return ok
	}
	ok := c.inner.Verify(pub, msg, sig)
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[k] = ok
	return ok
}
