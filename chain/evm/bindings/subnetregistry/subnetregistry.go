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
	Version      uint64
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
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"EmptyValidatorSet\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"a\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"b\",\"type\":\"uint256\"}],\"name\":\"LengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"NotValidator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"SignersNotAscending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"latestEpoch\",\"type\":\"uint64\"}],\"name\":\"StaleCheckpoint\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"firstEpoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"currentFirstEpoch\",\"type\":\"uint64\"}],\"name\":\"StaleFirstEpoch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expected\",\"type\":\"uint64\"}],\"name\":\"StaleValidatorSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"SubnetExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"TooManyValidators\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"signedStake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"UnderQuorum\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"UnknownCheckpoint\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"UnknownSubnet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ValidatorsNotAscending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ZeroStake\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"}],\"name\":\"CheckpointPosted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"registrant\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"SubnetRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"firstEpoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"}],\"name\":\"ValidatorSetUpdated\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"CHECKPOINT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_VALIDATORS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VALIDATOR_SET_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"checkpoint\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"postedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"}],\"internalType\":\"structSubnetRegistry.Checkpoint\",\"name\":\"c\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"}],\"name\":\"checkpointDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"height\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"stateRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitDigest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"postCheckpoint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"},{\"internalType\":\"address[]\",\"name\":\"validators\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"}],\"name\":\"registerSubnet\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"validator\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"registrant\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"}],\"name\":\"subnetId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"subnetInfo\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"registrant\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"validatorCount\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"latestEpoch\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"checkpointed\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"totalStake\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"genesis\",\"type\":\"bytes32\"}],\"internalType\":\"structSubnetRegistry.Subnet\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstEpoch\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"validators\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"updateValidators\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"}],\"name\":\"validatorSet\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"}],\"name\":\"validatorSetAt\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"},{\"internalType\":\"uint64\",\"name\":\"firstEpoch\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstEpoch\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"validators\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"stakes\",\"type\":\"uint64[]\"}],\"name\":\"validatorSetDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"verifyEpochQuorum\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"signedStake\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"version\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"verifyQuorum\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"signedStake\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"subnet\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"versionAt\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "SubnetRegistry",
	Bin: "0x6101606040523461013d57604051610018604082610141565b6017815260208101907f646570696e6b6974205375626e65745265676973747279000000000000000000825260405191610053604084610141565b600183526020830191603160f81b835261006c81610178565b6101205261007984610178565b61014052519020918260e05251902080610100524660a0526040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a081526100e260c082610141565b5190206080523060c0526040516123ef90816101e4823960805181612242015260a051816122f9015260c05181612213015260e05181612291015261010051816122b7015261012051816110760152610140518161109f0152f35b5f80fd5b601f909101601f19168101906001600160401b0382119082101761016457604052565b634e487b7160e01b5f52604160045260245ffd5b601f8151116101a3576020815191015160208210610194571790565b5f198260200360031b1b161790565b604460209160405192839163305a27a960e01b83528160048401528051918291826024860152018484015e5f828201840152601f01601f19168101030190fdfe60806040526004361015610011575f80fd5b5f3560e01c806303e50b37146117f5578063177af9721461179d578063197368a7146115095780632585a08b146113c0578063714897df1461138657806371a0bf73146112f7578063771c918e1461124257806378c5ddbf146111c85780637f7308a81461117257806384b0196e146110405780638ef9903a14610bcd5780639586009414610a4b5780639a9c964a14610927578063aa5a64ed146107d1578063b08515dc1461022c578063c3a5204c14610198578063e1193e4c146101405763e32608af146100df575f80fd5b3461013c5760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c57602061013461011b611853565b61012361186a565b906084359160643591600435611df4565b604051908152f35b5f80fd5b3461013c575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760206040517f0b081e8ab4f7594245297e73f1b3d50d9bd6803e16263e57ce1b0c5e85c630eb8152f35b3461013c5760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c576101cf611853565b6101d761186a565b60643567ffffffffffffffff811161013c576101f7903690600401611881565b9190926084359267ffffffffffffffff841161013c57602094610221610134953690600401611881565b949093600435611c77565b3461013c5760c07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c57600435610266611853565b9061026f61186a565b60643567ffffffffffffffff811161013c5761028f903690600401611881565b939060843567ffffffffffffffff811161013c576102b1903690600401611881565b92909560a43567ffffffffffffffff811161013c576102d4903690600401611881565b9390976102e088611e5b565b9467ffffffffffffffff865460a01c169967ffffffffffffffff6103038c611c57565b169a67ffffffffffffffff87169b8c0361078e578a5f52600660205267ffffffffffffffff60405f2091165f5260205267ffffffffffffffff60405f2054169867ffffffffffffffff811699808b111561075f57509061036d898588888f968c61038a9998611c77565b67ffffffffffffffff61037f8d611e5b565b5460a01c168c611eb8565b505f958315610737576101008411610705578381036106d657885f52600460205260405f208a5f5260205260405f20905f925f935b868510610586575050505050865f52600360205260405f20885f5260205260405f209067ffffffffffffffff83116105595768010000000000000000831161055957815483835580841061052f575b50905f5260205f20905f5b838110610514575050509260027f4afc1d1d54db78c83c8f6e4f2a5ffa6afd447bdc8b30899d44caa48a96ad161d95938293604096895f526005602052875f208b5f5260205284885f2055895f526006602052875f208b5f52602052875f20877fffffffffffffffffffffffffffffffffffffffffffffffff000000000000000082541617905573ffffffffffffffffffffffffffffffffffffffff7bffffffffffffffff00000000000000000000000000000000000000007fffffffff0000000000000000000000000000000000000000000000000000000085549360e01b169360a01b16911617178155015582519182526020820152a3005b6001906020610522846120fa565b9301928185015501610419565b825f52838060205f20019103905f5b82811061054c57505061040e565b5f8282015560010161053e565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b909192939873ffffffffffffffffffffffffffffffffffffffff6105b36105ae8c8a8a6120ea565b6120fa565b921673ffffffffffffffffffffffffffffffffffffffff831611156106aa578167ffffffffffffffff6105ef6105ea8d88886120ea565b61211b565b161561067e5760019167ffffffffffffffff61066c6105ea8e6106739573ffffffffffffffffffffffffffffffffffffffff61062f6105ea848e8e6120ea565b91165f528b6020528460405f2091167fffffffffffffffffffffffffffffffffffffffffffffffff000000000000000082541617905589896120ea565b1690611eab565b9901939291906103bf565b8a7f0afc096d000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b897f78ab0f5e000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b837fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b837f2152704b000000000000000000000000000000000000000000000000000000005f5260045261010060245260445ffd5b7f339e1ffb000000000000000000000000000000000000000000000000000000005f5260045ffd5b8a7f94d10337000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b8b6107a167ffffffffffffffff92611c57565b907fe12c816d000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b3461013c5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760043561080b611853565b5f608060405161081a8161199c565b8281528260208201528260408201528260608201520152815f52600760205260405f2067ffffffffffffffff82165f5260205260405f20906040519161085f8361199c565b80549367ffffffffffffffff8516845267ffffffffffffffff8560401c1692602085019184835267ffffffffffffffff604087019760801c16875260026001850154946060880195865201549460808701958652156108ed57505060a09467ffffffffffffffff80928160405197511687525116602086015251166040840152516060830152516080820152f35b67ffffffffffffffff92507f33b38c9a000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b3461013c5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c575f60c0604051610965816119b8565b8281528260208201528260408201528260608201528260808201528260a0820152015260e0610995600435611e5b565b6040516109a1816119b8565b81549173ffffffffffffffffffffffffffffffffffffffff83169283835267ffffffffffffffff60208401818360a01c1681526040850192871c835263ffffffff600185015493836060880193818716855260ff60808a019760401c161515875260c0600360028a01549960a08c019a8b5201549901988952604051998a5251166020890152511660408701525116606085015251151560808401525160a08301525160c0820152f35b3461013c5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c57600435610a85611853565b90610a8f81611e5b565b50805f52600660205260405f2067ffffffffffffffff83165f5260205267ffffffffffffffff60405f20541691815f52600360205260405f2067ffffffffffffffff82165f5260205260405f206040519081602082549182815201915f5260205f20905f5b818110610ba15750505081610b0a9103826119d4565b610b148151611a69565b9167ffffffffffffffff165f5b8251811015610b8b57600190855f52600460205260405f20835f5260205260405f2073ffffffffffffffffffffffffffffffffffffffff80610b638488611ab8565b5116165f5260205267ffffffffffffffff60405f205416610b848287611ab8565b5201610b21565b5050610b9d84604051938493846118b2565b0390f35b825473ffffffffffffffffffffffffffffffffffffffff16845260209093019260019283019201610af4565b3461013c5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760043560243567ffffffffffffffff811161013c57610c1f903690600401611881565b909160443567ffffffffffffffff811161013c57610c41903690600401611881565b90610c4c8333611a15565b93845f52600260205260405f2091825467ffffffffffffffff8160a01c16611014577fffffffffffffffffffffffff00000000000000000000000000000000000000003391161783558460038401555f938215610737576101008311610fe257828103610fb357865f52600460205260405f2060015f5260205260405f20905f925f935b8a868610610e6a57505050505050845f52600360205260405f2060015f5260205260405f209567ffffffffffffffff821161055957680100000000000000008211610559578654828855808310610e40575b50955f5260205f20955f5b828110610e2557505060209550829174010000000000000000000000000000000000000000600292875f526005895260405f2060015f5289528460405f2055875f526006895260405f2060015f52895260405f207fffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000815416905573ffffffffffffffffffffffffffffffffffffffff7fffffffff0000000000000000000000000000000000000000000000000000000084549260e01b16911617178155015560405191825283820152817fb23431a274459f8e8d00862baa61b6dfe77af4b6410ccc6677b756af216ffb6560403393a3604051908152f35b6001906020610e33846120fa565b930192818a015501610d2d565b875f52828060205f20019103905f5b828110610e5d575050610d22565b5f82820155600101610e4f565b610e946105ae878973ffffffffffffffffffffffffffffffffffffffff949c95969798999c6120ea565b921673ffffffffffffffffffffffffffffffffffffffff83161115610f87578167ffffffffffffffff610ecb6105ea8b88886120ea565b1615610f5b57600191610f509173ffffffffffffffffffffffffffffffffffffffff610efb6105ea8d8a8a6120ea565b91165f528760205267ffffffffffffffff60405f2091167fffffffffffffffffffffffffffffffffffffffffffffffff000000000000000082541617905567ffffffffffffffff61066c6105ea8c89896120ea565b970193929190610cd0565b887f0afc096d000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b877f78ab0f5e000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b827fab8b67c6000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b827f2152704b000000000000000000000000000000000000000000000000000000005f5260045261010060245260445ffd5b867f617a7768000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b3461013c575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5761111661109a7f00000000000000000000000000000000000000000000000000000000000000006121a5565b6110c37f00000000000000000000000000000000000000000000000000000000000000006121a5565b6020611124604051926110d683856119d4565b5f84525f3681376040519586957f0f00000000000000000000000000000000000000000000000000000000000000875260e08588015260e0870190611959565b908582036040870152611959565b4660608501523060808501525f60a085015283810360c08501528180845192838152019301915f5b82811061115b57505050500390f35b83518552869550938101939281019260010161114c565b3461013c5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760206111b66111ae611853565b600435611b48565b67ffffffffffffffff60405191168152f35b3461013c5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760043560443567ffffffffffffffff811161013c57602091611220610134923690600401611881565b916024359067ffffffffffffffff61123782611e5b565b5460a01c1690611eb8565b3461013c5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760243560043573ffffffffffffffffffffffffffffffffffffffff8216820361013c57805f52600460205267ffffffffffffffff806112b360405f2093611e5b565b5460a01c16165f5260205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602067ffffffffffffffff60405f205416604051908152f35b3461013c5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c57600435611331611853565b9060643567ffffffffffffffff811161013c5761137861136d60409461136467ffffffffffffffff943690600401611881565b92909186611b48565b948560443591611eb8565b918351928352166020820152f35b3461013c575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760206040516101008152f35b3461013c5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760043567ffffffffffffffff61140482611e5b565b5460a01c1690805f52600360205260405f2067ffffffffffffffff83165f5260205260405f20604051808260208294549384815201905f5260205f20925f5b8181106114da575050611458925003826119d4565b6114628151611a69565b9067ffffffffffffffff84165f5b8251811015610b8b57600190855f52600460205260405f20835f5260205260405f2073ffffffffffffffffffffffffffffffffffffffff806114b28488611ab8565b5116165f5260205267ffffffffffffffff60405f2054166114d38287611ab8565b5201611470565b845473ffffffffffffffffffffffffffffffffffffffff16835260019485019486945060209093019201611443565b3461013c5760c07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c57600435611543611853565b9061154c61186a565b9160843560643560a43567ffffffffffffffff811161013c57611573903690600401611881565b600161158187989398611e5b565b0190815460ff8160401c168061177f575b6117435750928285926115ec67ffffffffffffffff966115d9606099868c997f2e56c1b046bd5753e7ff05740af57424fa8aeae11056da59d0eb95ed3ef40b649d8f611df4565b9b6115e4888d611b48565b9c8d8d611eb8565b508585167fffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000825416178155680100000000000000007fffffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffff825416179055600285604051926116588461199c565b16998a8352602083019087431682528760408501911681528884019085825260808501928784528c5f52600760205260405f208a8a165f52602052898060405f20975116167fffffffffffffffffffffffffffffffffffffffffffffffff000000000000000087541617865551907fffffffffffffffff00000000000000000000000000000000ffffffffffffffff6fffffffffffffffff000000000000000077ffffffffffffffff000000000000000000000000000000008854935160801b169360401b1691161717845551600184015551910155604051978852602088015260408701521693a3005b67ffffffffffffffff9081887fe4ecc214000000000000000000000000000000000000000000000000000000005f52166004521660245260445ffd5b5067ffffffffffffffff811667ffffffffffffffff88161115611592565b3461013c575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760206040517ffa7b4f871c245ca893fbad4ef403310205093690fb220b0dfda82c408c4b336a8152f35b3461013c5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261013c5760043573ffffffffffffffffffffffffffffffffffffffff8116810361013c5761013460209160243590611a15565b6024359067ffffffffffffffff8216820361013c57565b6044359067ffffffffffffffff8216820361013c57565b9181601f8401121561013c5782359167ffffffffffffffff831161013c576020808501948460051b01011161013c57565b9190939293606083016060845281518091526020608085019201905f5b81811061192d575050508281036020840152602080835192838152019201905f5b81811061190d5750505067ffffffffffffffff6040919416910152565b825167ffffffffffffffff168452602093840193909201916001016118f0565b825173ffffffffffffffffffffffffffffffffffffffff168452602093840193909201916001016118cf565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602080948051918291828752018686015e5f8582860101520116010190565b60a0810190811067ffffffffffffffff82111761055957604052565b60e0810190811067ffffffffffffffff82111761055957604052565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761055957604052565b906040519073ffffffffffffffffffffffffffffffffffffffff6020830193168352604082015260408152611a4b6060826119d4565b51902090565b67ffffffffffffffff81116105595760051b60200190565b90611a7382611a51565b611a8060405191826119d4565b8281527fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0611aae8294611a51565b0190602036910137565b8051821015611acc5760209160051b010190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b9067ffffffffffffffff8091169116039067ffffffffffffffff8211611b1b57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b90611b5282611e5b565b915f52600660205260405f2067ffffffffffffffff806001945460a01c1692165b67ffffffffffffffff831667ffffffffffffffff851610611b945750505090565b909192611bb7677fffffffffffffff611bad8387611af9565b60011c1685611af9565b9067ffffffffffffffff82165f52836020528267ffffffffffffffff60405f20541611155f14611beb5750925b9190611b73565b935067ffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff91160167ffffffffffffffff811115611be4577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b67ffffffffffffffff60019116019067ffffffffffffffff8211611b1b57565b9491929093969596604051908160208101938490925f905b808210611db8575050611cc99250037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe081018352826119d4565b519020906040519060208201978891905f905b808210611d8c575050509681611d2667ffffffffffffffff93611d89999a037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe081018352826119d4565b51902092816040519560208701977ffa7b4f871c245ca893fbad4ef403310205093690fb220b0dfda82c408c4b336a8952604088015216606086015216608084015260a083015260c082015260c08152611d8160e0826119d4565b519020612130565b90565b90919283359067ffffffffffffffff821680920361013c57602081600193829352019401920190611cdc565b9190925083359073ffffffffffffffffffffffffffffffffffffffff821680920361013c57602081600193829352019401920184929391611c8f565b9267ffffffffffffffff611d89959293816040519560208701977f0b081e8ab4f7594245297e73f1b3d50d9bd6803e16263e57ce1b0c5e85c630eb8952604088015216606086015216608084015260a083015260c082015260c08152611d8160e0826119d4565b90815f52600260205260405f209167ffffffffffffffff835460a01c1615611e805750565b7fdd762585000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b91908201809211611b1b57565b929491905f95845f52600460205260405f2067ffffffffffffffff83165f5260205260405f20935f925f967fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe184360301945b89891015612063578860051b8501358681121561013c57850180359067ffffffffffffffff821161013c5760200190803603821361013c57611f4c9189612171565b5060048110156120365761200a5773ffffffffffffffffffffffffffffffffffffffff8082169216821115611fde579a815f528860205267ffffffffffffffff60405f205416918215611faf5750600191611fa691611eab565b98019799611f0a565b8a7fc89bb95f000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b897f590a84f7000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b897f52bf9848000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b509550955095505050505f52600560205267ffffffffffffffff60405f2091165f5260205260405f20546003830283810460031484151715611b1b578160011b9082820460021483151715611b1b5711156120bb5750565b827f9e483f61000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b9190811015611acc5760051b0190565b3573ffffffffffffffffffffffffffffffffffffffff8116810361013c5790565b3567ffffffffffffffff8116810361013c5790565b60429061213b6121fc565b90604051917f19010000000000000000000000000000000000000000000000000000000000008352600283015260228201522090565b906041830361219b576121949250602081013591604082359201355f1a9061231f565b9192909190565b50505f9160029190565b60ff811690601f82116121d457604051916121c16040846119d4565b6020808452838101919036833783525290565b7fb3512b0c000000000000000000000000000000000000000000000000000000005f5260045ffd5b73ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000163014806122f6575b15612264577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527f000000000000000000000000000000000000000000000000000000000000000060408201527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a082015260a08152611a4b60c0826119d4565b507f0000000000000000000000000000000000000000000000000000000000000000461461223b565b91907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084116123ae579160209360809260ff5f9560405194855216868401526040830152606082015282805260015afa156123a3575f5173ffffffffffffffffffffffffffffffffffffffff81161561239957905f905f90565b505f906001905f90565b6040513d5f823e3d90fd5b5050505f916003919056fea26469706673582212202da33be84b5e1997d91f0a172a35106910696cc9795bf43213835c0b8e6ac1a864736f6c63430008250033",
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
// Solidity: function checkpoint(bytes32 subnet, uint64 epoch) view returns((uint64,uint64,uint64,bytes32,bytes32) c)
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
// Solidity: function checkpoint(bytes32 subnet, uint64 epoch) view returns((uint64,uint64,uint64,bytes32,bytes32) c)
func (subnetRegistry *SubnetRegistry) TryPackCheckpoint(subnet [32]byte, epoch uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("checkpoint", subnet, epoch)
}

// UnpackCheckpoint is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaa5a64ed.
//
// Solidity: function checkpoint(bytes32 subnet, uint64 epoch) view returns((uint64,uint64,uint64,bytes32,bytes32) c)
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
// the contract method with ID 0xb08515dc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateValidators(bytes32 subnet, uint64 version, uint64 firstEpoch, address[] validators, uint64[] stakes, bytes[] signatures) returns()
func (subnetRegistry *SubnetRegistry) PackUpdateValidators(subnet [32]byte, version uint64, firstEpoch uint64, validators []common.Address, stakes []uint64, signatures [][]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("updateValidators", subnet, version, firstEpoch, validators, stakes, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb08515dc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateValidators(bytes32 subnet, uint64 version, uint64 firstEpoch, address[] validators, uint64[] stakes, bytes[] signatures) returns()
func (subnetRegistry *SubnetRegistry) TryPackUpdateValidators(subnet [32]byte, version uint64, firstEpoch uint64, validators []common.Address, stakes []uint64, signatures [][]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("updateValidators", subnet, version, firstEpoch, validators, stakes, signatures)
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

// PackValidatorSetAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95860094.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validatorSetAt(bytes32 subnet, uint64 version) view returns(address[] members, uint64[] stakes, uint64 firstEpoch)
func (subnetRegistry *SubnetRegistry) PackValidatorSetAt(subnet [32]byte, version uint64) []byte {
	enc, err := subnetRegistry.abi.Pack("validatorSetAt", subnet, version)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidatorSetAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95860094.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validatorSetAt(bytes32 subnet, uint64 version) view returns(address[] members, uint64[] stakes, uint64 firstEpoch)
func (subnetRegistry *SubnetRegistry) TryPackValidatorSetAt(subnet [32]byte, version uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("validatorSetAt", subnet, version)
}

// ValidatorSetAtOutput serves as a container for the return parameters of contract
// method ValidatorSetAt.
type ValidatorSetAtOutput struct {
	Members    []common.Address
	Stakes     []uint64
	FirstEpoch uint64
}

// UnpackValidatorSetAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95860094.
//
// Solidity: function validatorSetAt(bytes32 subnet, uint64 version) view returns(address[] members, uint64[] stakes, uint64 firstEpoch)
func (subnetRegistry *SubnetRegistry) UnpackValidatorSetAt(data []byte) (ValidatorSetAtOutput, error) {
	out, err := subnetRegistry.abi.Unpack("validatorSetAt", data)
	outstruct := new(ValidatorSetAtOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Members = *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	outstruct.Stakes = *abi.ConvertType(out[1], new([]uint64)).(*[]uint64)
	outstruct.FirstEpoch = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackValidatorSetDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc3a5204c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validatorSetDigest(bytes32 subnet, uint64 version, uint64 firstEpoch, address[] validators, uint64[] stakes) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) PackValidatorSetDigest(subnet [32]byte, version uint64, firstEpoch uint64, validators []common.Address, stakes []uint64) []byte {
	enc, err := subnetRegistry.abi.Pack("validatorSetDigest", subnet, version, firstEpoch, validators, stakes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidatorSetDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc3a5204c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validatorSetDigest(bytes32 subnet, uint64 version, uint64 firstEpoch, address[] validators, uint64[] stakes) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) TryPackValidatorSetDigest(subnet [32]byte, version uint64, firstEpoch uint64, validators []common.Address, stakes []uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("validatorSetDigest", subnet, version, firstEpoch, validators, stakes)
}

// UnpackValidatorSetDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc3a5204c.
//
// Solidity: function validatorSetDigest(bytes32 subnet, uint64 version, uint64 firstEpoch, address[] validators, uint64[] stakes) view returns(bytes32)
func (subnetRegistry *SubnetRegistry) UnpackValidatorSetDigest(data []byte) ([32]byte, error) {
	out, err := subnetRegistry.abi.Unpack("validatorSetDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackVerifyEpochQuorum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x71a0bf73.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyEpochQuorum(bytes32 subnet, uint64 epoch, bytes32 digest, bytes[] signatures) view returns(uint256 signedStake, uint64 version)
func (subnetRegistry *SubnetRegistry) PackVerifyEpochQuorum(subnet [32]byte, epoch uint64, digest [32]byte, signatures [][]byte) []byte {
	enc, err := subnetRegistry.abi.Pack("verifyEpochQuorum", subnet, epoch, digest, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyEpochQuorum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x71a0bf73.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyEpochQuorum(bytes32 subnet, uint64 epoch, bytes32 digest, bytes[] signatures) view returns(uint256 signedStake, uint64 version)
func (subnetRegistry *SubnetRegistry) TryPackVerifyEpochQuorum(subnet [32]byte, epoch uint64, digest [32]byte, signatures [][]byte) ([]byte, error) {
	return subnetRegistry.abi.Pack("verifyEpochQuorum", subnet, epoch, digest, signatures)
}

// VerifyEpochQuorumOutput serves as a container for the return parameters of contract
// method VerifyEpochQuorum.
type VerifyEpochQuorumOutput struct {
	SignedStake *big.Int
	Version     uint64
}

// UnpackVerifyEpochQuorum is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x71a0bf73.
//
// Solidity: function verifyEpochQuorum(bytes32 subnet, uint64 epoch, bytes32 digest, bytes[] signatures) view returns(uint256 signedStake, uint64 version)
func (subnetRegistry *SubnetRegistry) UnpackVerifyEpochQuorum(data []byte) (VerifyEpochQuorumOutput, error) {
	out, err := subnetRegistry.abi.Unpack("verifyEpochQuorum", data)
	outstruct := new(VerifyEpochQuorumOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.SignedStake = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Version = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
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

// PackVersionAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7f7308a8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function versionAt(bytes32 subnet, uint64 epoch) view returns(uint64)
func (subnetRegistry *SubnetRegistry) PackVersionAt(subnet [32]byte, epoch uint64) []byte {
	enc, err := subnetRegistry.abi.Pack("versionAt", subnet, epoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVersionAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7f7308a8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function versionAt(bytes32 subnet, uint64 epoch) view returns(uint64)
func (subnetRegistry *SubnetRegistry) TryPackVersionAt(subnet [32]byte, epoch uint64) ([]byte, error) {
	return subnetRegistry.abi.Pack("versionAt", subnet, epoch)
}

// UnpackVersionAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7f7308a8.
//
// Solidity: function versionAt(bytes32 subnet, uint64 epoch) view returns(uint64)
func (subnetRegistry *SubnetRegistry) UnpackVersionAt(data []byte) (uint64, error) {
	out, err := subnetRegistry.abi.Unpack("versionAt", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
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
	FirstEpoch uint64
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
// Solidity: event ValidatorSetUpdated(bytes32 indexed subnet, uint64 indexed version, uint64 firstEpoch, uint256 totalStake)
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
	if bytes.Equal(raw[:4], subnetRegistry.abi.Errors["StaleFirstEpoch"].ID.Bytes()[:4]) {
		return subnetRegistry.UnpackStaleFirstEpochError(raw[4:])
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

// SubnetRegistryStaleFirstEpoch represents a StaleFirstEpoch error raised by the SubnetRegistry contract.
type SubnetRegistryStaleFirstEpoch struct {
	FirstEpoch        uint64
	CurrentFirstEpoch uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StaleFirstEpoch(uint64 firstEpoch, uint64 currentFirstEpoch)
func SubnetRegistryStaleFirstEpochErrorID() common.Hash {
	return common.HexToHash("0x94d1033781a006a7558853fbb4437796133d0250145d6cb86143ecfe79b71ff8")
}

// UnpackStaleFirstEpochError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StaleFirstEpoch(uint64 firstEpoch, uint64 currentFirstEpoch)
func (subnetRegistry *SubnetRegistry) UnpackStaleFirstEpochError(raw []byte) (*SubnetRegistryStaleFirstEpoch, error) {
	out := new(SubnetRegistryStaleFirstEpoch)
	if err := subnetRegistry.abi.UnpackIntoInterface(out, "StaleFirstEpoch", raw); err != nil {
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
