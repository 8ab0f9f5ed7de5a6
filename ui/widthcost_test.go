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
	"golang.org/x/sys/unix"
)

// widthCostEnv makes the test binary fill the width table in a fresh
// process and print the page faults the filling took.
const widthCostEnv = "BILIQR_TEST_WIDTH_COST"

// WarmUp maps go-runewidth's 2 MB width table in one system call before
// the first wide rune fills it, so that filling it takes no page fault
// per page (544 of them, 6.6 ms on a VM) while it holds a processor the
// ticket request needs. The table is per process, so fresh ones measure
// it: filling it mapped ahead must take at least 400 faults fewer than
// filling it as it is. (A difference, because the race detector's shadow
// memory faults too, as much with the table mapped ahead as without.)
func TestWarmUpFillsTheWidthTableWithoutFaulting(t *testing.T) {
	if os.Getenv(widthCostEnv) != "" {
		t.Skip("the helper's own run")
	}
	page, err := unix.Mmap(-1, 0, unix.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(page) //nolint:errcheck
	if err := unix.Madvise(page, unix.MADV_POPULATE_WRITE); err != nil {
		t.Skipf("this kernel cannot map pages ahead (Linux 5.14 and later can): %v", err)
	}
	ahead, asIs := widthTableFaults(t, "ahead"), widthTableFaults(t, "as-is")
	if asIs-ahead < 400 {
		t.Fatalf("filling the width table took %d page faults mapped ahead, %d as it is: its pages were not mapped ahead", ahead, asIs)
	}
	t.Logf("%d page faults mapped ahead, %d as it is", ahead, asIs)
}

// widthTableFaults runs the helper in a fresh process and returns the
// page faults filling the table took there.
func widthTableFaults(t *testing.T, how string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWidthTableHelper$")
	cmd.Env = append(os.Environ(), widthCostEnv+"="+how)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	faults, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0]))
	if err != nil {
		t.Fatalf("helper printed %q", out)
	}
	return faults
}

func TestWidthTableHelper(t *testing.T) {
	how := os.Getenv(widthCostEnv)
	if how == "" {
		t.Skip("run by TestWarmUpFillsTheWidthTableWithoutFaulting in a fresh process")
	}
	if how == "ahead" {
		prefaultWidthTable()
	}
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before) //nolint:errcheck
	// what WarmUp measures, then what the first frame does: the app's
	// text both ways, and Bubble Tea's renderer
	w := narrowWidth.of("…▀▄█") + wideWidth.of("…▀▄█") + ansi.WcWidth.StringWidth("…▀▄█")
	syscall.Getrusage(syscall.RUSAGE_SELF, &after) //nolint:errcheck
	// …▀▄█ are ambiguous: 2 cells each with East Asian widths
	if w != 4+8+4 {
		t.Errorf("widths add up to %d", w)
	}
	os.Stdout.WriteString(strconv.FormatInt(after.Minflt-before.Minflt, 10) + "\n") //nolint:errcheck
}
