// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package rewarddistributor

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

// RewardDistributorEpoch is an auto generated low-level Go binding around an user-defined struct.
type RewardDistributorEpoch struct {
	Root  [32]byte
	Total *big.Int
	Paid  *big.Int
}

// RewardDistributorMetaData contains all meta data concerning the RewardDistributor contract.
var RewardDistributorMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"contractSubnetRegistry\",\"name\":\"registry_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyRoot\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"EpochExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"paid\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"EpochOverpaid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"InvalidTotal\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"a\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"b\",\"type\":\"uint256\"}],\"name\":\"LengthMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoEpochs\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"UnknownEpoch\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"funder\",\"type\":\"address\"}],\"name\":\"EpochPosted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"EPOCH_ROOT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint64[]\",\"name\":\"epochs\",\"type\":\"uint64[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes32[][]\",\"name\":\"proofs\",\"type\":\"bytes32[][]\"}],\"name\":\"claimMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"epochDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"epochInfo\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint128\",\"name\":\"total\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"paid\",\"type\":\"uint128\"}],\"internalType\":\"structRewardDistributor.Epoch\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isClaimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"postEpoch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractSubnetRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "RewardDistributor",
	Bin: "0x6101a080604052346101bc576040816115f6803803809161002082856101c0565b8339810103126101bc578051906001600160a01b03821682036101bc5760200151906001600160a01b03821682036101bc576040516100606040826101c0565b601a815260208101907f646570696e6b6974205265776172644469737472696275746f7200000000000082526040519161009b6040846101c0565b600183526020830191603160f81b83526100b4816101f7565b610120526100c1846101f7565b61014052519020918260e05251902080610100524660a0526040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a0815261012a60c0826101c0565b5190206080523060c05261016052610180526040516113939081610263823960805181611223015260a051816112e0015260c051816111f4015260e0518161127201526101005181611298015261012051816101320152610140518161015b01526101605181818160d40152818161048d0152818161091b0152610b660152610180518181816103e5015261074b0152f35b5f80fd5b601f909101601f19168101906001600160401b038211908210176101e357604052565b634e487b7160e01b5f52604160045260245ffd5b601f815111610222576020815191015160208210610213571790565b5f198260200360031b1b161790565b604460209160405192839163305a27a960e01b83528160048401528051918291826024860152018484015e5f828201840152601f01601f19168101030190fdfe6080806040526004361015610012575f80fd5b5f3560e01c9081631cac435c14610b8a5750806359cf4a5914610aec5780635dd363b214610a985780637063ceec14610811578063788480f11461076f5780637b1039991461070157806382542eed14610286578063835a67131461022e57806384b0196e146100fc5763fc0c546a1461008a575f80fd5b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f857602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b5f80fd5b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8576101d26101567f0000000000000000000000000000000000000000000000000000000000000000611306565b61017f7f0000000000000000000000000000000000000000000000000000000000000000611306565b60206101e0604051926101928385610d46565b5f84525f3681376040519586957f0f00000000000000000000000000000000000000000000000000000000000000875260e08588015260e0870190610cba565b908582036040870152610cba565b4660608501523060808501525f60a085015283810360c08501528180845192838152019301915f5b82811061021757505050500390f35b835185528695509381019392810192600101610208565b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f85760206040517f6d898ddb1e535c82c7668daefa4a51d39570929e8bc14bdd9aeb8a4d5b306fc18152f35b346100f85760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8576004356102c0610c4f565b6064359160443560843567ffffffffffffffff81116100f8576102e7903690600401610c89565b909382156106d957851580156106c0575b61069457835f52600260205260405f2067ffffffffffffffff82165f5260205260405f2091825461065a57816103318886849589610d87565b966040519384927f71a0bf7300000000000000000000000000000000000000000000000000000000845267ffffffffffffffff60848501918a600487015216998a60248601526044850152608060648501525260a4820160a48460051b84010193825f907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1813603015b8383106105af5750505050505080604092038173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000165afa80156105a457610561575b50816001827f7bd0aae85b5dd95b3b14b42812e38b273215cbd2bdb3880e07399f11a6c3084a9460609455016fffffffffffffffffffffffffffffffff87167fffffffffffffffffffffffffffffffff00000000000000000000000000000000825416179055604051908152856020820152336040820152a37f000000000000000000000000000000000000000000000000000000000000000090604051907f23b872dd000000000000000000000000000000000000000000000000000000005f52336004523060245260445260205f60648180865af19060015f5114821615610541575b50156104ff57005b73ffffffffffffffffffffffffffffffffffffffff907f5274afe7000000000000000000000000000000000000000000000000000000005f521660045260245ffd5b60018215166105595750813b15153d151616826104f7565b3d5f823e3d90fd5b6040813d60401161059c575b8161057a60409383610d46565b810103126100f8576020015167ffffffffffffffff8116036100f85785610412565b3d915061056d565b6040513d5f823e3d90fd5b9193957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff5c908892949698030186528635828112156100f8578301906020823592019167ffffffffffffffff81116100f85780360383136100f8576020827fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8480600198869897879852868601375f858286010152011601019801960193019091879594926103bb565b67ffffffffffffffff82867fb57b2d13000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b857f7afdc4dc000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b506fffffffffffffffffffffffffffffffff86116102f8565b7f53ce4ece000000000000000000000000000000000000000000000000000000005f5260045ffd5b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f857602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b346100f85760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f85760206108076107ab610c4f565b6107b3610c66565b6004355f526003845273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52835267ffffffffffffffff60405f2091169060019160ff918160081c5f52602052161b60405f205416151590565b6040519015158152f35b346100f85760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f85760043560243573ffffffffffffffffffffffffffffffffffffffff811681036100f85760443567ffffffffffffffff81116100f857610883903690600401610c89565b60649291923567ffffffffffffffff81116100f8576108a6903690600401610c89565b9060843567ffffffffffffffff81116100f8576108c7903690600401610c89565b9290918415610a7057848203610a4057848403610a1057959291905f965f957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe184360301905b8088106109415761093f8a8a7f0000000000000000000000000000000000000000000000000000000000000000611155565b005b90919293949596986109548a838a610e26565b359067ffffffffffffffff821682036100f8576109728b8787610e26565b3590888c10156109e3578b60051b880135858112156100f85788019283359367ffffffffffffffff85116100f857602001938060051b360385136100f8576001948f948e6109c3946109d597610e70565b6109ce8c8888610e26565b3590610e36565b99019695949392919061090d565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b83857fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b50837fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b7fa88e39ff000000000000000000000000000000000000000000000000000000005f5260045ffd5b346100f85760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8576020610ae4610ad4610c4f565b6064359060443590600435610d87565b604051908152f35b346100f85760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f857610b23610c4f565b610b2b610c66565b606435906084359267ffffffffffffffff84116100f85781610b649184610b5961093f973690600401610c89565b939092600435610e70565b7f0000000000000000000000000000000000000000000000000000000000000000611155565b346100f85760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8575f6040610bc4610c4f565b92610bce81610cfd565b82815282602082015201526004355f52600260205267ffffffffffffffff60405f2091165f52602052606060405f206fffffffffffffffffffffffffffffffff604051610c1a81610cfd565b816001845494858452015491604060208201918385168352019260801c83526040519485525116602084015251166040820152f35b6024359067ffffffffffffffff821682036100f857565b6044359073ffffffffffffffffffffffffffffffffffffffff821682036100f857565b9181601f840112156100f85782359167ffffffffffffffff83116100f8576020808501948460051b0101116100f857565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602080948051918291828752018686015e5f8582860101520116010190565b6060810190811067ffffffffffffffff821117610d1957604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff821117610d1957604052565b919260429367ffffffffffffffff6040519360208501957f6d898ddb1e535c82c7668daefa4a51d39570929e8bc14bdd9aeb8a4d5b306fc187526040860152166060840152608083015260a082015260a08152610de560c082610d46565b519020610df06111dd565b90604051917f19010000000000000000000000000000000000000000000000000000000000008352600283015260228201522090565b91908110156109e35760051b0190565b91908201809211610e4357565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b929194835f52600260205260405f2067ffffffffffffffff83165f5260205260405f208054801561111b57855f52600360205260405f2073ffffffffffffffffffffffffffffffffffffffff89165f5260205260405f209267ffffffffffffffff851697610ef5898660019160ff918160081c5f52602052161b60405f205416151590565b6110d157906040519973ffffffffffffffffffffffffffffffffffffffff60208c0191169a8b825288604082015260408152610f32606082610d46565b5190206040516020810191825260208152610f4e604082610d46565b519020915f915b808310611093575050500361104f5760010180546fffffffffffffffffffffffffffffffff610f87868360801c610e36565b91169081811161100c57917f0d61d8f2d7aab5c592cd0fd69322921881f1c6f6833453bee8b4a976ca706f2f9593917fffffffffffffffffffffffffffffffff000000000000000000000000000000006020969460801b1617905566ffffffffffffff8260081c165f528352600160ff60405f2092161b8154179055604051908152a4565b608491879189604051937f172357f80000000000000000000000000000000000000000000000000000000085526004850152602484015260448301526064820152fd5b50505083608493604051937f28cda5b60000000000000000000000000000000000000000000000000000000085526004850152602484015260448301526064820152fd5b9091926110a1848385610e26565b3590818110156110c0575f52602052600160405f205b93019190610f55565b905f52602052600160405f206110b7565b73ffffffffffffffffffffffffffffffffffffffff8a8a8a7fa202ed3f000000000000000000000000000000000000000000000000000000005f526004526024521660445260645ffd5b67ffffffffffffffff84877fe8efac6f000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b9173ffffffffffffffffffffffffffffffffffffffff604051927fa9059cbb000000000000000000000000000000000000000000000000000000005f521660045260245260205f60448180865af19060015f51148216156111bc575b604052156104ff5750565b9060018115166111d457823b15153d151616906111b1565b503d5f823e3d90fd5b73ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000163014806112dd575b15611245577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527f000000000000000000000000000000000000000000000000000000000000000060408201527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a082015260a081526112d760c082610d46565b51902090565b507f0000000000000000000000000000000000000000000000000000000000000000461461121c565b60ff811690601f82116113355760405191611322604084610d46565b6020808452838101919036833783525290565b7fb3512b0c000000000000000000000000000000000000000000000000000000005f5260045ffdfea2646970667358221220891bf637b6e7de65fc5129ae2c49f83d184819b1039390c1be5362889cea3e4c64736f6c63430008250033",
}

// RewardDistributor is an auto generated Go binding around an Ethereum contract.
type RewardDistributor struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *RewardDistributor) GetABI() abi.ABI {
	return c.abi
}

// NewRewardDistributor creates a new instance of RewardDistributor.
func NewRewardDistributor() *RewardDistributor {
	parsed, err := RewardDistributorMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &RewardDistributor{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *RewardDistributor) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address token_, address registry_) returns()
func (rewardDistributor *RewardDistributor) PackConstructor(token_ common.Address, registry_ common.Address) []byte {
	enc, err := rewardDistributor.abi.Pack("", token_, registry_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackEPOCHROOTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x835a6713.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function EPOCH_ROOT_TYPEHASH() view returns(bytes32)
func (rewardDistributor *RewardDistributor) PackEPOCHROOTTYPEHASH() []byte {
	enc, err := rewardDistributor.abi.Pack("EPOCH_ROOT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEPOCHROOTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x835a6713.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function EPOCH_ROOT_TYPEHASH() view returns(bytes32)
func (rewardDistributor *RewardDistributor) TryPackEPOCHROOTTYPEHASH() ([]byte, error) {
	return rewardDistributor.abi.Pack("EPOCH_ROOT_TYPEHASH")
}

// UnpackEPOCHROOTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x835a6713.
//
// Solidity: function EPOCH_ROOT_TYPEHASH() view returns(bytes32)
func (rewardDistributor *RewardDistributor) UnpackEPOCHROOTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := rewardDistributor.abi.Unpack("EPOCH_ROOT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59cf4a59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claim(bytes32 subnet, uint64 epoch, address account, uint256 amount, bytes32[] proof) returns()
func (rewardDistributor *RewardDistributor) PackClaim(subnet [32]byte, epoch uint64, account common.Address, amount *big.Int, proof [][32]byte) []byte {
	enc, err := rewardDistributor.abi.Pack("claim", subnet, epoch, account, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59cf4a59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claim(bytes32 subnet, uint64 epoch, address account, uint256 amount, bytes32[] proof) returns()
func (rewardDistributor *RewardDistributor) TryPackClaim(subnet [32]byte, epoch uint64, account common.Address, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return rewardDistributor.abi.Pack("claim", subnet, epoch, account, amount, proof)
}

// PackClaimMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7063ceec.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimMany(bytes32 subnet, address account, uint64[] epochs, uint256[] amounts, bytes32[][] proofs) returns()
func (rewardDistributor *RewardDistributor) PackClaimMany(subnet [32]byte, account common.Address, epochs []uint64, amounts []*big.Int, proofs [][][32]byte) []byte {
	enc, err := rewardDistributor.abi.Pack("claimMany", subnet, account, epochs, amounts, proofs)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7063ceec.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimMany(bytes32 subnet, address account, uint64[] epochs, uint256[] amounts, bytes32[][] proofs) returns()
func (rewardDistributor *RewardDistributor) TryPackClaimMany(subnet [32]byte, account common.Address, epochs []uint64, amounts []*big.Int, proofs [][][32]byte) ([]byte, error) {
	return rewardDistributor.abi.Pack("claimMany", subnet, account, epochs, amounts, proofs)
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (rewardDistributor *RewardDistributor) PackEip712Domain() []byte {
	enc, err := rewardDistributor.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (rewardDistributor *RewardDistributor) TryPackEip712Domain() ([]byte, error) {
	return rewardDistributor.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (rewardDistributor *RewardDistributor) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := rewardDistributor.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackEpochDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5dd363b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epochDigest(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total) view returns(bytes32)
func (rewardDistributor *RewardDistributor) PackEpochDigest(subnet [32]byte, epoch uint64, root [32]byte, total *big.Int) []byte {
	enc, err := rewardDistributor.abi.Pack("epochDigest", subnet, epoch, root, total)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpochDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5dd363b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epochDigest(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total) view returns(bytes32)
func (rewardDistributor *RewardDistributor) TryPackEpochDigest(subnet [32]byte, epoch uint64, root [32]byte, total *big.Int) ([]byte, error) {
	return rewardDistributor.abi.Pack("epochDigest", subnet, epoch, root, total)
}

// UnpackEpochDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5dd363b2.
//
// Solidity: function epochDigest(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total) view returns(bytes32)
func (rewardDistributor *RewardDistributor) UnpackEpochDigest(data []byte) ([32]byte, error) {
	out, err := rewardDistributor.abi.Unpack("epochDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEpochInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1cac435c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epochInfo(bytes32 subnet, uint64 epoch) view returns((bytes32,uint128,uint128))
func (rewardDistributor *RewardDistributor) PackEpochInfo(subnet [32]byte, epoch uint64) []byte {
	enc, err := rewardDistributor.abi.Pack("epochInfo", subnet, epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpochInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1cac435c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epochInfo(bytes32 subnet, uint64 epoch) view returns((bytes32,uint128,uint128))
func (rewardDistributor *RewardDistributor) TryPackEpochInfo(subnet [32]byte, epoch uint64) ([]byte, error) {
	return rewardDistributor.abi.Pack("epochInfo", subnet, epoch)
}

// UnpackEpochInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1cac435c.
//
// Solidity: function epochInfo(bytes32 subnet, uint64 epoch) view returns((bytes32,uint128,uint128))
func (rewardDistributor *RewardDistributor) UnpackEpochInfo(data []byte) (RewardDistributorEpoch, error) {
	out, err := rewardDistributor.abi.Unpack("epochInfo", data)
	if err != nil {
		return *new(RewardDistributorEpoch), err
	}
	out0 := *abi.ConvertType(out[0], new(RewardDistributorEpoch)).(*RewardDistributorEpoch)
	return out0, nil
}

// PackIsClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x788480f1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isClaimed(bytes32 subnet, uint64 epoch, address account) view returns(bool)
func (rewardDistributor *RewardDistributor) PackIsClaimed(subnet [32]byte, epoch uint64, account common.Address) []byte {
	enc, err := rewardDistributor.abi.Pack("isClaimed", subnet, epoch, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x788480f1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isClaimed(bytes32 subnet, uint64 epoch, address account) view returns(bool)
func (rewardDistributor *RewardDistributor) TryPackIsClaimed(subnet [32]byte, epoch uint64, account common.Address) ([]byte, error) {
	return rewardDistributor.abi.Pack("isClaimed", subnet, epoch, account)
}

// UnpackIsClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x788480f1.
//
// Solidity: function isClaimed(bytes32 subnet, uint64 epoch, address account) view returns(bool)
func (rewardDistributor *RewardDistributor) UnpackIsClaimed(data []byte) (bool, error) {
	out, err := rewardDistributor.abi.Unpack("isClaimed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackPostEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x82542eed.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function postEpoch(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total, bytes[] signatures) returns()
func (rewardDistributor *RewardDistributor) PackPostEpoch(subnet [32]byte, epoch uint64, root [32]byte, total *big.Int, signatures [][]byte) []byte {
	enc, err := rewardDistributor.abi.Pack("postEpoch", subnet, epoch, root, total, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPostEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x82542eed.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function postEpoch(bytes32 subnet, uint64 epoch, bytes32 root, uint256 total, bytes[] signatures) returns()
func (rewardDistributor *RewardDistributor) TryPackPostEpoch(subnet [32]byte, epoch uint64, root [32]byte, total *big.Int, signatures [][]byte) ([]byte, error) {
	return rewardDistributor.abi.Pack("postEpoch", subnet, epoch, root, total, signatures)
}

// PackRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b103999.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registry() view returns(address)
func (rewardDistributor *RewardDistributor) PackRegistry() []byte {
	enc, err := rewardDistributor.abi.Pack("registry")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b103999.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registry() view returns(address)
func (rewardDistributor *RewardDistributor) TryPackRegistry() ([]byte, error) {
	return rewardDistributor.abi.Pack("registry")
}

// UnpackRegistry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (rewardDistributor *RewardDistributor) UnpackRegistry(data []byte) (common.Address, error) {
	out, err := rewardDistributor.abi.Unpack("registry", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (rewardDistributor *RewardDistributor) PackToken() []byte {
	enc, err := rewardDistributor.abi.Pack("token")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function token() view returns(address)
func (rewardDistributor *RewardDistributor) TryPackToken() ([]byte, error) {
	return rewardDistributor.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (rewardDistributor *RewardDistributor) UnpackToken(data []byte) (common.Address, error) {
	out, err := rewardDistributor.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// RewardDistributorClaimed represents a Claimed event raised by the RewardDistributor contract.
type RewardDistributorClaimed struct {
	Subnet  [32]byte
	Epoch   uint64
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const RewardDistributorClaimedEventName = "Claimed"

// ContractEventName returns the user-defined event name.
func (RewardDistributorClaimed) ContractEventName() string {
	return RewardDistributorClaimedEventName
}

// UnpackClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Claimed(bytes32 indexed subnet, uint64 indexed epoch, address indexed account, uint256 amount)
func (rewardDistributor *RewardDistributor) UnpackClaimedEvent(log *types.Log) (*RewardDistributorClaimed, error) {
	event := "Claimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != rewardDistributor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RewardDistributorClaimed)
	if len(log.Data) > 0 {
		if err := rewardDistributor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range rewardDistributor.abi.Events[event].Inputs {
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

// RewardDistributorEIP712DomainChanged represents a EIP712DomainChanged event raised by the RewardDistributor contract.
type RewardDistributorEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const RewardDistributorEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (RewardDistributorEIP712DomainChanged) ContractEventName() string {
	return RewardDistributorEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (rewardDistributor *RewardDistributor) UnpackEIP712DomainChangedEvent(log *types.Log) (*RewardDistributorEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != rewardDistributor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RewardDistributorEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := rewardDistributor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range rewardDistributor.abi.Events[event].Inputs {
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

// RewardDistributorEpochPosted represents a EpochPosted event raised by the RewardDistributor contract.
type RewardDistributorEpochPosted struct {
	Subnet [32]byte
	Epoch  uint64
	Root   [32]byte
	Total  *big.Int
	Funder common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const RewardDistributorEpochPostedEventName = "EpochPosted"

// ContractEventName returns the user-defined event name.
func (RewardDistributorEpochPosted) ContractEventName() string {
	return RewardDistributorEpochPostedEventName
}

// UnpackEpochPostedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EpochPosted(bytes32 indexed subnet, uint64 indexed epoch, bytes32 root, uint256 total, address funder)
func (rewardDistributor *RewardDistributor) UnpackEpochPostedEvent(log *types.Log) (*RewardDistributorEpochPosted, error) {
	event := "EpochPosted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != rewardDistributor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RewardDistributorEpochPosted)
	if len(log.Data) > 0 {
		if err := rewardDistributor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range rewardDistributor.abi.Events[event].Inputs {
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
func (rewardDistributor *RewardDistributor) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["AlreadyClaimed"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["EmptyRoot"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackEmptyRootError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["EpochExists"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackEpochExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["EpochOverpaid"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackEpochOverpaidError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["InvalidTotal"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackInvalidTotalError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["LengthMismatch"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["NoEpochs"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackNoEpochsError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], rewardDistributor.abi.Errors["UnknownEpoch"].ID.Bytes()[:4]) {
		return rewardDistributor.UnpackUnknownEpochError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// RewardDistributorAlreadyClaimed represents a AlreadyClaimed error raised by the RewardDistributor contract.
type RewardDistributorAlreadyClaimed struct {
	Subnet  [32]byte
	Epoch   uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyClaimed(bytes32 subnet, uint64 epoch, address account)
func RewardDistributorAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0xa202ed3f848cb5c9a2d9db49511e9b10e6b6d7439de7c82b95dd7ce06340756e")
}

// UnpackAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyClaimed(bytes32 subnet, uint64 epoch, address account)
func (rewardDistributor *RewardDistributor) UnpackAlreadyClaimedError(raw []byte) (*RewardDistributorAlreadyClaimed, error) {
	out := new(RewardDistributorAlreadyClaimed)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "AlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorEmptyRoot represents a EmptyRoot error raised by the RewardDistributor contract.
type RewardDistributorEmptyRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyRoot()
func RewardDistributorEmptyRootErrorID() common.Hash {
	return common.HexToHash("0x53ce4ece66102bfdfb7e2dd6215b88dbc54b76fd92f4bed53b69b1166a744a63")
}

// UnpackEmptyRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyRoot()
func (rewardDistributor *RewardDistributor) UnpackEmptyRootError(raw []byte) (*RewardDistributorEmptyRoot, error) {
	out := new(RewardDistributorEmptyRoot)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "EmptyRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorEpochExists represents a EpochExists error raised by the RewardDistributor contract.
type RewardDistributorEpochExists struct {
	Subnet [32]byte
	Epoch  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochExists(bytes32 subnet, uint64 epoch)
func RewardDistributorEpochExistsErrorID() common.Hash {
	return common.HexToHash("0xb57b2d130c18e233a0f9abb114f879238d6fd693f641c781f533c809e0802a9c")
}

// UnpackEpochExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochExists(bytes32 subnet, uint64 epoch)
func (rewardDistributor *RewardDistributor) UnpackEpochExistsError(raw []byte) (*RewardDistributorEpochExists, error) {
	out := new(RewardDistributorEpochExists)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "EpochExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorEpochOverpaid represents a EpochOverpaid error raised by the RewardDistributor contract.
type RewardDistributorEpochOverpaid struct {
	Subnet [32]byte
	Epoch  uint64
	Paid   *big.Int
	Total  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochOverpaid(bytes32 subnet, uint64 epoch, uint256 paid, uint256 total)
func RewardDistributorEpochOverpaidErrorID() common.Hash {
	return common.HexToHash("0x172357f8a668b4f808e7be16bdb6bfc626448857f9048928e1fe92014e7e3d58")
}

// UnpackEpochOverpaidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochOverpaid(bytes32 subnet, uint64 epoch, uint256 paid, uint256 total)
func (rewardDistributor *RewardDistributor) UnpackEpochOverpaidError(raw []byte) (*RewardDistributorEpochOverpaid, error) {
	out := new(RewardDistributorEpochOverpaid)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "EpochOverpaid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorInvalidProof represents a InvalidProof error raised by the RewardDistributor contract.
type RewardDistributorInvalidProof struct {
	Subnet  [32]byte
	Epoch   uint64
	Account common.Address
	Amount  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof(bytes32 subnet, uint64 epoch, address account, uint256 amount)
func RewardDistributorInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x28cda5b680ef4c30b4bb0a576e514d61d89a473cac3cb87d25feedbbe720fe8d")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof(bytes32 subnet, uint64 epoch, address account, uint256 amount)
func (rewardDistributor *RewardDistributor) UnpackInvalidProofError(raw []byte) (*RewardDistributorInvalidProof, error) {
	out := new(RewardDistributorInvalidProof)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorInvalidShortString represents a InvalidShortString error raised by the RewardDistributor contract.
type RewardDistributorInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func RewardDistributorInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (rewardDistributor *RewardDistributor) UnpackInvalidShortStringError(raw []byte) (*RewardDistributorInvalidShortString, error) {
	out := new(RewardDistributorInvalidShortString)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorInvalidTotal represents a InvalidTotal error raised by the RewardDistributor contract.
type RewardDistributorInvalidTotal struct {
	Total *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidTotal(uint256 total)
func RewardDistributorInvalidTotalErrorID() common.Hash {
	return common.HexToHash("0x7afdc4dc44fe7b1c01a10d235799a29cdeab1f94802612880beb6a4e27912ea6")
}

// UnpackInvalidTotalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidTotal(uint256 total)
func (rewardDistributor *RewardDistributor) UnpackInvalidTotalError(raw []byte) (*RewardDistributorInvalidTotal, error) {
	out := new(RewardDistributorInvalidTotal)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "InvalidTotal", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorLengthMismatch represents a LengthMismatch error raised by the RewardDistributor contract.
type RewardDistributorLengthMismatch struct {
	A *big.Int
	B *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LengthMismatch(uint256 a, uint256 b)
func RewardDistributorLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0xab8b67c6893c59617ef3ba4b4b942e9791f2572db2fdb32028356532f3b7396a")
}

// UnpackLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LengthMismatch(uint256 a, uint256 b)
func (rewardDistributor *RewardDistributor) UnpackLengthMismatchError(raw []byte) (*RewardDistributorLengthMismatch, error) {
	out := new(RewardDistributorLengthMismatch)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "LengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorNoEpochs represents a NoEpochs error raised by the RewardDistributor contract.
type RewardDistributorNoEpochs struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoEpochs()
func RewardDistributorNoEpochsErrorID() common.Hash {
	return common.HexToHash("0xa88e39ff50a5af9bcc00ea1c30891c1665676b05f2732b3a30183f189f514b76")
}

// UnpackNoEpochsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoEpochs()
func (rewardDistributor *RewardDistributor) UnpackNoEpochsError(raw []byte) (*RewardDistributorNoEpochs, error) {
	out := new(RewardDistributorNoEpochs)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "NoEpochs", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the RewardDistributor contract.
type RewardDistributorSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func RewardDistributorSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (rewardDistributor *RewardDistributor) UnpackSafeERC20FailedOperationError(raw []byte) (*RewardDistributorSafeERC20FailedOperation, error) {
	out := new(RewardDistributorSafeERC20FailedOperation)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorStringTooLong represents a StringTooLong error raised by the RewardDistributor contract.
type RewardDistributorStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func RewardDistributorStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (rewardDistributor *RewardDistributor) UnpackStringTooLongError(raw []byte) (*RewardDistributorStringTooLong, error) {
	out := new(RewardDistributorStringTooLong)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RewardDistributorUnknownEpoch represents a UnknownEpoch error raised by the RewardDistributor contract.
type RewardDistributorUnknownEpoch struct {
	Subnet [32]byte
	Epoch  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownEpoch(bytes32 subnet, uint64 epoch)
func RewardDistributorUnknownEpochErrorID() common.Hash {
	return common.HexToHash("0xe8efac6f64e43cf6eb93368caa1d70c881ed89e8332ee11fc61065a0bcbde37f")
}

// UnpackUnknownEpochError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownEpoch(bytes32 subnet, uint64 epoch)
func (rewardDistributor *RewardDistributor) UnpackUnknownEpochError(raw []byte) (*RewardDistributorUnknownEpoch, error) {
	out := new(RewardDistributorUnknownEpoch)
	if err := rewardDistributor.abi.UnpackIntoInterface(out, "UnknownEpoch", raw); err != nil {
		return nil, err
	}
	return out, nil
}
