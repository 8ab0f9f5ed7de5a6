//go:build linux

package ui

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// widthCostEnv makes the test binary fill the width table in a fresh
// process and print the page faults the filling took.
const widthCostEnv = "BILIQR_TEST_WIDTH_COST"

// WarmUp maps go-runewidth's 2 MB width table in one system call before
// the first wide rune fills it, so that filling it takes no page fault
// per page (544 of them, 6.6 ms on a VM) while it holds a processor the
// ticket request needs. The table is per process, so a fresh one
// measures it.
func TestWarmUpFillsTheWidthTableWithoutFaulting(t *testing.T) {
	if os.Getenv(widthCostEnv) != "" {
		t.Skip("the helper's own run")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWidthTableHelper$")
	cmd.Env = append(os.Environ(), widthCostEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	faults, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0]))
	if err != nil {
		t.Fatalf("helper printed %q", out)
	}
	// a 4 KB page per fault: 64 faults is 256 KB, an eighth of the table
	if faults > 64 {
		t.Fatalf("filling the width table took %d page faults: its pages were not mapped ahead", faults)
	}
	t.Logf("%d page faults", faults)
}

func TestWidthTableHelper(t *testing.T) {
	if os.Getenv(widthCostEnv) == "" {
		t.Skip("run by TestWarmUpFillsTheWidthTableWithoutFaulting in a fresh process")
	}
	prefaultWidthTable()
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before) //nolint:errcheck
	// what WarmUp measures, then what the first frame does: the app's
	// text both ways, and Bubble Tea's renderer
	w := narrowWidth.of("…▀▄█") + wideWidth.of("…▀▄█") + ansi.WcWidth.StringWidth("…▀▄█")
	syscall.Getrusage(syscall.RUSAGE_SELF, &after) //nolint:errcheck
	if w != 4+8+4 {                                // …▀▄█ are ambiguous: 2 cells each with East Asian widths
		t.Errorf("widths add up to %d", w)
	}
	os.Stdout.WriteString(strconv.FormatInt(after.Minflt-before.Minflt, 10) + "\n") //nolint:errcheck
}
