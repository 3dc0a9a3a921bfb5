package solc_test

import (
	"context"
	"fmt"
	"time"

	"github.com/depinkit/depinkit/internal/solc"
)

// ExampleInstall makes sure the pinned compiler is there before a batch of
// compilations: the first call on a fresh clone runs npm ci (progress on
// stderr), later ones only check.
func ExampleInstall() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := solc.Install(ctx, solc.Options{}); err != nil {
		fmt.Println(err) // wraps solc.ErrNoNode without Node.js
		return
	}
	fmt.Println("solc", solc.Version, "with @openzeppelin/contracts", solc.OpenZeppelinVersion)
	// Output: solc 0.8.37 with @openzeppelin/contracts 5.7.0
}
