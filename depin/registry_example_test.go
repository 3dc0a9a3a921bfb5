package depin_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/vertical"
	"github.com/depinkit/depinkit/subnet"
)

func init() {
	// A vertical's package registers itself so (depin/telecom does).
	vertical.Register("example-meter", func(s vertical.Setup) (vertical.Vertical, error) {
		return newMeter(), nil
	})
}

// A subnet spec names its vertical and its curve: the runtime builds the
// registered vertical, its proof verifier (the spec names no proof_keys
// here: the signature path only) and the Config that mints the spec's curve.
func ExampleVerticalFromSpec() {
	dir, err := os.MkdirTemp("", "depin-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	spec, err := subnet.Init(dir, subnet.InitOptions{Vertical: "example-meter", Validators: 1})
	if err != nil {
		panic(err)
	}
	spec.Reward = subnet.Reward{Curve: subnet.CurveLinear, Initial: "1000", Step: "100"}

	verifier, err := depin.VerifierFromSpec(spec)
	if err != nil {
		panic(err)
	}
	v, err := depin.VerticalFromSpec(spec, verifier)
	if err != nil {
		panic(err)
	}
	cfg, err := depin.ConfigFromSpec(spec, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Name(), "epoch 3 mints", cfg.Curve.Emission(3))

	spec.Vertical = "parking"
	_, err = depin.VerticalFromSpec(spec, verifier)
	fmt.Println(errors.Is(err, vertical.ErrUnknownVertical))
	// Output:
	// meter epoch 3 mints 700
	// true
}
