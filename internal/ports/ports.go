// Package ports picks TCP ports on 127.0.0.1 for local networks (testnets,
// subnets, the embedded chain's RPC).
package ports

import (
	"fmt"
	"net"
)

// Pick returns n ports: base, base+1, ... when base is not 0; otherwise
// ports the system picks as free on 127.0.0.1, all held open until all are
// picked so that they differ. A free port may be taken by another process
// before the caller listens on it.
func Pick(n, base int) ([]int, error) {
	if n < 0 || base < 0 || base > 0 && base+n-1 > 65535 {
		return nil, fmt.Errorf("ports: %d ports from %d: out of range", n, base)
	}
	out := make([]int, n)
	if base != 0 {
		for i := range out {
			out[i] = base + i
		}
		return out, nil
	}
	for i := range out {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("ports: pick a free port: %w", err)
		}
		defer ln.Close()
		out[i] = ln.Addr().(*net.TCPAddr).Port
	}
	return out, nil
}
