package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/depinkit/depinkit/device"
)

func newKeysCmd() *cobra.Command {
	return groupCmd(&cobra.Command{
		Use:   "keys",
		Short: "Make device, maker, owner and validator keys; print their DIDs",
		Long: `Generate device, maker and owner keys, and show the DID and DID document of a
public key.

Key types: ` + keyTypeList(", ") + `.`,
		Example: `  depinkit keys new --type ed25519 --out device.key
  depinkit keys did --type ed25519 --public 3b6a27bc...
  depinkit keys doc --type ed25519 --public 3b6a27bc...`,
	}, newKeysNewCmd(), newKeysDIDCmd(), newKeysDocCmd())
}

func newKeysNewCmd() *cobra.Command {
	var (
		typ   device.KeyType
		out   string
		force bool
	)
	cmd := &cobra.Command{
		Use:   "new --type TYPE",
		Short: "Generate a new key",
		Long: `Generate a new key of the given type from the system's secure randomness.

With --out, the key is written to FILE as a key file (JSON, mode 0600), and the
public part is printed as JSON: type, public (hex of the canonical public key:
32 bytes, or the 33-byte compressed point for secp256k1 and p256), id (the device
ID), did, and for secp256k1 keys the EIP-55 EVM address. An existing FILE is kept
unless --force is given.

Without --out, the key file itself is printed, private key included:

  {"version":1,"type":"...","private":"<hex>","public":"<hex>","id":"...","did":"...","address":"..."}`,
		Example: `  depinkit keys new --type p256 --out device.key
  depinkit keys new --type secp256k1 --out owner.key --force
  depinkit keys new --type eddsa-bn254 > device.key`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if force && out == "" {
				return errors.New("--force needs --out")
			}
			k, err := device.GenerateKey(typ, nil)
			if err != nil {
				return err
			}
			if out == "" {
				data, err := device.MarshalKeyFile(k)
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			if err := device.SaveKeyFile(out, k, force); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("%w (pass --force to replace it)", err)
				}
				return err
			}
			return writeJSON(cmd.OutOrStdout(), k.Public().Info())
		},
	}
	addKeyTypeFlag(cmd, &typ)
	cmd.Flags().StringVar(&out, "out", "", "write the key file to `FILE` and print only the public part")
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

func newKeysDIDCmd() *cobra.Command {
	var pub publicKeyFlags
	cmd := &cobra.Command{
		Use:   "did --type TYPE --public HEX",
		Short: "Print the DID of a public key",
		Long: `Print the DID of a raw public key on one line: did:key for ed25519, secp256k1
and p256 keys, did:depinkit for eddsa-bn254 keys.

--public is hex (an optional 0x prefix is allowed): 32 bytes for ed25519 and
eddsa-bn254, the 33-byte compressed or 65-byte uncompressed point for secp256k1
and p256.`,
		Example: `  depinkit keys did --type ed25519 --public 3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29
  depinkit keys did --type p256 --public 04a1b2...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			key, err := pub.parse()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), key.DID())
			return err
		},
	}
	pub.add(cmd)
	return cmd
}

func newKeysDocCmd() *cobra.Command {
	var pub publicKeyFlags
	cmd := &cobra.Command{
		Use:   "doc --type TYPE --public HEX",
		Short: "Print the DID document of a public key",
		Long: `Print the W3C DID document of a raw public key as indented JSON, as the did:key
method resolves it: one Multikey verification method, used for authentication,
assertion, capability invocation and capability delegation.

--public is read as for "depinkit keys did".`,
		Example: `  depinkit keys doc --type ed25519 --public 3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			key, err := pub.parse()
			if err != nil {
				return err
			}
			return writeJSON(cmd.OutOrStdout(), key.DIDDocument())
		},
	}
	pub.add(cmd)
	return cmd
}

// publicKeyFlags are the --type and --public flags that name a public key.
type publicKeyFlags struct {
	typ device.KeyType
	hex string
}

func (f *publicKeyFlags) add(cmd *cobra.Command) {
	addKeyTypeFlag(cmd, &f.typ)
	cmd.Flags().StringVar(&f.hex, "public", "", "the raw public key in `HEX` (required)")
	_ = cmd.MarkFlagRequired("public")
}

// parse parses the public key the flags name.
func (f *publicKeyFlags) parse() (device.PublicKey, error) {
	s := f.hex
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		s = s[2:]
	}
	raw, err := hex.DecodeString(s)
	if err != nil {
		return device.PublicKey{}, fmt.Errorf("%w: --public: %v", device.ErrInvalidKey, err)
	}
	return device.ParsePublicKey(f.typ, raw)
}

// addKeyTypeFlag adds the required --type flag.
func addKeyTypeFlag(cmd *cobra.Command, t *device.KeyType) {
	cmd.Flags().Var(keyTypeValue{t}, "type", "key `TYPE`: "+keyTypeList(", ")+" (required)")
	_ = cmd.MarkFlagRequired("type")
	_ = cmd.RegisterFlagCompletionFunc("type", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return strings.Split(keyTypeList(" "), " "), cobra.ShellCompDirectiveNoFileComp
	})
}

// keyTypeValue is a pflag.Value that parses a key type name.
type keyTypeValue struct{ t *device.KeyType }

func (v keyTypeValue) String() string {
	if v.t == nil || !v.t.Valid() {
		return ""
	}
	return v.t.String()
}

func (v keyTypeValue) Set(s string) error {
	t, err := device.ParseKeyType(s)
	if err != nil {
		return err
	}
	*v.t = t
	return nil
}

func (keyTypeValue) Type() string { return "type" }

// keyTypeList joins the names of the key types with sep.
func keyTypeList(sep string) string {
	var names []string
	for _, t := range device.KeyTypes() {
		names = append(names, t.String())
	}
	return strings.Join(names, sep)
}

// writeJSON writes v as indented JSON and a newline.
func writeJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
