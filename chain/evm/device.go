package evm

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/depinkit/depinkit/device"
)

// ApproveMaker lets maker sign device registrations; only DeviceRegistry's
// admin (DeployConfig.DeviceAdmin) may.
func (s *Settler) ApproveMaker(ctx context.Context, maker common.Address) (*types.Receipt, error) {
	to := s.Addresses().DeviceRegistry
	return s.transact(ctx, "DeviceRegistry.approveMaker", &to, deviceABI.PackApproveMaker(maker))
}

// RetireMaker stops maker from signing new registrations; its devices stay.
func (s *Settler) RetireMaker(ctx context.Context, maker common.Address) (*types.Receipt, error) {
	to := s.Addresses().DeviceRegistry
	return s.transact(ctx, "DeviceRegistry.retireMaker", &to, deviceABI.PackRetireMaker(maker))
}

// RegisterDevice registers a device with its maker's signature over reg
// (Deployment.Sign with the maker's key) and mints its ERC-721 token, id
// uint256(device id), to reg.Owner. Anyone may send it.
func (s *Settler) RegisterDevice(ctx context.Context, reg DeviceRegistration, makerSig Signature) (*types.Receipt, error) {
	if reg.Key.IsZero() {
		return nil, fmt.Errorf("%w: registration without a device key", ErrInput)
	}
	data, err := deviceABI.TryPackRegisterDevice(reg.id(), uint8(reg.Key.Type()), reg.Key.Bytes(), reg.Model, reg.Owner,
		makerSig[:])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	to := s.Addresses().DeviceRegistry
	return s.transact(ctx, "DeviceRegistry.registerDevice", &to, data)
}

// RevokeDevice revokes a device and burns its token; only its maker or
// owner may.
func (s *Settler) RevokeDevice(ctx context.Context, id device.ID) (*types.Receipt, error) {
	to := s.Addresses().DeviceRegistry
	return s.transact(ctx, "DeviceRegistry.revoke", &to, deviceABI.PackRevoke(id))
}

// DeviceRecord is what DeviceRegistry holds of a device.
type DeviceRecord struct {
	ID           device.ID
	Maker        common.Address
	Key          device.PublicKey
	Model        [32]byte
	Owner        common.Address // its token's owner; zero once revoked
	Revoked      bool
	RegisteredAt time.Time // the block time of its registration
}

// TokenID returns the device's ERC-721 token id, uint256(id).
func TokenID(id device.ID) *big.Int { return new(big.Int).SetBytes(id[:]) }

// Device looks a device up by id (ErrUnknownDevice if it was never registered).
func (s *Settler) Device(ctx context.Context, id device.ID) (DeviceRecord, error) {
	const name = "DeviceRegistry.device"
	out, err := s.call(ctx, name, s.Addresses().DeviceRegistry, deviceABI.PackDevice(id))
	if err != nil {
		return DeviceRecord{}, err
	}
	d, err := deviceABI.UnpackDevice(out)
	if err != nil {
		return DeviceRecord{}, fmt.Errorf("evm: %s: %w", name, err)
	}
	key, err := device.ParsePublicKey(device.KeyType(d.Info.KeyType), d.Info.PublicKey)
	if err != nil {
		return DeviceRecord{}, fmt.Errorf("evm: %s: device %s: %w", name, id, err)
	}
	return DeviceRecord{
		ID: id, Maker: d.Info.Maker, Key: key, Model: d.Info.Model, Owner: d.Holder, Revoked: d.Info.Revoked,
		RegisteredAt: time.Unix(int64(d.Info.RegisteredAt), 0).UTC(),
	}, nil
}

// IsMaker reports whether maker may sign device registrations.
func (s *Settler) IsMaker(ctx context.Context, maker common.Address) (bool, error) {
	const name = "DeviceRegistry.isMaker"
	out, err := s.call(ctx, name, s.Addresses().DeviceRegistry, deviceABI.PackIsMaker(maker))
	if err != nil {
		return false, err
	}
	v, err := deviceABI.UnpackIsMaker(out)
	if err != nil {
		return false, fmt.Errorf("evm: %s: %w", name, err)
	}
	return v, nil
}
