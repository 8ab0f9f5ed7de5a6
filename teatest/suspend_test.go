//go:build linux

package teatest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// startJob starts biliqr as a job of an interactive bash (job control on)
// in an 80×24 tmux pane, its command led by prefix, and waits for its code.
func startJob(t *testing.T, prefix string) *tmux {
	t.Helper()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	s := startTmux(t, 80, 24, "PS1='$ ' exec bash --norc --noprofile -i")
	s.waitText("$")
	s.keys(suspendJob(t, t.TempDir(), srv, prefix), "Enter")
	s.waitText("Scan with the bilibili.tv app", "Expires in")
	return s
}

// Ctrl+Z (the key) and SIGTSTP from outside stop the full-screen app, as a
// person sees it: biliqr is the job itself (started at an interactive
// bash's prompt, with job control), the process is stopped (state T), the
// terminal is restored and the prompt is back; fg brings back raw mode and
// the screen, and q then quits, without Enter, with the usual status.
//
// The process itself is what must stop. A job that is a subshell around
// biliqr hides a process that never stops: the subshell stops when the
// group gets SIGTSTP, so the shell says "Stopped" and fg's SIGCONT wakes
// biliqr, although biliqr itself went on waiting.
func TestBinaryInTmuxSuspend(t *testing.T) {
	for _, how := range []string{"ctrl+z", "SIGTSTP"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			s := startJob(t, "")
			pid := paneChild(t, s)
			stopApp(t, s, how, pid)
			s.waitFor("the job stopped and the prompt back", func(scr string) bool {
				return strings.Contains(scr, "Stopped") && strings.HasSuffix(strings.TrimRight(scr, "\n "), "$")
			})
			if st := procState(t, pid); st != "T" {
				t.Fatalf("the shell says stopped, but biliqr is in state %s, not T", st)
			}
			if s.display("#{alternate_on}") != "0" || s.display("#{cursor_flag}") != "1" {
				t.Fatalf("stopped with the terminal not restored (alternate %s, cursor %s)", s.display("#{alternate_on}"), s.display("#{cursor_flag}"))
			}
			s.keys("fg; echo status=$?", "Enter")
			s.waitFor("the app back on the alternate screen", func(scr string) bool {
				return s.display("#{alternate_on}") == "1" && strings.Contains(scr, "Scan with the bilibili.tv app")
			})
			s.keys("x") // raw mode: not echoed, no effect
			s.keys("q") // raw mode: no Enter needed
			scr := s.waitText("status=130")
			if strings.Contains(scr, "^[") || strings.Contains(scr, "x\n") && strings.Contains(scr, "Scan with") {
				t.Errorf("the screen after quitting:\n%s", scr)
			}
		})
	}
}

// Where nothing can resume a stopped biliqr (a process group with no shell
// to send SIGCONT: setsid), ctrl+z and SIGTSTP do not stop it: it goes on,
// redrawn, and says why; q then quits as usual.
func TestBinaryInTmuxSuspendWithoutJobControl(t *testing.T) {
	for _, how := range []string{"ctrl+z", "SIGTSTP"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			s := startJob(t, "setsid -w ")
			pid := paneChild(t, s) // setsid -w, which waits for biliqr
			pid = childOf(t, pid)
			stopApp(t, s, how, pid)
			s.waitText("Not stopped", "Scan with the bilibili.tv app")
			if st := procState(t, pid); st == "T" {
				t.Fatal("biliqr stopped where nothing can resume it")
			}
			if s.display("#{alternate_on}") != "1" {
				t.Fatal("the app left the alternate screen")
			}
			s.keys("q")
			s.waitText("status=130")
		})
	}
}

// suspendJob is the prompt line that runs biliqr itself as the job (the
// variables are the shell's assignments, not another process), then says
// its status.
func suspendJob(t *testing.T, dir string, srv *passporttest.Server, prefix string) string {
	return fmt.Sprintf("XDG_CONFIG_HOME=%[1]s XDG_CACHE_HOME=%[1]s %[5]s%[2]s -locale en_US -passport-url %[3]s -api-url %[4]s -o %[1]s/cookies.txt; echo status=$?",
		dir, binary(t), srv.PassportURL(), srv.APIURL(), prefix)
}

// stopApp stops the app the way how says: the key, or kill -TSTP.
func stopApp(t *testing.T, s *tmux, how string, pid int) {
	t.Helper()
	if how == "ctrl+z" {
		s.keys("C-z")
		return
	}
	if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
		t.Fatal(err)
	}
}

// paneChild is the process the pane's shell runs in the foreground.
func paneChild(t *testing.T, s *tmux) int {
	t.Helper()
	shell, err := strconv.Atoi(s.display("#{pane_pid}"))
	if err != nil {
		t.Fatal(err)
	}
	return childOf(t, shell)
}

// childOf is the one child of process parent.
func childOf(t *testing.T, parent int) int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f := procStat(pid); len(f) > 1 && f[1] == strconv.Itoa(parent) {
			return pid
		}
	}
	t.Fatalf("process %d has no child", parent)
	return 0
}

// procState is the state letter of process pid (R, S, T…).
func procState(t *testing.T, pid int) string {
	t.Helper()
	f := procStat(pid)
	if len(f) == 0 {
		t.Fatalf("no process %d", pid)
	}
	return f[0]
}

// procStat is /proc/PID/stat's fields after the command name: state,
// ppid, pgrp, session, …
func procStat(pid int) []string {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil
	}
	s := string(b)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
}
