package contracts

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/internal/solc"
)

// TestGenerated compiles the sources again and fails when a committed
// artifact or binding differs from what they make, or is missing, or is left
// over from a contract that is gone: run `go generate ./chain/evm/contracts`.
func TestGenerated(t *testing.T) {
	require.NoError(t, solc.Installed(CompileOptions))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	files, err := Generate(ctx)
	require.NoError(t, err)
	require.Len(t, files, 2*len(Names), "an artifact and a binding per contract")

	const fix = "stale: run `go generate ./chain/evm/contracts` (it installs the pinned solc on first use)"
	for _, p := range Paths(files) {
		disk, err := os.ReadFile(filepath.FromSlash(p))
		require.NoError(t, err, "%s missing: %s", p, fix)
		require.True(t, string(disk) == string(files[p]), "%s %s", p, fix)
	}
	present, err := GeneratedFiles(".")
	require.NoError(t, err)
	require.Equal(t, Paths(files), present, "generated files on disk: %s", fix)
}

func TestSources(t *testing.T) {
	src, err := Sources()
	require.NoError(t, err)
	for _, name := range Names {
		require.Contains(t, src, name+".sol")
		require.Contains(t, src[name+".sol"], "pragma solidity "+solc.Version+";", name)
	}
	require.Equal(t, "subnetregistry", BindingsPackage("SubnetRegistry"))
	require.Equal(t, "../bindings/subnetregistry/subnetregistry.go", BindingsFile("SubnetRegistry"))
}
