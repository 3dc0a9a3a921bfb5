package vertical

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/depinkit/depinkit/proof"
	"github.com/depinkit/depinkit/reward"
)

// ErrUnknownVertical reports a vertical name no package registered (New,
// Lookup): the error lists the registered names.
var ErrUnknownVertical = errors.New("vertical: not registered")

// MaxNameLen bounds a registered vertical's name, as a subnet spec bounds
// its vertical (subnet.MaxVerticalLen).
const MaxNameLen = 32

// Setup is what a subnet hands a vertical's factory: the subnet's economics
// (its curve and pool weights), its proof verifying keys, and the
// vertical's own section of the spec, to decode into the vertical's typed
// config. The runtime builds it from a subnet spec (depin.SetupFromSpec);
// a test or a program builds one by hand. Every validator of a subnet must
// get an equal Setup, so that their replicas agree.
type Setup struct {
	// Subnet is the subnet's name (for errors and logs).
	Subnet string
	// Curve is the subnet's emission curve (the spec's [reward] section),
	// the one the runtime mints by. A vertical whose scoring depends on the
	// emission uses it; nil: the subnet names none, and the vertical's own
	// proposal (CurveProposer) is the curve.
	Curve reward.Curve
	// PoolWeights are the weights the subnet gives the vertical's pools, by
	// pool name (the spec's [reward.pools]). The factory refuses a name the
	// vertical has no pool of; nil: the vertical's defaults. The vertical
	// applies them, since it may have rules between its pools.
	PoolWeights map[string]uint64
	// Verifier holds the subnet's proof verifying keys (the spec's
	// proof_keys store), for a vertical that checks proofs inside its
	// claims. Nil: the signature path only.
	Verifier *proof.Verifier
	// Dir is the spec's directory: paths in the section resolve against it.
	Dir string
	// Section decodes the vertical's section of the spec into its argument,
	// a pointer to a struct with toml tags, refusing a key the struct has no
	// field for with an error naming it (subnet.Spec.DecodeVertical). Nil:
	// the spec has no section. Use Decode rather than calling it.
	Section func(into any) error
}

// Decode decodes the vertical's section into into (Setup.Section); without
// a section it leaves into as it is, so fill in the defaults first.
func (s Setup) Decode(into any) error {
	if s.Section == nil {
		return nil
	}
	return s.Section(into)
}

// A Factory builds a new replica of a vertical for a subnet: every call
// returns a fresh Vertical in its genesis state. It validates the Setup
// (its section, its pool weights) and reports what is wrong with it.
type Factory func(Setup) (Vertical, error)

var (
	registryMu sync.RWMutex
	registry   = map[string]Factory{}
)

// Register makes a vertical available by name to whatever runs subnets by
// their spec (depinkit subnet up, subnet node, depin.VerticalFromSpec): a
// spec whose vertical is name runs the vertical f builds. A vertical's
// package registers itself in an init function, as database/sql drivers
// do (depin/telecom registers "telecom"); a program makes it available by
// importing the package, for its side effect if it uses nothing else.
//
// As database/sql.Register, it panics if f is nil, if name is not a
// lowercase identifier of at most MaxNameLen bytes (a-z, 0-9, '_', '-',
// starting with a letter: what a spec's vertical may be), or if name is
// registered already: two packages claiming one name is a build mistake to
// catch at start-up, not an error to handle.
func Register(name string, f Factory) {
	if f == nil {
		panic("vertical: Register of " + name + " with a nil factory")
	}
	if msg := checkName(name); msg != "" {
		panic("vertical: Register: " + msg)
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[name]; dup {
		panic("vertical: Register called twice for " + name)
	}
	registry[name] = f
}

func checkName(n string) string {
	switch {
	case n == "":
		return "empty name"
	case len(n) > MaxNameLen:
		return fmt.Sprintf("name %q longer than %d bytes", n, MaxNameLen)
	case n[0] < 'a' || n[0] > 'z':
		return fmt.Sprintf("name %q: want a lowercase identifier starting with a letter", n)
	}
	if strings.IndexFunc(n, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return fmt.Sprintf("name %q: want a lowercase identifier (a-z, 0-9, '_', '-')", n)
	}
	return ""
}

// Registered returns the registered names, sorted.
func Registered() []string {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return slices.Sorted(maps.Keys(registry))
}

// Lookup returns the factory registered as name, or an error wrapping
// ErrUnknownVertical that lists the registered names.
func Lookup(name string) (Factory, error) {
	registryMu.RLock()
	f, ok := registry[name]
	registryMu.RUnlock()
	if !ok {
		names := Registered()
		if len(names) == 0 {
			return nil, fmt.Errorf("%w: %q (none is: import a vertical's package, such as depin/telecom)", ErrUnknownVertical, name)
		}
		return nil, fmt.Errorf("%w: %q (registered: %s)", ErrUnknownVertical, name, strings.Join(names, ", "))
	}
	return f, nil
}

// New builds a replica of the vertical registered as name with s. A
// factory's error is returned as it is, wrapped with the vertical's name.
func New(name string, s Setup) (Vertical, error) {
	f, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	v, err := f(s)
	if err != nil {
		return nil, fmt.Errorf("vertical %s: %w", name, err)
	}
	if v == nil {
		return nil, fmt.Errorf("vertical %s: the factory returned no vertical", name)
	}
	return v, nil
}
