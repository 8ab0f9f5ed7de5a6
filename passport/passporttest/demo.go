package passporttest

import (
	"path/filepath"
	"time"
)

// DemoPollEnv names the environment variable that sets -demo's poll
// interval (a Go duration from 10ms to 2s). It is for tests of the demo,
// which need the order of its events, not the site's cadence. Only -demo
// reads it: a login against the real service always polls every 2 s.
const DemoPollEnv = "BILIQR_DEMO_POLL"

// Demo is the fake that -demo plays against, and the poll interval the
// demo uses (0: the model's default, 2 s). It scans itself after three
// polls and confirms three polls later. stateFile, if set, keeps its
// accounts between runs (Options.StateFile).
func Demo(getenv func(string) string, stateFile string) (*Server, time.Duration) {
	srv := New(Options{AutoScanAfterPolls: 3, AutoConfirmAfterPolls: 3, StateFile: stateFile})
	d, err := time.ParseDuration(getenv(DemoPollEnv))
	if err != nil || d < 10*time.Millisecond || d > 2*time.Second {
		d = 0 // unset or out of range: the real cadence
	}
	return srv, d
}

// DemoDir is -demo's own directory, <user cache dir>/biliqr/demo, and the
// file the fake keeps its accounts in there ("", "" when cacheDir fails).
func DemoDir(cacheDir func() (string, error)) (dir, state string) {
	cache, err := cacheDir()
	if err != nil {
		return "", ""
	}
	dir = filepath.Join(cache, "biliqr", "demo")
	return dir, filepath.Join(dir, "accounts.json")
}

// PlayNetworkTrouble makes the demo start with network trouble: the first
// ticket requests find their connection closed without an answer (as a
// dropped Wi-Fi or a broken proxy would), so the tour shows the retrying
// screen, where r retries at once, before the code.
func PlayNetworkTrouble(srv *Server) {
	srv.Fail(Fault{Endpoint: EndpointTicket, Kind: CloseConn, Times: DemoNetworkFailures})
}

// DemoNetworkFailures is how many ticket requests PlayNetworkTrouble
// fails: three waits of 2, 4 and 8 s, unless r cuts them short.
const DemoNetworkFailures = 3
