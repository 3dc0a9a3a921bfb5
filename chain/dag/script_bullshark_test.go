package dag

import "fmt"

func init() {
	scriptCommitters["bullshark"] = func(c scriptCommitterConfig) (Committer, error) {
		if len(c.Args) > 0 || c.Leaders != 1 {
			return nil, fmt.Errorf("bullshark: takes no arguments and one leader per round")
		}
		return NewBullshark(c.Schedule), nil
	}
}
