package pocsim_test

import (
	"fmt"
	"log"

	"github.com/depinkit/depinkit/depin/poc"
	"github.com/depinkit/depinkit/depin/poc/pocsim"
)

// A seeded city: where its hotspots stand and claim to, and one bucket of the
// reports their radios produce, sealed as the hotspots would send them.
func ExampleNew() {
	w, err := pocsim.New(pocsim.Config{Seed: 1, Hotspots: 30, Liars: 3, DuplicatePerMille: 50})
	if err != nil {
		log.Fatal(err)
	}
	liars := 0
	for _, h := range w.Hotspots() {
		if h.Liar {
			liars++
		}
	}
	rep := w.Reports(epochStart, interval, 1)
	envelopes, err := w.Seal(rep, epochStart-60_000)
	if err != nil {
		log.Fatal(err)
	}
	_, witnesses := poc.Tally(mustProcess(w, rep))
	fmt.Println("hotspots", len(w.Hotspots()), "liars", liars)
	fmt.Println("beacons", len(rep.Beacons), "envelopes", len(envelopes))
	fmt.Println("duplicates", witnesses[poc.ReasonDuplicate] > 0)
	// Output:
	// hotspots 30 liars 3
	// beacons 30 envelopes 121
	// duplicates true
}

func mustProcess(w *pocsim.World, rep pocsim.Reports) []*poc.Round {
	st := poc.NewState()
	for _, a := range w.Assertions() {
		if err := st.Assert(&a); err != nil {
			log.Fatal(err)
		}
	}
	inputs, _ := poc.Group(rep.Beacons, rep.Witnesses)
	rounds, err := st.Process(inputs, poc.Env{Entropy: rep.Entropy.Lookup})
	if err != nil {
		log.Fatal(err)
	}
	return rounds
}
