package device

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMakers(t *testing.T) {
	reg := NewMemoryRegistry()
	maker := mustKey(t, P256, 1)
	require.ErrorIs(t, reg.ApproveMaker(maker.Public(), ""), ErrMalformed)
	require.ErrorIs(t, reg.ApproveMaker(PublicKey{}, "x"), ErrInvalidKey)
	require.NoError(t, reg.ApproveMaker(maker.Public(), "Acme"))
	require.ErrorIs(t, reg.ApproveMaker(maker.Public(), "Acme"), ErrExists)
	m, err := reg.Maker(maker.Public().ID())
	require.NoError(t, err)
	require.Equal(t, "Acme", m.Name)
	require.Equal(t, maker.Public().ID(), m.ID())

	dev1, dev2 := mustKey(t, Ed25519, 2), mustKey(t, Ed25519, 3)
	f := &fixture{reg: reg, maker: maker}
	_, err = reg.Register(f.cert(t, dev1.Public()), nil, t0)
	require.NoError(t, err)

	require.NoError(t, reg.RetireMaker(maker.Public().ID()))
	require.ErrorIs(t, reg.RetireMaker(maker.Public().ID()), ErrMakerRetired)
	require.ErrorIs(t, reg.RetireMaker(ID{1}), ErrUnknownMaker)
	_, err = reg.Register(f.cert(t, dev2.Public()), nil, t0)
	require.ErrorIs(t, err, ErrMakerRetired)

	// Devices of a retired maker keep working, and the maker may still revoke them.
	_, err = reg.DeviceKey(dev1.Public().ID())
	require.NoError(t, err)
	rev, err := NewRevocation(dev1.Public().ID(), "recall", maker)
	require.NoError(t, err)
	require.NoError(t, reg.Revoke(rev))

	// Re-approval lets it certify again.
	require.NoError(t, reg.ApproveMaker(maker.Public(), "Acme again"))
	_, err = reg.Register(f.cert(t, dev2.Public()), nil, t0)
	require.NoError(t, err)
}

func TestDeviceLifecycle(t *testing.T) {
	f := newFixture(t)
	reg := f.reg
	dev := mustKey(t, Ed25519, 50)
	id := dev.Public().ID()
	cert := f.cert(t, dev.Public())

	// Register with an owner binding signed by both.
	bind, err := NewOwnerBinding(dev, id, f.owner, 0)
	require.NoError(t, err)
	rec, err := reg.Register(cert, bind, t0)
	require.NoError(t, err)
	require.Equal(t, id, rec.ID)
	require.True(t, rec.Owner.Equal(f.owner.Public()))
	require.Equal(t, uint64(1), rec.Bindings)
	require.Equal(t, 5, reg.Len())

	_, err = reg.Register(cert, nil, t0)
	require.ErrorIs(t, err, ErrExists)

	// Lookup by ID and by DID.
	got, err := reg.LookupDID(dev.Public().DID())
	require.NoError(t, err)
	require.Equal(t, id, got.ID)
	_, err = reg.LookupDID(mustKey(t, Ed25519, 51).Public().DID())
	require.ErrorIs(t, err, ErrUnknownDevice)
	_, err = reg.LookupDID("did:web:x")
	require.ErrorIs(t, err, ErrInvalidDID)

	// Rotate: stale counter, bad signatures, key in use, then success.
	next := mustKey(t, Secp256k1, 52)
	stale, err := NewKeyRotation(id, 1, dev, next)
	require.NoError(t, err)
	require.ErrorIs(t, reg.Rotate(stale), ErrStale)
	notOld, err := NewKeyRotation(id, 0, next, next)
	require.NoError(t, err)
	require.ErrorIs(t, reg.Rotate(notOld), ErrBadSignature)
	taken, err := NewKeyRotation(id, 0, dev, f.devices[P256])
	require.NoError(t, err)
	require.ErrorIs(t, reg.Rotate(taken), ErrExists)
	noPossession, err := NewKeyRotation(id, 0, dev, next)
	require.NoError(t, err)
	noPossession.NewSignature[0] ^= 1
	require.ErrorIs(t, reg.Rotate(noPossession), ErrBadSignature)

	rot, err := NewKeyRotation(id, 0, dev, next)
	require.NoError(t, err)
	require.NoError(t, reg.Rotate(rot))
	require.ErrorIs(t, reg.Rotate(rot), ErrStale, "replayed rotation")
	key, err := reg.DeviceKey(id)
	require.NoError(t, err)
	require.True(t, key.Equal(next.Public()))
	rec, err = reg.Device(id)
	require.NoError(t, err)
	require.Equal(t, uint64(1), rec.Rotations())
	require.True(t, rec.PastKeys[0].Equal(dev.Public()))
	for _, did := range []string{dev.Public().DID(), next.Public().DID()} {
		got, err := reg.LookupDID(did)
		require.NoError(t, err)
		require.Equal(t, id, got.ID)
	}

	// Envelopes now need the new key, under the old device ID.
	o := f.opener(t)
	_, err = o.Open(seal(t, dev, 1, "old key"))
	require.ErrorIs(t, err, ErrWrongAlg)
	env, err := o.Open(mustSeal(t, next, Header{Device: id, ContentType: "depin/test/v1", Seq: 2, Time: t0}))
	require.NoError(t, err)
	require.Equal(t, id, env.Device)

	// A second owner binding is refused while the device has an owner.
	other := mustKey(t, Ed25519, 53)
	bind2, err := NewOwnerBinding(next, id, other, 1)
	require.NoError(t, err)
	require.ErrorIs(t, reg.Bind(bind2), ErrExists)

	// Revocation: only maker or owner.
	byStranger, err := NewRevocation(id, "mine now", other)
	require.NoError(t, err)
	require.ErrorIs(t, reg.Revoke(byStranger), ErrUnauthorized)
	byOwner, err := NewRevocation(id, "lost", f.owner)
	require.NoError(t, err)
	forged := *byOwner
	forged.Reason = "something else"
	require.ErrorIs(t, reg.Revoke(&forged), ErrBadSignature)
	require.NoError(t, reg.Revoke(byOwner))
	require.ErrorIs(t, reg.Revoke(byOwner), ErrRevoked)
	_, err = reg.DeviceKey(id)
	require.ErrorIs(t, err, ErrRevoked)
	rec, err = reg.Device(id)
	require.NoError(t, err)
	require.True(t, rec.Revoked)
	require.Equal(t, "lost", rec.RevokedReason)
	_, err = o.Open(mustSeal(t, next, Header{Device: id, ContentType: "depin/test/v1", Seq: 3, Time: t0}))
	require.ErrorIs(t, err, ErrRevoked)
	_, err = reg.Register(cert, nil, t0)
	require.ErrorIs(t, err, ErrRevoked)
	rot2, err := NewKeyRotation(id, 1, next, other)
	require.NoError(t, err)
	require.ErrorIs(t, reg.Rotate(rot2), ErrRevoked)
}

func TestBindLater(t *testing.T) {
	f := newFixture(t)
	dev := f.devices[Ed25519]
	id := dev.Public().ID()
	impostor := mustKey(t, Ed25519, 70)

	// Signed by someone who does not hold the device.
	fake, err := NewOwnerBinding(impostor, id, f.owner, 0)
	require.NoError(t, err)
	require.ErrorIs(t, f.reg.Bind(fake), ErrBadSignature)
	// Owner signature missing.
	half := &OwnerBinding{Device: id, Owner: f.owner.Public()}
	require.NoError(t, half.SignDevice(dev))
	require.ErrorIs(t, f.reg.Bind(half), ErrBadSignature)
	require.ErrorIs(t, half.SignOwner(impostor), ErrUnauthorized)
	// Wrong nonce.
	stale, err := NewOwnerBinding(dev, id, f.owner, 3)
	require.NoError(t, err)
	require.ErrorIs(t, f.reg.Bind(stale), ErrStale)
	// Unknown device.
	unknown, err := NewOwnerBinding(impostor, impostor.Public().ID(), f.owner, 0)
	require.NoError(t, err)
	require.ErrorIs(t, f.reg.Bind(unknown), ErrUnknownDevice)

	require.NoError(t, half.SignOwner(f.owner))
	require.NoError(t, f.reg.Bind(half))
	rec, err := f.reg.Device(id)
	require.NoError(t, err)
	require.True(t, rec.Owner.Equal(f.owner.Public()))
}

func TestMessagesRoundTrip(t *testing.T) {
	dev, owner, next := mustKey(t, Ed25519, 1), mustKey(t, Secp256k1, 2), mustKey(t, EdDSABN254, 3)
	id := dev.Public().ID()

	b, err := NewOwnerBinding(dev, id, owner, 4)
	require.NoError(t, err)
	enc, err := b.Marshal()
	require.NoError(t, err)
	b2, err := ParseOwnerBinding(enc)
	require.NoError(t, err)
	require.Equal(t, b.Nonce, b2.Nonce)
	require.NoError(t, b2.Verify(dev.Public()))

	r, err := NewKeyRotation(id, 7, dev, next)
	require.NoError(t, err)
	enc, err = r.Marshal()
	require.NoError(t, err)
	r2, err := ParseKeyRotation(enc)
	require.NoError(t, err)
	require.NoError(t, r2.Verify(dev.Public()))
	require.Equal(t, uint64(7), r2.Counter)

	v, err := NewRevocation(id, "end of life", owner)
	require.NoError(t, err)
	enc, err = v.Marshal()
	require.NoError(t, err)
	v2, err := ParseRevocation(enc)
	require.NoError(t, err)
	require.NoError(t, v2.Verify())

	_, err = NewRevocation(id, "", owner)
	require.ErrorIs(t, err, ErrMalformed)
	for _, parse := range []func([]byte) error{
		func(d []byte) error { _, err := ParseOwnerBinding(d); return err },
		func(d []byte) error { _, err := ParseKeyRotation(d); return err },
		func(d []byte) error { _, err := ParseRevocation(d); return err },
	} {
		require.ErrorIs(t, parse(enc[:len(enc)-1]), ErrMalformed)
		require.ErrorIs(t, parse(make([]byte, MaxMessageSize+1)), ErrTooLarge)
	}
	// A signature of one kind never verifies as another (domain separation).
	require.Error(t, (&KeyRotation{Device: id, Counter: 4, NewKey: owner.Public(), OldSignature: b.DeviceSignature, NewSignature: b.OwnerSignature}).Verify(dev.Public()))
}

// TestSnapshotDeterministic builds the same registry in two different orders and
// checks the snapshots match, restore round trips, and a bad snapshot changes nothing.
func TestSnapshotDeterministic(t *testing.T) {
	maker := mustKey(t, P256, 1)
	owner := mustKey(t, Secp256k1, 2)
	var devs []*PrivateKey
	for i := 0; i < 20; i++ {
		devs = append(devs, mustKey(t, KeyTypes()[i%4], uint64(10+i)))
	}
	// Sign everything once (P-256 signatures are randomised), then apply it in
	// different orders.
	f := &fixture{maker: maker}
	certs := make([]*Certificate, len(devs))
	binds := make([]*OwnerBinding, len(devs))
	for i, d := range devs {
		certs[i] = f.cert(t, d.Public())
		if i%3 == 0 {
			var err error
			binds[i], err = NewOwnerBinding(d, d.Public().ID(), owner, 0)
			require.NoError(t, err)
		}
	}
	rot, err := NewKeyRotation(devs[4].Public().ID(), 0, devs[4], mustKey(t, Ed25519, 99))
	require.NoError(t, err)
	revocation, err := NewRevocation(devs[7].Public().ID(), "stolen", maker)
	require.NoError(t, err)
	build := func(order []int) *MemoryRegistry {
		reg := NewMemoryRegistry()
		require.NoError(t, reg.ApproveMaker(maker.Public(), "Acme"))
		for _, i := range order {
			_, err := reg.Register(certs[i], binds[i], t0.Add(time.Duration(i)*time.Second))
			require.NoError(t, err)
		}
		require.NoError(t, reg.Rotate(rot))
		require.NoError(t, reg.Revoke(revocation))
		return reg
	}
	fwd, rev := make([]int, 20), make([]int, 20)
	for i := range fwd {
		fwd[i], rev[i] = i, 19-i
	}
	a, b := build(fwd), build(rev)
	sa, err := a.Snapshot()
	require.NoError(t, err)
	sb, err := b.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sa, sb)

	c := NewMemoryRegistry()
	require.NoError(t, c.Restore(sa))
	sc, err := c.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sa, sc)
	recA, err := a.Device(devs[4].Public().ID())
	require.NoError(t, err)
	recC, err := c.Device(devs[4].Public().ID())
	require.NoError(t, err)
	require.True(t, recA.Key.Equal(recC.Key))
	require.Equal(t, recA.RegisteredAt, recC.RegisteredAt)
	_, err = c.DeviceKey(devs[7].Public().ID())
	require.ErrorIs(t, err, ErrRevoked)

	// Every truncation of the snapshot is refused and leaves c unchanged.
	for n := 0; n < len(sa); n += 97 {
		require.Error(t, c.Restore(sa[:n]))
	}
	require.Error(t, c.Restore(append([]byte{}, sa[:len(sa)-1]...)))
	sc2, err := c.Snapshot()
	require.NoError(t, err)
	require.Equal(t, sa, sc2)
}

func mustSeal(t *testing.T, k Signer, h Header) []byte {
	t.Helper()
	b, err := Seal(k, h, "x")
	require.NoError(t, err)
	return b
}

// TestRegistryConcurrent races rotations of one device against each other and
// against registrations and lookups: exactly one rotation per counter wins.
func TestRegistryConcurrent(t *testing.T) {
	f := newFixture(t)
	dev := f.devices[Ed25519]
	id := dev.Public().ID()
	const racers = 8
	rots := make([]*KeyRotation, racers)
	for i := range rots {
		var err error
		rots[i], err = NewKeyRotation(id, 0, dev, mustKey(t, Ed25519, uint64(1000+i)))
		require.NoError(t, err)
	}
	certs := make([]*Certificate, racers)
	for i := range certs {
		certs[i] = f.cert(t, mustKey(t, P256, uint64(2000+i)).Public())
	}
	var wg sync.WaitGroup
	errs := make([]error, racers)
	for i := 0; i < racers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f.reg.Rotate(rots[i])
			_, err := f.reg.Register(certs[i], nil, t0)
			require.NoError(t, err)
			_, _ = f.reg.DeviceKey(id)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else {
			require.ErrorIs(t, err, ErrStale)
		}
	}
	require.Equal(t, 1, won)
	rec, err := f.reg.Device(id)
	require.NoError(t, err)
	require.Equal(t, uint64(1), rec.Rotations())
	require.Equal(t, 4+racers, f.reg.Len())
}
