package evm

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/depinkit/depinkit/chain/evm/bindings/coverageverifier"
	"github.com/depinkit/depinkit/chain/evm/bindings/deviceregistry"
	"github.com/depinkit/depinkit/chain/evm/bindings/rewarddistributor"
	"github.com/depinkit/depinkit/chain/evm/bindings/subnetregistry"
	"github.com/depinkit/depinkit/chain/evm/bindings/testtoken"
	"github.com/depinkit/depinkit/proof/solidity"
)

// Errors of the package itself, before anything reaches the chain.
var (
	// ErrKey: a key that is not secp256k1, the only kind an EVM chain verifies.
	ErrKey = errors.New("evm: not a secp256k1 key")
	// ErrNotDeployed: the contract a call needs has no address (Deploy or
	// NewSettler's Addresses did not give one) or no code there.
	ErrNotDeployed = errors.New("evm: contract not deployed")
	// ErrInput: an argument the contracts could never accept (a nil amount,
	// a bundle of another statement, an address with no claim in a tree...).
	ErrInput = errors.New("evm: invalid input")
)

// ErrReverted is wrapped by every *RevertError: the chain refused a
// transaction or call, for the reason the RevertError carries.
var ErrReverted = errors.New("evm: reverted")

// Reverts of the contracts, by reason. A *RevertError whose custom error is
// one of these names wraps the sentinel, so that
// errors.Is(err, evm.ErrAlreadyClaimed) works; the Solidity error names are
// in brackets.
var (
	// ErrSubnetExists [SubnetExists]: the registrant registered this genesis already.
	ErrSubnetExists = errors.New("evm: subnet exists")
	// ErrUnknownSubnet [UnknownSubnet]: no subnet with this id.
	ErrUnknownSubnet = errors.New("evm: unknown subnet")
	// ErrInvalidValidatorSet [EmptyValidatorSet, TooManyValidators,
	// ValidatorsNotAscending, ZeroStake]: a validator set the registry refuses.
	ErrInvalidValidatorSet = errors.New("evm: invalid validator set")
	// ErrStaleValidatorSet [StaleValidatorSet, StaleFirstEpoch]: a validator
	// set change for another version than the next one (replayed, or made on
	// a stale set), or whose first epoch is not after the current set's.
	ErrStaleValidatorSet = errors.New("evm: stale validator set")
	// ErrInvalidSignature [InvalidSignature]: a signature that is not 65
	// bytes, not low-s, or recovers to no address.
	ErrInvalidSignature = errors.New("evm: invalid signature")
	// ErrSignersNotAscending [SignersNotAscending]: quorum signatures not in
	// strictly ascending order of signer, or a signer twice.
	ErrSignersNotAscending = errors.New("evm: signers not in ascending order")
	// ErrNotValidator [NotValidator]: a quorum signature by an address that
	// is not in the validator set checked against: the current one for a
	// set change, the epoch's for a root or checkpoint (forged, or by a
	// validator of another set).
	ErrNotValidator = errors.New("evm: signer is not a validator")
	// ErrUnderQuorum [UnderQuorum]: the signers hold at most 2/3 of the stake.
	ErrUnderQuorum = errors.New("evm: under quorum")
	// ErrStaleCheckpoint [StaleCheckpoint]: a checkpoint for an epoch not
	// after the latest one.
	ErrStaleCheckpoint = errors.New("evm: stale checkpoint")
	// ErrUnknownCheckpoint [UnknownCheckpoint]: no checkpoint for the epoch.
	ErrUnknownCheckpoint = errors.New("evm: unknown checkpoint")
	// ErrLengthMismatch [LengthMismatch]: arrays that go together differ in length.
	ErrLengthMismatch = errors.New("evm: length mismatch")
	// ErrInvalidEpoch [EmptyRoot, InvalidTotal, NoEpochs]: an epoch root of
	// zero, a total of zero or above 2^128-1, a claim naming no epoch.
	ErrInvalidEpoch = errors.New("evm: invalid epoch")
	// ErrEpochExists [EpochExists]: a root was posted for the epoch already.
	ErrEpochExists = errors.New("evm: epoch posted already")
	// ErrUnknownEpoch [UnknownEpoch]: no root was posted for the epoch.
	ErrUnknownEpoch = errors.New("evm: unknown epoch")
	// ErrAlreadyClaimed [AlreadyClaimed]: the account claimed the epoch already.
	ErrAlreadyClaimed = errors.New("evm: already claimed")
	// ErrInvalidProof [InvalidProof]: a Merkle proof that does not show the
	// claim in the epoch's tree, or a coverage proof that does not verify.
	ErrInvalidProof = errors.New("evm: invalid proof")
	// ErrEpochOverpaid [EpochOverpaid]: the claim would take the epoch past
	// its signed total.
	ErrEpochOverpaid = errors.New("evm: epoch would pay more than its total")
	// ErrMakerNotApproved [MakerNotApproved]: the maker signature recovers to
	// an address that is not an approved maker (forged, for other data, for
	// another registry or chain).
	ErrMakerNotApproved = errors.New("evm: maker not approved")
	// ErrZeroMaker [ZeroMaker]: approving the zero address as a maker.
	ErrZeroMaker = errors.New("evm: zero maker")
	// ErrDeviceIDMismatch [DeviceIDMismatch]: the device id is not the one
	// its key type and public key derive.
	ErrDeviceIDMismatch = errors.New("evm: device id does not match its key")
	// ErrInvalidPublicKey [InvalidPublicKey]: key type zero, or a public key
	// empty or longer than 65 bytes.
	ErrInvalidPublicKey = errors.New("evm: invalid device public key")
	// ErrDeviceExists [DeviceExists]: the device was registered already
	// (revoked devices included): a maker signature cannot be replayed.
	ErrDeviceExists = errors.New("evm: device registered already")
	// ErrUnknownDevice [UnknownDevice]: no device with this id.
	ErrUnknownDevice = errors.New("evm: unknown device")
	// ErrAlreadyRevoked [AlreadyRevoked]: the device is revoked already.
	ErrAlreadyRevoked = errors.New("evm: device revoked already")
	// ErrNotMakerOrOwner [NotMakerOrOwner]: only the device's maker or owner
	// may revoke it.
	ErrNotMakerOrOwner = errors.New("evm: not the device's maker or owner")
	// ErrAlreadyVerified [AlreadyVerified]: the coverage claim was verified
	// for the epoch already.
	ErrAlreadyVerified = errors.New("evm: coverage claim verified already")
	// ErrNoVerifier [NoVerifier]: the CoverageVerifier was given an address
	// without code as its ProofVerifier.
	ErrNoVerifier = errors.New("evm: no proof verifier")
	// ErrNonceMismatch [NonceMismatch]: a coverage proof whose nonce is not
	// CoverageNonce of the epoch and the sender: made for another epoch, or
	// for another account (a copy taken from the mempool).
	ErrNonceMismatch = errors.New("evm: coverage nonce of another epoch or submitter")
	// ErrVerifierOutOfGas [VerifierOutOfGas]: the ProofVerifier was given
	// less gas than it needs to answer (retry with more gas).
	ErrVerifierOutOfGas = errors.New("evm: proof verifier out of gas")
)

// revertSentinels maps the contracts' custom error names to sentinels.
var revertSentinels = map[string]error{
	"SubnetExists":           ErrSubnetExists,
	"UnknownSubnet":          ErrUnknownSubnet,
	"EmptyValidatorSet":      ErrInvalidValidatorSet,
	"TooManyValidators":      ErrInvalidValidatorSet,
	"ValidatorsNotAscending": ErrInvalidValidatorSet,
	"ZeroStake":              ErrInvalidValidatorSet,
	"StaleValidatorSet":      ErrStaleValidatorSet,
	"StaleFirstEpoch":        ErrStaleValidatorSet,
	"InvalidSignature":       ErrInvalidSignature,
	"SignersNotAscending":    ErrSignersNotAscending,
	"NotValidator":           ErrNotValidator,
	"UnderQuorum":            ErrUnderQuorum,
	"StaleCheckpoint":        ErrStaleCheckpoint,
	"UnknownCheckpoint":      ErrUnknownCheckpoint,
	"LengthMismatch":         ErrLengthMismatch,
	"EmptyRoot":              ErrInvalidEpoch,
	"InvalidTotal":           ErrInvalidEpoch,
	"NoEpochs":               ErrInvalidEpoch,
	"EpochExists":            ErrEpochExists,
	"UnknownEpoch":           ErrUnknownEpoch,
	"AlreadyClaimed":         ErrAlreadyClaimed,
	"InvalidProof":           ErrInvalidProof,
	"EpochOverpaid":          ErrEpochOverpaid,
	"MakerNotApproved":       ErrMakerNotApproved,
	"ZeroMaker":              ErrZeroMaker,
	"DeviceIDMismatch":       ErrDeviceIDMismatch,
	"InvalidPublicKey":       ErrInvalidPublicKey,
	"DeviceExists":           ErrDeviceExists,
	"UnknownDevice":          ErrUnknownDevice,
	"AlreadyRevoked":         ErrAlreadyRevoked,
	"NotMakerOrOwner":        ErrNotMakerOrOwner,
	"AlreadyVerified":        ErrAlreadyVerified,
	"NoVerifier":             ErrNoVerifier,
	"VerifierOutOfGas":       ErrVerifierOutOfGas,
	"NonceMismatch":          ErrNonceMismatch,
}

// A RevertError is a transaction or call the chain refused: the contract
// reverted, with Reason. It wraps ErrReverted and, for the contracts' own
// errors, the sentinel of the reason (ErrAlreadyClaimed...).
//
// A transaction that would revert is refused before it is sent, when its gas
// is estimated (Tx is zero, nothing is paid); one that reverts once mined (the
// state changed in between) has Tx set, and its reason comes from replaying
// it on the state of the block before.
type RevertError struct {
	// Call names what reverted: "RewardDistributor.claim".
	Call string
	// Name is the Solidity error: a custom error ("AlreadyClaimed", or one
	// of OpenZeppelin's, "ERC20InsufficientBalance"), "Error" for a
	// require/revert string, "Panic" for a failed assertion or arithmetic,
	// and "" when the revert carries no data or data no ABI here knows.
	Name string
	// Args are the error's arguments, in order.
	Args []RevertArg
	// Data is the raw revert data.
	Data []byte
	// Tx is the hash of the reverted transaction, zero if none was sent.
	Tx common.Hash
}

// A RevertArg is one argument of a revert reason.
type RevertArg struct {
	Name  string
	Value any
}

// Reason returns the revert reason as Solidity would write it, with argument
// names: `AlreadyClaimed(subnet: 0x12..., epoch: 3, account: 0xab...)`.
func (e *RevertError) Reason() string {
	switch {
	case e.Name == "" && len(e.Data) == 0:
		return "no reason given"
	case e.Name == "":
		return "unknown error 0x" + hex.EncodeToString(e.Data)
	}
	var b strings.Builder
	b.WriteString(e.Name)
	b.WriteByte('(')
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		if a.Name != "" {
			b.WriteString(a.Name)
			b.WriteString(": ")
		}
		b.WriteString(formatValue(a.Value))
	}
	b.WriteByte(')')
	return b.String()
}

func (e *RevertError) Error() string {
	return "evm: " + e.Call + " reverted: " + e.Reason()
}

// Unwrap returns ErrReverted and the reason's sentinel, if it has one.
func (e *RevertError) Unwrap() []error {
	if s, ok := revertSentinels[e.Name]; ok {
		return []error{ErrReverted, s}
	}
	return []error{ErrReverted}
}

// Arg returns the value of the argument called name, or nil.
func (e *RevertError) Arg(name string) any {
	for _, a := range e.Args {
		if a.Name == name {
			return a.Value
		}
	}
	return nil
}

func formatValue(v any) string {
	switch v := v.(type) {
	case [32]byte:
		return "0x" + hex.EncodeToString(v[:])
	case []byte:
		return "0x" + hex.EncodeToString(v)
	case common.Address:
		return v.Hex()
	case *big.Int:
		return v.String()
	case string:
		return fmt.Sprintf("%q", v)
	default:
		return fmt.Sprint(v)
	}
}

// Standard revert selectors: Error(string) and Panic(uint256).
var (
	errorSelector = []byte{0x08, 0xc3, 0x79, 0xa0}
	panicSelector = []byte{0x4e, 0x48, 0x7b, 0x71}
)

// knownErrors holds every error of every ABI this package deploys or calls,
// by selector.
var knownErrors = func() map[[4]byte]abi.Error {
	out := make(map[[4]byte]abi.Error)
	add := func(a abi.ABI) {
		for _, e := range a.Errors {
			var id [4]byte
			copy(id[:], e.ID[:4])
			out[id] = e
		}
	}
	add(subnetregistry.NewSubnetRegistry().GetABI())
	add(deviceregistry.NewDeviceRegistry().GetABI())
	add(rewarddistributor.NewRewardDistributor().GetABI())
	add(coverageverifier.NewCoverageVerifier().GetABI())
	add(testtoken.NewTestToken().GetABI())
	if a, err := abi.JSON(strings.NewReader(solidity.ABI)); err == nil {
		add(a)
	}
	return out
}()

// DecodeRevert turns revert data into a RevertError for call: a custom error
// of this package's contracts (or OpenZeppelin's, which they raise), a
// require string, a panic code, or raw data.
func DecodeRevert(call string, data []byte) *RevertError {
	e := &RevertError{Call: call, Data: bytes.Clone(data)}
	if len(data) < 4 {
		return e
	}
	sel, payload := data[:4], data[4:]
	switch {
	case bytes.Equal(sel, errorSelector):
		if msg, err := abi.UnpackRevert(data); err == nil {
			e.Name, e.Args = "Error", []RevertArg{{Name: "message", Value: msg}}
		}
		return e
	case bytes.Equal(sel, panicSelector):
		if len(payload) == 32 {
			e.Name, e.Args = "Panic", []RevertArg{{Name: "code", Value: new(big.Int).SetBytes(payload)}}
		}
		return e
	}
	def, ok := knownErrors[[4]byte(sel)]
	if !ok {
		return e
	}
	values, err := def.Inputs.Unpack(payload)
	if err != nil || len(values) != len(def.Inputs) {
		return e
	}
	e.Name = def.Name
	for i, in := range def.Inputs {
		e.Args = append(e.Args, RevertArg{Name: in.Name, Value: values[i]})
	}
	return e
}

// revertData extracts the revert data an RPC error carries (eth_call and
// eth_estimateGas return it as the error's data, a hex string).
func revertData(err error) ([]byte, bool) {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil, false
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil, false
	}
	data, decodeErr := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if decodeErr != nil {
		return nil, false
	}
	return data, true
}

// asRevert turns an RPC error into a RevertError when it is a revert.
func asRevert(call string, err error) (*RevertError, bool) {
	if data, ok := revertData(err); ok {
		return DecodeRevert(call, data), true
	}
	if strings.Contains(err.Error(), "execution reverted") {
		return DecodeRevert(call, nil), true
	}
	return nil, false
}
