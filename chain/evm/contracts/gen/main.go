// Command gen compiles the Solidity sources of package contracts and writes
// the ABI and bytecode artifacts and the Go bindings, replacing stale ones. Run
// it through go generate from the contracts directory:
//
//	go generate ./chain/evm/contracts
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/depinkit/depinkit/chain/evm/contracts"
)

func main() {
	dir := flag.String("dir", ".", "the contracts package `directory`")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	files, err := contracts.Generate(ctx)
	if err != nil {
		return err
	}
	// Artifacts and bindings of contracts that no longer exist go.
	old, err := contracts.GeneratedFiles(dir)
	if err != nil {
		return err
	}
	for _, rel := range old {
		if _, keep := files[rel]; !keep {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
				return err
			}
			fmt.Println("removed", rel)
		}
	}
	for _, p := range contracts.Paths(files) {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(f, files[p], 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", strings.TrimPrefix(f, "./"))
	}
	return nil
}
