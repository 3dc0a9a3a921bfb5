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
	Bin: "0x6101a080604052346101bc576040816115e7803803809161002082856101c0565b8339810103126101bc578051906001600160a01b03821682036101bc5760200151906001600160a01b03821682036101bc576040516100606040826101c0565b601a815260208101907f646570696e6b6974205265776172644469737472696275746f7200000000000082526040519161009b6040846101c0565b600183526020830191603160f81b83526100b4816101f7565b610120526100c1846101f7565b61014052519020918260e05251902080610100524660a0526040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a0815261012a60c0826101c0565b5190206080523060c05261016052610180526040516113849081610263823960805181611214015260a051816112d1015260c051816111e5015260e0518161126301526101005181611289015261012051816101320152610140518161015b01526101605181818160d4015281816104870152818161090c0152610b570152610180518181816103d4015261073c0152f35b5f80fd5b601f909101601f19168101906001600160401b038211908210176101e357604052565b634e487b7160e01b5f52604160045260245ffd5b601f815111610222576020815191015160208210610213571790565b5f198260200360031b1b161790565b604460209160405192839163305a27a960e01b83528160048401528051918291826024860152018484015e5f828201840152601f01601f19168101030190fdfe6080806040526004361015610012575f80fd5b5f3560e01c9081631cac435c14610b7b5750806359cf4a5914610add5780635dd363b214610a895780637063ceec14610802578063788480f1146107605780637b103999146106f257806382542eed14610286578063835a67131461022e57806384b0196e146100fc5763fc0c546a1461008a575f80fd5b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f857602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b5f80fd5b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8576101d26101567f00000000000000000000000000000000000000000000000000000000000000006112f7565b61017f7f00000000000000000000000000000000000000000000000000000000000000006112f7565b60206101e0604051926101928385610d37565b5f84525f3681376040519586957f0f00000000000000000000000000000000000000000000000000000000000000875260e08588015260e0870190610cab565b908582036040870152610cab565b4660608501523060808501525f60a085015283810360c08501528180845192838152019301915f5b82811061021757505050500390f35b835185528695509381019392810192600101610208565b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f85760206040517f6d898ddb1e535c82c7668daefa4a51d39570929e8bc14bdd9aeb8a4d5b306fc18152f35b346100f85760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8576004356102c0610c40565b606435916044359160843567ffffffffffffffff81116100f8576102e8903690600401610c7a565b9084156106ca57851580156106b1575b61068557835f52600260205260405f2067ffffffffffffffff84165f5260205260405f2091825461064b57809161033188888789610d78565b906040519384927f78c5ddbf0000000000000000000000000000000000000000000000000000000084526064840190896004860152602485015260606044850152526084820160848460051b84010193825f907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1813603015b8383106105a05750505050505080602092038173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000165afa80156105955761055b575b5067ffffffffffffffff7f7bd0aae85b5dd95b3b14b42812e38b273215cbd2bdb3880e07399f11a6c3084a926001838760609555016fffffffffffffffffffffffffffffffff88167fffffffffffffffffffffffffffffffff000000000000000000000000000000008254161790556040519586528660208701523360408701521693a37f000000000000000000000000000000000000000000000000000000000000000090604051907f23b872dd000000000000000000000000000000000000000000000000000000005f52336004523060245260445260205f60648180865af19060015f511482161561053b575b50156104f957005b73ffffffffffffffffffffffffffffffffffffffff907f5274afe7000000000000000000000000000000000000000000000000000000005f521660045260245ffd5b60018215166105535750813b15153d151616826104f1565b3d5f823e3d90fd5b906020823d60201161058d575b8161057560209383610d37565b810103126100f857905067ffffffffffffffff610401565b3d9150610568565b6040513d5f823e3d90fd5b9193957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7c908892949698030186528635828112156100f8578301906020823592019167ffffffffffffffff81116100f85780360383136100f8576020827fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8480600198869897879852868601375f858286010152011601019801960193019091879594926103aa565b67ffffffffffffffff84867fb57b2d13000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b857f7afdc4dc000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b506fffffffffffffffffffffffffffffffff86116102f8565b7f53ce4ece000000000000000000000000000000000000000000000000000000005f5260045ffd5b346100f8575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f857602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b346100f85760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f85760206107f861079c610c40565b6107a4610c57565b6004355f526003845273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52835267ffffffffffffffff60405f2091169060019160ff918160081c5f52602052161b60405f205416151590565b6040519015158152f35b346100f85760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f85760043560243573ffffffffffffffffffffffffffffffffffffffff811681036100f85760443567ffffffffffffffff81116100f857610874903690600401610c7a565b60649291923567ffffffffffffffff81116100f857610897903690600401610c7a565b9060843567ffffffffffffffff81116100f8576108b8903690600401610c7a565b9290918415610a6157848203610a3157848403610a0157959291905f965f957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe184360301905b808810610932576109308a8a7f0000000000000000000000000000000000000000000000000000000000000000611146565b005b90919293949596986109458a838a610e17565b359067ffffffffffffffff821682036100f8576109638b8787610e17565b3590888c10156109d4578b60051b880135858112156100f85788019283359367ffffffffffffffff85116100f857602001938060051b360385136100f8576001948f948e6109b4946109c697610e61565b6109bf8c8888610e17565b3590610e27565b9901969594939291906108fe565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b83857fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b50837fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b7fa88e39ff000000000000000000000000000000000000000000000000000000005f5260045ffd5b346100f85760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8576020610ad5610ac5610c40565b6064359060443590600435610d78565b604051908152f35b346100f85760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f857610b14610c40565b610b1c610c57565b606435906084359267ffffffffffffffff84116100f85781610b559184610b4a610930973690600401610c7a565b939092600435610e61565b7f0000000000000000000000000000000000000000000000000000000000000000611146565b346100f85760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100f8575f6040610bb5610c40565b92610bbf81610cee565b82815282602082015201526004355f52600260205267ffffffffffffffff60405f2091165f52602052606060405f206fffffffffffffffffffffffffffffffff604051610c0b81610cee565b816001845494858452015491604060208201918385168352019260801c83526040519485525116602084015251166040820152f35b6024359067ffffffffffffffff821682036100f857565b6044359073ffffffffffffffffffffffffffffffffffffffff821682036100f857565b9181601f840112156100f85782359167ffffffffffffffff83116100f8576020808501948460051b0101116100f857565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602080948051918291828752018686015e5f8582860101520116010190565b6060810190811067ffffffffffffffff821117610d0a57604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff821117610d0a57604052565b919260429367ffffffffffffffff6040519360208501957f6d898ddb1e535c82c7668daefa4a51d39570929e8bc14bdd9aeb8a4d5b306fc187526040860152166060840152608083015260a082015260a08152610dd660c082610d37565b519020610de16111ce565b90604051917f19010000000000000000000000000000000000000000000000000000000000008352600283015260228201522090565b91908110156109d45760051b0190565b91908201809211610e3457565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b929194835f52600260205260405f2067ffffffffffffffff83165f5260205260405f208054801561110c57855f52600360205260405f2073ffffffffffffffffffffffffffffffffffffffff89165f5260205260405f209267ffffffffffffffff851697610ee6898660019160ff918160081c5f52602052161b60405f205416151590565b6110c257906040519973ffffffffffffffffffffffffffffffffffffffff60208c0191169a8b825288604082015260408152610f23606082610d37565b5190206040516020810191825260208152610f3f604082610d37565b519020915f915b80831061108457505050036110405760010180546fffffffffffffffffffffffffffffffff610f78868360801c610e27565b911690818111610ffd57917f0d61d8f2d7aab5c592cd0fd69322921881f1c6f6833453bee8b4a976ca706f2f9593917fffffffffffffffffffffffffffffffff000000000000000000000000000000006020969460801b1617905566ffffffffffffff8260081c165f528352600160ff60405f2092161b8154179055604051908152a4565b608491879189604051937f172357f80000000000000000000000000000000000000000000000000000000085526004850152602484015260448301526064820152fd5b50505083608493604051937f28cda5b60000000000000000000000000000000000000000000000000000000085526004850152602484015260448301526064820152fd5b909192611092848385610e17565b3590818110156110b1575f52602052600160405f205b93019190610f46565b905f52602052600160405f206110a8565b73ffffffffffffffffffffffffffffffffffffffff8a8a8a7fa202ed3f000000000000000000000000000000000000000000000000000000005f526004526024521660445260645ffd5b67ffffffffffffffff84877fe8efac6f000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b9173ffffffffffffffffffffffffffffffffffffffff604051927fa9059cbb000000000000000000000000000000000000000000000000000000005f521660045260245260205f60448180865af19060015f51148216156111ad575b604052156104f95750565b9060018115166111c557823b15153d151616906111a2565b503d5f823e3d90fd5b73ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000163014806112ce575b15611236577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527f000000000000000000000000000000000000000000000000000000000000000060408201527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a082015260a081526112c860c082610d37565b51902090565b507f0000000000000000000000000000000000000000000000000000000000000000461461120d565b60ff811690601f82116113265760405191611313604084610d37565b6020808452838101919036833783525290565b7fb3512b0c000000000000000000000000000000000000000000000000000000005f5260045ffdfea2646970667358221220647529bad8303412378db81c8794689552a11f3b08d257558dd291760387149d64736f6c63430008250033",
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
