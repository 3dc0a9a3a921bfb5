package vertical_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// meterSettings is the example meter's section of a spec.
type meterSettings struct {
	MaxWh uint64 `toml:"max_wh"`
}

// newMeterFactory is a Factory of the example meter: the subnet's curve, or
// a constant 1,000,000 a epoch it proposes; one pool, "readings", whose
// weight it refuses to take (it has nothing to weigh it against).
func newMeterFactory(s vertical.Setup) (vertical.Vertical, error) {
	settings := meterSettings{MaxWh: 10_000}
	if err := s.Decode(&settings); err != nil {
		return nil, err
	}
	for name := range s.PoolWeights {
		return nil, fmt.Errorf("reward.pools.%s: the meter has one pool, readings, and takes no weight", name)
	}
	m := &meter{curve: s.Curve, wh: map[device.ID]uint64{}}
	if m.curve == nil {
		m.curve, _ = reward.NewConstant(big.NewInt(1_000_000))
	}
	return vertical.Adapt[reading](m), nil
}

// ExampleRegister registers a vertical by name and builds it for two
// subnets: one that names its own curve, one that takes the vertical's.
func ExampleRegister() {
	vertical.Register("example-meter", newMeterFactory) // usually in the vertical package's init

	halving, _ := reward.NewHalving(big.NewInt(4_000), 10, nil)
	v, err := vertical.New("example-meter", vertical.Setup{Subnet: "city", Curve: halving})
	if err != nil {
		panic(err)
	}
	cp, _ := vertical.As[vertical.CurveProposer](v)
	fmt.Println(v.Name(), "for city: epoch 10 emits", cp.Curve().Emission(10))

	v, _ = vertical.New("example-meter", vertical.Setup{Subnet: "village"})
	cp, _ = vertical.As[vertical.CurveProposer](v)
	fmt.Println(v.Name(), "for village: epoch 10 emits", cp.Curve().Emission(10))

	_, err = vertical.New("energy", vertical.Setup{})
	fmt.Println(errors.Is(err, vertical.ErrUnknownVertical))
	// Output:
	// meter for city: epoch 10 emits 2000
	// meter for village: epoch 10 emits 1000000
	// true
}

func TestRegistry(t *testing.T) {
	vertical.Register("test-meter", newMeterFactory)
	require.Contains(t, vertical.Registered(), "test-meter")

	// A second registration of one name panics, as database/sql.Register.
	require.PanicsWithValue(t, "vertical: Register called twice for test-meter", func() {
		vertical.Register("test-meter", newMeterFactory)
	})
	require.Panics(t, func() { vertical.Register("test-nil", nil) })
	for _, bad := range []string{"", "Telecom", "9lives", "tele com", "a-very-long-vertical-name-beyond-32"} {
		require.Panics(t, func() { vertical.Register(bad, newMeterFactory) }, "%q", bad)
	}
	require.NotContains(t, vertical.Registered(), "test-nil")

	// An unknown name lists the registered ones.
	_, err := vertical.New("test-nope", vertical.Setup{})
	require.ErrorIs(t, err, vertical.ErrUnknownVertical)
	require.Contains(t, err.Error(), `"test-nope"`)
	require.Contains(t, err.Error(), "test-meter")

	// Every call is a fresh replica.
	a, err := vertical.New("test-meter", vertical.Setup{})
	require.NoError(t, err)
	b, err := vertical.New("test-meter", vertical.Setup{})
	require.NoError(t, err)
	require.NotSame(t, a, b)

	// The factory's errors name the vertical; Setup.Decode hands it the
	// section.
	_, err = vertical.New("test-meter", vertical.Setup{PoolWeights: map[string]uint64{"beacons": 1}})
	require.ErrorContains(t, err, "vertical test-meter: reward.pools.beacons")
	bad := errors.New("verticals.test-meter.max_w: unknown setting")
	_, err = vertical.New("test-meter", vertical.Setup{Section: func(any) error { return bad }})
	require.ErrorIs(t, err, bad)
	var got meterSettings
	require.NoError(t, vertical.Setup{}.Decode(&got), "no section: nothing to decode")
}

// TestRegistryNilVertical: a factory that returns neither a vertical nor an
// error is reported, not handed to the runtime.
func TestRegistryNilVertical(t *testing.T) {
	vertical.Register("test-nil-vertical", func(vertical.Setup) (vertical.Vertical, error) { return nil, nil })
	_, err := vertical.New("test-nil-vertical", vertical.Setup{})
	require.ErrorContains(t, err, "returned no vertical")
}
