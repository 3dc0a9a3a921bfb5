package solc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoNode: Node.js is missing: npm (to install the pinned packages) or node
// (to run the compiler) is not in PATH. Errors that wrap it name the missing
// executable.
var ErrNoNode = errors.New("solc: Node.js not found")

// lockName is the lock file, in Options.Dir, that installers hold while they
// install; installPrefix starts the name of each installer's scratch
// directory beside it. Both are ignored by git (.gitignore) and, starting
// with ".", by the go tool.
const (
	lockName      = ".install.lock"
	installPrefix = ".install-"
)

// lockPoll is how often an installer that waits for another one tries the
// lock again.
const lockPoll = 100 * time.Millisecond

// Install makes sure the pinned compiler and libraries are installed where
// opts say, installing them the first time: when node_modules lacks them (or
// holds other versions) and opts.Dir holds a package.json and a
// package-lock.json that pin solc at Version and @openzeppelin/contracts at
// OpenZeppelinVersion (this package's own directory does), it runs
//
//	npm ci --ignore-scripts --no-audit --no-fund
//
// in a scratch directory inside opts.Dir and renames the scratch
// node_modules into place, writing progress to opts.Progress (os.Stderr when
// nil). A reader never sees a half-installed node_modules: it is either
// absent, stale or complete.
//
// Several goroutines and processes may call Install (or Compile, Installed)
// on one directory at once, as the test binaries of several packages do
// under `go test ./...`: an exclusive lock on opts.Dir/.install.lock (flock)
// lets one of them install while the others wait, then find the packages
// installed. npm runs once.
//
// Its errors wrap ErrNotInstalled: the packages are missing from a directory
// without the pinned lock file, npm failed, or Node.js is missing, and then
// they wrap ErrNoNode too and name the missing npm or node. ctx bounds the
// wait for the lock and the npm run.
func Install(ctx context.Context, opts Options) error {
	o, err := opts.withDefaults()
	if err != nil {
		return err
	}
	return o.install(ctx)
}

func (o Options) install(ctx context.Context) error {
	missing := o.installedPackages()
	if missing == nil {
		return o.nodeFound()
	}
	if err := o.lockPinned(); err != nil {
		// Nothing this package may install from: say what is missing.
		return missing
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return fmt.Errorf("%w: %w: npm is not in PATH, so solc %s cannot be installed into %s: install Node.js 20 or later with npm (Debian: apt-get install nodejs npm): %w",
			ErrNotInstalled, ErrNoNode, Version, filepath.Join(o.Dir, "node_modules"), err)
	}
	if err := o.nodeFound(); err != nil {
		return err
	}
	unlock, err := lockDir(ctx, filepath.Join(o.Dir, lockName), func() {
		fmt.Fprintf(o.progress(), "solc: waiting for another process installing solc %s into %s\n", Version, o.Dir)
	})
	if err != nil {
		return fmt.Errorf("%w: lock %s: %w", ErrNotInstalled, filepath.Join(o.Dir, lockName), err)
	}
	defer unlock()
	if o.installedPackages() == nil {
		return nil // another process installed while this one waited
	}
	return o.npmCI(ctx)
}

// nodeFound checks that node is in PATH (or that Options.Node exists).
func (o Options) nodeFound() error {
	if _, err := exec.LookPath(o.Node); err != nil {
		return fmt.Errorf("%w: %w: node executable %q: install Node.js 20 or later: %w", ErrNotInstalled, ErrNoNode, o.Node, err)
	}
	return nil
}

func (o Options) progress() io.Writer {
	if o.Progress != nil {
		return o.Progress
	}
	return os.Stderr
}

// lockPinned checks that Dir's package.json and package-lock.json pin the
// versions this package expects, so that `npm ci` there installs them.
func (o Options) lockPinned() error {
	var manifest struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	data, err := os.ReadFile(filepath.Join(o.Dir, "package.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		return fmt.Errorf("package.json: %w", err)
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	data, err = os.ReadFile(filepath.Join(o.Dir, "package-lock.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		return fmt.Errorf("package-lock.json: %w", err)
	}
	for name, version := range map[string]string{"solc": Version, "@openzeppelin/contracts": OpenZeppelinVersion} {
		if manifest.Dependencies[name] != version {
			return fmt.Errorf("package.json pins %s %q, want %s", name, manifest.Dependencies[name], version)
		}
		if got := lock.Packages["node_modules/"+name].Version; got != version {
			return fmt.Errorf("package-lock.json locks %s %q, want %s", name, got, version)
		}
	}
	return nil
}

// npmCI installs the locked packages into a scratch directory and renames its
// node_modules into place. The caller holds the lock.
func (o Options) npmCI(ctx context.Context) error {
	// Scratch directories left by an installer that was killed: nobody else
	// holds the lock, so they are nobody's.
	if stale, _ := filepath.Glob(filepath.Join(o.Dir, installPrefix+"*")); len(stale) > 0 {
		for _, s := range stale {
			_ = os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(o.Dir, installPrefix)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotInstalled, err)
	}
	defer os.RemoveAll(tmp)
	for _, f := range []string{"package.json", "package-lock.json"} {
		data, err := os.ReadFile(filepath.Join(o.Dir, f))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrNotInstalled, err)
		}
		if err := os.WriteFile(filepath.Join(tmp, f), data, 0o644); err != nil {
			return fmt.Errorf("%w: %w", ErrNotInstalled, err)
		}
	}

	dest := filepath.Join(o.Dir, "node_modules")
	out := o.progress()
	fmt.Fprintf(out, "solc: installing solc %s and @openzeppelin/contracts %s into %s (npm ci, once)\n",
		Version, OpenZeppelinVersion, dest)
	start := time.Now()
	cmd := exec.CommandContext(ctx, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	cmd.Dir = tmp
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: npm ci in %s: %w", ErrNotInstalled, o.Dir, ctx.Err())
		}
		return fmt.Errorf("%w: npm ci in %s: %w (run `%s` in the module root to see why)", ErrNotInstalled, o.Dir, err, InstallCommand)
	}
	if err := (Options{Dir: tmp}).installedPackages(); err != nil {
		return fmt.Errorf("%w: npm ci did not install the pinned packages: %w", ErrNotInstalled, err)
	}

	// A stale node_modules moves into the scratch directory (removed with
	// it), then the new one takes its place: each rename is atomic.
	if _, err := os.Lstat(dest); err == nil {
		if err := os.Rename(dest, filepath.Join(tmp, "stale")); err != nil {
			return fmt.Errorf("%w: move the old node_modules aside: %w", ErrNotInstalled, err)
		}
	}
	if err := os.Rename(filepath.Join(tmp, "node_modules"), dest); err != nil {
		if o.installedPackages() == nil {
			return nil // without flock, another installer got there first
		}
		return fmt.Errorf("%w: %w", ErrNotInstalled, err)
	}
	fmt.Fprintf(out, "solc: installed in %v\n", time.Since(start).Round(100*time.Millisecond))
	return nil
}

// lockDir takes an exclusive lock on the file path, creating it, and returns
// its release. While another holder has it, it calls waiting once and tries
// again every lockPoll until ctx is done.
func lockDir(ctx context.Context, path string, waiting func()) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	told := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return func() { f.Close() }, nil // closing the file releases the lock
		}
		if !told {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}
