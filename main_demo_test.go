package main

import (
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui/iostreams"
)

// The demo's poll interval comes from BILIQR_DEMO_POLL, and only the
// demo's: a login against a real service keeps the 2 s poll whatever the
// environment says.
func TestDemoPollOnlyForTheDemo(t *testing.T) {
	env := passporttest.DemoPollEnv + "=10ms"
	for _, tc := range []struct {
		demo bool
		want time.Duration
	}{{true, 10 * time.Millisecond}, {false, 0}} {
		dir := t.TempDir()
		ios, _, errOut := iostreams.Test(env, "XDG_CONFIG_HOME="+dir)
		opts := options{demo: tc.demo, output: dir + "/cookies.txt", format: "netscape"}
		s, code := newSetup(opts, ios)
		if s == nil {
			t.Fatalf("demo=%v: exit %d: %s", tc.demo, code, errOut)
		}
		cfg := s.modelConfig(nil)
		s.close()
		if cfg.PollInterval != tc.want {
			t.Errorf("demo=%v: poll interval %v, want %v (0: the model's 2 s)", tc.demo, cfg.PollInterval, tc.want)
		}
	}
}
