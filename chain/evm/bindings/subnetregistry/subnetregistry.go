// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package subnetregistry

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

// SubnetRegistryCheckpoint is an auto generated low-level Go binding around an user-defined struct.
type SubnetRegistryCheckpoint struct {
	Height       uint64
	PostedAt     uint64
	StateRoot    [32]byte
	CommitDigest [32]byte
}

// SubnetRegistrySubnet is an auto generated low-level Go binding around an user-defined struct.
type SubnetRegistrySubnet struct {
	Registrant     common.Address
	Version        uint64
	ValidatorCount uint32
	LatestEpoch    uint64
	Checkpointed   bool
	TotalStake     *big.Int
	Genesis        [32]byte
}

// SubnetRegistryMetaData contains all meta data concerning the SubnetRegistry contract.
var SubnetRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"EmptyValidatorSet\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"a\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"b\",\"type\":\"uint256\"}],\"name\":\"LengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"NotValidator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"SignersNotAscending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"latestEpoch\",\"type\":\"uint64\"}],\"name\":\"StaleCheckpoint\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expected\",\"type\":\"uint64\"}],\"name\":\"StaleValidatorSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"SubnetExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"TooManyValidators\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"signedStake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"UnderQuorum\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"UnknownCheckpoint\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"UnknownSubnet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ValidatorsNotAscending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ZeroStake\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"}],\"name\":\"CheckpointPosted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"registrant\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"SubnetRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"ValidatorSetUpdated\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"CHECKPOINT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_VALIDATORS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VALIDATOR_SET_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"checkpoint\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"postedAt\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"}],\"internalType\":\"structSubnetRegistry.Checkpoint\",\"name\":\"c\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"}],\"name\":\"checkpointDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"postCheckpoint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"},{\"internalType\":\"address[]\",\"name\":\"validators\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"}],\"name\":\"registerSubnet\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"registrant\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"}],\"name\":\"subnetId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"subnetInfo\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"registrant\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"validatorCount\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"latestEpoch\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"checkpointed\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"}],\"internalType\":\"structSubnetRegistry.Subnet\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"validators\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"updateValidators\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"validatorSet\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"validators\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"}],\"name\":\"validatorSetDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"verifyQuorum\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"signedStake\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "SubnetRegistry",
	Bin: "0x6101606040523461013d57604051610018604082610141565b6017815260208101907f646570696e6b6974205375626e65745265676973747279000000000000000000825260405191610053604084610141565b600183526020830191603160f81b835261006c81610178565b6101205261007984610178565b61014052519020918260e05251902080610100524660a0526040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a081526100e260c082610141565b5190206080523060c052604051611e4290816101e4823960805181611c3e015260a05181611cf5015260c05181611c0f015260e05181611c8d01526101005181611cb301526101205181610881015261014051816108aa0152f35b5f80fd5b601f909101601f19168101906001600160401b0382119082101761016457604052565b634e487b7160e01b5f52604160045260245ffd5b601f8151116101a3576020815191015160208210610194571790565b5f198260200360031b1b161790565b604460209160405192839163305a27a960e01b83528160048401528051918291826024860152018484015e5f828201840152601f01601f19168101030190fdfe60806040526004361015610011575f80fd5b5f3560e01c806303e50b371461148a578063177af97214611432578063197368a7146111db5780632585a08b14610faf57806363ebbbd914610f2457806366eecf2214610acc578063714897df14610a92578063771c918e146109dd57806378c5ddbf1461097d57806384b0196e1461084b5780638ef9903a146103c45780639a9c964a146102a0578063aa5a64ed14610177578063e1193e4c1461011f5763e32608af146100be575f80fd5b3461011b5760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760206101136100fa6114e8565b6101026114ff565b906084359160643591600435611a86565b604051908152f35b5f80fd5b3461011b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760206040517f0b081e8ab4f7594245297e73f1b3d50d9bd6803e16263e57ce1b0c5e85c630eb8152f35b3461011b5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b576004356101b16114e8565b5f60606040516101c08161158a565b8281528260208201528260408201520152815f52600560205260405f2067ffffffffffffffff82165f5260205260405f2090604051916101ff8361158a565b67ffffffffffffffff8154818116855260401c16916020840194838652600260018401549360408701948552015493606086019485521561026657505067ffffffffffffffff60809481604051955116855251166020840152516040830152516060820152f35b67ffffffffffffffff92507f33b38c9a000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b3461011b5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b575f60c06040516102de816115a6565b8281528260208201528260408201528260608201528260808201528260a0820152015260e061030e600435611aed565b60405161031a816115a6565b81549173ffffffffffffffffffffffffffffffffffffffff83169283835267ffffffffffffffff60208401818360a01c1681526040850192871c835263ffffffff600185015493836060880193818716855260ff60808a019760401c161515875260c0600360028a01549960a08c019a8b5201549901988952604051998a5251166020890152511660408701525116606085015251151560808401525160a08301525160c0820152f35b3461011b5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760043560243567ffffffffffffffff811161011b57610416903690600401611516565b909160443567ffffffffffffffff811161011b57610438903690600401611516565b906104438333611603565b93845f52600260205260405f2091825467ffffffffffffffff8160a01c1661081f577fffffffffffffffffffffffff00000000000000000000000000000000000000003391161783558460038401555f9382156107f75761010083116107c55782810361079657865f52600460205260405f2060015f5260205260405f20905f925f935b8a86861061063c57505050505050845f52600360205260405f2060015f5260205260405f209567ffffffffffffffff821161060f5768010000000000000000821161060f5786548288558083106105e5575b50955f5260205f20955f5b8281106105ca57505060209550817401000000000000000000000000000000000000000060029273ffffffffffffffffffffffffffffffffffffffff7fffffffff000000000000000000000000000000000000000000000000000000008796549260e01b16911617178155015560405191825283820152817fb23431a274459f8e8d00862baa61b6dfe77af4b6410ccc6677b756af216ffb6560403393a3604051908152f35b60019060206105d884611b8e565b930192818a015501610524565b875f52828060205f20019103905f5b828110610602575050610519565b5f828201556001016105f4565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b61066b610666878973ffffffffffffffffffffffffffffffffffffffff949c95969798999c611b7e565b611b8e565b921673ffffffffffffffffffffffffffffffffffffffff8316111561076a578167ffffffffffffffff6106a76106a28b8888611b7e565b611baf565b161561073e576001916107339173ffffffffffffffffffffffffffffffffffffffff6106d76106a28d8a8a611b7e565b91165f528760205267ffffffffffffffff60405f2091167fffffffffffffffffffffffffffffffffffffffffffffffff000000000000000082541617905567ffffffffffffffff61072c6106a28c8989611b7e565b1690611856565b9701939291906104c7565b887f0afc096d000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b877f78ab0f5e000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b827fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b827f2152704b000000000000000000000000000000000000000000000000000000005f5260045261010060245260445ffd5b7f339e1ffb000000000000000000000000000000000000000000000000000000005f5260045ffd5b867f617a7768000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b3461011b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b576109216108a57f0000000000000000000000000000000000000000000000000000000000000000611db5565b6108ce7f0000000000000000000000000000000000000000000000000000000000000000611db5565b602061092f604051926108e183856115c2565b5f84525f3681376040519586957f0f00000000000000000000000000000000000000000000000000000000000000875260e08588015260e0870190611547565b908582036040870152611547565b4660608501523060808501525f60a085015283810360c08501528180845192838152019301915f5b82811061096657505050500390f35b835185528695509381019392810192600101610957565b3461011b5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760443567ffffffffffffffff811161011b576101136109d16020923690600401611516565b90602435600435611863565b3461011b5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760243560043573ffffffffffffffffffffffffffffffffffffffff8216820361011b57805f52600460205267ffffffffffffffff80610a4e60405f2093611aed565b5460a01c16165f5260205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602067ffffffffffffffff60405f205416604051908152f35b3461011b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760206040516101008152f35b3461011b5760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b57600435610b066114e8565b9060443567ffffffffffffffff811161011b57610b27903690600401611516565b929060643567ffffffffffffffff811161011b57610b49903690600401611516565b92909460843567ffffffffffffffff811161011b57610b6c903690600401611516565b939096610b7887611aed565b9467ffffffffffffffff865460a01c169867ffffffffffffffff610b9b8b611809565b169967ffffffffffffffff87169a8b03610ee1575090610bc991610bc3898588888b8f611698565b8a611863565b505f9583156107f7576101008411610eaf57838103610e8057875f52600460205260405f20895f5260205260405f20905f925f935b868510610d41575050505050855f52600360205260405f20875f5260205260405f209067ffffffffffffffff831161060f5768010000000000000000831161060f578154838355808410610d17575b50905f5260205f20905f5b838110610cfc575050509260028382937f28c66bcac4fa607852ea36f4993380a60021da17228582598da16726062e32679673ffffffffffffffffffffffffffffffffffffffff7bffffffffffffffff00000000000000000000000000000000000000007fffffffff00000000000000000000000000000000000000000000000000000000602099549360e01b169360a01b169116171781550155604051908152a3005b6001906020610d0a84611b8e565b9301928185015501610c58565b825f52838060205f20019103905f5b828110610d34575050610c4d565b5f82820155600101610d26565b909192939873ffffffffffffffffffffffffffffffffffffffff610d696106668c8a8a611b7e565b921673ffffffffffffffffffffffffffffffffffffffff83161115610e54578167ffffffffffffffff610da06106a28d8888611b7e565b1615610e285760019167ffffffffffffffff61072c6106a28e610e1d9573ffffffffffffffffffffffffffffffffffffffff610de06106a2848e8e611b7e565b91165f528b6020528460405f2091167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000008254161790558989611b7e565b990193929190610bfe565b8a7f0afc096d000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b897f78ab0f5e000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b837fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b837f2152704b000000000000000000000000000000000000000000000000000000005f5260045261010060245260445ffd5b8a610ef467ffffffffffffffff92611809565b907fe12c816d000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b3461011b5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b57610f5b6114e8565b60443567ffffffffffffffff811161011b57610f7b903690600401611516565b91906064359167ffffffffffffffff831161011b57602093610fa4610113943690600401611516565b939092600435611698565b3461011b5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760043567ffffffffffffffff610ff382611aed565b5460a01c16815f52600360205260405f2067ffffffffffffffff82165f5260205260405f2091604051806020855491828152019081955f5260205f20905f5b8181106111af57505050816110489103826115c2565b80519161106d6110578461163f565b9361106560405195866115c2565b80855261163f565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe060208501920136833767ffffffffffffffff8516915f5b845181101561111057600190835f52600460205260405f20855f5260205260405f2073ffffffffffffffffffffffffffffffffffffffff806110e8848a611657565b5116165f5260205267ffffffffffffffff60405f2054166111098289611657565b52016110a6565b878583898960405193606085019060608652518091526080850195905f5b8181106111835750505060209084860382860152519485815201915f945b80861061116157505082935060408301520390f35b909260208060019267ffffffffffffffff87511681520194019501949061114c565b825173ffffffffffffffffffffffffffffffffffffffff1688526020978801979092019160010161112e565b825473ffffffffffffffffffffffffffffffffffffffff16845260209093019260019283019201611032565b3461011b5760c07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b576004356112156114e8565b9061121e6114ff565b9160843560643560a43567ffffffffffffffff811161011b57611245903690600401611516565b600161125087611aed565b0191825460ff8160401c1680611414575b6113d857509285926112ae869367ffffffffffffffff966112a8606099868e7f2e56c1b046bd5753e7ff05740af57424fa8aeae11056da59d0eb95ed3ef40b649d8f611a86565b8b611863565b5080547fffffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffff858716167fffffffffffffffffffffffffffffffffffffffffffffff00000000000000000090911617680100000000000000001790556040519784906113178a61158a565b1697888152600260208201864316815260408301848152888401918683528b5f52600560205260405f208989165f52602052888060405f20965116167fffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000865416178555517fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff6fffffffffffffffff000000000000000086549260401b16911617845551600184015551910155604051978852602088015260408701521693a3005b67ffffffffffffffff9081887fe4ecc214000000000000000000000000000000000000000000000000000000005f52166004521660245260445ffd5b5067ffffffffffffffff811667ffffffffffffffff88161115611261565b3461011b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760206040517f20a02f800e82c3324375226d9d0acbed4ab8ad48627728f31ada3c98eee329a78152f35b3461011b5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011b5760043573ffffffffffffffffffffffffffffffffffffffff8116810361011b5761011360209160243590611603565b6024359067ffffffffffffffff8216820361011b57565b6044359067ffffffffffffffff8216820361011b57565b9181601f8401121561011b5782359167ffffffffffffffff831161011b576020808501948460051b01011161011b57565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602080948051918291828752018686015e5f8582860101520116010190565b6080810190811067ffffffffffffffff82111761060f57604052565b60e0810190811067ffffffffffffffff82111761060f57604052565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761060f57604052565b906040519073ffffffffffffffffffffffffffffffffffffffff60208301931683526040820152604081526116396060826115c2565b51902090565b67ffffffffffffffff811161060f5760051b60200190565b805182101561166b5760209160051b010190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b939594919092604051908160208101938490925f905b8082106117cd5750506116e89250037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe081018352826115c2565b5190209060405160208101918297905f905b8082106117a1575050506117398161179e9798037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe081018352826115c2565b5190209067ffffffffffffffff6040519360208501957f20a02f800e82c3324375226d9d0acbed4ab8ad48627728f31ada3c98eee329a787526040860152166060840152608083015260a082015260a0815261179660c0826115c2565b519020611b3d565b90565b90919889359067ffffffffffffffff821680920361011b57602081600193829352019a019201906116fa565b9190925083359073ffffffffffffffffffffffffffffffffffffffff821680920361011b576020816001938293520194019201849293916116ae565b67ffffffffffffffff60019116019067ffffffffffffffff821161182957565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b9190820180921161182957565b91905f9461187084611aed565b935f52600460205260405f2067ffffffffffffffff80865460a01c16165f5260205260405f20925f915f957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe183360301935b88881015611a1b578760051b8401358581121561011b57840180359067ffffffffffffffff821161011b5760200190803603821361011b576119049188611bc4565b5060048110156119ee576119c25773ffffffffffffffffffffffffffffffffffffffff80821692168211156119965799815f528760205267ffffffffffffffff60405f205416918215611967575060019161195e91611856565b970196986118c2565b897fc89bb95f000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b887f590a84f7000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b887f52bf9848000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b50945095505050506002915001546003830283810460031484151715611829578160011b9082820460021483151715611829571115611a575750565b827f9e483f61000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b9267ffffffffffffffff61179e959293816040519560208701977f0b081e8ab4f7594245297e73f1b3d50d9bd6803e16263e57ce1b0c5e85c630eb8952604088015216606086015216608084015260a083015260c082015260c0815261179660e0826115c2565b90815f52600260205260405f209167ffffffffffffffff835460a01c1615611b125750565b7fdd762585000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b604290611b48611bf8565b90604051917f19010000000000000000000000000000000000000000000000000000000000008352600283015260228201522090565b919081101561166b5760051b0190565b3573ffffffffffffffffffffffffffffffffffffffff8116810361011b5790565b3567ffffffffffffffff8116810361011b5790565b9060418303611bee57611be79250602081013591604082359201355f1a90611d1b565b9192909190565b50505f9160029190565b73ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016301480611cf2575b15611c60577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527f000000000000000000000000000000000000000000000000000000000000000060408201527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a082015260a0815261163960c0826115c2565b507f00000000000000000000000000000000000000000000000000000000000000004614611c37565b91907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411611daa579160209360809260ff5f9560405194855216868401526040830152606082015282805260015afa15611d9f575f5173ffffffffffffffffffffffffffffffffffffffff811615611d9557905f905f90565b505f906001905f90565b6040513d5f823e3d90fd5b5050505f9160039190565b60ff811690601f8211611de45760405191611dd16040846115c2565b6020808452838101919036833783525290565b7fb3512b0c000000000000000000000000000000000000000000000000000000005f5260045ffdfea26469706673582212209e1f6879459f73055519688bdbbdf903364c6825020e1c0cc2a3b7aba000582364736f6c63430008250033",
}

// SubnetRegistry is an auto generated Go binding around an Ethereum contract.
type SubnetRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SubnetRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewSubnetRegistry creates a new instance of SubnetRegistry.
func NewSubnetRegistry() *SubnetRegistry {
	parsed, err := SubnetRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SubnetRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SubnetRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackCHECKPOINTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1193e4c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function CHECKPOINT_TYPEHASH() view returns(bytes32)
func (subnetRegistry *SubnetRegistry) PackCHECKPOINTTYPEHASH() []byte {
	enc, err := subnetRegistry.abi.Pack("CHECKPOINT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCHECKPOINTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1193e4c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function CHECKPOINT_TYPEHASH() view returns(bytes32)
func (subnetRegistry *SubnetRegistry) TryPackCHECKPOINTTYPEHASH() ([]byte, error) {
	return subnetRegistry.abi.Pack("CHECKPOINT_TYPEHASH")
}

// UnpackCHECKPOINTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe1193e4c.
//
// Solidity: function CHECKPOINT_TYPEHASH() view returns(bytes32)
func (subnetRegistry *SubnetRegistry) UnpackCHECKPOINTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("CHECKPOINT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXVALIDATORS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x714897df.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_VALIDATORS() view returns(uint256)
func (subnetRegistry *SubnetRegistry) PackMAXVALIDATORS() []byte {
	enc, err := subnetRegistry.abi.Pack("MAX_VALIDATORS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXVALIDATORS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x714897df.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_VALIDATORS() view returns(uint256)
func (subnetRegistry *SubnetRegistry) TryPackMAXVALIDATORS() ([]byte, error) {
	return subnetRegistry.abi.Pack("MAX_VALIDATORS")
}

// UnpackMAXVALIDATORS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x714897df.
//
// Solidity: function MAX_VALIDATORS() view returns(uint256)
func (subnetRegistry *SubnetRegistry) UnpackMAXVALIDATORS(data []byte) (*big.Int, error) {
	out, err := subnetRegistry.abi.Unpack("MAX_VALIDATORS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackVALIDATORSETTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x177af972.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VALIDATOR_SET_TYPEHASH() view returns(bytes32)
func (subnetRegistry *SubnetRegistry) PackVALIDATORSETTYPEHASH() []byte {
	enc, err := subnetRegistry.abi.Pack("VALIDATOR_SET_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVALIDATORSETTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x177af972.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VALIDATOR_SET_TYPEHASH() view returns(bytes32)
func (subnetRegistry *SubnetRegistry) TryPackVALIDATORSETTYPEHASH() ([]byte, error) {
	return subnetRegistry.abi.Pack("VALIDATOR_SET_TYPEHASH")
}

// UnpackVALIDATORSETTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x177af972.
//
// Solidity: function VALIDATOR_SET_TYPEHASH() view returns(bytes32)
func (subnetRegistry *SubnetRegistry) UnpackVALIDATORSETTYPEHASH(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("VALIDATOR_SET_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackCheckpoint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaa5a64ed.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function checkpoint(bytes32 subnet, uint64 epoch) view returns((uint64,uint64,bytes32,bytes32) c)
func (subnetRegistry *SubnetRegistry) PackCheckpoint(subnet [32]byte, epoch uint64) []byte {
	enc, err := subnetRegistry.abi.Pack("checkpoint", subnet, epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheckpoint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaa5a64ed.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function checkpoint(bytes32 subnet, uint64 epoch) view returns((uint64,uint64,bytes32,bytes32) c)
func (subnetRegistry *SubnetRegistry) TryPackCheckpoint(subnet [32]byte, epoch uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("checkpoint", subnet, epoch)
}

// UnpackCheckpoint is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaa5a64ed.
//
// Solidity: function checkpoint(bytes32 subnet, uint64 epoch) view returns((uint64,uint64,bytes32,bytes32) c)
func (subnetRegistry *SubnetRegistry) UnpackCheckpoint(data []byte) (SubnetRegistryCheckpoint, error) {
	out, err := subnetRegistry.abi.Unpack("checkpoint", data)
	if err != nil {
		return *new(SubnetRegistryCheckpoint), err
	}
	out0 := *abi.ConvertType(out[0], new(SubnetRegistryCheckpoint)).(*SubnetRegistryCheckpoint)
	return out0, nil
}

// PackCheckpointDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe32608af.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function checkpointDigest(bytes32 subnet, uint64 epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) PackCheckpointDigest(subnet [32]byte, epoch uint64, height uint64, stateRoot [32]byte, commitDigest [32]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("checkpointDigest", subnet, epoch, height, stateRoot, commitDigest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheckpointDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe32608af.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function checkpointDigest(bytes32 subnet, uint64 epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) TryPackCheckpointDigest(subnet [32]byte, epoch uint64, height uint64, stateRoot [32]byte, commitDigest [32]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("checkpointDigest", subnet, epoch, height, stateRoot, commitDigest)
}

// UnpackCheckpointDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe32608af.
//
// Solidity: function checkpointDigest(bytes32 subnet, uint64 epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) UnpackCheckpointDigest(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("checkpointDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (subnetRegistry *SubnetRegistry) PackEip712Domain() []byte {
	enc, err := subnetRegistry.abi.Pack("eip712Domain")
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
func (subnetRegistry *SubnetRegistry) TryPackEip712Domain() ([]byte, error) {
	return subnetRegistry.abi.Pack("eip712Domain")
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
func (subnetRegistry *SubnetRegistry) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := subnetRegistry.abi.Unpack("eip712Domain", data)
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

// PackPostCheckpoint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x197368a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function postCheckpoint(bytes32 subnet, uint64 epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest, bytes[] signatures) returns()
func (subnetRegistry *SubnetRegistry) PackPostCheckpoint(subnet [32]byte, epoch uint64, height uint64, stateRoot [32]byte, commitDigest [32]byte, signatures [][]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("postCheckpoint", subnet, epoch, height, stateRoot, commitDigest, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPostCheckpoint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x197368a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function postCheckpoint(bytes32 subnet, uint64 epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest, bytes[] signatures) returns()
func (subnetRegistry *SubnetRegistry) TryPackPostCheckpoint(subnet [32]byte, epoch uint64, height uint64, stateRoot [32]byte, commitDigest [32]byte, signatures [][]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("postCheckpoint", subnet, epoch, height, stateRoot, commitDigest, signatures)
}

// PackRegisterSubnet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ef9903a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerSubnet(bytes32 genesis, address[] validators, uint64[] stakes) returns(bytes32 subnet)
func (subnetRegistry *SubnetRegistry) PackRegisterSubnet(genesis [32]byte, validators []common.Address, stakes []uint64) []byte {
	enc, err := subnetRegistry.abi.Pack("registerSubnet", genesis, validators, stakes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterSubnet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ef9903a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerSubnet(bytes32 genesis, address[] validators, uint64[] stakes) returns(bytes32 subnet)
func (subnetRegistry *SubnetRegistry) TryPackRegisterSubnet(genesis [32]byte, validators []common.Address, stakes []uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("registerSubnet", genesis, validators, stakes)
}

// UnpackRegisterSubnet is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8ef9903a.
//
// Solidity: function registerSubnet(bytes32 genesis, address[] validators, uint64[] stakes) returns(bytes32 subnet)
func (subnetRegistry *SubnetRegistry) UnpackRegisterSubnet(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("registerSubnet", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x771c918e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeOf(bytes32 subnet, address validator) view returns(uint64)
func (subnetRegistry *SubnetRegistry) PackStakeOf(subnet [32]byte, validator common.Address) []byte {
	enc, err := subnetRegistry.abi.Pack("stakeOf", subnet, validator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x771c918e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeOf(bytes32 subnet, address validator) view returns(uint64)
func (subnetRegistry *SubnetRegistry) TryPackStakeOf(subnet [32]byte, validator common.Address) ([]byte, error) {
	return subnetRegistry.abi.Pack("stakeOf", subnet, validator)
}

// UnpackStakeOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x771c918e.
//
// Solidity: function stakeOf(bytes32 subnet, address validator) view returns(uint64)
func (subnetRegistry *SubnetRegistry) UnpackStakeOf(data []byte) (uint64, error) {
	out, err := subnetRegistry.abi.Unpack("stakeOf", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackSubnetId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x03e50b37.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function subnetId(address registrant, bytes32 genesis) pure returns(bytes32)
func (subnetRegistry *SubnetRegistry) PackSubnetId(registrant common.Address, genesis [32]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("subnetId", registrant, genesis)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubnetId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x03e50b37.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function subnetId(address registrant, bytes32 genesis) pure returns(bytes32)
func (subnetRegistry *SubnetRegistry) TryPackSubnetId(registrant common.Address, genesis [32]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("subnetId", registrant, genesis)
}

// UnpackSubnetId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x03e50b37.
//
// Solidity: function subnetId(address registrant, bytes32 genesis) pure returns(bytes32)
func (subnetRegistry *SubnetRegistry) UnpackSubnetId(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("subnetId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackSubnetInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a9c964a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function subnetInfo(bytes32 subnet) view returns((address,uint64,uint32,uint64,bool,uint256,bytes32))
func (subnetRegistry *SubnetRegistry) PackSubnetInfo(subnet [32]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("subnetInfo", subnet)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubnetInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a9c964a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function subnetInfo(bytes32 subnet) view returns((address,uint64,uint32,uint64,bool,uint256,bytes32))
func (subnetRegistry *SubnetRegistry) TryPackSubnetInfo(subnet [32]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("subnetInfo", subnet)
}

// UnpackSubnetInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9a9c964a.
//
// Solidity: function subnetInfo(bytes32 subnet) view returns((address,uint64,uint32,uint64,bool,uint256,bytes32))
func (subnetRegistry *SubnetRegistry) UnpackSubnetInfo(data []byte) (SubnetRegistrySubnet, error) {
	out, err := subnetRegistry.abi.Unpack("subnetInfo", data)
	if err != nil {
		return *new(SubnetRegistrySubnet), err
	}
	out0 := *abi.ConvertType(out[0], new(SubnetRegistrySubnet)).(*SubnetRegistrySubnet)
	return out0, nil
}

// PackUpdateValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66eecf22.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateValidators(bytes32 subnet, uint64 version, address[] validators, uint64[] stakes, bytes[] signatures) returns()
func (subnetRegistry *SubnetRegistry) PackUpdateValidators(subnet [32]byte, version uint64, validators []common.Address, stakes []uint64, signatures [][]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("updateValidators", subnet, version, validators, stakes, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66eecf22.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateValidators(bytes32 subnet, uint64 version, address[] validators, uint64[] stakes, bytes[] signatures) returns()
func (subnetRegistry *SubnetRegistry) TryPackUpdateValidators(subnet [32]byte, version uint64, validators []common.Address, stakes []uint64, signatures [][]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("updateValidators", subnet, version, validators, stakes, signatures)
}

// PackValidatorSet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2585a08b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validatorSet(bytes32 subnet) view returns(address[] members, uint64[] stakes, uint64 version)
func (subnetRegistry *SubnetRegistry) PackValidatorSet(subnet [32]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("validatorSet", subnet)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidatorSet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2585a08b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validatorSet(bytes32 subnet) view returns(address[] members, uint64[] stakes, uint64 version)
func (subnetRegistry *SubnetRegistry) TryPackValidatorSet(subnet [32]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("validatorSet", subnet)
}

// ValidatorSetOutput serves as a container for the return parameters of contract
// method ValidatorSet.
type ValidatorSetOutput struct {
	Members []common.Address
	Stakes  []uint64
	Version uint64
}

// UnpackValidatorSet is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2585a08b.
//
// Solidity: function validatorSet(bytes32 subnet) view returns(address[] members, uint64[] stakes, uint64 version)
func (subnetRegistry *SubnetRegistry) UnpackValidatorSet(data []byte) (ValidatorSetOutput, error) {
	out, err := subnetRegistry.abi.Unpack("validatorSet", data)
	outstruct := new(ValidatorSetOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Members = *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	outstruct.Stakes = *abi.ConvertType(out[1], new([]uint64)).(*[]uint64)
	outstruct.Version = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackValidatorSetDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63ebbbd9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validatorSetDigest(bytes32 subnet, uint64 version, address[] validators, uint64[] stakes) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) PackValidatorSetDigest(subnet [32]byte, version uint64, validators []common.Address, stakes []uint64) []byte {
	enc, err := subnetRegistry.abi.Pack("validatorSetDigest", subnet, version, validators, stakes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidatorSetDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63ebbbd9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validatorSetDigest(bytes32 subnet, uint64 version, address[] validators, uint64[] stakes) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) TryPackValidatorSetDigest(subnet [32]byte, version uint64, validators []common.Address, stakes []uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("validatorSetDigest", subnet, version, validators, stakes)
}

// UnpackValidatorSetDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x63ebbbd9.
//
// Solidity: function validatorSetDigest(bytes32 subnet, uint64 version, address[] validators, uint64[] stakes) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) UnpackValidatorSetDigest(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("validatorSetDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackVerifyQuorum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78c5ddbf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyQuorum(bytes32 subnet, bytes32 digest, bytes[] signatures) view returns(uint256 signedStake)
func (subnetRegistry *SubnetRegistry) PackVerifyQuorum(subnet [32]byte, digest [32]byte, signatures [][]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("verifyQuorum", subnet, digest, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyQuorum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78c5ddbf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyQuorum(bytes32 subnet, bytes32 digest, bytes[] signatures) view returns(uint256 signedStake)
func (subnetRegistry *SubnetRegistry) TryPackVerifyQuorum(subnet [32]byte, digest [32]byte, signatures [][]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("verifyQuorum", subnet, digest, signatures)
}

// UnpackVerifyQuorum is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x78c5ddbf.
//
// Solidity: function verifyQuorum(bytes32 subnet, bytes32 digest, bytes[] signatures) view returns(uint256 signedStake)
func (subnetRegistry *SubnetRegistry) UnpackVerifyQuorum(data []byte) (*big.Int, error) {
	out, err := subnetRegistry.abi.Unpack("verifyQuorum", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// SubnetRegistryCheckpointPosted represents a CheckpointPosted event raised by the SubnetRegistry contract.
type SubnetRegistryCheckpointPosted struct {
	Subnet       [32]byte
	Epoch        uint64
	Height       uint64
	StateRoot    [32]byte
	CommitDigest [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const SubnetRegistryCheckpointPostedEventName = "CheckpointPosted"

// ContractEventName returns the user-defined event name.
func (SubnetRegistryCheckpointPosted) ContractEventName() string {
	return SubnetRegistryCheckpointPostedEventName
}

// UnpackCheckpointPostedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CheckpointPosted(bytes32 indexed subnet, uint64 indexed epoch, uint64 height, bytes32 stateRoot, bytes32 commitDigest)
func (subnetRegistry *SubnetRegistry) UnpackCheckpointPostedEvent(log *types.Log) (*SubnetRegistryCheckpointPosted, error) {
	event := "CheckpointPosted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != subnetRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SubnetRegistryCheckpointPosted)
	if len(log.Data) > 0 {
		if err := subnetRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range subnetRegistry.abi.Events[event].Inputs {
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

// SubnetRegistryEIP712DomainChanged represents a EIP712DomainChanged event raised by the SubnetRegistry contract.
type SubnetRegistryEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const SubnetRegistryEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (SubnetRegistryEIP712DomainChanged) ContractEventName() string {
	return SubnetRegistryEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (subnetRegistry *SubnetRegistry) UnpackEIP712DomainChangedEvent(log *types.Log) (*SubnetRegistryEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != subnetRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SubnetRegistryEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := subnetRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range subnetRegistry.abi.Events[event].Inputs {
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

// SubnetRegistrySubnetRegistered represents a SubnetRegistered event raised by the SubnetRegistry contract.
type SubnetRegistrySubnetRegistered struct {
	Subnet     [32]byte
	Registrant common.Address
	Genesis    [32]byte
	TotalStake *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const SubnetRegistrySubnetRegisteredEventName = "SubnetRegistered"

// ContractEventName returns the user-defined event name.
func (SubnetRegistrySubnetRegistered) ContractEventName() string {
	return SubnetRegistrySubnetRegisteredEventName
}

// UnpackSubnetRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SubnetRegistered(bytes32 indexed subnet, address indexed registrant, bytes32 genesis, uint256 totalStake)
func (subnetRegistry *SubnetRegistry) UnpackSubnetRegisteredEvent(log *types.Log) (*SubnetRegistrySubnetRegistered, error) {
	event := "SubnetRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != subnetRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SubnetRegistrySubnetRegistered)
	if len(log.Data) > 0 {
		if err := subnetRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range subnetRegistry.abi.Events[event].Inputs {
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

// SubnetRegistryValidatorSetUpdated represents a ValidatorSetUpdated event raised by the SubnetRegistry contract.
type SubnetRegistryValidatorSetUpdated struct {
	Subnet     [32]byte
	Version    uint64
	TotalStake *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const SubnetRegistryValidatorSetUpdatedEventName = "ValidatorSetUpdated"

// ContractEventName returns the user-defined event name.
func (SubnetRegistryValidatorSetUpdated) ContractEventName() string {
	return SubnetRegistryValidatorSetUpdatedEventName
}

// UnpackValidatorSetUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ValidatorSetUpdated(bytes32 indexed subnet, uint64 indexed version, uint256 totalStake)
func (subnetRegistry *SubnetRegistry) UnpackValidatorSetUpdatedEvent(log *types.Log) (*SubnetRegistryValidatorSetUpdated, error) {
	event := "ValidatorSetUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != subnetRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SubnetRegistryValidatorSetUpdated)
	if len(log.Data) > 0 {
		if err := subnetRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range subnetRegistry.abi.Events[event].Inputs {
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
func (subnetRegistry *SubnetRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["EmptyValidatorSet"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackEmptyValidatorSetError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["LengthMismatch"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["NotValidator"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackNotValidatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["SignersNotAscending"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackSignersNotAscendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["StaleCheckpoint"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackStaleCheckpointError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["StaleValidatorSet"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackStaleValidatorSetError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["SubnetExists"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackSubnetExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["TooManyValidators"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackTooManyValidatorsError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["UnderQuorum"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackUnderQuorumError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["UnknownCheckpoint"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackUnknownCheckpointError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["UnknownSubnet"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackUnknownSubnetError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["ValidatorsNotAscending"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackValidatorsNotAscendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["ZeroStake"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackZeroStakeError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SubnetRegistryEmptyValidatorSet represents a EmptyValidatorSet error raised by the SubnetRegistry contract.
type SubnetRegistryEmptyValidatorSet struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyValidatorSet()
func SubnetRegistryEmptyValidatorSetErrorID() common.Hash {
	return common.HexToHash("0x339e1ffb1d19111b2d23380664c0d52cafed71303eaf7faa0a11ec5acdb34368")
}

// UnpackEmptyValidatorSetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyValidatorSet()
func (subnetRegistry *SubnetRegistry) UnpackEmptyValidatorSetError(raw []byte) (*SubnetRegistryEmptyValidatorSet, error) {
	out := new(SubnetRegistryEmptyValidatorSet)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "EmptyValidatorSet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryInvalidShortString represents a InvalidShortString error raised by the SubnetRegistry contract.
type SubnetRegistryInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func SubnetRegistryInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (subnetRegistry *SubnetRegistry) UnpackInvalidShortStringError(raw []byte) (*SubnetRegistryInvalidShortString, error) {
	out := new(SubnetRegistryInvalidShortString)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryInvalidSignature represents a InvalidSignature error raised by the SubnetRegistry contract.
type SubnetRegistryInvalidSignature struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature(uint256 index)
func SubnetRegistryInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x52bf9848f4f569cd5e845a26f8524878f8ac004dcaace7433d78683624c84a76")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature(uint256 index)
func (subnetRegistry *SubnetRegistry) UnpackInvalidSignatureError(raw []byte) (*SubnetRegistryInvalidSignature, error) {
	out := new(SubnetRegistryInvalidSignature)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryLengthMismatch represents a LengthMismatch error raised by the SubnetRegistry contract.
type SubnetRegistryLengthMismatch struct {
	A *big.Int
	B *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LengthMismatch(uint256 a, uint256 b)
func SubnetRegistryLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0xab8b67c6893c59617ef3ba4b4b942e9791f2572db2fdb32028356532f3b7396a")
}

// UnpackLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LengthMismatch(uint256 a, uint256 b)
func (subnetRegistry *SubnetRegistry) UnpackLengthMismatchError(raw []byte) (*SubnetRegistryLengthMismatch, error) {
	out := new(SubnetRegistryLengthMismatch)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "LengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryNotValidator represents a NotValidator error raised by the SubnetRegistry contract.
type SubnetRegistryNotValidator struct {
	Index  *big.Int
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotValidator(uint256 index, address signer)
func SubnetRegistryNotValidatorErrorID() common.Hash {
	return common.HexToHash("0xc89bb95f5b1f5d2e337746c039bd8edb9cd1cfbf49dd5c27f2abeae8e5e9ccd0")
}

// UnpackNotValidatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotValidator(uint256 index, address signer)
func (subnetRegistry *SubnetRegistry) UnpackNotValidatorError(raw []byte) (*SubnetRegistryNotValidator, error) {
	out := new(SubnetRegistryNotValidator)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "NotValidator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistrySignersNotAscending represents a SignersNotAscending error raised by the SubnetRegistry contract.
type SubnetRegistrySignersNotAscending struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignersNotAscending(uint256 index)
func SubnetRegistrySignersNotAscendingErrorID() common.Hash {
	return common.HexToHash("0x590a84f76cadfc6716aaea24107af9134f0cd4c66edbe9af3ffe914656b566fa")
}

// UnpackSignersNotAscendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignersNotAscending(uint256 index)
func (subnetRegistry *SubnetRegistry) UnpackSignersNotAscendingError(raw []byte) (*SubnetRegistrySignersNotAscending, error) {
	out := new(SubnetRegistrySignersNotAscending)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "SignersNotAscending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryStaleCheckpoint represents a StaleCheckpoint error raised by the SubnetRegistry contract.
type SubnetRegistryStaleCheckpoint struct {
	Epoch       uint64
	LatestEpoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StaleCheckpoint(uint64 epoch, uint64 latestEpoch)
func SubnetRegistryStaleCheckpointErrorID() common.Hash {
	return common.HexToHash("0xe4ecc2144972a57b602e0d13fa96ee18676c0b64fe8ebd0bafffa40a1bee17c6")
}

// UnpackStaleCheckpointError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StaleCheckpoint(uint64 epoch, uint64 latestEpoch)
func (subnetRegistry *SubnetRegistry) UnpackStaleCheckpointError(raw []byte) (*SubnetRegistryStaleCheckpoint, error) {
	out := new(SubnetRegistryStaleCheckpoint)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "StaleCheckpoint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryStaleValidatorSet represents a StaleValidatorSet error raised by the SubnetRegistry contract.
type SubnetRegistryStaleValidatorSet struct {
	Version  uint64
	Expected uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StaleValidatorSet(uint64 version, uint64 expected)
func SubnetRegistryStaleValidatorSetErrorID() common.Hash {
	return common.HexToHash("0xe12c816d8973ed94bc455d7e6723f4c45610317de263481a5a87c74fe63eea15")
}

// UnpackStaleValidatorSetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StaleValidatorSet(uint64 version, uint64 expected)
func (subnetRegistry *SubnetRegistry) UnpackStaleValidatorSetError(raw []byte) (*SubnetRegistryStaleValidatorSet, error) {
	out := new(SubnetRegistryStaleValidatorSet)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "StaleValidatorSet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryStringTooLong represents a StringTooLong error raised by the SubnetRegistry contract.
type SubnetRegistryStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func SubnetRegistryStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (subnetRegistry *SubnetRegistry) UnpackStringTooLongError(raw []byte) (*SubnetRegistryStringTooLong, error) {
	out := new(SubnetRegistryStringTooLong)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistrySubnetExists represents a SubnetExists error raised by the SubnetRegistry contract.
type SubnetRegistrySubnetExists struct {
	Subnet [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SubnetExists(bytes32 subnet)
func SubnetRegistrySubnetExistsErrorID() common.Hash {
	return common.HexToHash("0x617a7768884e9118eaca1c2c4ea05060483802b9fec868a3d90547cfccb5dcc0")
}

// UnpackSubnetExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SubnetExists(bytes32 subnet)
func (subnetRegistry *SubnetRegistry) UnpackSubnetExistsError(raw []byte) (*SubnetRegistrySubnetExists, error) {
	out := new(SubnetRegistrySubnetExists)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "SubnetExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryTooManyValidators represents a TooManyValidators error raised by the SubnetRegistry contract.
type SubnetRegistryTooManyValidators struct {
	Count *big.Int
	Max   *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyValidators(uint256 count, uint256 max)
func SubnetRegistryTooManyValidatorsErrorID() common.Hash {
	return common.HexToHash("0x2152704b5a5f00b2dde01eded07e6de70317b3126c3ede7821a8612d1c9eb101")
}

// UnpackTooManyValidatorsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyValidators(uint256 count, uint256 max)
func (subnetRegistry *SubnetRegistry) UnpackTooManyValidatorsError(raw []byte) (*SubnetRegistryTooManyValidators, error) {
	out := new(SubnetRegistryTooManyValidators)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "TooManyValidators", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryUnderQuorum represents a UnderQuorum error raised by the SubnetRegistry contract.
type SubnetRegistryUnderQuorum struct {
	SignedStake *big.Int
	TotalStake  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnderQuorum(uint256 signedStake, uint256 totalStake)
func SubnetRegistryUnderQuorumErrorID() common.Hash {
	return common.HexToHash("0x9e483f6164b96de0e10c468da06b2d73e5900b98b1417f666a08a2dbdc88e08a")
}

// UnpackUnderQuorumError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnderQuorum(uint256 signedStake, uint256 totalStake)
func (subnetRegistry *SubnetRegistry) UnpackUnderQuorumError(raw []byte) (*SubnetRegistryUnderQuorum, error) {
	out := new(SubnetRegistryUnderQuorum)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "UnderQuorum", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryUnknownCheckpoint represents a UnknownCheckpoint error raised by the SubnetRegistry contract.
type SubnetRegistryUnknownCheckpoint struct {
	Subnet [32]byte
	Epoch  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownCheckpoint(bytes32 subnet, uint64 epoch)
func SubnetRegistryUnknownCheckpointErrorID() common.Hash {
	return common.HexToHash("0x33b38c9a0f8edd0a7148fd6dc6e9737bf7e8f59d0ac79888fc2d58e2c026ab07")
}

// UnpackUnknownCheckpointError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownCheckpoint(bytes32 subnet, uint64 epoch)
func (subnetRegistry *SubnetRegistry) UnpackUnknownCheckpointError(raw []byte) (*SubnetRegistryUnknownCheckpoint, error) {
	out := new(SubnetRegistryUnknownCheckpoint)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "UnknownCheckpoint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryUnknownSubnet represents a UnknownSubnet error raised by the SubnetRegistry contract.
type SubnetRegistryUnknownSubnet struct {
	Subnet [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownSubnet(bytes32 subnet)
func SubnetRegistryUnknownSubnetErrorID() common.Hash {
	return common.HexToHash("0xdd762585b965ee67040597c1c57290d341d7e523c917bbee65d962c2cbac0470")
}

// UnpackUnknownSubnetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownSubnet(bytes32 subnet)
func (subnetRegistry *SubnetRegistry) UnpackUnknownSubnetError(raw []byte) (*SubnetRegistryUnknownSubnet, error) {
	out := new(SubnetRegistryUnknownSubnet)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "UnknownSubnet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryValidatorsNotAscending represents a ValidatorsNotAscending error raised by the SubnetRegistry contract.
type SubnetRegistryValidatorsNotAscending struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ValidatorsNotAscending(uint256 index)
func SubnetRegistryValidatorsNotAscendingErrorID() common.Hash {
	return common.HexToHash("0x78ab0f5e54b16c69fd2fb15c32cf2822ada220b1ecafa15c7865ae7210d1f762")
}

// UnpackValidatorsNotAscendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ValidatorsNotAscending(uint256 index)
func (subnetRegistry *SubnetRegistry) UnpackValidatorsNotAscendingError(raw []byte) (*SubnetRegistryValidatorsNotAscending, error) {
	out := new(SubnetRegistryValidatorsNotAscending)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "ValidatorsNotAscending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SubnetRegistryZeroStake represents a ZeroStake error raised by the SubnetRegistry contract.
type SubnetRegistryZeroStake struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroStake(uint256 index)
func SubnetRegistryZeroStakeErrorID() common.Hash {
	return common.HexToHash("0x0afc096dda3c737f82a7cf6447c41ffd89f177f2e308d7641cc415972e748d25")
}

// UnpackZeroStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroStake(uint256 index)
func (subnetRegistry *SubnetRegistry) UnpackZeroStakeError(raw []byte) (*SubnetRegistryZeroStake, error) {
	out := new(SubnetRegistryZeroStake)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "ZeroStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}
