package teatest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// loginOnce is a session of srv's, as a login in the app gets one.
func loginOnce(t *testing.T, srv *passporttest.Server) passport.Session {
	t.Helper()
	s, err := passporttest.LoginOnce(srv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func serverFlags(srv *passporttest.Server) []string {
	return []string{"-passport-url", srv.PassportURL(), "-api-url", srv.APIURL()}
}

func TestBinaryCheck(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	s := loginOnce(t, srv)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	write := func(name string, f session.Format) string {
		p := filepath.Join(dir, name)
		if err := session.WriteFile(p, s, f); err != nil {
			t.Fatal(err)
		}
		return p
	}
	raw := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	netscape := write("cookies.txt", session.Netscape)
	header := write("header.txt", session.Header)
	jsonFile := write("session.json", session.JSON)

	for _, tc := range []struct {
		name, path string
		extra      []string
		code       int
		want       string
	}{
		{"netscape", netscape, nil, 0, "logged in as Mika (mid 42)"},
		{"header", header, nil, 0, "logged in as Mika (mid 42)"},
		{"json file", jsonFile, nil, 0, "logged in as Mika (mid 42)"},
		{"missing", filepath.Join(dir, "nope.txt"), nil, 1, "no saved session"},
		{"empty", raw("empty.txt", "", 0o600), nil, 1, "not logged in"},
		{"corrupt", raw("corrupt.txt", "# Netscape HTTP Cookie File\nthis\tis\tnot\n", 0o600), nil, 1, "not logged in"},
		{"wrong format", raw("wrong.txt", "<html><body>hello</body></html>\n", 0o600), nil, 1, "not logged in"},
		{"binary", raw("bin.txt", "\x00\x01\x02\xff\xfe", 0o600), nil, 1, "not logged in"},
		{"a directory", dir, nil, 1, "not logged in"},
		{"api down", netscape, []string{"-api-url", "http://127.0.0.1:1"}, 3, "could not check"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"-check", "-o", tc.path}, serverFlags(srv)...), tc.extra...)
			stdout, stderr, code := runBinary(t, env, args...)
			if code != tc.code || !strings.Contains(stdout, tc.want) {
				t.Fatalf("exit %d (want %d), stdout %q, stderr %q", code, tc.code, stdout, stderr)
			}
			if strings.Count(stdout, "\n") != 1 {
				t.Fatalf("want one line, got %q", stdout)
			}
			for _, secret := range srv.Secrets() {
				if strings.Contains(stdout+stderr, secret) {
					t.Fatal("a secret was printed")
				}
			}
		})
	}

	t.Run("json line", func(t *testing.T) {
		stdout, _, code := runBinary(t, env, append([]string{"-check", "-format", "json", "-o", netscape}, serverFlags(srv)...)...)
		var got struct {
			LoggedIn *bool  `json:"logged_in"`
			Mid      int64  `json:"mid"`
			Name     string `json:"name"`
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 || got.LoggedIn == nil || !*got.LoggedIn || got.Mid != 42 || got.Name != "Mika" {
			t.Fatalf("exit %d, %q → %+v (%v)", code, stdout, got, err)
		}
	})

	if os.Geteuid() != 0 { // root reads anything
		t.Run("unreadable", func(t *testing.T) {
			p := raw("locked.txt", "x", 0o000)
			stdout, _, code := runBinary(t, env, append([]string{"-check", "-o", p}, serverFlags(srv)...)...)
			if code != 1 || !strings.Contains(stdout, "permission denied") {
				t.Fatalf("exit %d, %q", code, stdout)
			}
		})
	}

	// Verification has three outcomes (PROTOCOL.md §4): only -101,
	// 10004005 or is_login false say "not logged in" (exit 1); every other
	// answer could not check (exit 3) and says why.
	for _, tc := range []struct {
		userCode int
		exit     int
		want     string
		reason   string
	}{
		{10023006, 3, "could not check: the service asked for a device id (code 10023006)", "device_id_needed"},
		{10004004, 3, "could not check: premium membership needed (code 10004004)", "premium_needed"},
		{12345, 3, "could not check: the server refused (code 12345)", "api"},
		{10004005, 1, "not logged in", ""},
	} {
		t.Run(fmt.Sprintf("v2/user answers %d", tc.userCode), func(t *testing.T) {
			srv.SetUserCode(tc.userCode)
			t.Cleanup(func() { srv.SetUserCode(0) })
			stdout, _, code := runBinary(t, env, append([]string{"-check", "-o", netscape}, serverFlags(srv)...)...)
			if code != tc.exit || !strings.Contains(stdout, tc.want) {
				t.Fatalf("exit %d (want %d), %q (want %q)", code, tc.exit, stdout, tc.want)
			}
			stdout, _, _ = runBinary(t, env, append([]string{"-check", "-format", "json", "-o", netscape}, serverFlags(srv)...)...)
			var got map[string]any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("%q: %v", stdout, err)
			}
			if tc.exit == 3 && (got["logged_in"] != nil || got["reason"] != tc.reason || got["code"] != float64(tc.userCode)) {
				t.Fatalf("json %v", got)
			}
			if tc.exit == 1 && got["logged_in"] != false {
				t.Fatalf("json %v", got)
			}
		})
	}

	t.Run("expired", func(t *testing.T) {
		srv.ExpireSessions()
		stdout, _, code := runBinary(t, env, append([]string{"-check", "-o", netscape}, serverFlags(srv)...)...)
		if code != 1 || !strings.Contains(stdout, "not logged in") {
			t.Fatalf("exit %d, %q", code, stdout)
		}
	})
}

func TestBinaryLogout(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	path := filepath.Join(dir, "cookies.txt")

	// The server refuses: the file is kept, exit 1.
	s := loginOnce(t, srv)
	if err := session.WriteFile(path, s, session.Netscape); err != nil {
		t.Fatal(err)
	}
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointLogout, Kind: passporttest.APICode, Code: -111, Message: "csrf"})
	_, stderr, code := runBinary(t, env, append([]string{"-logout", "-o", path}, serverFlags(srv)...)...)
	if code != 1 || !strings.Contains(stderr, "was kept") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal("the file was removed although the server refused")
	}
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointLogout, Kind: passporttest.HTTPStatus, Status: 503})
	if _, _, code := runBinary(t, env, append([]string{"-logout", "-o", path}, serverFlags(srv)...)...); code != 1 {
		t.Fatalf("exit %d on 503", code)
	}

	// Confirmed: removed, and the session is over on the server.
	stdout, stderr, code := runBinary(t, env, append([]string{"-logout", "-o", path}, serverFlags(srv)...)...)
	if code != 0 || !strings.Contains(stdout, "logged out") {
		t.Fatalf("exit %d, %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the file is still there")
	}
	if n := srv.Count(passporttest.EndpointLogout); n != 3 {
		t.Fatalf("%d logout requests, want 3", n)
	}
	if srv.SessionValid(cookieHeader(s)) {
		t.Fatal("the session is still valid on the server")
	}

	// Already out (-101): the file goes too. A header file works as well.
	if err := session.WriteFile(path, s, session.Header); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runBinary(t, env, append([]string{"-logout", "-o", path}, serverFlags(srv)...)...); code != 0 {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the file of a session already out is still there")
	}
	// No file: exit 1, said plainly.
	if _, stderr, code := runBinary(t, env, append([]string{"-logout", "-o", path}, serverFlags(srv)...)...); code != 1 || !strings.Contains(stderr, "no saved session") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

// The two codes the README lists as not_logged_in, -101 and 10004005
// (login required), both mean the session is already over: -logout
// removes it and exits 0.
func TestBinaryLogoutAlreadyOut(t *testing.T) {
	t.Parallel()
	for _, c := range []int{-101, 10004005} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			t.Cleanup(srv.Close)
			dir := t.TempDir()
			env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
			path := filepath.Join(dir, "cookies.txt")
			if err := session.WriteFile(path, loginOnce(t, srv), session.Netscape); err != nil {
				t.Fatal(err)
			}
			srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointLogout, Kind: passporttest.APICode, Code: c, Message: "login required"})
			stdout, stderr, code := runBinary(t, env, append([]string{"-logout", "-locale", "en_US", "-o", path}, serverFlags(srv)...)...)
			if code != 0 || !strings.Contains(stdout, "logged out") {
				t.Fatalf("exit %d, %q %q", code, stdout, stderr)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatal("the file of a session already out is still there")
			}
		})
	}
}

func cookieHeader(s passport.Session) string {
	var parts []string
	for _, c := range s.Cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

// With -o - standard output holds exactly the session: the app draws on
// the terminal and its summary goes to standard error.
func TestBinaryStdoutIsOnlyTheSession(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	out := filepath.Join(dir, "stdout")
	s := startTmux(t, 80, 24, binaryShell(t, dir, srv, "-o - -format header > "+out+" 2> "+filepath.Join(dir, "stderr")))
	s.waitText("Scan with the bilibili.tv app")
	srv.Confirm()
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "0" {
		t.Fatalf("exit %s", code)
	}
	got, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	if len(lines) != 1 || !strings.HasSuffix(string(got), "\n") {
		t.Fatalf("stdout is not one header line: %q", got)
	}
	for _, pair := range strings.Split(lines[0], "; ") {
		name, value, ok := strings.Cut(pair, "=")
		if !ok || name == "" || value == "" || strings.ContainsAny(pair, "\x1b\r") {
			t.Fatalf("stdout holds more than cookies: %q", lines[0])
		}
	}
	if !srv.SessionValid(lines[0]) {
		t.Fatal("the header on stdout is not a valid session")
	}
	stderr, _ := os.ReadFile(filepath.Join(dir, "stderr"))
	if !strings.Contains(string(stderr), "session written to standard output (header)") {
		t.Fatalf("stderr: %q", stderr)
	}
}
