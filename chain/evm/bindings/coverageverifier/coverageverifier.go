// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package coverageverifier

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// CoverageVerifierMetaData contains all meta data concerning the CoverageVerifier contract.
var CoverageVerifierMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIProofVerifier\",\"name\":\"verifier_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"claim\",\"type\":\"bytes32\"}],\"name\":\"AlreadyVerified\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"claim\",\"type\":\"bytes32\"}],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"NoVerifier\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"NonceMismatch\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"claim\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"}],\"name\":\"CoverageVerified\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"PUBLIC_INPUTS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SCALAR_FIELD\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"}],\"name\":\"coverageNonce\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"claim\",\"type\":\"bytes32\"}],\"name\":\"verifiedBy\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifier\",\"outputs\":[{\"internalType\":\"contractIProofVerifier\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"},{\"internalType\":\"uint256[]\",\"name\":\"input\",\"type\":\"uint256[]\"}],\"name\":\"verifyCoverage\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"claim\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "CoverageVerifier",
	Bin: "0x60a034608757601f61086438819003918201601f19168301916001600160401b03831184841017608b57808492602094604052833981010312608757516001600160a01b038116808203608757803b15607557506080526040516107c490816100a082396080518181816103b701526106710152f35b630160f98360e21b5f5260045260245ffd5b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe6080806040526004361015610012575f80fd5b5f3560e01c9081632b7ac3f314610629575080633d03afa8146105b157806358b9ae7b1461015f5780638ebdf93514610126578063f781043d146100ce5763ff9647401461005e575f80fd5b346100ca5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100ca57610095610695565b6024359073ffffffffffffffffffffffffffffffffffffffff821682036100ca576020916100c29161071a565b604051908152f35b5f80fd5b346100ca575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100ca5760206040517f30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f00000018152f35b346100ca575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100ca57602060405160068152f35b346100ca5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100ca57610196610695565b60243567ffffffffffffffff81116100ca57366023820112156100ca57806004013567ffffffffffffffff81116100ca5736602482840101116100ca576044359267ffffffffffffffff84116100ca57366023850112156100ca5783600401359067ffffffffffffffff82116100ca5760248501918060051b9136602484890101116100ca5760405160208101907f07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff84116100ca578486833761028560208287810103017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe081018352826106ac565b51902096600683036105775761029b338361071a565b90836003101561054a57608401358181036104fe57505067ffffffffffffffff1694855f525f60205260405f20875f5260205273ffffffffffffffffffffffffffffffffffffffff60405f2054166104ce576064836020959360249587957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8b6040519c8d9b8c9a7f9649daae000000000000000000000000000000000000000000000000000000008c52604060048d01528260448d015201898b01375f88828b01015201168601927ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc8688860301016024880152858401526084830137010103018173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000165afa9081156104c3575f91610488575b501561045a57602091815f525f835260405f20815f52835260405f20337fffffffffffffffffffffffff0000000000000000000000000000000000000000825416179055604051918133917f7084dfad9e704c1a8093a0e17fbbdd3dc2425a8b0f2e76b13dc4d47a10cb96645f80a48152f35b7f06d6c86b000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b90506020813d6020116104bb575b816104a3602093836106ac565b810103126100ca575180151581036100ca57836103e7565b3d9150610496565b6040513d5f823e3d90fd5b86867fc6ac8327000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b6084935067ffffffffffffffff604051937f43f2678d00000000000000000000000000000000000000000000000000000000855216600484015233602484015260448301526064820152fd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b8767ffffffffffffffff837f06d6c86b000000000000000000000000000000000000000000000000000000005f521660045260245260445ffd5b346100ca5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100ca5767ffffffffffffffff6105f1610695565b165f525f60205260405f206024355f52602052602073ffffffffffffffffffffffffffffffffffffffff60405f205416604051908152f35b346100ca575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100ca5760209073ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b6004359067ffffffffffffffff821682036100ca57565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff8211176106ed57604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b7f30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f00000019173ffffffffffffffffffffffffffffffffffffffff6040519167ffffffffffffffff60208401944686523060408601521660608401521660808201526080815261078760a0826106ac565b519020069056fea264697066735822122025488777b99ea8a093b2e9a0b6d8b0cb1d627d9cbf95694adc74bf3ed28b0dbb64736f6c63430008250033",
}

// CoverageVerifier is an auto generated Go binding around an Ethereum contract.
type CoverageVerifier struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *CoverageVerifier) GetABI() abi.ABI {
	return c.abi
}

// NewCoverageVerifier creates a new instance of CoverageVerifier.
func NewCoverageVerifier() *CoverageVerifier {
	parsed, err := CoverageVerifierMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &CoverageVerifier{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *CoverageVerifier) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address verifier_) returns()
func (coverageVerifier *CoverageVerifier) PackConstructor(verifier_ common.Address) []byte {
	enc, err := coverageVerifier.abi.Pack("", verifier_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackPUBLICINPUTS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ebdf935.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function PUBLIC_INPUTS() view returns(uint256)
func (coverageVerifier *CoverageVerifier) PackPUBLICINPUTS() []byte {
	enc, err := coverageVerifier.abi.Pack("PUBLIC_INPUTS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPUBLICINPUTS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ebdf935.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function PUBLIC_INPUTS() view returns(uint256)
func (coverageVerifier *CoverageVerifier) TryPackPUBLICINPUTS() ([]byte, error) {
	return coverageVerifier.abi.Pack("PUBLIC_INPUTS")
}

// UnpackPUBLICINPUTS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8ebdf935.
//
// Solidity: function PUBLIC_INPUTS() view returns(uint256)
func (coverageVerifier *CoverageVerifier) UnpackPUBLICINPUTS(data []byte) (*big.Int, error) {
	out, err := coverageVerifier.abi.Unpack("PUBLIC_INPUTS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSCALARFIELD is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf781043d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SCALAR_FIELD() view returns(uint256)
func (coverageVerifier *CoverageVerifier) PackSCALARFIELD() []byte {
	enc, err := coverageVerifier.abi.Pack("SCALAR_FIELD")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSCALARFIELD is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf781043d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SCALAR_FIELD() view returns(uint256)
func (coverageVerifier *CoverageVerifier) TryPackSCALARFIELD() ([]byte, error) {
	return coverageVerifier.abi.Pack("SCALAR_FIELD")
}

// UnpackSCALARFIELD is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf781043d.
//
// Solidity: function SCALAR_FIELD() view returns(uint256)
func (coverageVerifier *CoverageVerifier) UnpackSCALARFIELD(data []byte) (*big.Int, error) {
	out, err := coverageVerifier.abi.Unpack("SCALAR_FIELD", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCoverageNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xff964740.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function coverageNonce(uint64 epoch, address submitter) view returns(uint256)
func (coverageVerifier *CoverageVerifier) PackCoverageNonce(epoch uint64, submitter common.Address) []byte {
	enc, err := coverageVerifier.abi.Pack("coverageNonce", epoch, submitter)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCoverageNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xff964740.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function coverageNonce(uint64 epoch, address submitter) view returns(uint256)
func (coverageVerifier *CoverageVerifier) TryPackCoverageNonce(epoch uint64, submitter common.Address) ([]byte, error) {
	return coverageVerifier.abi.Pack("coverageNonce", epoch, submitter)
}

// UnpackCoverageNonce is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xff964740.
//
// Solidity: function coverageNonce(uint64 epoch, address submitter) view returns(uint256)
func (coverageVerifier *CoverageVerifier) UnpackCoverageNonce(data []byte) (*big.Int, error) {
	out, err := coverageVerifier.abi.Unpack("coverageNonce", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackVerifiedBy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d03afa8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifiedBy(uint64 epoch, bytes32 claim) view returns(address)
func (coverageVerifier *CoverageVerifier) PackVerifiedBy(epoch uint64, claim [32]byte) []byte {
	enc, err := coverageVerifier.abi.Pack("verifiedBy", epoch, claim)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifiedBy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d03afa8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifiedBy(uint64 epoch, bytes32 claim) view returns(address)
func (coverageVerifier *CoverageVerifier) TryPackVerifiedBy(epoch uint64, claim [32]byte) ([]byte, error) {
	return coverageVerifier.abi.Pack("verifiedBy", epoch, claim)
}

// UnpackVerifiedBy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d03afa8.
//
// Solidity: function verifiedBy(uint64 epoch, bytes32 claim) view returns(address)
func (coverageVerifier *CoverageVerifier) UnpackVerifiedBy(data []byte) (common.Address, error) {
	out, err := coverageVerifier.abi.Unpack("verifiedBy", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifier() view returns(address)
func (coverageVerifier *CoverageVerifier) PackVerifier() []byte {
	enc, err := coverageVerifier.abi.Pack("verifier")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifier() view returns(address)
func (coverageVerifier *CoverageVerifier) TryPackVerifier() ([]byte, error) {
	return coverageVerifier.abi.Pack("verifier")
}

// UnpackVerifier is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (coverageVerifier *CoverageVerifier) UnpackVerifier(data []byte) (common.Address, error) {
	out, err := coverageVerifier.abi.Unpack("verifier", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackVerifyCoverage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58b9ae7b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyCoverage(uint64 epoch, bytes proof, uint256[] input) returns(bytes32 claim)
func (coverageVerifier *CoverageVerifier) PackVerifyCoverage(epoch uint64, proof []byte, input []*big.Int) []byte {
	enc, err := coverageVerifier.abi.Pack("verifyCoverage", epoch, proof, input)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyCoverage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58b9ae7b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyCoverage(uint64 epoch, bytes proof, uint256[] input) returns(bytes32 claim)
func (coverageVerifier *CoverageVerifier) TryPackVerifyCoverage(epoch uint64, proof []byte, input []*big.Int) ([]byte, error) {
	return coverageVerifier.abi.Pack("verifyCoverage", epoch, proof, input)
}

// UnpackVerifyCoverage is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x58b9ae7b.
//
// Solidity: function verifyCoverage(uint64 epoch, bytes proof, uint256[] input) returns(bytes32 claim)
func (coverageVerifier *CoverageVerifier) UnpackVerifyCoverage(data []byte) ([32]byte, error) {
	out, err := coverageVerifier.abi.Unpack("verifyCoverage", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// CoverageVerifierCoverageVerified represents a CoverageVerified event raised by the CoverageVerifier contract.
type CoverageVerifierCoverageVerified struct {
	Epoch     uint64
	Claim     [32]byte
	Submitter common.Address
	Raw       *types.Log // Blockchain specific contextual infos
}

const CoverageVerifierCoverageVerifiedEventName = "CoverageVerified"

// ContractEventName returns the user-defined event name.
func (CoverageVerifierCoverageVerified) ContractEventName() string {
	return CoverageVerifierCoverageVerifiedEventName
}

// UnpackCoverageVerifiedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CoverageVerified(uint64 indexed epoch, bytes32 indexed claim, address indexed submitter)
func (coverageVerifier *CoverageVerifier) UnpackCoverageVerifiedEvent(log *types.Log) (*CoverageVerifierCoverageVerified, error) {
	event := "CoverageVerified"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != coverageVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CoverageVerifierCoverageVerified)
	if len(log.Data) > 0 {
		if err := coverageVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range coverageVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (coverageVerifier *CoverageVerifier) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], coverageVerifier.abi.Errors["AlreadyVerified"].ID.Bytes()[:4]) {
		return coverageVerifier.UnpackAlreadyVerifiedError(raw[4:])
	}
	if bytes.Equal(raw[:4], coverageVerifier.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return coverageVerifier.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], coverageVerifier.abi.Errors["NoVerifier"].ID.Bytes()[:4]) {
		return coverageVerifier.UnpackNoVerifierError(raw[4:])
	}
	if bytes.Equal(raw[:4], coverageVerifier.abi.Errors["NonceMismatch"].ID.Bytes()[:4]) {
		return coverageVerifier.UnpackNonceMismatchError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// CoverageVerifierAlreadyVerified represents a AlreadyVerified error raised by the CoverageVerifier contract.
type CoverageVerifierAlreadyVerified struct {
	Epoch uint64
	Claim [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyVerified(uint64 epoch, bytes32 claim)
func CoverageVerifierAlreadyVerifiedErrorID() common.Hash {
	return common.HexToHash("0xc6ac832739a250d151fdf80aab0dd5029fda7b4a4b3ba5f792d1ce938d5c4171")
}

// UnpackAlreadyVerifiedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyVerified(uint64 epoch, bytes32 claim)
func (coverageVerifier *CoverageVerifier) UnpackAlreadyVerifiedError(raw []byte) (*CoverageVerifierAlreadyVerified, error) {
	out := new(CoverageVerifierAlreadyVerified)
	if err := coverageVerifier.abi.UnpackIntoInterface(out, "AlreadyVerified", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoverageVerifierInvalidProof represents a InvalidProof error raised by the CoverageVerifier contract.
type CoverageVerifierInvalidProof struct {
	Epoch uint64
	Claim [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof(uint64 epoch, bytes32 claim)
func CoverageVerifierInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x06d6c86b03e78d31c3f9837a512ce3af022d6553726a8b46f2a5aa87034edf4c")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof(uint64 epoch, bytes32 claim)
func (coverageVerifier *CoverageVerifier) UnpackInvalidProofError(raw []byte) (*CoverageVerifierInvalidProof, error) {
	out := new(CoverageVerifierInvalidProof)
	if err := coverageVerifier.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoverageVerifierNoVerifier represents a NoVerifier error raised by the CoverageVerifier contract.
type CoverageVerifierNoVerifier struct {
	Verifier common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoVerifier(address verifier)
func CoverageVerifierNoVerifierErrorID() common.Hash {
	return common.HexToHash("0x0583e60c39c8f66140e6da53d6526c3f8e532ef31830960f54c7e5bca59ba9af")
}

// UnpackNoVerifierError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoVerifier(address verifier)
func (coverageVerifier *CoverageVerifier) UnpackNoVerifierError(raw []byte) (*CoverageVerifierNoVerifier, error) {
	out := new(CoverageVerifierNoVerifier)
	if err := coverageVerifier.abi.UnpackIntoInterface(out, "NoVerifier", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CoverageVerifierNonceMismatch represents a NonceMismatch error raised by the CoverageVerifier contract.
type CoverageVerifierNonceMismatch struct {
	Epoch     uint64
	Submitter common.Address
	Nonce     *big.Int
	Expected  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NonceMismatch(uint64 epoch, address submitter, uint256 nonce, uint256 expected)
func CoverageVerifierNonceMismatchErrorID() common.Hash {
	return common.HexToHash("0x43f2678da59a960767778e4abefd5c0a6e762717fcc865bacfc1d924cf033c91")
}

// UnpackNonceMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NonceMismatch(uint64 epoch, address submitter, uint256 nonce, uint256 expected)
func (coverageVerifier *CoverageVerifier) UnpackNonceMismatchError(raw []byte) (*CoverageVerifierNonceMismatch, error) {
	out := new(CoverageVerifierNonceMismatch)
	if err := coverageVerifier.abi.UnpackIntoInterface(out, "NonceMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}
