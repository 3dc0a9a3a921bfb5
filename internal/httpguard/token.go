package httpguard

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"runtime"
	"strings"
)

// tokenBytes is the entropy of a token LoadOrCreateToken makes.
const tokenBytes = 32

// ErrToken reports a token file that cannot be used.
var ErrToken = errors.New("httpguard: token file")

// LoadOrCreateToken returns the bearer token in the file at path, creating
// the file (mode 0600, 32 random bytes in hex and a newline) if it does not
// exist. As with key files, it refuses a file that its group or others may
// read, and one that holds less than 32 hex digits.
func LoadOrCreateToken(path string) (string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		tok, _ := NewToken()
		_, err = f.WriteString(tok + "\n")
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", fmt.Errorf("%w %s: %w", ErrToken, path, err)
		}
		return tok, nil
	case !errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("%w %s: %w", ErrToken, path, err)
	}
	f, err = os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%w %s: %w", ErrToken, path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("%w %s: %w", ErrToken, path, err)
	}
	if perm := st.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		return "", fmt.Errorf("%w %s has mode %04o, which lets its group or others read it: chmod 600 %s", ErrToken, path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, 1024))
	if err != nil {
		return "", fmt.Errorf("%w %s: %w", ErrToken, path, err)
	}
	tok := strings.TrimSpace(string(data))
	if len(tok) < tokenBytes || strings.ContainsAny(tok, " \t\r\n") {
		return "", fmt.Errorf("%w %s: want one token of at least %d characters", ErrToken, path, tokenBytes)
	}
	return tok, nil
}

// NewToken returns a new random token: 32 bytes from crypto/rand, in hex.
func NewToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("%w: %w", ErrToken, err)
	}
	return hex.EncodeToString(b), nil
}

// RequireToken returns a handler that passes to h only requests with the
// header "Authorization: Bearer <token>" (compared in constant time); others
// get 401 with a WWW-Authenticate challenge and a JSON error body.
func RequireToken(h http.Handler, token string) http.Handler {
	want := []byte(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" || subtle.ConstantTimeCompare([]byte(got), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="depinkit admin"`)
			refuse(w, http.StatusUnauthorized, "a bearer token is required (the admin token file in the data directory)")
			return
		}
		h.ServeHTTP(w, r)
	})
}
