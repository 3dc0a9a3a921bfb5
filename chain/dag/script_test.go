package dag

// Data-driven tests of the commit rule, in the manner of raft's interaction
// tests: each file of testdata/script draws a small DAG as text, runs a
// committer on it and compares what it prints with the expected output written
// under the command. The DAG is built from real signed blocks in scriptDAG, a
// minimal implementation of the DAG interface, so the committer is tested in
// isolation from RawNode.
//
// File format (one command per line; '#' starts a comment):
//
//	validators N                 N validators A, B, C, ... with stake 1 (starts a new
//	                             DAG; the schedule and committer carry over)
//	stakes S1 S2 ...             one validator per stake (starts a new DAG)
//	schedule round-robin         RoundRobin{N}: leader k of round r is (r+k) mod N (the
//	                             default and, for now, the only schedule)
//	committer NAME [leaders=K] [key=value ...]
//	                             the rule used by decide and linearize (default:
//	                             mysticeti leaders=1); NAME is a key of scriptCommitters
//	rR CELL CELL ...             grid row: one cell per validator, in order, for round R
//	NAME <- SPEC ...             one block, e.g. "C3' <- A2 B2 D2" (a twin of C3)
//	decide [from R.K]            TryDecide from the zero slot, or from leader slot R.K
//	linearize                    decide from zero, then the reference linearizer's commits
//	blocks [R]                   the blocks built so far (of round R) in the
//	                             NAME <- PARENTS form, showing what a grid row expanded to
//
// A block is named by its author's letter, its round and one prime per earlier
// block of the same slot: A3 is A's block at round 3, A3' its twin, A0 A's
// genesis. A cell or SPEC says what the block links:
//
//	.     no block (grid only)
//	*     the first block of every author at the previous round
//	-X    like *, without author X (repeatable: -B-D)
//	X     author X's first block at the previous round; Xr a block of round r (a
//	      weak link when r is older); X' and Xr' a twin. An explicit ref of an
//	      author replaces the one * chose: "*C1" links C1 instead of C2.
//
// Separators ',' and '+' may be used for readability. The author's own previous
// block always comes first: if the cell names none, the author's latest first
// block below the round is linked (so an honest author never forgets its own
// chain). Other parents follow in author order. Every block is checked against
// the structural validity rules V3-V7 (own block first, one ref per author,
// earlier rounds, a quorum at the previous round), so a script cannot build a
// DAG that RawNode would refuse.
//
// A command that prints is followed by "----" and the expected lines, ended by
// a blank line. decide prints one line per decision ("2.0(C) commit direct C2",
// "3.0(D) skip indirect") and then the slot where TryDecide stopped, if its
// round has blocks: "4.0(A) undecided". A broken BFT assumption prints
// "error: ..." with block names in the message. Every decide also checks I3 and
// R6: a second run, and a restart from each decided slot, must return exactly
// the same decisions (the rest of them, for a restart).
//
// Run with -script.rewrite to replace the expected output with the actual one;
// review the diff, since it also rewrites expectations marked "bug:".

import (
	"cmp"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/depinkit/depinkit/chain"
)

var scriptRewrite = flag.Bool("script.rewrite", false, "rewrite the expected output in testdata/script/*.txt")

// scriptCommitterConfig is what a script's schedule and committer lines select.
type scriptCommitterConfig struct {
	Validators *chain.ValidatorSet
	Schedule   LeaderSchedule
	Leaders    int               // leaders=K, default 1
	Args       map[string]string // the other key=value arguments
}

// scriptCommitters builds the committers a script can name. Another test file
// of the package can add its own from an init function:
//
//	func init() { scriptCommitters["bullshark"] = newBullsharkForScript }
var scriptCommitters = map[string]func(scriptCommitterConfig) (Committer, error){
	"mysticeti": func(c scriptCommitterConfig) (Committer, error) {
		if len(c.Args) > 0 {
			return nil, fmt.Errorf("mysticeti: unknown arguments %v", c.Args)
		}
		return NewMysticeti(c.Schedule, c.Leaders, c.Validators.Len())
	},
	"reference": func(c scriptCommitterConfig) (Committer, error) {
		if len(c.Args) > 0 {
			return nil, fmt.Errorf("reference: unknown arguments %v", c.Args)
		}
		return newRefMysticeti(c.Schedule, c.Leaders, c.Validators.Len())
	},
}

// TestScript runs every script with the committers it names.
func TestScript(t *testing.T) {
	for _, file := range scriptFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			runScript(t, file, nil, *scriptRewrite)
		})
	}
}

// TestScriptReference runs every script again with "committer mysticeti"
// replaced by the by-the-book reference rule (script_ref_test.go): each
// hand-written expectation is then met by two independent implementations.
func TestScriptReference(t *testing.T) {
	for _, file := range scriptFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			runScript(t, file, map[string]string{"mysticeti": "reference"}, false)
		})
	}
}

func scriptFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// scriptCmd is one command of a script with its expected output.
type scriptCmd struct {
	line    int    // 1-based line of the command
	text    string // the command, comment stripped
	hasWant bool
	want    []string
	// lines [from, to) of the file hold the expected output (0-based), or the
	// command line is at from-1 when there is no "----" yet.
	from, to int
}

func parseScript(data string) []scriptCmd {
	lines := strings.Split(strings.TrimRight(data, "\n"), "\n")
	var cmds []scriptCmd
	for i := 0; i < len(lines); i++ {
		text, _, _ := strings.Cut(lines[i], "#")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		c := scriptCmd{line: i + 1, text: text, from: i + 1, to: i + 1}
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "----" {
			c.hasWant = true
			j := i + 2
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
				c.want = append(c.want, strings.TrimRight(lines[j], " \t"))
				j++
			}
			c.from, c.to = i+2, j
			i = j
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// runScript runs one file. subst renames committers (for TestScriptReference).
func runScript(t *testing.T, file string, subst map[string]string, rewrite bool) {
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	cmds := parseScript(string(data))
	s := &scriptState{subst: subst}
	got := make([][]string, len(cmds))
	for i, c := range cmds {
		out, checkErr, err := s.run(c.text)
		if err != nil {
			t.Fatalf("%s:%d: %s: %v", file, c.line, c.text, err)
		}
		if checkErr != nil {
			t.Errorf("%s:%d: %s: %v", file, c.line, c.text, checkErr)
		}
		got[i] = out
		if rewrite {
			continue
		}
		switch {
		case out != nil && !c.hasWant:
			t.Errorf("%s:%d: %s: has output but no \"----\" block (run with -script.rewrite):\n%s", file, c.line, c.text, strings.Join(out, "\n"))
		case out == nil && c.hasWant:
			t.Errorf("%s:%d: %s: prints nothing but has a \"----\" block", file, c.line, c.text)
		case !slices.Equal(out, c.want):
			t.Errorf("%s:%d: %s: output differs (-want +got):\n%s", file, c.line, c.text, lineDiff(c.want, out))
		}
	}
	if rewrite {
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		for i := len(cmds) - 1; i >= 0; i-- {
			c := cmds[i]
			if got[i] == nil && !c.hasWant {
				continue
			}
			block := slices.Clone(got[i])
			if !c.hasWant {
				block = append([]string{"----"}, block...)
			}
			lines = slices.Replace(lines, c.from, c.to, block...)
		}
		require.NoError(t, os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	}
}

// lineDiff shows want against got line by line, "-" for lines only wanted and
// "+" for lines only got (longest common subsequence).
func lineDiff(want, got []string) string {
	n, m := len(want), len(got)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && want[i] == got[j]:
			fmt.Fprintf(&b, "  %s\n", want[i])
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			fmt.Fprintf(&b, "- %s\n", want[i])
			i++
		default:
			fmt.Fprintf(&b, "+ %s\n", got[j])
			j++
		}
	}
	return b.String()
}

// scriptState is the DAG and settings a script has built so far.
type scriptState struct {
	subst map[string]string

	keys  []ed25519.PrivateKey
	set   *chain.ValidatorSet
	dag   *scriptDAG
	names map[string]BlockRef // "A3", "A3'", "A0"
	refs  map[BlockRef]string

	committer   string
	committerKV map[string]string
}

// run executes one command: out is its output (nil for none), checkErr a failed
// built-in check (I3, R6), err a malformed command.
func (s *scriptState) run(text string) (out []string, checkErr, err error) {
	fields := strings.Fields(text)
	if strings.Contains(text, "<-") {
		return nil, nil, s.explicitBlock(text)
	}
	switch cmd, args := fields[0], fields[1:]; {
	case cmd == "validators":
		if len(args) != 1 {
			return nil, nil, errors.New("want: validators N")
		}
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 1 || n > 26 {
			return nil, nil, fmt.Errorf("validators: want 1 to 26, got %q", args[0])
		}
		return nil, nil, s.reset(slices.Repeat([]uint64{1}, n))
	case cmd == "stakes":
		var stakes []uint64
		for _, a := range args {
			v, err := strconv.ParseUint(a, 10, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("stakes: %v", err)
			}
			stakes = append(stakes, v)
		}
		if len(stakes) < 1 || len(stakes) > 26 {
			return nil, nil, errors.New("stakes: want 1 to 26 validators")
		}
		return nil, nil, s.reset(stakes)
	case cmd == "schedule":
		if len(args) != 1 || args[0] != "round-robin" {
			return nil, nil, errors.New("want: schedule round-robin")
		}
		return nil, nil, nil
	case cmd == "committer":
		if len(args) < 1 {
			return nil, nil, errors.New("want: committer NAME [key=value ...]")
		}
		s.committer, s.committerKV = args[0], keyValues(args[1:])
		return nil, nil, nil
	case len(cmd) > 1 && cmd[0] == 'r' && cmd[1] >= '0' && cmd[1] <= '9':
		return nil, nil, s.gridRow(cmd, args)
	case cmd == "decide":
		return s.decide(args)
	case cmd == "linearize":
		if len(args) > 0 {
			return nil, nil, errors.New("want: linearize")
		}
		out, err := s.linearize()
		return out, nil, err
	case cmd == "blocks":
		out, err := s.blocks(args)
		return out, nil, err
	}
	return nil, nil, fmt.Errorf("unknown command %q", fields[0])
}

func keyValues(args []string) map[string]string {
	kv := map[string]string{}
	for _, a := range args {
		k, v, _ := strings.Cut(a, "=")
		kv[k] = v
	}
	return kv
}

func (s *scriptState) reset(stakes []uint64) error {
	s.keys = testKeys(len(stakes))
	vals := make([]chain.Validator, len(stakes))
	for i, k := range s.keys {
		vals[i] = chain.Validator{Key: k.Public().(ed25519.PublicKey), Stake: stakes[i], Name: authorName(uint32(i))}
	}
	set, err := chain.NewValidatorSet(vals)
	if err != nil {
		return err
	}
	s.set = set
	s.dag = newScriptDAG(set)
	s.names = map[string]BlockRef{}
	s.refs = map[BlockRef]string{}
	for a, g := range s.dag.genesis {
		s.name(g, authorName(uint32(a))+"0")
	}
	return nil
}

func (s *scriptState) name(ref BlockRef, name string) {
	s.names[name] = ref
	s.refs[ref] = name
}

func authorName(a uint32) string { return string(rune('A' + a)) }

// slotName returns "R.K(X)".
func slotName(sl LeaderSlot) string {
	return fmt.Sprintf("%d.%d(%s)", sl.Round, sl.Offset, authorName(sl.Author))
}

func (s *scriptState) needDAG() error {
	if s.dag == nil {
		return errors.New("no validators yet: start with validators N or stakes ...")
	}
	return nil
}

// gridRow builds the blocks of "rR CELL ...".
func (s *scriptState) gridRow(cmd string, cells []string) error {
	if err := s.needDAG(); err != nil {
		return err
	}
	round, err := strconv.ParseUint(cmd[1:], 10, 64)
	if err != nil || round == 0 {
		return fmt.Errorf("bad round %q", cmd)
	}
	if len(cells) != s.set.Len() {
		return fmt.Errorf("row %s has %d cells, want one per validator (%d)", cmd, len(cells), s.set.Len())
	}
	for a, cell := range cells {
		if cell == "." {
			continue
		}
		if err := s.addBlock(round, uint32(a), 0, cell); err != nil {
			return fmt.Errorf("%s%d: %w", authorName(uint32(a)), round, err)
		}
	}
	return nil
}

// explicitBlock builds "NAME <- SPEC ...".
func (s *scriptState) explicitBlock(text string) error {
	if err := s.needDAG(); err != nil {
		return err
	}
	lhs, rhs, _ := strings.Cut(text, "<-")
	name := strings.TrimSpace(lhs)
	a, round, twin, rest, ok := s.parseRef(name, 0)
	if !ok || rest != "" || round == 0 {
		return fmt.Errorf("bad block name %q (want e.g. A3 or A3')", name)
	}
	if err := s.addBlock(round, a, twin, strings.Join(strings.Fields(rhs), "")); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// parseRef reads "X", "Xr", "X'" or "Xr'" at the start of spec; defRound is
// used when the round is omitted.
func (s *scriptState) parseRef(spec string, defRound uint64) (author uint32, round uint64, twin int, rest string, ok bool) {
	if spec == "" || spec[0] < 'A' || spec[0] > 'Z' || int(spec[0]-'A') >= s.set.Len() {
		return 0, 0, 0, spec, false
	}
	author = uint32(spec[0] - 'A')
	i := 1
	for i < len(spec) && spec[i] >= '0' && spec[i] <= '9' {
		i++
	}
	round = defRound
	if i > 1 {
		r, err := strconv.ParseUint(spec[1:i], 10, 64)
		if err != nil {
			return 0, 0, 0, spec, false
		}
		round = r
	}
	for i < len(spec) && spec[i] == '\'' {
		twin++
		i++
	}
	return author, round, twin, spec[i:], true
}

func refName(author uint32, round uint64, twin int) string {
	return authorName(author) + strconv.FormatUint(round, 10) + strings.Repeat("'", twin)
}

// addBlock signs and adds the block of (round, author) with twin index twin,
// linking what spec says.
func (s *scriptState) addBlock(round uint64, author uint32, twin int, spec string) error {
	n := s.set.Len()
	if have := len(s.dag.SlotBlocks(Slot{Round: round, Author: author})); have != twin {
		return fmt.Errorf("slot %s%d has %d blocks: the next one is %s", authorName(author), round, have, refName(author, round, have))
	}
	star := false
	excluded := make([]bool, n)
	explicit := make([]*BlockRef, n)
	for rest := spec; rest != ""; {
		switch rest[0] {
		case ',', '+':
			rest = rest[1:]
		case '*':
			star, rest = true, rest[1:]
		case '-':
			if len(rest) < 2 || rest[1] < 'A' || int(rest[1]-'A') >= n {
				return fmt.Errorf("bad exclusion in %q: want -X", spec)
			}
			star, excluded[rest[1]-'A'], rest = true, true, rest[2:]
		default:
			a, r, tw, next, ok := s.parseRef(rest, round-1)
			if !ok {
				return fmt.Errorf("bad link %q in %q", rest, spec)
			}
			ref, found := s.names[refName(a, r, tw)]
			if !found {
				return fmt.Errorf("links %s, which does not exist", refName(a, r, tw))
			}
			if explicit[a] != nil {
				return fmt.Errorf("links two blocks of %s", authorName(a))
			}
			explicit[a], rest = &ref, next
		}
	}
	pick := make([]*BlockRef, n)
	for a := range n {
		switch {
		case explicit[a] != nil:
			pick[a] = explicit[a]
		case star && !excluded[a]:
			if bs := s.dag.SlotBlocks(Slot{Round: round - 1, Author: uint32(a)}); len(bs) > 0 {
				ref := bs[0].Ref()
				pick[a] = &ref
			}
		}
	}
	if pick[author] == nil { // the author's own chain: its latest first block below
		for r := round - 1; ; r-- {
			if bs := s.dag.SlotBlocks(Slot{Round: r, Author: author}); len(bs) > 0 {
				ref := bs[0].Ref()
				pick[author] = &ref
				break
			}
			if r == 0 {
				return fmt.Errorf("author %s has no block below round %d", authorName(author), round)
			}
		}
	}
	parents := []BlockRef{*pick[author]}
	for a := range n {
		if uint32(a) != author && pick[a] != nil {
			parents = append(parents, *pick[a])
		}
	}
	b, err := newTestBlock(s.keys[author], round, author, twin, parents)
	if err != nil {
		return err
	}
	if err := s.dag.add(b); err != nil {
		return err
	}
	s.name(b.Ref(), refName(author, round, twin))
	return nil
}

// newTestBlock signs a block; twins of a slot differ by their timestamps.
func newTestBlock(key ed25519.PrivateKey, round uint64, author uint32, twin int, parents []BlockRef) (*Block, error) {
	b := &Block{Round: round, Author: author, Timestamp: int64(round)*1000 + int64(twin), Parents: parents}
	if err := b.Sign(chain.NewKeySigner(key)); err != nil {
		return nil, err
	}
	return b, nil
}

// newCommitter builds the committer the script selected.
func (s *scriptState) newCommitter() (Committer, error) {
	if err := s.needDAG(); err != nil {
		return nil, err
	}
	name := cmp.Or(s.committer, "mysticeti")
	if sub, ok := s.subst[name]; ok {
		name = sub
	}
	build, ok := scriptCommitters[name]
	if !ok {
		return nil, fmt.Errorf("unknown committer %q", name)
	}
	cfg := scriptCommitterConfig{Validators: s.set, Schedule: RoundRobin{N: s.set.Len()}, Leaders: 1, Args: map[string]string{}}
	for k, v := range s.committerKV {
		if k == "leaders" {
			l, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("leaders=%q: %v", v, err)
			}
			cfg.Leaders = l
			continue
		}
		cfg.Args[k] = v
	}
	return build(cfg)
}

// parseSlot reads "R.K" as a leader slot of c ("0.0" is the zero slot).
func parseSlot(c Committer, text string) (LeaderSlot, error) {
	rs, ks, ok := strings.Cut(text, ".")
	r, err1 := strconv.ParseUint(rs, 10, 64)
	k, err2 := strconv.Atoi(ks)
	if !ok || err1 != nil || err2 != nil {
		return LeaderSlot{}, fmt.Errorf("bad slot %q: want R.K", text)
	}
	if r == 0 && k == 0 {
		return LeaderSlot{}, nil
	}
	leaders := c.Leaders(r)
	if k < 0 || k >= len(leaders) {
		return LeaderSlot{}, fmt.Errorf("round %d has no leader %d", r, k)
	}
	return leaders[k], nil
}

func (s *scriptState) decide(args []string) (out []string, checkErr, err error) {
	c, err := s.newCommitter()
	if err != nil {
		return nil, nil, err
	}
	var last LeaderSlot
	switch {
	case len(args) == 2 && args[0] == "from":
		if last, err = parseSlot(c, args[1]); err != nil {
			return nil, nil, err
		}
	case len(args) != 0:
		return nil, nil, errors.New("want: decide [from R.K]")
	}
	ds, derr := c.TryDecide(s.dag, last)
	if derr != nil {
		return []string{"error: " + s.rename(derr.Error())}, nil, nil
	}
	out = []string{}
	for _, d := range ds {
		out = append(out, s.decisionLine(d))
	}
	after := last
	if len(ds) > 0 {
		after = ds[len(ds)-1].Slot
	}
	if next, ok := nextSlot(c, after, s.dag.HighestRound()); ok {
		out = append(out, slotName(next)+" undecided")
	}
	return out, checkRestarts(c, s.dag, last, ds, s.decisionLine), nil
}

// checkRestarts checks I3 and R6 on ds, the result of TryDecide from last:
// running again from last, or from any decided slot, gives the same decisions.
func checkRestarts(c Committer, d DAG, last LeaderSlot, ds []Decision, show func(Decision) string) error {
	again, err := c.TryDecide(d, last)
	if err != nil || !sameDecisions(again, ds, true) {
		return fmt.Errorf("I3: a second run from %s gives %v (error %v), the first gave %v", slotName(last), showAll(again, show), err, showAll(ds, show))
	}
	for i := range ds {
		again, err := c.TryDecide(d, ds[i].Slot)
		if err != nil {
			return fmt.Errorf("R6: restart from %s: %v", slotName(ds[i].Slot), err)
		}
		if !sameDecisions(again, ds[i+1:], true) {
			return fmt.Errorf("R6: restart from %s gives %v, want %v", slotName(ds[i].Slot), showAll(again, show), showAll(ds[i+1:], show))
		}
	}
	return nil
}

func showAll(ds []Decision, show func(Decision) string) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = show(d)
	}
	return out
}

// sameDecisions compares slot, kind and leader, and with direct also how each
// was decided.
func sameDecisions(a, b []Decision, direct bool) bool {
	return slices.EqualFunc(a, b, func(x, y Decision) bool { return sameDecision(x, y, direct) })
}

func sameDecision(x, y Decision, direct bool) bool {
	if x.Slot != y.Slot || x.Kind != y.Kind || (direct && x.Direct != y.Direct) {
		return false
	}
	if (x.Leader == nil) != (y.Leader == nil) {
		return false
	}
	return x.Leader == nil || x.Leader.Ref() == y.Leader.Ref()
}

// nextSlot returns the first leader slot after 'after' with a round at most high.
func nextSlot(c Committer, after LeaderSlot, high uint64) (LeaderSlot, bool) {
	for r := max(after.Round, 1); r <= high; r++ {
		for _, sl := range c.Leaders(r) {
			if after.before(sl) {
				return sl, true
			}
		}
	}
	return LeaderSlot{}, false
}

func (s *scriptState) decisionLine(d Decision) string {
	how := "indirect"
	if d.Direct {
		how = "direct"
	}
	line := fmt.Sprintf("%s %s %s", slotName(d.Slot), d.Kind, how)
	if d.Kind == Undecided {
		line = slotName(d.Slot) + " undecided"
	}
	if d.Leader != nil {
		line += " " + s.blockName(d.Leader.Ref())
	}
	return line
}

func (s *scriptState) blockName(ref BlockRef) string {
	if n, ok := s.refs[ref]; ok {
		return n
	}
	return ref.String()
}

// rename replaces the refs of known blocks in an error message by their names.
func (s *scriptState) rename(msg string) string {
	for ref, name := range s.refs {
		msg = strings.ReplaceAll(msg, ref.String(), name)
	}
	return msg
}

func (s *scriptState) linearize() ([]string, error) {
	c, err := s.newCommitter()
	if err != nil {
		return nil, err
	}
	ds, err := c.TryDecide(s.dag, LeaderSlot{})
	if err != nil {
		return []string{"error: " + s.rename(err.Error())}, nil
	}
	var leaders []*Block
	for _, d := range ds {
		if d.Kind == Commit {
			leaders = append(leaders, d.Leader)
		}
	}
	commits, err := refLinearize(s.dag, leaders, 0)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for i, blocks := range commits {
		names := make([]string, len(blocks))
		for j, b := range blocks {
			names[j] = s.blockName(b.Ref())
		}
		out = append(out, fmt.Sprintf("%s: %s", s.blockName(leaders[i].Ref()), strings.Join(names, " ")))
	}
	return out, nil
}

func (s *scriptState) blocks(args []string) ([]string, error) {
	if err := s.needDAG(); err != nil {
		return nil, err
	}
	var only uint64
	if len(args) == 1 {
		r, err := strconv.ParseUint(args[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("blocks: bad round %q", args[0])
		}
		only = r
	} else if len(args) > 1 {
		return nil, errors.New("want: blocks [R]")
	}
	out := []string{}
	for _, b := range s.dag.order {
		if only != 0 && b.Round != only {
			continue
		}
		names := make([]string, len(b.Parents))
		for i, p := range b.Parents {
			names[i] = s.blockName(p)
		}
		out = append(out, fmt.Sprintf("%s <- %s", s.blockName(b.Ref()), strings.Join(names, " ")))
	}
	return out, nil
}

// scriptDAG is a DAG held in maps: every added block stays (no GC), genesis
// included, as dagState holds them.
type scriptDAG struct {
	set     *chain.ValidatorSet
	genesis []BlockRef
	byRef   map[BlockRef]*Block
	rounds  map[uint64][]*Block
	slots   map[Slot][]*Block
	order   []*Block // non-genesis blocks in the order added
	high    uint64
}

var _ DAG = (*scriptDAG)(nil)

func newScriptDAG(set *chain.ValidatorSet) *scriptDAG {
	d := &scriptDAG{set: set, byRef: map[BlockRef]*Block{}, rounds: map[uint64][]*Block{}, slots: map[Slot][]*Block{}}
	for a := range uint32(set.Len()) {
		ref := genesisRef(0, set, a)
		// Genesis is implicit and unsigned; like dagState, hold it as a block
		// with only its ref.
		g := &Block{Round: 0, Author: a, digest: ref.Digest}
		d.genesis = append(d.genesis, ref)
		d.insert(g)
	}
	return d
}

func (d *scriptDAG) Validators() *chain.ValidatorSet { return d.set }
func (d *scriptDAG) HighestRound() uint64            { return d.high }
func (d *scriptDAG) BlocksAt(round uint64) []*Block  { return d.rounds[round] }
func (d *scriptDAG) SlotBlocks(s Slot) []*Block      { return d.slots[s] }
func (d *scriptDAG) Block(ref BlockRef) *Block       { return d.byRef[ref] }
func (d *scriptDAG) GCRound() uint64                 { return 0 }

func (d *scriptDAG) insert(b *Block) {
	d.byRef[b.Ref()] = b
	d.rounds[b.Round] = append(d.rounds[b.Round], b)
	d.slots[b.Slot()] = append(d.slots[b.Slot()], b)
	d.high = max(d.high, b.Round)
}

// add checks b against the structural rules V3-V7 and accepts it: its parents
// must all be present, as in a real DAG.
func (d *scriptDAG) add(b *Block) error {
	if b.Round == 0 || !d.set.Valid(b.Author) {
		return fmt.Errorf("bad slot %s", b.Slot())
	}
	if d.byRef[b.Ref()] != nil {
		return fmt.Errorf("block %s added twice", b.Ref())
	}
	if len(b.Parents) == 0 || len(b.Parents) > d.set.Len() {
		return fmt.Errorf("V3: %d parents", len(b.Parents))
	}
	if b.Parents[0].Author != b.Author {
		return errors.New("V4: the first parent is not the author's own block")
	}
	seen := map[uint32]bool{}
	prev := chain.NewStakeAggregator(d.set)
	for i, p := range b.Parents {
		if i > 0 && p.Author == b.Author {
			return errors.New("V4: a second own parent")
		}
		if seen[p.Author] {
			return fmt.Errorf("V6: two parents by %s", authorName(p.Author))
		}
		seen[p.Author] = true
		if p.Round >= b.Round {
			return fmt.Errorf("V5: parent %s is not from an earlier round", p)
		}
		if d.byRef[p] == nil {
			return fmt.Errorf("parent %s is not in the DAG", p)
		}
		if p.Round == b.Round-1 {
			prev.Add(p.Author)
		}
	}
	if !prev.Quorum() {
		return fmt.Errorf("V7: parents at round %d hold stake %d, below the quorum %d", b.Round-1, prev.Stake(), d.set.QuorumThreshold())
	}
	d.insert(b)
	d.order = append(d.order, b)
	return nil
}
