package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
)

// topLevel returns root's own commands, without cobra's help and completion.
func topLevel(root *cobra.Command) []*cobra.Command {
	var cmds []*cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// TestHelpDescribesEveryGroup: depinkit --help says what the tool is, lists
// every top-level command under its group's title, names each in its
// description, and shows one example of each; each command has examples of
// its own.
func TestHelpDescribesEveryGroup(t *testing.T) {
	t.Parallel()
	r := runCLI(t, nil, "--help")
	requireOK(t, r)
	require.Contains(t, r.stdout, "depinkit is the command-line tool of the depinkit SDK")
	require.Contains(t, r.stdout, "DePIN networks")

	root := newRootCmd(nil, &bytes.Buffer{}, &bytes.Buffer{})
	cmds := topLevel(root)
	require.GreaterOrEqual(t, len(cmds), 9, "keys, envelope, proof, reward, subnet, testnet, node, settle, bench")
	titles := map[string]string{}
	for _, g := range root.Groups() {
		titles[g.ID] = g.Title
		require.Contains(t, r.stdout, "\n"+g.Title+"\n", "group %s listed", g.ID)
	}
	exampleLines := strings.Split(root.Example, "\n")
	for _, c := range cmds {
		name := c.Name()
		require.NotEmpty(t, c.GroupID, "%s belongs to no group: add it to commandGroups in main.go", name)
		title, ok := titles[c.GroupID]
		require.True(t, ok, "%s: unknown group %q", name, c.GroupID)
		require.Regexp(t, regexp.MustCompile(`\n`+regexp.QuoteMeta(title)+`\n(  .*\n)*  `+name+` `), r.stdout, "%s listed under %s", name, title)
		require.Regexp(t, regexp.MustCompile(`\b`+name+`\b`), root.Long, "the description names %s", name)
		require.NotEmpty(t, strings.TrimSpace(c.Example), "%s has no Example", name)
		found := false
		for _, l := range exampleLines {
			found = found || strings.Contains(l, "depinkit "+name+" ")
		}
		require.True(t, found, "depinkit --help shows no example of %s", name)
	}
}

// exampleInvocations returns the depinkit command lines of an Example text:
// each "depinkit ..." up to the first shell operator, split on spaces.
// Lines that need a shell to expand them ($, quotes) are left out.
func exampleInvocations(example string) [][]string {
	redirect := regexp.MustCompile(`\s+(\d*[<>]|#).*$`) // redirections and comments
	var out [][]string
	example = regexp.MustCompile(`\\\n\s*`).ReplaceAllString(example, " ") // continued lines
	for _, line := range strings.Split(example, "\n") {
		for _, seg := range regexp.MustCompile(`\|\||&&|[|;&]|\bdo\b`).Split(line, -1) {
			seg = strings.TrimSpace(seg)
			if !strings.HasPrefix(seg, "depinkit ") {
				continue
			}
			seg = redirect.ReplaceAllString(seg, "")
			if strings.ContainsAny(seg, "$'\"`") {
				continue
			}
			out = append(out, strings.Fields(seg)[1:])
		}
	}
	return out
}

func TestExampleInvocations(t *testing.T) {
	got := exampleInvocations(`  echo hi | depinkit envelope seal --key k --seq 1 > report.cose
  depinkit node --home testnet/v0 &
  for i in 0 1; do depinkit node --home t/v$i 2> t.log & done
  depinkit keys new --type p256   # a comment
  depinkit subnet node spec.toml --validator v0 2> v0.log
  depinkit envelope seal --key k \
    --seq 2`)
	require.Equal(t, [][]string{
		{"envelope", "seal", "--key", "k", "--seq", "1"},
		{"node", "--home", "testnet/v0"},
		{"keys", "new", "--type", "p256"},
		{"subnet", "node", "spec.toml", "--validator", "v0"},
		{"envelope", "seal", "--key", "k", "--seq", "2"},
	}, got)
}

// TestHelpExamplesParse: every example in every command's help names a real
// command with flags it has, required flags given, and arguments it takes, so
// the examples cannot go stale silently.
func TestHelpExamplesParse(t *testing.T) {
	t.Parallel()
	checked := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, args := range exampleInvocations(c.Example) {
			// A fresh tree per example: parsing flags sets them.
			root := newRootCmd(nil, &bytes.Buffer{}, &bytes.Buffer{})
			cmd, rest, err := root.Find(args)
			require.NoError(t, err, "%s: example %q", c.CommandPath(), args)
			require.NotEqual(t, root, cmd, "%s: example %q names no command", c.CommandPath(), args)
			require.NoError(t, cmd.ParseFlags(rest), "%s: example %q", c.CommandPath(), args)
			require.NoError(t, cmd.ValidateRequiredFlags(), "%s: example %q", c.CommandPath(), args)
			require.NoError(t, cmd.ValidateFlagGroups(), "%s: example %q", c.CommandPath(), args)
			require.NoError(t, cmd.ValidateArgs(cmd.Flags().Args()), "%s: example %q", c.CommandPath(), args)
			checked++
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(nil, &bytes.Buffer{}, &bytes.Buffer{}))
	require.Greater(t, checked, 40, "examples checked")
}
