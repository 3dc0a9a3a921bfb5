package evm

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// TestDeviceRegistryOwnable2Step: DeviceRegistry's ownership moves in two
// steps. The owner names a pending owner, keeps its rights until the
// pending owner accepts, and loses them then. Before (one-step Ownable),
// transferOwnership handed the registry over at once, to any address, a
// mistyped one included.
func TestDeviceRegistryOwnable2Step(t *testing.T) {
	f := setup(t)
	ctx := ctxT(t)
	d := f.deployer.WithAddresses(Addresses{})
	_, err := d.Deploy(ctx, DeployConfig{})
	require.NoError(t, err)
	next := f.strangerS.WithAddresses(d.Addresses())
	to := d.Addresses().DeviceRegistry
	owners := func() (owner, pending common.Address) {
		out, err := d.call(ctx, "DeviceRegistry.owner", to, deviceABI.PackOwner())
		require.NoError(t, err)
		owner, err = deviceABI.UnpackOwner(out)
		require.NoError(t, err)
		out, err = d.call(ctx, "DeviceRegistry.pendingOwner", to, deviceABI.PackPendingOwner())
		require.NoError(t, err)
		pending, err = deviceABI.UnpackPendingOwner(out)
		require.NoError(t, err)
		return owner, pending
	}
	owner, pending := owners()
	require.Equal(t, d.From(), owner)
	require.Equal(t, common.Address{}, pending)

	_, err = d.transact(ctx, "DeviceRegistry.transferOwnership", &to, deviceABI.PackTransferOwnership(next.From()))
	require.NoError(t, err)
	owner, pending = owners()
	require.Equal(t, d.From(), owner, "nothing moves before the new owner accepts")
	require.Equal(t, next.From(), pending)
	_, err = next.ApproveMaker(ctx, common.Address{7})
	requireRevert(t, err, ErrReverted, "OwnableUnauthorizedAccount")
	_, err = d.ApproveMaker(ctx, common.Address{7})
	require.NoError(t, err)

	_, err = next.transact(ctx, "DeviceRegistry.acceptOwnership", &to, deviceABI.PackAcceptOwnership())
	require.NoError(t, err)
	owner, pending = owners()
	require.Equal(t, next.From(), owner)
	require.Equal(t, common.Address{}, pending)
	_, err = d.ApproveMaker(ctx, common.Address{8})
	requireRevert(t, err, ErrReverted, "OwnableUnauthorizedAccount")
	_, err = next.ApproveMaker(ctx, common.Address{8})
	require.NoError(t, err)
	// Accepting again, or by someone never named, is refused.
	_, err = d.transact(ctx, "DeviceRegistry.acceptOwnership", &to, deviceABI.PackAcceptOwnership())
	requireRevert(t, err, ErrReverted, "OwnableUnauthorizedAccount")
}
