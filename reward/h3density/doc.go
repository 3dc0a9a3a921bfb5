// Package h3density is hex density scaling (Helium HIP-17 with the parameters
// of HIP-104): a hotspot that shares its neighbourhood of H3 cells with many
// others earns a reward scaled down by the product, over its parent cells, of
// the clipped over the unclipped count of active hotspots.
//
// New: NewScaler (or NewScalerOf, which also names the hotspots each step
// counts) from the levels (HIP104, HIP17) and the epoch's active hotspots;
// Scale, HeliumScale (Helium's oracle's rounding and its DefaultTxScale for an
// inactive cell) and Explain (the steps) for a hotspot's cell. The scale is a
// multiplier of a reward.Contribution.
//
// It is a package of its own because it needs H3 (github.com/uber/h3-go/v4, a
// C library built with cgo): package reward, and every vertical that does
// not scale by hex density, build with CGO_ENABLED=0.
package h3density
