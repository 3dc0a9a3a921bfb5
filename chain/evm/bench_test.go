package evm

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/reward"
)

// BenchmarkGas measures the gas of the settlement transactions on the
// simulated chain (Osaka rules), each as a whole transaction: 21,000
// intrinsic gas and calldata included, after refunds. Run
//
//	go test -run '^$' -bench Gas ./chain/evm
//
// gas/op is the mean over the iterations, which do the same work and differ
// only in the bytes of their calldata (a few dozen gas); ns/op is left out,
// since the simulated chain's speed says nothing about a real one.
func BenchmarkGas(b *testing.B) {
	f := setup(b)
	// Claims trees of 128 claims: every proof is 7 hashes.
	const claimsPerTree = 128

	// claim/1-epoch: an account's first claim ever: its claimed-epochs word
	// and its token balance are new storage.
	b.Run("claim/1-epoch", func(b *testing.B) {
		sn := f.newSubnet(b, 4)
		var tree *reward.MerkleTree
		var claims []reward.Claim
		epoch := uint64(0)
		gas(b, func(i int) (func() *types.Receipt, error) {
			if i%claimsPerTree == 0 {
				epoch++
				tree, claims = f.tree(b, claimsPerTree, 1_000)
				f.post(b, sn, EpochRootOf(sn.id, epoch, tree))
			}
			c := claims[i%claimsPerTree]
			ec, err := ClaimOf(tree, epoch, c.Address)
			return func() *types.Receipt {
				r, err := f.deployer.Claim(ctxT(b), sn.id, c.Address, ec)
				require.NoError(b, err)
				return r
			}, err
		})
	})
	// claim/1-epoch-repeat: an account that claimed the epoch before, the
	// usual case for a contributor paid every epoch.
	b.Run("claim/1-epoch-repeat", func(b *testing.B) {
		sn := f.newSubnet(b, 4)
		tree, claims := f.tree(b, claimsPerTree, 1_000)
		epoch := uint64(1)
		f.post(b, sn, EpochRootOf(sn.id, epoch, tree))
		for _, c := range claims {
			ec, err := ClaimOf(tree, epoch, c.Address)
			require.NoError(b, err)
			_, err = f.deployer.Claim(ctxT(b), sn.id, c.Address, ec)
			require.NoError(b, err)
		}
		gas(b, func(i int) (func() *types.Receipt, error) {
			if i%claimsPerTree == 0 {
				epoch++ // stays within the first 256 epochs: one word per account
				require.Less(b, epoch, uint64(256), "use -benchtime below 32000x")
				f.post(b, sn, EpochRootOf(sn.id, epoch, tree))
			}
			c := claims[i%claimsPerTree]
			ec, err := ClaimOf(tree, epoch, c.Address)
			return func() *types.Receipt {
				r, err := f.deployer.Claim(ctxT(b), sn.id, c.Address, ec)
				require.NoError(b, err)
				return r
			}, err
		})
	})
	// claim/10-epochs: a new account claims 10 epochs in one call.
	b.Run("claim/10-epochs", func(b *testing.B) {
		sn := f.newSubnet(b, 4)
		var tree *reward.MerkleTree
		var claims []reward.Claim
		epoch := uint64(0)
		gas(b, func(i int) (func() *types.Receipt, error) {
			if i%claimsPerTree == 0 {
				tree, claims = f.tree(b, claimsPerTree, 1_000)
				for range 10 {
					epoch++
					f.post(b, sn, EpochRootOf(sn.id, epoch, tree))
				}
			}
			c := claims[i%claimsPerTree]
			var many []EpochClaim
			for e := epoch - 9; e <= epoch; e++ {
				ec, err := ClaimOf(tree, e, c.Address)
				if err != nil {
					return nil, err
				}
				many = append(many, ec)
			}
			return func() *types.Receipt {
				r, err := f.deployer.Claim(ctxT(b), sn.id, c.Address, many...)
				require.NoError(b, err)
				return r
			}, nil
		})
	})
	// post-epoch: a root signed by every validator of 4 and of 16; the
	// poster approved the distributor once for good (an unlimited ERC-20
	// allowance, which OpenZeppelin does not decrease).
	for _, n := range []int{4, 16} {
		b.Run("post-epoch/"+itoa(n)+"-signatures", func(b *testing.B) {
			sn := f.newSubnet(b, n)
			ctx := ctxT(b)
			_, err := f.deployer.ApproveToken(ctx, f.deployer.Addresses().RewardDistributor, maxUint256())
			require.NoError(b, err)
			_, err = f.deployer.MintTestToken(ctx, f.deployer.From(), new(big.Int).Lsh(big.NewInt(1), 100))
			require.NoError(b, err)
			gas(b, func(i int) (func() *types.Receipt, error) {
				e := EpochRoot{Subnet: sn.id, Epoch: uint64(i + 1), Root: common.BigToHash(big.NewInt(int64(i + 1))), Total: big.NewInt(1_000_000)}
				sigs := f.sign(b, e, sn.keys...)
				return func() *types.Receipt {
					r, err := f.deployer.PostEpoch(ctx, e, sigs)
					require.NoError(b, err)
					return r
				}, nil
			})
		})
	}
	// post-checkpoint: signed by every validator of 4.
	b.Run("post-checkpoint/4-signatures", func(b *testing.B) {
		sn := f.newSubnet(b, 4)
		gas(b, func(i int) (func() *types.Receipt, error) {
			cp := Checkpoint{Subnet: sn.id, Epoch: uint64(i + 1), Height: uint64(1000 * (i + 1)),
				StateRoot: common.BigToHash(big.NewInt(int64(i + 1))), CommitDigest: common.Hash{0xcd}}
			sigs := f.sign(b, cp, sn.keys...)
			return func() *types.Receipt {
				r, err := f.deployer.PostCheckpoint(ctxT(b), cp, sigs)
				require.NoError(b, err)
				return r
			}, nil
		})
	})
	// register-device: an ed25519 device minted to an owner holding no
	// device yet.
	b.Run("register-device", func(b *testing.B) {
		model, err := Model("bench")
		require.NoError(b, err)
		gas(b, func(int) (func() *types.Receipt, error) {
			var owner common.Address
			_, _ = f.rand.Read(owner[:])
			reg := DeviceRegistration{Key: f.key(b, device.Ed25519).Public(), Model: model, Owner: owner}
			sig, err := f.deployer.Deployment().Sign(f.maker, reg)
			return func() *types.Receipt {
				r, err := f.deployer.RegisterDevice(ctxT(b), reg, sig)
				require.NoError(b, err)
				return r
			}, err
		})
	})
	// verify-coverage: a Groth16 coverage proof checked and recorded.
	b.Run("verify-coverage", func(b *testing.B) {
		c := setupCoverage(b)
		gas(b, func(int) (func() *types.Receipt, error) {
			epoch := f.genesis.Add(1) // unused by other tests
			bundle, err := c.proveFor(ctxT(b), c.s, epoch, 600)
			return func() *types.Receipt {
				_, r, err := c.s.VerifyCoverage(ctxT(b), epoch, bundle)
				require.NoError(b, err)
				return r
			}, err
		})
	})
}

// gas runs b.N operations, preparing each with prepare (untimed), and
// reports the gas they used per operation.
func gas(b *testing.B, prepare func(i int) (func() *types.Receipt, error)) {
	b.Helper()
	var total uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		op, err := prepare(i)
		require.NoError(b, err)
		b.StartTimer()
		total += op().GasUsed
	}
	b.ReportMetric(float64(total)/float64(b.N), "gas/op")
	b.ReportMetric(0, "ns/op")
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

func maxUint256() *big.Int {
	return new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
}
