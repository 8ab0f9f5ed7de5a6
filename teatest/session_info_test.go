package teatest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// -check says where the session is (the absolute path, shortened in the
// middle only when long) and whether the account has Premium, as v2/user's
// vip_info says it in any of its readings, and nothing of Premium when the
// reply does not say; -json carries "premium" only when known.
func TestBinaryCheckSaysWhereAndPremium(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		vip     passporttest.VIPShape
		clause  string // in the line; "" none
		premium string // the JSON field; "" absent
	}{
		{"premium", passporttest.VIPPremium, "; Premium member; ", "true"},
		{"premium as 1", passporttest.VIPPremiumInt, "; Premium member; ", "true"},
		{"free", passporttest.VIPFree, "; a free account, not Premium (", "false"},
		{"free as 0", passporttest.VIPFreeInt, "; a free account, not Premium (", "false"},
		{"no vip_info", passporttest.VIPMissing, "", ""},
		{"vip_info null", passporttest.VIPNull, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, VIP: tc.vip})
			t.Cleanup(srv.Close)
			dir := t.TempDir()
			env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
			p := filepath.Join(dir, "cookies.txt")
			if err := session.WriteFile(p, loginOnce(t, srv), session.Netscape); err != nil {
				t.Fatal(err)
			}
			// a relative -o: the line names the file absolutely
			rel, err := filepath.Rel(mustWd(t), p)
			if err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := runBinary(t, env, append([]string{"-check", "-locale", "en_US", "-o", rel}, serverFlags(srv)...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, stdout, stderr)
			}
			if !strings.HasPrefix(stdout, "logged in as Mika (mid 42); the session ends on ") || !strings.HasSuffix(stdout, "; session in "+p+"\n") {
				t.Errorf("line %q lacks who or where (%s)", stdout, p)
			}
			if has := strings.Contains(stdout, "Premium member") || strings.Contains(stdout, "not Premium"); tc.clause == "" && has || tc.clause != "" && !strings.Contains(stdout, tc.clause) {
				t.Errorf("line %q; want Premium clause %q", stdout, tc.clause)
			}
			// Chinese joins the clauses with its own punctuation
			zh, _, _ := runBinary(t, env, append([]string{"-check", "-locale", "zh_ZH", "-o", p}, serverFlags(srv)...)...)
			if strings.ContainsAny(zh, ";,") || strings.Count(zh, "；") < 2 {
				t.Errorf("zh_ZH: %q", zh)
			}
			stdout, _, code = runBinary(t, env, append([]string{"-check", "-json", "-o", p}, serverFlags(srv)...)...)
			var got map[string]any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 {
				t.Fatalf("exit %d, %q (%v)", code, stdout, err)
			}
			premium, ok := got["premium"]
			switch {
			case tc.premium == "" && ok:
				t.Errorf("premium %v, want it absent when the reply does not say", premium)
			case tc.premium != "" && (!ok || premium != (tc.premium == "true")):
				t.Errorf("premium %v (present %v), want %s", premium, ok, tc.premium)
			}
			if got["saved_to"] != p {
				t.Errorf("saved_to %v, want %s", got["saved_to"], p)
			}
		})
	}
}

// A long path is shortened in the middle, keeping its file name; a short
// one is shown whole (the test above).
func TestBinaryCheckLongPath(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	deep := filepath.Join(dir, strings.Repeat("a-rather-long-folder-name/", 8))
	if err := os.MkdirAll(deep, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(deep, "cookies.txt")
	if err := session.WriteFile(p, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runBinary(t, []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}, append([]string{"-check", "-o", p}, serverFlags(srv)...)...)
	_, where, _ := strings.Cut(stdout, "; session in ")
	if code != 0 || !strings.Contains(where, "…") || !strings.HasSuffix(where, "folder-name/cookies.txt\n") || !strings.HasPrefix(where, dir[:10]) {
		t.Fatalf("exit %d, %q", code, stdout)
	}
}

func mustWd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// The logged_in event and the plain view say whether the account has
// Premium; the event leaves "premium" out when the reply did not say.
func TestBinaryLoginSaysPremium(t *testing.T) {
	skipShort(t, "runs whole logins through the binary")
	t.Parallel()
	for _, tc := range []struct {
		vip  passporttest.VIPShape
		want string // the JSON field, "" absent
		line string // the plain view's line
	}{
		{passporttest.VIPPremium, `"premium":true`, "Premium member."},
		{passporttest.VIPFreeInt, `"premium":false`, "A free account, not Premium: "},
		{passporttest.VIPMissing, "", ""},
	} {
		t.Run(tc.line, func(t *testing.T) {
			t.Parallel()
			srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, VIP: tc.vip,
				AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
			t.Cleanup(srv.Close)
			dir := t.TempDir()
			p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-json", "-locale", "en_US", "-o", filepath.Join(dir, "c.txt"))...)
			p.wantExit(t, 0)
			var loggedIn string
			for _, l := range strings.Split(p.out.String(), "\n") {
				if strings.Contains(l, `"event":"logged_in"`) {
					loggedIn = l
				}
			}
			if loggedIn == "" || tc.want != "" && !strings.Contains(loggedIn, tc.want) || tc.want == "" && strings.Contains(loggedIn, "premium") {
				t.Errorf("vip %v: logged_in %q, want %q", tc.vip, loggedIn, tc.want)
			}
			human := p.errOut.String()
			if tc.line != "" && !strings.Contains(human, tc.line) || tc.line == "" && (strings.Contains(human, "Premium member") || strings.Contains(human, "not Premium")) {
				t.Errorf("vip %v: the text %q, want %q", tc.vip, human, tc.line)
			}
		})
	}
}

// A login never changes the format of a file already there: a -format that
// differs is refused at start, before any code, saying how to write that
// format elsewhere, and the file is untouched; without -format the file's
// own format is kept.
func TestBinaryFormatNeverChangesAFile(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir, fastPoll}
	jar := filepath.Join(dir, "cookies.txt")
	if err := session.WriteFile(jar, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(jar)
	requests := len(srv.Requests())
	stdout, stderr, code := runBinary(t, env, append([]string{"-force", "-format", "json", "-plain", "-o", jar}, serverFlags(srv)...)...)
	want := "-format json: " + jar + " is a netscape file, and a login never changes a file's format; to write json, give another file: -o " +
		filepath.Join(dir, "cookies.json") + " -format json"
	if code != 2 || !strings.Contains(stderr, want) || stdout != "" {
		t.Fatalf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
	if after, _ := os.ReadFile(jar); string(after) != string(before) {
		t.Fatal("the file changed")
	}
	if n := len(srv.Requests()); n != requests {
		t.Fatalf("%d requests before the refusal", n-requests)
	}

	// a JSON session, logged in again without -format: it stays JSON
	js := filepath.Join(dir, "session.json")
	if err := session.WriteFile(js, loginOnce(t, srv), session.JSON); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runBinary(t, env, append([]string{"-force", "-plain", "-o", js}, serverFlags(srv)...)...); code != 0 {
		t.Fatalf("login into the JSON file: exit %d, %s", code, stderr)
	}
	b, _ := os.ReadFile(js)
	if _, f, err := session.Decode(b); err != nil || f != session.JSON {
		t.Fatalf("the file is now %v (%v):\n%s", f, err, b)
	}
}
