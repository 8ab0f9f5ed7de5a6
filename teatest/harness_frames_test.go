package teatest

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/vt"
)

// A wait sees every frame, not only the latest: a done screen that the
// quit frame follows at once (TestHappyPath's old flake, "WaitFor:
// condition not met" with the frame in its own "Last output") is found,
// and a second wait goes on from the frame after it.
func TestWaitSeesEveryFrame(t *testing.T) {
	t.Parallel()
	a := &app{t: t, frame: vt.NewEmulator(40, 5), drawn: make(chan struct{}, 1)}
	go io.Copy(io.Discard, a.frame) //nolint:errcheck
	a.view("one: the done screen")
	a.view("two: the quit frame")
	a.view("three")
	if scr := a.waitScreen("one:"); !strings.Contains(scr, "the done screen") {
		t.Fatalf("the wait returned another screen:\n%s", scr)
	}
	if scr := a.waitScreen("t"); !strings.Contains(scr, "two:") {
		t.Fatalf("the next wait skipped a frame:\n%s", scr)
	}
	if scr := a.waitScreen("three"); !strings.Contains(scr, "three") {
		t.Fatalf("the last frame:\n%s", scr)
	}
	// nothing new: the latest screen is looked at again
	if scr := a.waitScreen("three"); !strings.Contains(scr, "three") {
		t.Fatalf("the latest screen again:\n%s", scr)
	}
}
