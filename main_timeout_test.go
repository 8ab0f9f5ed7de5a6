package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// -timeout ends a login nobody scans: exit 1 and, with -json, the failed
// event with reason timeout (the model's own clock is tested in model;
// this is the flag's wiring, so a short real timeout).
func TestRunTimeout(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true}) // never scanned
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	start := time.Now()
	code, stdout, stderr := runIn(t, "-json", "-timeout", "1s", "-locale", "en_US", "-o", out,
		"-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 1 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatal(err)
	}
	if last["event"] != "failed" || last["reason"] != "timeout" {
		t.Errorf("last event %v", last)
	}
	if !strings.Contains(stderr, "No code was scanned within 1s (-timeout)") {
		t.Errorf("stderr:\n%s", stderr)
	}
}
