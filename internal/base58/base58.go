// Package base58 implements the base58btc alphabet (the Bitcoin alphabet) used by
// multibase 'z' strings such as did:key identifiers.
package base58

import (
	"errors"
	"fmt"
)

const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// MaxDecodedLen bounds Decode: base58 decoding is quadratic in the input length, so
// inputs that could decode to more than this many bytes are refused.
const MaxDecodedLen = 1024

var decodeMap = func() (m [256]int8) {
	for i := range m {
		m[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		m[alphabet[i]] = int8(i)
	}
	return m
}()

// ErrInvalid reports a string that is not base58btc.
var ErrInvalid = errors.New("base58: invalid input")

// Encode returns the base58btc form of b. Each leading zero byte becomes a '1'.
func Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) < 1.37: enough room for the digits.
	digits := make([]byte, (len(b)-zeros)*137/100+1)
	n := 0
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := 0; i < n; i++ {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits[n] = byte(carry % 58)
			n++
			carry /= 58
		}
	}
	out := make([]byte, zeros+n)
	for i := 0; i < zeros; i++ {
		out[i] = '1'
	}
	for i := 0; i < n; i++ {
		out[zeros+i] = alphabet[digits[n-1-i]]
	}
	return string(out)
}

// Decode parses a base58btc string. It refuses characters outside the alphabet and
// inputs longer than could fit MaxDecodedLen bytes.
func Decode(s string) ([]byte, error) {
	if len(s) > MaxDecodedLen*138/100+1 {
		return nil, fmt.Errorf("%w: %d characters is too long", ErrInvalid, len(s))
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// log(58)/log(256) < 0.74: enough room for the bytes.
	bytes := make([]byte, (len(s)-zeros)*74/100+1)
	n := 0
	for i := zeros; i < len(s); i++ {
		d := decodeMap[s[i]]
		if d < 0 {
			return nil, fmt.Errorf("%w: character %q at offset %d", ErrInvalid, s[i], i)
		}
		carry := int(d)
		for j := 0; j < n; j++ {
			carry += int(bytes[j]) * 58
			bytes[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			bytes[n] = byte(carry)
			n++
			carry >>= 8
		}
	}
	out := make([]byte, zeros+n)
	for i := 0; i < n; i++ {
		out[zeros+i] = bytes[n-1-i]
	}
	return out, nil
}
