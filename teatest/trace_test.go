package teatest

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// freePort is a loopback address nothing listens on: a connection to it is
// refused.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// A network error names the host it was going to, and the proxy when the
// request went through one (a broken HTTPS_PROXY used to read as "the
// connection was refused", nothing more).
func TestBinaryNetworkErrorNamesHostAndProxy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "cookies.txt")
	s := passport.Session{Account: passport.Account{Mid: 42}, Cookies: []passport.Cookie{
		{Name: "SESSDATA", Value: "x", Domain: "bilibili.tv", Path: "/", Expires: time.Now().Add(30 * 24 * time.Hour), Secure: true},
		{Name: "DedeUserID", Value: "42", Domain: "bilibili.tv", Path: "/", Expires: time.Now().Add(30 * 24 * time.Hour)},
	}}
	if err := session.WriteFile(p, s, session.Netscape); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}

	// no proxy: the gateway's own address
	api := freePort(t)
	stdout, _, code := runBinary(t, env, "-check", "-locale", "en_US", "-o", p, "-api-url", "http://"+api)
	if want := "could not check: network trouble reaching " + api + ": the connection was refused"; code != 3 || !strings.HasPrefix(stdout, want) {
		t.Errorf("exit %d, %q; want 3 and %q", code, stdout, want)
	}

	// the real gateway's name, through a proxy on loopback that refuses:
	// nothing leaves the machine (the proxy, not the client, would look
	// api.bilibili.tv up)
	proxy := freePort(t)
	stdout, _, code = runBinary(t, append(env, "HTTPS_PROXY=http://"+proxy), "-check", "-locale", "en_US", "-o", p)
	if want := "could not check: network trouble reaching api.bilibili.tv via proxy " + proxy + ": the connection was refused"; code != 3 || !strings.HasPrefix(stdout, want) {
		t.Errorf("exit %d, %q; want 3 and %q", code, stdout, want)
	}
	stdout, _, _ = runBinary(t, append(env, "HTTPS_PROXY=http://"+proxy), "-check", "-locale", "zh_ZH", "-o", p)
	if want := "经代理 " + proxy + " 连接 api.bilibili.tv"; !strings.Contains(stdout, want) {
		t.Errorf("zh: %q lacks %q", stdout, want)
	}
}

// -verbose (and BILIQR_DEBUG=1) traces every request of a whole login,
// -check and -logout on standard error: method, host, path, query names,
// status, code, time, cookie names. No secret the fake handed out (ticket,
// cookie value, csrf token) is in it.
func TestBinaryVerboseTraceHoldsNoSecret(t *testing.T) {
	t.Parallel()
	srv := autoFake(t)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-verbose", "-locale", "en_US", "-o", out)...)
	p.wantExit(t, 0)
	trace := p.errOut.String()
	host := strings.TrimPrefix(srv.PassportURL(), "http://")
	for _, want := range []string{
		"biliqr: trace: GET " + host + " " + passporttest.EndpointTicket + " ?platform&s_locale → HTTP 200, code 0, ",
		"biliqr: trace: GET " + host + " " + passporttest.EndpointPoll + " ?platform&s_locale&ticket → HTTP 200, code 10018101, ",
		"code 0, ", "; sent cookies [buvid3]", "; set [SESSDATA bili_jct DedeUserID DedeUserID__ckMd5]",
		passporttest.EndpointUser + " ?platform&s_locale → HTTP 200, code 0, ",
		"; sent cookies [buvid3 SESSDATA bili_jct DedeUserID DedeUserID__ckMd5]",
	} {
		if !strings.Contains(trace, want) {
			t.Errorf("trace lacks %q:\n%s", want, trace)
		}
	}
	noSecrets(t, srv, "the trace", trace)
	noSecrets(t, srv, "stdout", p.out.String())

	env := streamEnv(t, "BILIQR_DEBUG=1")
	_, stderr, code := runBinary(t, env, append(serverFlags(srv), "-check", "-o", out)...)
	if code != 0 || !strings.Contains(stderr, "biliqr: trace: GET") || !strings.Contains(stderr, passporttest.EndpointUser) {
		t.Errorf("BILIQR_DEBUG=1 -check: exit %d, stderr %q", code, stderr)
	}
	noSecrets(t, srv, "-check's trace", stderr)
	_, stderr, code = runBinary(t, env, append(serverFlags(srv), "-logout", "-verbose", "-o", out)...)
	if code != 0 || !strings.Contains(stderr, "POST "+host+" "+passporttest.EndpointLogout+" ?csrf&platform&s_locale → HTTP 200, code 0") {
		t.Errorf("-logout: exit %d, stderr %q", code, stderr)
	}
	noSecrets(t, srv, "-logout's trace", stderr)
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the session file is still there: %v", err)
	}
}
