package audit_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/depin"
	"github.com/depinkit/depinkit/depin/audit"
	"github.com/depinkit/depinkit/depin/vertical/meter"
)

// An auditor replays the commits a stopped validator stored (or a copy of
// its data directory) and checks every epoch against the parent chain.
// ("depinkit audit" does this from a subnet's spec and deployment.)
func ExampleRun() {
	ctx := context.Background()
	var cfg depin.Config    // depin.ConfigFromSpec(spec, deployment), StatePoints as the validators run
	var parent *evm.Settler // evm.Dial(ctx, deployment.RPC, anyKey).WithAddresses(deployment.Contracts)
	src, err := audit.OpenStore("validators/v0/data")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	rep, err := audit.Run(ctx, audit.Config{Subnet: cfg, Vertical: meter.New(), Source: src,
		Posted: parent, SubnetID: evm.SubnetID{}, Progress: os.Stdout})
	if err != nil {
		log.Fatal(err)
	}
	if rep.Divergence != nil {
		fmt.Println("first bad epoch:", rep.Divergence)
		os.Exit(1)
	}
	fmt.Printf("%d commits, %d epochs checked against the parent chain\n", rep.Commits, rep.Checked)
}
