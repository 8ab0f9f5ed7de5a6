//go:build unix

package signals

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// crashHelperEnv makes the test binary crash the way it names, under
// AbortOnCrash, instead of running the tests.
const crashHelperEnv = "BILIQR_TEST_CRASH"

func TestMain(m *testing.M) {
	switch os.Getenv(crashHelperEnv) {
	case "":
		os.Exit(m.Run())
	case "panic":
		AbortOnCrash()
		done := make(chan struct{})
		go func() { panic("a bug") }()
		<-done
	case "out of memory":
		AbortOnCrash()
		syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: 1 << 30, Max: 1 << 30}) //nolint:errcheck
		var keep [][]byte
		for {
			keep = append(keep, make([]byte, 64<<20))
			runtime.KeepAlive(keep)
		}
	default:
		os.Exit(listenHelper(os.Getenv(crashHelperEnv)))
	}
}

// A crash never exits 2 (bad usage, to scripts): a panic nothing recovers
// and running out of memory end biliqr by SIGABRT, with the trace on
// stderr and no core file.
func TestCrashIsNotBadUsage(t *testing.T) {
	for _, how := range []string{"panic", "out of memory"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), crashHelperEnv+"="+how)
			cmd.Dir = dir
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("the crash did not end the process: %v", err)
			}
			ws := exit.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != syscall.SIGABRT {
				t.Fatalf("exit status %d (signal %v), want an end by SIGABRT; stderr:\n%.400s", exit.ExitCode(), ws.Signal(), stderr.String())
			}
			if ws.CoreDump() {
				t.Error("a core file was written")
			}
			if !strings.Contains(stderr.String(), "goroutine") {
				t.Errorf("no trace on stderr:\n%.400s", stderr.String())
			}
		})
	}
}
