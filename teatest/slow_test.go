package teatest

import (
	"flag"
	"testing"
)

// slowBinaryRun marks a test that runs the built binary through the real
// 2 s polls: it waits far more than it works, so it runs beside the
// others, and -short leaves it out.
func slowBinaryRun(t *testing.T) {
	t.Helper()
	skipShort(t, "runs the binary through real 2 s polls")
	t.Parallel()
}

// skipShort skips a slow test under -short, saying why.
func skipShort(t testing.TB, why string) {
	t.Helper()
	if testing.Short() {
		t.Skip(why + "; go test without -short runs it")
	}
}

// parallelWaiters raises -parallel (default: GOMAXPROCS, 2 on a small CI
// machine) unless it was given: the parallel tests here are binaries
// waiting on 2 s polls, not work, so more of them fit beside each other
// than there are cores.
func parallelWaiters() {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", "8") //nolint:errcheck
	}
}
