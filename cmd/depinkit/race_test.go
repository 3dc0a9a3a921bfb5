//go:build race

package main

// raceEnabled: the race detector slows gnark's arithmetic about tenfold; tests
// whose only goroutines are gnark's skip the slowest cases under it.
const raceEnabled = true
