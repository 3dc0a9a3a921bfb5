package vertical

import (
	"errors"
	"fmt"
	"reflect"
)

// ErrClaimType reports a claim handed to a Typed vertical's adapter that is not
// of its claim type.
var ErrClaimType = errors.New("vertical: claim of the wrong type")

// Typed is a vertical whose claims are of its own type C: Claim returns a C
// and Apply takes one, with no type assertion to write. Adapt makes it the
// Vertical the runtime drives.
type Typed[C any] interface {
	Base
	// Claim is Vertical.Claim, returning the vertical's own claim.
	Claim(r *Report) (C, error)
	// Apply is Vertical.Apply, for the vertical's own claim.
	Apply(epoch uint64, claim C) error
}

// Adapt returns t as a Vertical. Its Claim returns t's claim as an any; its
// Apply passes a claim of type C to t and refuses any other with an error
// wrapping ErrClaimType that names the vertical and both types (the runtime
// records it as ReasonInvalidClaim; it can only happen if something other
// than the runtime calls Apply). If t is an EpochStarter, so is the result;
// its other capabilities (CurveProposer) are found with As. Unwrap (or As)
// returns t.
func Adapt[C any](t Typed[C]) Vertical {
	a := &adapter[C]{t: t}
	if s, ok := t.(EpochStarter); ok {
		return &startingAdapter[C]{adapter: a, s: s}
	}
	return a
}

type adapter[C any] struct{ t Typed[C] }

func (a *adapter[C]) Name() string                       { return a.t.Name() }
func (a *adapter[C]) ContentTypes() []ContentType        { return a.t.ContentTypes() }
func (a *adapter[C]) Score(epoch uint64) (*Score, error) { return a.t.Score(epoch) }
func (a *adapter[C]) Snapshot() ([]byte, error)          { return a.t.Snapshot() }
func (a *adapter[C]) Restore(snapshot []byte) error      { return a.t.Restore(snapshot) }
func (a *adapter[C]) Unwrap() any                        { return a.t }

func (a *adapter[C]) Claim(r *Report) (any, error) {
	c, err := a.t.Claim(r)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (a *adapter[C]) Apply(epoch uint64, claim any) error {
	c, ok := claim.(C)
	if !ok {
		return fmt.Errorf("%w: vertical %q: claim of type %T, want %v", ErrClaimType, a.t.Name(), claim, reflect.TypeFor[C]())
	}
	return a.t.Apply(epoch, c)
}

type startingAdapter[C any] struct {
	*adapter[C]
	s EpochStarter
}

func (a *startingAdapter[C]) StartEpoch(epoch uint64, seed [32]byte) error {
	return a.s.StartEpoch(epoch, seed)
}

// As returns v as a T: v itself if it is one, or the vertical an adapter
// (Adapt) wraps. A query of a vertical's own state through the runtime
// (depin.Node.Inspect) gets the Vertical and uses As to reach its type.
func As[T any](v Vertical) (T, bool) {
	if t, ok := v.(T); ok {
		return t, true
	}
	if u, ok := v.(interface{ Unwrap() any }); ok {
		t, ok := u.Unwrap().(T)
		return t, ok
	}
	var zero T
	return zero, false
}
