package canonical_test

import (
	"errors"
	"fmt"

	"github.com/depinkit/depinkit/canonical"
)

// A vertical's state, encoded as an array (the toarray tag) in canonical CBOR.
type meterState struct {
	_        struct{} `cbor:",toarray"`
	Epoch    uint64
	Readings map[string]uint64 // device -> Wh
}

// A vertical's Snapshot and Restore: equal states give equal bytes whatever
// the map order, and Restore accepts only the one canonical encoding.
func Example() {
	s := meterState{Epoch: 7, Readings: map[string]uint64{"meter-b": 1200, "meter-a": 800}}
	snap, err := canonical.Marshal(s)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", snap)

	dec := canonical.MustDecoder(canonical.Limits{MaxNested: 4, MaxArray: 16, MaxMap: 100_000})
	var back meterState
	if err := dec.UnmarshalCanonical(snap, &back); err != nil {
		panic(err)
	}
	fmt.Println(back.Epoch, back.Readings["meter-a"], back.Readings["meter-b"])

	// The epoch 7 written in two bytes (0x18 0x07) decodes, but is not canonical.
	long := append([]byte{snap[0], 0x18}, snap[1:]...)
	err = dec.UnmarshalCanonical(long, &back)
	fmt.Println(errors.Is(err, canonical.ErrNotCanonical))
	// Output:
	// 8207a2676d657465722d61190320676d657465722d621904b0
	// 7 800 1200
	// true
}
