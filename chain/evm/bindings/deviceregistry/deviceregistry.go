// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package deviceregistry

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

// DeviceRegistryDevice is an auto generated low-level Go binding around an user-defined struct.
type DeviceRegistryDevice struct {
	Maker        common.Address
	KeyType      uint8
	Revoked      bool
	RegisteredAt uint64
	Model        [32]byte
	PublicKey    []byte
}

// DeviceRegistryMetaData contains all meta data concerning the DeviceRegistry contract.
var DeviceRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"admin\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"DeviceExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"derived\",\"type\":\"bytes32\"}],\"name\":\"DeviceIDMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidPublicKey\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"MakerNotApproved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotMakerOrOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"UnknownDevice\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroMaker\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"}],\"name\":\"DeviceRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"DeviceRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"}],\"name\":\"MakerApproved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"}],\"name\":\"MakerRetired\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"DEVICE_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_PUBLIC_KEY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"}],\"name\":\"approveMaker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"device\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"keyType\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"revoked\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"publicKey\",\"type\":\"bytes\"}],\"internalType\":\"structDeviceRegistry.Device\",\"name\":\"info\",\"type\":\"tuple\"},{\"internalType\":\"address\",\"name\":\"holder\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"keyType\",\"type\":\"uint8\"},{\"internalType\":\"bytes\",\"name\":\"publicKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"deviceDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"}],\"name\":\"isMaker\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"keyType\",\"type\":\"uint8\"},{\"internalType\":\"bytes\",\"name\":\"publicKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"model\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"makerSignature\",\"type\":\"bytes\"}],\"name\":\"registerDevice\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"maker\",\"type\":\"address\"}],\"name\":\"retireMaker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "DeviceRegistry",
	Bin: "0x61016080604052346104ea57602081612d1a803803809161002082856104ee565b8339810103126104ea57516001600160a01b038116908190036104ea5760405161004b6040826104ee565b6017815260208101907f646570696e6b69742044657669636552656769737472790000000000000000008252604051916100866040846104ee565b600183526020830191603160f81b83526040516100a46040826104ee565b600f81526e646570696e6b69742064657669636560881b6020820152604051906100cf6040836104ee565b600682526544455649434560d01b60208301528051906001600160401b0382116103e9575f5490600182811c921680156104e0575b60208310146103cb5781601f84931161046b575b50602090601f8311600114610408575f926103fd575b50508160011b915f199060031b1c1916175f555b8051906001600160401b0382116103e95760015490600182811c921680156103df575b60208310146103cb5781601f849311610355575b50602090601f83116001146102ef575f926102e4575b50508160011b915f199060031b1c1916176001555b6101ad81610511565b610120526101ba84610511565b61014052519020918260e05251902080610100524660a0526040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a0815261022360c0826104ee565b5190206080523060c05280156102d157600980546001600160a01b0319908116909155600880549182168317905560405191906001600160a01b03167f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e05f80a361279d908161057d823960805181612684015260a05181612741015260c05181612655015260e051816126d3015261010051816126f90152610120518161122e015261014051816112570152f35b631e4fbdf760e01b5f525f60045260245ffd5b015190505f8061018f565b60015f9081528281209350601f198516905b81811061033d5750908460019594939210610325575b505050811b016001556101a4565b01515f1960f88460031b161c191690555f8080610317565b92936020600181928786015181550195019301610301565b828111156101795760015f52909150601f830160051c7fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6602085106103c3575b849392601f0160051c82900391015f5b8281106103b3575050610179565b5f818301558594506001016103a5565b5f9150610395565b634e487b7160e01b5f52602260045260245ffd5b91607f1691610165565b634e487b7160e01b5f52604160045260245ffd5b015190505f8061012e565b5f8080528281209350601f198516905b818110610453575090846001959493921061043b575b505050811b015f55610142565b01515f1960f88460031b161c191690555f808061042e565b92936020600181928786015181550195019301610418565b82811115610118575f8052909150601f830160051c7f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563602085106104d8575b849392601f0160051c82900391015f5b8281106104c8575050610118565b5f818301558594506001016104ba565b5f91506104aa565b91607f1691610104565b5f80fd5b601f909101601f19168101906001600160401b038211908210176103e957604052565b601f81511161053c57602081519101516020821061052d571790565b5f198260200360031b1b161790565b604460209160405192839163305a27a960e01b83528160048401528051918291826024860152018484015e5f828201840152601f01601f19168101030190fdfe6080806040526004361015610012575f80fd5b5f905f3560e01c90816301ffc9a714611c625750806306fdde0314611ba2578063081812fc14611b3a578063095ea7b3146119be57806323b872dd146119a75780632b46bf66146118c957806342842e0e146118a0578063470b31861461163f5780636322fd03146115e75780636352211e1461158d57806370a08231146114f8578063715018a61461143457806379ba50971461132a57806384b0196e146111f8578063886e5cf714610af65780638da5cb5b14610aa557806395d89b411461098b578063a22cb4651461085c578063a7f70849146107af578063a905ab1414610732578063b75c7dc614610480578063b88d4fde14610400578063bd94ad94146103c7578063c87b56dd1461034c578063e30c3978146102fa578063e75600c314610292578063e985e9c5146102145763f2fde38b14610152575f80fd5b346102115760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102115773ffffffffffffffffffffffffffffffffffffffff61019e611d92565b6101a6612503565b16807fffffffffffffffffffffffff0000000000000000000000000000000000000000600954161760095573ffffffffffffffffffffffffffffffffffffffff600854167f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e227008380a380f35b80fd5b50346102115760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102115773ffffffffffffffffffffffffffffffffffffffff6040610263611d92565b928261026d611dd8565b9416815260056020522091165f52602052602060ff60405f2054166040519015158152f35b50346102115760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102115760ff604060209273ffffffffffffffffffffffffffffffffffffffff6102e6611d92565b168152600a84522054166040519015158152f35b503461021157807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021157602073ffffffffffffffffffffffffffffffffffffffff60095416604051908152f35b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c3576103866004356124d5565b505f604051610396602082611ec7565b526103bf6040516103a8602082611ec7565b5f8152604051918291602083526020830190611d4f565b0390f35b5f80fd5b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357602060405160418152f35b346103c35760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357610437611d92565b61043f611dd8565b6064359167ffffffffffffffff83116103c357366023840112156103c35761047461047e933690602481600401359101611f42565b91604435916122f9565b005b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357600435805f52600b60205260405f20805473ffffffffffffffffffffffffffffffffffffffff811680156107065760ff8260a81c166106da57331415806106ae575b61067e577fffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffffff75010000000000000000000000000000000000000000009116179055805f52600260205273ffffffffffffffffffffffffffffffffffffffff60405f2054168015908115610610575b825f52600260205260405f207fffffffffffffffffffffffff00000000000000000000000000000000000000008154169055825f827fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef8280a4506105e55733907f4cef02b2246fc579652de0a1b4d789cd9e1e6e9b6a6b36be68787c70d9edbb625f80a3005b7f7e273289000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b610647835f52600460205260405f207fffffffffffffffffffffffff00000000000000000000000000000000000000008154169055565b805f52600360205260405f207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff815401905561055f565b827ff6bc7a18000000000000000000000000000000000000000000000000000000005f526004523360245260445ffd5b50825f52600260205273ffffffffffffffffffffffffffffffffffffffff60405f2054163314156104f1565b837f90315de1000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b837fe2f351b2000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b346103c35760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357610769611e6d565b60443567ffffffffffffffff81116103c35760209161078f6107a7923690600401611e7d565b61079a929192611db5565b9260643592600435612233565b604051908152f35b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c35773ffffffffffffffffffffffffffffffffffffffff6107fb611d92565b610803612503565b16805f52600a60205260405f207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0081541690557f088ee7394a97250bb3add284cea7987de3b2791b400187f188d064e13dc099ec5f80a2005b346103c35760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357610893611d92565b602435908115158092036103c357331561095f5773ffffffffffffffffffffffffffffffffffffffff1690811561093357335f52600560205260405f20825f5260205260405f207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0081541660ff83161790556040519081527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c3160203392a3005b507f5b08ba18000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7fa9fbf51f000000000000000000000000000000000000000000000000000000005f525f60045260245ffd5b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c3576040515f6001546109c981611f78565b8084529060018116908115610a635750600114610a05575b6103bf836109f181850382611ec7565b604051918291602083526020830190611d4f565b60015f9081527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6939250905b808210610a49575090915081016020016109f16109e1565b919260018160209254838588010152019101909291610a31565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660208086019190915291151560051b840190910191506109f190506109e1565b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357602073ffffffffffffffffffffffffffffffffffffffff60085416604051908152f35b346103c35760c07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357600435610b30611e6d565b9060443567ffffffffffffffff81116103c357610b51903690600401611e7d565b6064359391610b5e611db5565b9160a43567ffffffffffffffff81116103c357610b7f903690600401611e7d565b60ff86161580156111f0575b80156111e6575b6111be5760205f604051828101907f646570696e6b69742f69642f7631000000000000000000000000000000000000825282602e8201527fff000000000000000000000000000000000000000000000000000000000000008a60f81b16602f82015286886030830137610c36603082898101868382015203017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08101835282611ec7565b604051918291518091835e8101838152039060025afa156111b3575f518781036111845750865f52600b60205260405f209173ffffffffffffffffffffffffffffffffffffffff8354166111585790610c9c91610c97878b87898c8e612233565b612524565b50600481101561112b576111035773ffffffffffffffffffffffffffffffffffffffff1694855f52600a60205260ff60405f205416156110d75781547fffff0000000000000000ff00ffffffffffffffffffffffffffffffffffffffff87167fffff0000000000000000ff0000000000000000000000000000000000000000009091161760a09190911b74ff000000000000000000000000000000000000000016174260b01b7dffffffffffffffff0000000000000000000000000000000000000000000016178155600181018790556002019167ffffffffffffffff82116110aa57610d898354611f78565b601f8111611059575b505f90601f8311600114610fa15773ffffffffffffffffffffffffffffffffffffffff949392915f9183610f96575b50507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c19161790555b16908115610f6a57825f52600260205273ffffffffffffffffffffffffffffffffffffffff60405f2054168015159081610efc575b835f52600360205260405f2060018154019055845f52600260205260405f20847fffffffffffffffffffffffff00000000000000000000000000000000000000008254161790558484827fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef5f80a450610ed057827ff7723473f40363c7d3fcb276ae017219ac60fe65391dcb11e2fc29784490854460208096604051908152a4604051908152f35b7f73c6ac6e000000000000000000000000000000000000000000000000000000005f525f60045260245ffd5b610f33855f52600460205260405f207fffffffffffffffffffffffff00000000000000000000000000000000000000008154169055565b805f52600360205260405f207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8154019055610e28565b7f64a0ae92000000000000000000000000000000000000000000000000000000005f525f60045260245ffd5b013590508880610dc1565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0831691845f5260205f20925f5b818110611041575091600193918573ffffffffffffffffffffffffffffffffffffffff9897969410611009575b505050811b019055610df3565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88560031b161c19910135169055888080610ffc565b91936020600181928787013581550195019201610fcf565b82811115610d9257835f5260205f20601f840160051c90602085106110a2575b81601f9101920160051c03905f5b828110611095575050610d92565b5f82820155600101611087565b5f9150611079565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b857fd450f4f8000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f8baa579f000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b877fee8240ab000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b877fc57fdc49000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b6040513d5f823e3d90fd5b7fa2d0fee8000000000000000000000000000000000000000000000000000000005f5260045ffd5b5060418311610b92565b508215610b8b565b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c3576112ce6112527f0000000000000000000000000000000000000000000000000000000000000000612558565b61127b7f0000000000000000000000000000000000000000000000000000000000000000612558565b60206112dc6040519261128e8385611ec7565b5f84525f3681376040519586957f0f00000000000000000000000000000000000000000000000000000000000000875260e08588015260e0870190611d4f565b908582036040870152611d4f565b4660608501523060808501525f60a085015283810360c08501528180845192838152019301915f5b82811061131357505050500390f35b835185528695509381019392810192600101611304565b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c3573373ffffffffffffffffffffffffffffffffffffffff6009541603611408577fffffffffffffffffffffffff000000000000000000000000000000000000000060095416600955600854337fffffffffffffffffffffffff000000000000000000000000000000000000000082161760085573ffffffffffffffffffffffffffffffffffffffff3391167f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e05f80a3005b7f118cdaa7000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c35761146a612503565b7fffffffffffffffffffffffff0000000000000000000000000000000000000000600954166009555f73ffffffffffffffffffffffffffffffffffffffff6008547fffffffffffffffffffffffff00000000000000000000000000000000000000008116600855167f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e08280a3005b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c35773ffffffffffffffffffffffffffffffffffffffff611544611d92565b168015611561575f526003602052602060405f2054604051908152f35b7f89c62b64000000000000000000000000000000000000000000000000000000005f525f60045260245ffd5b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c35760206115c96004356124d5565b73ffffffffffffffffffffffffffffffffffffffff60405191168152f35b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c35760206040517f4c97df0bac58af69101588341f80c72bdb7f7f588b253f21c23f3bc9918cbcc78152f35b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357600435606060a060405161168181611eab565b5f81525f60208201525f60408201525f838201525f60808201520152805f52600b60205260405f20604051906116b682611eab565b805473ffffffffffffffffffffffffffffffffffffffff81168352602083019160ff8260a01c168352604084019160ff8160a81c161515835267ffffffffffffffff606086019160b01c168152600260018301549260808701938452019260405193845f82549261172684611f78565b8084529360018116908115611860575060011461181c575b5061174b92500385611ec7565b60a0860193845273ffffffffffffffffffffffffffffffffffffffff865116156117f0576117e693929167ffffffffffffffff9173ffffffffffffffffffffffffffffffffffffffff985f52600260205260ff8960405f205416976040519a8b9a60408c52511660408b0152511660608901525115156080880152511660a08601525160c08501525160c060e0850152610100840190611d4f565b9060208301520390f35b867fe2f351b2000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b90505f9291925260205f20905f915b81831061184457505090602061174b928201018a61173e565b6020919350806001915483858b0101520191019091869261182b565b6020935061174b9592507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0091501682840152151560051b8201018a61173e565b346103c35761047e6118b136611dfb565b90604051926118c1602085611ec7565b5f84526122f9565b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c35773ffffffffffffffffffffffffffffffffffffffff611915611d92565b61191d612503565b16801561197f57805f52600a60205260405f2060017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff008254161790557f13264ee855172c4550ac7cd52a39ba1a35732f758ffdc2705cebb0d4f74f52355f80a2005b7f76ef56ae000000000000000000000000000000000000000000000000000000005f5260045ffd5b346103c35761047e6119b836611dfb565b91611fc9565b346103c35760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c3576119f5611d92565b602435611a01816124d5565b33151580611b1a575b80611acd575b611aa157819073ffffffffffffffffffffffffffffffffffffffff80851691167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b9255f80a45f52600460205273ffffffffffffffffffffffffffffffffffffffff60405f2091167fffffffffffffffffffffffff00000000000000000000000000000000000000008254161790555f80f35b7fa9fbf51f000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b5073ffffffffffffffffffffffffffffffffffffffff81165f52600560205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260ff60405f20541615611a10565b503373ffffffffffffffffffffffffffffffffffffffff82161415611a0a565b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357600435611b75816124d5565b505f526004602052602073ffffffffffffffffffffffffffffffffffffffff60405f205416604051908152f35b346103c3575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c3576040515f5f54611bdf81611f78565b8084529060018116908115610a635750600114611c06576103bf836109f181850382611ec7565b5f8080527f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563939250905b808210611c48575090915081016020016109f16109e1565b919260018160209254838588010152019101909291611c30565b346103c35760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126103c357600435907fffffffff0000000000000000000000000000000000000000000000000000000082168092036103c357817f80ac58cd0000000000000000000000000000000000000000000000000000000060209314908115611d25575b8115611cfb575b5015158152f35b7f01ffc9a70000000000000000000000000000000000000000000000000000000091501483611cf4565b7f5b5e139f0000000000000000000000000000000000000000000000000000000081149150611ced565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602080948051918291828752018686015e5f8582860101520116010190565b6004359073ffffffffffffffffffffffffffffffffffffffff821682036103c357565b6084359073ffffffffffffffffffffffffffffffffffffffff821682036103c357565b6024359073ffffffffffffffffffffffffffffffffffffffff821682036103c357565b7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc60609101126103c35760043573ffffffffffffffffffffffffffffffffffffffff811681036103c3579060243573ffffffffffffffffffffffffffffffffffffffff811681036103c3579060443590565b6024359060ff821682036103c357565b9181601f840112156103c35782359167ffffffffffffffff83116103c357602083818601950101116103c357565b60c0810190811067ffffffffffffffff8211176110aa57604052565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff8211176110aa57604052565b67ffffffffffffffff81116110aa57601f017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe01660200190565b929192611f4e82611f08565b91611f5c6040519384611ec7565b8294818452818301116103c3578281602093845f960137010152565b90600182811c92168015611fbf575b6020831014611f9257565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b91607f1691611f87565b919073ffffffffffffffffffffffffffffffffffffffff168015610f6a57815f52600260205273ffffffffffffffffffffffffffffffffffffffff60405f2054169282331515928361214b575b73ffffffffffffffffffffffffffffffffffffffff9350856120dd575b805f52600360205260405f2060018154019055815f52600260205260405f20817fffffffffffffffffffffffff0000000000000000000000000000000000000000825416179055857fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef5f80a4168083036120ac57505050565b7f64283d7b000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b612114825f52600460205260405f207fffffffffffffffffffffffff00000000000000000000000000000000000000008154169055565b855f52600360205260405f207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8154019055612033565b91929050806121c2575b1561216257828291612016565b8284612193577f7e273289000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f177e802f000000000000000000000000000000000000000000000000000000005f523360045260245260445ffd5b5033841480156121fd575b806121555750825f5260046020523373ffffffffffffffffffffffffffffffffffffffff60405f20541614612155565b50835f52600560205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260ff60405f2054166121cd565b9361225973ffffffffffffffffffffffffffffffffffffffff9360429793953691611f42565b6020815191012060ff6040519560208701977f4c97df0bac58af69101588341f80c72bdb7f7f588b253f21c23f3bc9918cbcc789526040880152166060860152608085015260a08401521660c082015260c081526122b860e082611ec7565b5190206122c361263e565b90604051917f19010000000000000000000000000000000000000000000000000000000000008352600283015260228201522090565b90612305838284611fc9565b803b612312575b50505050565b60209161237e73ffffffffffffffffffffffffffffffffffffffff8093169560405195869485947f150b7a020000000000000000000000000000000000000000000000000000000086523360048701521660248501526044840152608060648401526084830190611d4f565b03815f865af15f9181612478575b506123fa57503d156123f3573d6123a281611f08565b906123b06040519283611ec7565b81523d5f602083013e5b805190816123ee57827f64a0ae92000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b602001fd5b60606123ba565b7fffffffff000000000000000000000000000000000000000000000000000000007f150b7a020000000000000000000000000000000000000000000000000000000091160361244d57505f80808061230c565b7f64a0ae92000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b9091506020813d6020116124cd575b8161249460209383611ec7565b810103126103c357517fffffffff00000000000000000000000000000000000000000000000000000000811681036103c357905f61238c565b3d9150612487565b805f52600260205273ffffffffffffffffffffffffffffffffffffffff60405f2054169081156105e5575090565b73ffffffffffffffffffffffffffffffffffffffff60085416330361140857565b906041830361254e576125479250602081013591604082359201355f1a906125af565b9192909190565b50505f9160029190565b60ff811690601f82116125875760405191612574604084611ec7565b6020808452838101919036833783525290565b7fb3512b0c000000000000000000000000000000000000000000000000000000005f5260045ffd5b91907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411612633579160209360809260ff5f9560405194855216868401526040830152606082015282805260015afa156111b3575f5173ffffffffffffffffffffffffffffffffffffffff81161561262957905f905f90565b505f906001905f90565b5050505f9160039190565b73ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001630148061273e575b156126a6577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527f000000000000000000000000000000000000000000000000000000000000000060408201527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a082015260a0815261273860c082611ec7565b51902090565b507f0000000000000000000000000000000000000000000000000000000000000000461461267d56fea2646970667358221220a6ea0c72fecae7bf5f3eec05fb16d5f55b29e5fcbc58c19024cc7c2e48bcc5be64736f6c63430008250033",
}

// DeviceRegistry is an auto generated Go binding around an Ethereum contract.
type DeviceRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *DeviceRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewDeviceRegistry creates a new instance of DeviceRegistry.
func NewDeviceRegistry() *DeviceRegistry {
	parsed, err := DeviceRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &DeviceRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *DeviceRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address admin) returns()
func (deviceRegistry *DeviceRegistry) PackConstructor(admin common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("", admin)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackDEVICETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6322fd03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DEVICE_TYPEHASH() view returns(bytes32)
func (deviceRegistry *DeviceRegistry) PackDEVICETYPEHASH() []byte {
	enc, err := deviceRegistry.abi.Pack("DEVICE_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDEVICETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6322fd03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DEVICE_TYPEHASH() view returns(bytes32)
func (deviceRegistry *DeviceRegistry) TryPackDEVICETYPEHASH() ([]byte, error) {
	return deviceRegistry.abi.Pack("DEVICE_TYPEHASH")
}

// UnpackDEVICETYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6322fd03.
//
// Solidity: function DEVICE_TYPEHASH() view returns(bytes32)
func (deviceRegistry *DeviceRegistry) UnpackDEVICETYPEHASH(data []byte) ([32]byte, error) {
	out, err := deviceRegistry.abi.Unpack("DEVICE_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXPUBLICKEY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd94ad94.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_PUBLIC_KEY() view returns(uint256)
func (deviceRegistry *DeviceRegistry) PackMAXPUBLICKEY() []byte {
	enc, err := deviceRegistry.abi.Pack("MAX_PUBLIC_KEY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXPUBLICKEY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd94ad94.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_PUBLIC_KEY() view returns(uint256)
func (deviceRegistry *DeviceRegistry) TryPackMAXPUBLICKEY() ([]byte, error) {
	return deviceRegistry.abi.Pack("MAX_PUBLIC_KEY")
}

// UnpackMAXPUBLICKEY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd94ad94.
//
// Solidity: function MAX_PUBLIC_KEY() view returns(uint256)
func (deviceRegistry *DeviceRegistry) UnpackMAXPUBLICKEY(data []byte) (*big.Int, error) {
	out, err := deviceRegistry.abi.Unpack("MAX_PUBLIC_KEY", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptOwnership() returns()
func (deviceRegistry *DeviceRegistry) PackAcceptOwnership() []byte {
	enc, err := deviceRegistry.abi.Pack("acceptOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptOwnership() returns()
func (deviceRegistry *DeviceRegistry) TryPackAcceptOwnership() ([]byte, error) {
	return deviceRegistry.abi.Pack("acceptOwnership")
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (deviceRegistry *DeviceRegistry) PackApprove(to common.Address, tokenId *big.Int) []byte {
	enc, err := deviceRegistry.abi.Pack("approve", to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (deviceRegistry *DeviceRegistry) TryPackApprove(to common.Address, tokenId *big.Int) ([]byte, error) {
	return deviceRegistry.abi.Pack("approve", to, tokenId)
}

// PackApproveMaker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b46bf66.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approveMaker(address maker) returns()
func (deviceRegistry *DeviceRegistry) PackApproveMaker(maker common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("approveMaker", maker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApproveMaker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b46bf66.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approveMaker(address maker) returns()
func (deviceRegistry *DeviceRegistry) TryPackApproveMaker(maker common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("approveMaker", maker)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (deviceRegistry *DeviceRegistry) PackBalanceOf(owner common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("balanceOf", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (deviceRegistry *DeviceRegistry) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (deviceRegistry *DeviceRegistry) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := deviceRegistry.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x470b3186.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function device(bytes32 id) view returns((address,uint8,bool,uint64,bytes32,bytes) info, address holder)
func (deviceRegistry *DeviceRegistry) PackDevice(id [32]byte) []byte {
	enc, err := deviceRegistry.abi.Pack("device", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x470b3186.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function device(bytes32 id) view returns((address,uint8,bool,uint64,bytes32,bytes) info, address holder)
func (deviceRegistry *DeviceRegistry) TryPackDevice(id [32]byte) ([]byte, error) {
	return deviceRegistry.abi.Pack("device", id)
}

// DeviceOutput serves as a container for the return parameters of contract
// method Device.
type DeviceOutput struct {
	Info   DeviceRegistryDevice
	Holder common.Address
}

// UnpackDevice is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x470b3186.
//
// Solidity: function device(bytes32 id) view returns((address,uint8,bool,uint64,bytes32,bytes) info, address holder)
func (deviceRegistry *DeviceRegistry) UnpackDevice(data []byte) (DeviceOutput, error) {
	out, err := deviceRegistry.abi.Unpack("device", data)
	outstruct := new(DeviceOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Info = *abi.ConvertType(out[0], new(DeviceRegistryDevice)).(*DeviceRegistryDevice)
	outstruct.Holder = *abi.ConvertType(out[1], new(common.Address)).(*common.Address)
	return *outstruct, nil
}

// PackDeviceDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa905ab14.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deviceDigest(bytes32 id, uint8 keyType, bytes publicKey, bytes32 model, address to) view returns(bytes32)
func (deviceRegistry *DeviceRegistry) PackDeviceDigest(id [32]byte, keyType uint8, publicKey []byte, model [32]byte, to common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("deviceDigest", id, keyType, publicKey, model, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeviceDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa905ab14.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deviceDigest(bytes32 id, uint8 keyType, bytes publicKey, bytes32 model, address to) view returns(bytes32)
func (deviceRegistry *DeviceRegistry) TryPackDeviceDigest(id [32]byte, keyType uint8, publicKey []byte, model [32]byte, to common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("deviceDigest", id, keyType, publicKey, model, to)
}

// UnpackDeviceDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa905ab14.
//
// Solidity: function deviceDigest(bytes32 id, uint8 keyType, bytes publicKey, bytes32 model, address to) view returns(bytes32)
func (deviceRegistry *DeviceRegistry) UnpackDeviceDigest(data []byte) ([32]byte, error) {
	out, err := deviceRegistry.abi.Unpack("deviceDigest", data)
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
func (deviceRegistry *DeviceRegistry) PackEip712Domain() []byte {
	enc, err := deviceRegistry.abi.Pack("eip712Domain")
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
func (deviceRegistry *DeviceRegistry) TryPackEip712Domain() ([]byte, error) {
	return deviceRegistry.abi.Pack("eip712Domain")
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
func (deviceRegistry *DeviceRegistry) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := deviceRegistry.abi.Unpack("eip712Domain", data)
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

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (deviceRegistry *DeviceRegistry) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := deviceRegistry.abi.Pack("getApproved", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (deviceRegistry *DeviceRegistry) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return deviceRegistry.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (deviceRegistry *DeviceRegistry) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := deviceRegistry.abi.Unpack("getApproved", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (deviceRegistry *DeviceRegistry) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("isApprovedForAll", owner, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (deviceRegistry *DeviceRegistry) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (deviceRegistry *DeviceRegistry) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := deviceRegistry.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsMaker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe75600c3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isMaker(address maker) view returns(bool)
func (deviceRegistry *DeviceRegistry) PackIsMaker(maker common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("isMaker", maker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsMaker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe75600c3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isMaker(address maker) view returns(bool)
func (deviceRegistry *DeviceRegistry) TryPackIsMaker(maker common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("isMaker", maker)
}

// UnpackIsMaker is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe75600c3.
//
// Solidity: function isMaker(address maker) view returns(bool)
func (deviceRegistry *DeviceRegistry) UnpackIsMaker(data []byte) (bool, error) {
	out, err := deviceRegistry.abi.Unpack("isMaker", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (deviceRegistry *DeviceRegistry) PackName() []byte {
	enc, err := deviceRegistry.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (deviceRegistry *DeviceRegistry) TryPackName() ([]byte, error) {
	return deviceRegistry.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (deviceRegistry *DeviceRegistry) UnpackName(data []byte) (string, error) {
	out, err := deviceRegistry.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (deviceRegistry *DeviceRegistry) PackOwner() []byte {
	enc, err := deviceRegistry.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (deviceRegistry *DeviceRegistry) TryPackOwner() ([]byte, error) {
	return deviceRegistry.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (deviceRegistry *DeviceRegistry) UnpackOwner(data []byte) (common.Address, error) {
	out, err := deviceRegistry.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (deviceRegistry *DeviceRegistry) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := deviceRegistry.abi.Pack("ownerOf", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (deviceRegistry *DeviceRegistry) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return deviceRegistry.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (deviceRegistry *DeviceRegistry) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := deviceRegistry.abi.Unpack("ownerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingOwner() view returns(address)
func (deviceRegistry *DeviceRegistry) PackPendingOwner() []byte {
	enc, err := deviceRegistry.abi.Pack("pendingOwner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingOwner() view returns(address)
func (deviceRegistry *DeviceRegistry) TryPackPendingOwner() ([]byte, error) {
	return deviceRegistry.abi.Pack("pendingOwner")
}

// UnpackPendingOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe30c3978.
//
// Solidity: function pendingOwner() view returns(address)
func (deviceRegistry *DeviceRegistry) UnpackPendingOwner(data []byte) (common.Address, error) {
	out, err := deviceRegistry.abi.Unpack("pendingOwner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRegisterDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x886e5cf7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerDevice(bytes32 id, uint8 keyType, bytes publicKey, bytes32 model, address to, bytes makerSignature) returns(uint256 tokenId)
func (deviceRegistry *DeviceRegistry) PackRegisterDevice(id [32]byte, keyType uint8, publicKey []byte, model [32]byte, to common.Address, makerSignature []byte) []byte {
	enc, err := deviceRegistry.abi.Pack("registerDevice", id, keyType, publicKey, model, to, makerSignature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x886e5cf7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerDevice(bytes32 id, uint8 keyType, bytes publicKey, bytes32 model, address to, bytes makerSignature) returns(uint256 tokenId)
func (deviceRegistry *DeviceRegistry) TryPackRegisterDevice(id [32]byte, keyType uint8, publicKey []byte, model [32]byte, to common.Address, makerSignature []byte) ([]byte, error) {
	return deviceRegistry.abi.Pack("registerDevice", id, keyType, publicKey, model, to, makerSignature)
}

// UnpackRegisterDevice is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x886e5cf7.
//
// Solidity: function registerDevice(bytes32 id, uint8 keyType, bytes publicKey, bytes32 model, address to, bytes makerSignature) returns(uint256 tokenId)
func (deviceRegistry *DeviceRegistry) UnpackRegisterDevice(data []byte) (*big.Int, error) {
	out, err := deviceRegistry.abi.Unpack("registerDevice", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (deviceRegistry *DeviceRegistry) PackRenounceOwnership() []byte {
	enc, err := deviceRegistry.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (deviceRegistry *DeviceRegistry) TryPackRenounceOwnership() ([]byte, error) {
	return deviceRegistry.abi.Pack("renounceOwnership")
}

// PackRetireMaker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa7f70849.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function retireMaker(address maker) returns()
func (deviceRegistry *DeviceRegistry) PackRetireMaker(maker common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("retireMaker", maker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRetireMaker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa7f70849.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function retireMaker(address maker) returns()
func (deviceRegistry *DeviceRegistry) TryPackRetireMaker(maker common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("retireMaker", maker)
}

// PackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revoke(bytes32 id) returns()
func (deviceRegistry *DeviceRegistry) PackRevoke(id [32]byte) []byte {
	enc, err := deviceRegistry.abi.Pack("revoke", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revoke(bytes32 id) returns()
func (deviceRegistry *DeviceRegistry) TryPackRevoke(id [32]byte) ([]byte, error) {
	return deviceRegistry.abi.Pack("revoke", id)
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (deviceRegistry *DeviceRegistry) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := deviceRegistry.abi.Pack("safeTransferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (deviceRegistry *DeviceRegistry) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return deviceRegistry.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (deviceRegistry *DeviceRegistry) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := deviceRegistry.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (deviceRegistry *DeviceRegistry) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return deviceRegistry.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (deviceRegistry *DeviceRegistry) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := deviceRegistry.abi.Pack("setApprovalForAll", operator, approved)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (deviceRegistry *DeviceRegistry) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return deviceRegistry.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (deviceRegistry *DeviceRegistry) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := deviceRegistry.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (deviceRegistry *DeviceRegistry) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return deviceRegistry.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (deviceRegistry *DeviceRegistry) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := deviceRegistry.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (deviceRegistry *DeviceRegistry) PackSymbol() []byte {
	enc, err := deviceRegistry.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (deviceRegistry *DeviceRegistry) TryPackSymbol() ([]byte, error) {
	return deviceRegistry.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (deviceRegistry *DeviceRegistry) UnpackSymbol(data []byte) (string, error) {
	out, err := deviceRegistry.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (deviceRegistry *DeviceRegistry) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := deviceRegistry.abi.Pack("tokenURI", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (deviceRegistry *DeviceRegistry) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return deviceRegistry.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (deviceRegistry *DeviceRegistry) UnpackTokenURI(data []byte) (string, error) {
	out, err := deviceRegistry.abi.Unpack("tokenURI", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (deviceRegistry *DeviceRegistry) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := deviceRegistry.abi.Pack("transferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (deviceRegistry *DeviceRegistry) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return deviceRegistry.abi.Pack("transferFrom", from, to, tokenId)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (deviceRegistry *DeviceRegistry) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := deviceRegistry.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (deviceRegistry *DeviceRegistry) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return deviceRegistry.abi.Pack("transferOwnership", newOwner)
}

// DeviceRegistryApproval represents a Approval event raised by the DeviceRegistry contract.
type DeviceRegistryApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryApproval) ContractEventName() string {
	return DeviceRegistryApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (deviceRegistry *DeviceRegistry) UnpackApprovalEvent(log *types.Log) (*DeviceRegistryApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryApproval)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryApprovalForAll represents a ApprovalForAll event raised by the DeviceRegistry contract.
type DeviceRegistryApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryApprovalForAll) ContractEventName() string {
	return DeviceRegistryApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (deviceRegistry *DeviceRegistry) UnpackApprovalForAllEvent(log *types.Log) (*DeviceRegistryApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryApprovalForAll)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryDeviceRegistered represents a DeviceRegistered event raised by the DeviceRegistry contract.
type DeviceRegistryDeviceRegistered struct {
	Id    [32]byte
	Maker common.Address
	Owner common.Address
	Model [32]byte
	Raw   *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryDeviceRegisteredEventName = "DeviceRegistered"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryDeviceRegistered) ContractEventName() string {
	return DeviceRegistryDeviceRegisteredEventName
}

// UnpackDeviceRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DeviceRegistered(bytes32 indexed id, address indexed maker, address indexed owner, bytes32 model)
func (deviceRegistry *DeviceRegistry) UnpackDeviceRegisteredEvent(log *types.Log) (*DeviceRegistryDeviceRegistered, error) {
	event := "DeviceRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryDeviceRegistered)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryDeviceRevoked represents a DeviceRevoked event raised by the DeviceRegistry contract.
type DeviceRegistryDeviceRevoked struct {
	Id  [32]byte
	By  common.Address
	Raw *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryDeviceRevokedEventName = "DeviceRevoked"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryDeviceRevoked) ContractEventName() string {
	return DeviceRegistryDeviceRevokedEventName
}

// UnpackDeviceRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DeviceRevoked(bytes32 indexed id, address indexed by)
func (deviceRegistry *DeviceRegistry) UnpackDeviceRevokedEvent(log *types.Log) (*DeviceRegistryDeviceRevoked, error) {
	event := "DeviceRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryDeviceRevoked)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryEIP712DomainChanged represents a EIP712DomainChanged event raised by the DeviceRegistry contract.
type DeviceRegistryEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryEIP712DomainChanged) ContractEventName() string {
	return DeviceRegistryEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (deviceRegistry *DeviceRegistry) UnpackEIP712DomainChangedEvent(log *types.Log) (*DeviceRegistryEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryMakerApproved represents a MakerApproved event raised by the DeviceRegistry contract.
type DeviceRegistryMakerApproved struct {
	Maker common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryMakerApprovedEventName = "MakerApproved"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryMakerApproved) ContractEventName() string {
	return DeviceRegistryMakerApprovedEventName
}

// UnpackMakerApprovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MakerApproved(address indexed maker)
func (deviceRegistry *DeviceRegistry) UnpackMakerApprovedEvent(log *types.Log) (*DeviceRegistryMakerApproved, error) {
	event := "MakerApproved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryMakerApproved)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryMakerRetired represents a MakerRetired event raised by the DeviceRegistry contract.
type DeviceRegistryMakerRetired struct {
	Maker common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryMakerRetiredEventName = "MakerRetired"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryMakerRetired) ContractEventName() string {
	return DeviceRegistryMakerRetiredEventName
}

// UnpackMakerRetiredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MakerRetired(address indexed maker)
func (deviceRegistry *DeviceRegistry) UnpackMakerRetiredEvent(log *types.Log) (*DeviceRegistryMakerRetired, error) {
	event := "MakerRetired"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryMakerRetired)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryOwnershipTransferStarted represents a OwnershipTransferStarted event raised by the DeviceRegistry contract.
type DeviceRegistryOwnershipTransferStarted struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryOwnershipTransferStartedEventName = "OwnershipTransferStarted"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryOwnershipTransferStarted) ContractEventName() string {
	return DeviceRegistryOwnershipTransferStartedEventName
}

// UnpackOwnershipTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)
func (deviceRegistry *DeviceRegistry) UnpackOwnershipTransferStartedEvent(log *types.Log) (*DeviceRegistryOwnershipTransferStarted, error) {
	event := "OwnershipTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryOwnershipTransferStarted)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryOwnershipTransferred represents a OwnershipTransferred event raised by the DeviceRegistry contract.
type DeviceRegistryOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryOwnershipTransferred) ContractEventName() string {
	return DeviceRegistryOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (deviceRegistry *DeviceRegistry) UnpackOwnershipTransferredEvent(log *types.Log) (*DeviceRegistryOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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

// DeviceRegistryTransfer represents a Transfer event raised by the DeviceRegistry contract.
type DeviceRegistryTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const DeviceRegistryTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (DeviceRegistryTransfer) ContractEventName() string {
	return DeviceRegistryTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (deviceRegistry *DeviceRegistry) UnpackTransferEvent(log *types.Log) (*DeviceRegistryTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != deviceRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DeviceRegistryTransfer)
	if len(log.Data) > 0 {
		if err := deviceRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range deviceRegistry.abi.Events[event].Inputs {
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
func (deviceRegistry *DeviceRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["AlreadyRevoked"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackAlreadyRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["DeviceExists"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackDeviceExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["DeviceIDMismatch"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackDeviceIDMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackERC721NonexistentTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["InvalidPublicKey"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackInvalidPublicKeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["MakerNotApproved"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackMakerNotApprovedError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["NotMakerOrOwner"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackNotMakerOrOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["UnknownDevice"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackUnknownDeviceError(raw[4:])
	}
	if bytes.Equal(raw[:4], deviceRegistry.abi.Errors["ZeroMaker"].ID.Bytes()[:4]) {
		return deviceRegistry.UnpackZeroMakerError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// DeviceRegistryAlreadyRevoked represents a AlreadyRevoked error raised by the DeviceRegistry contract.
type DeviceRegistryAlreadyRevoked struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRevoked(bytes32 id)
func DeviceRegistryAlreadyRevokedErrorID() common.Hash {
	return common.HexToHash("0x90315de188eb047fc54ca36d1436afb1afc987c1864c711074a89029958f122f")
}

// UnpackAlreadyRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRevoked(bytes32 id)
func (deviceRegistry *DeviceRegistry) UnpackAlreadyRevokedError(raw []byte) (*DeviceRegistryAlreadyRevoked, error) {
	out := new(DeviceRegistryAlreadyRevoked)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "AlreadyRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryDeviceExists represents a DeviceExists error raised by the DeviceRegistry contract.
type DeviceRegistryDeviceExists struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeviceExists(bytes32 id)
func DeviceRegistryDeviceExistsErrorID() common.Hash {
	return common.HexToHash("0xee8240ab24601a2fc4291957c603baa53a14d55f10b51a0ba2f4072e259d0c4e")
}

// UnpackDeviceExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeviceExists(bytes32 id)
func (deviceRegistry *DeviceRegistry) UnpackDeviceExistsError(raw []byte) (*DeviceRegistryDeviceExists, error) {
	out := new(DeviceRegistryDeviceExists)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "DeviceExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryDeviceIDMismatch represents a DeviceIDMismatch error raised by the DeviceRegistry contract.
type DeviceRegistryDeviceIDMismatch struct {
	Id      [32]byte
	Derived [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeviceIDMismatch(bytes32 id, bytes32 derived)
func DeviceRegistryDeviceIDMismatchErrorID() common.Hash {
	return common.HexToHash("0xc57fdc49c3fdd3364b1c4f91b1555d42ba7672fc74aef00b94f9b5988ded99d1")
}

// UnpackDeviceIDMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeviceIDMismatch(bytes32 id, bytes32 derived)
func (deviceRegistry *DeviceRegistry) UnpackDeviceIDMismatchError(raw []byte) (*DeviceRegistryDeviceIDMismatch, error) {
	out := new(DeviceRegistryDeviceIDMismatch)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "DeviceIDMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the DeviceRegistry contract.
type DeviceRegistryERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func DeviceRegistryERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (deviceRegistry *DeviceRegistry) UnpackERC721IncorrectOwnerError(raw []byte) (*DeviceRegistryERC721IncorrectOwner, error) {
	out := new(DeviceRegistryERC721IncorrectOwner)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the DeviceRegistry contract.
type DeviceRegistryERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func DeviceRegistryERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (deviceRegistry *DeviceRegistry) UnpackERC721InsufficientApprovalError(raw []byte) (*DeviceRegistryERC721InsufficientApproval, error) {
	out := new(DeviceRegistryERC721InsufficientApproval)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721InvalidApprover represents a ERC721InvalidApprover error raised by the DeviceRegistry contract.
type DeviceRegistryERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func DeviceRegistryERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (deviceRegistry *DeviceRegistry) UnpackERC721InvalidApproverError(raw []byte) (*DeviceRegistryERC721InvalidApprover, error) {
	out := new(DeviceRegistryERC721InvalidApprover)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721InvalidOperator represents a ERC721InvalidOperator error raised by the DeviceRegistry contract.
type DeviceRegistryERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func DeviceRegistryERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (deviceRegistry *DeviceRegistry) UnpackERC721InvalidOperatorError(raw []byte) (*DeviceRegistryERC721InvalidOperator, error) {
	out := new(DeviceRegistryERC721InvalidOperator)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721InvalidOwner represents a ERC721InvalidOwner error raised by the DeviceRegistry contract.
type DeviceRegistryERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func DeviceRegistryERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (deviceRegistry *DeviceRegistry) UnpackERC721InvalidOwnerError(raw []byte) (*DeviceRegistryERC721InvalidOwner, error) {
	out := new(DeviceRegistryERC721InvalidOwner)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the DeviceRegistry contract.
type DeviceRegistryERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func DeviceRegistryERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (deviceRegistry *DeviceRegistry) UnpackERC721InvalidReceiverError(raw []byte) (*DeviceRegistryERC721InvalidReceiver, error) {
	out := new(DeviceRegistryERC721InvalidReceiver)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721InvalidSender represents a ERC721InvalidSender error raised by the DeviceRegistry contract.
type DeviceRegistryERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func DeviceRegistryERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (deviceRegistry *DeviceRegistry) UnpackERC721InvalidSenderError(raw []byte) (*DeviceRegistryERC721InvalidSender, error) {
	out := new(DeviceRegistryERC721InvalidSender)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryERC721NonexistentToken represents a ERC721NonexistentToken error raised by the DeviceRegistry contract.
type DeviceRegistryERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func DeviceRegistryERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (deviceRegistry *DeviceRegistry) UnpackERC721NonexistentTokenError(raw []byte) (*DeviceRegistryERC721NonexistentToken, error) {
	out := new(DeviceRegistryERC721NonexistentToken)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryInvalidPublicKey represents a InvalidPublicKey error raised by the DeviceRegistry contract.
type DeviceRegistryInvalidPublicKey struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPublicKey()
func DeviceRegistryInvalidPublicKeyErrorID() common.Hash {
	return common.HexToHash("0xa2d0fee854985cb3d3a394146b5df1c41d5b4d6fcede7fc57a3c05a49b2f3e73")
}

// UnpackInvalidPublicKeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPublicKey()
func (deviceRegistry *DeviceRegistry) UnpackInvalidPublicKeyError(raw []byte) (*DeviceRegistryInvalidPublicKey, error) {
	out := new(DeviceRegistryInvalidPublicKey)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "InvalidPublicKey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryInvalidShortString represents a InvalidShortString error raised by the DeviceRegistry contract.
type DeviceRegistryInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func DeviceRegistryInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (deviceRegistry *DeviceRegistry) UnpackInvalidShortStringError(raw []byte) (*DeviceRegistryInvalidShortString, error) {
	out := new(DeviceRegistryInvalidShortString)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryInvalidSignature represents a InvalidSignature error raised by the DeviceRegistry contract.
type DeviceRegistryInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func DeviceRegistryInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (deviceRegistry *DeviceRegistry) UnpackInvalidSignatureError(raw []byte) (*DeviceRegistryInvalidSignature, error) {
	out := new(DeviceRegistryInvalidSignature)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryMakerNotApproved represents a MakerNotApproved error raised by the DeviceRegistry contract.
type DeviceRegistryMakerNotApproved struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MakerNotApproved(address signer)
func DeviceRegistryMakerNotApprovedErrorID() common.Hash {
	return common.HexToHash("0xd450f4f85799d7821a472061c6e62c9b7da34f9a2cb5a46dae3fed986fc039dd")
}

// UnpackMakerNotApprovedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MakerNotApproved(address signer)
func (deviceRegistry *DeviceRegistry) UnpackMakerNotApprovedError(raw []byte) (*DeviceRegistryMakerNotApproved, error) {
	out := new(DeviceRegistryMakerNotApproved)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "MakerNotApproved", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryNotMakerOrOwner represents a NotMakerOrOwner error raised by the DeviceRegistry contract.
type DeviceRegistryNotMakerOrOwner struct {
	Id     [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMakerOrOwner(bytes32 id, address caller)
func DeviceRegistryNotMakerOrOwnerErrorID() common.Hash {
	return common.HexToHash("0xf6bc7a184e9cdb5aa1a4e756fb3360cff20276f0149c696e29e0a1540e04b0e9")
}

// UnpackNotMakerOrOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMakerOrOwner(bytes32 id, address caller)
func (deviceRegistry *DeviceRegistry) UnpackNotMakerOrOwnerError(raw []byte) (*DeviceRegistryNotMakerOrOwner, error) {
	out := new(DeviceRegistryNotMakerOrOwner)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "NotMakerOrOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the DeviceRegistry contract.
type DeviceRegistryOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func DeviceRegistryOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (deviceRegistry *DeviceRegistry) UnpackOwnableInvalidOwnerError(raw []byte) (*DeviceRegistryOwnableInvalidOwner, error) {
	out := new(DeviceRegistryOwnableInvalidOwner)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the DeviceRegistry contract.
type DeviceRegistryOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func DeviceRegistryOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (deviceRegistry *DeviceRegistry) UnpackOwnableUnauthorizedAccountError(raw []byte) (*DeviceRegistryOwnableUnauthorizedAccount, error) {
	out := new(DeviceRegistryOwnableUnauthorizedAccount)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryStringTooLong represents a StringTooLong error raised by the DeviceRegistry contract.
type DeviceRegistryStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func DeviceRegistryStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (deviceRegistry *DeviceRegistry) UnpackStringTooLongError(raw []byte) (*DeviceRegistryStringTooLong, error) {
	out := new(DeviceRegistryStringTooLong)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryUnknownDevice represents a UnknownDevice error raised by the DeviceRegistry contract.
type DeviceRegistryUnknownDevice struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownDevice(bytes32 id)
func DeviceRegistryUnknownDeviceErrorID() common.Hash {
	return common.HexToHash("0xe2f351b2ec1bb723faa4544ed2cbba5fbca7bab4219e8757fa8f679a05e0be7a")
}

// UnpackUnknownDeviceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownDevice(bytes32 id)
func (deviceRegistry *DeviceRegistry) UnpackUnknownDeviceError(raw []byte) (*DeviceRegistryUnknownDevice, error) {
	out := new(DeviceRegistryUnknownDevice)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "UnknownDevice", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DeviceRegistryZeroMaker represents a ZeroMaker error raised by the DeviceRegistry contract.
type DeviceRegistryZeroMaker struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroMaker()
func DeviceRegistryZeroMakerErrorID() common.Hash {
	return common.HexToHash("0x76ef56aef6a7fb86c8c456a56bad0a1511705413b834fb374fea8aad09cb462c")
}

// UnpackZeroMakerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroMaker()
func (deviceRegistry *DeviceRegistry) UnpackZeroMakerError(raw []byte) (*DeviceRegistryZeroMaker, error) {
	out := new(DeviceRegistryZeroMaker)
	if err := deviceRegistry.abi.UnpackIntoInterface(out, "ZeroMaker", raw); err != nil {
		return nil, err
	}
	return out, nil
}
