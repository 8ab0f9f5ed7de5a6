//go:build !windows

package teatest

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/biliqr/biliqr/model/prefs"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// The plain and JSON modes, run as the built binary with no terminal at
// all: plain pipes, and a new session (setsid) so that /dev/tty cannot be
// opened either, as in a container, a CI job or `ssh host biliqr`.
//
// A login polls every 2 s, so each run takes a few seconds of waiting:
// every scenario starts its process first, and only then are they checked
// one by one, so the runs overlap whatever -parallel is.
func TestStreamModes(t *testing.T) {
	skipShort(t, "runs the binary through real 2 s polls")
	t.Parallel()
	scenarios := []struct {
		name  string
		start func(*testing.T) func(*testing.T)
	}{
		{"plain/login without a terminal", plainLogin},
		{"plain/stdout redirected at a terminal", plainStdoutRedirected},
		{"plain/expiry", plainExpiry},
		{"plain/failure", plainFailure},
		{"plain/already logged in", plainAlreadyLoggedIn},
		{"plain/force", plainForce},
		{"plain/SIGTERM", plainSignal(syscall.SIGTERM, 143)},
		{"plain/SIGINT", plainSignal(syscall.SIGINT, 130)},
		{"plain/SIGHUP", plainSignal(syscall.SIGHUP, 129)},
		{"plain/-o - writes the session to stdout", plainToStdout},
		{"plain/remembered locale", plainLocale("", "th_TH", "สแกนรหัส QR นี้")},
		{"plain/environment's locale", plainLocale("LANG=vi_VN.UTF-8", "", "Quét mã QR này")},
		{"plain/-locale wins", plainLocale("LANG=vi_VN.UTF-8", "th_TH", "Pindai kode QR ini", "-locale", "id_ID")},
		{"json/login", jsonLogin},
		{"json/expiry", jsonExpiry},
		{"json/failure", jsonFailure},
		{"json/unverified", jsonUnverified},
		{"json/saved session not checkable", jsonCheckFailed},
		{"json/-o - is a usage error", jsonWithStdoutOutput},
	}
	checks := make([]func(*testing.T), len(scenarios))
	for i, sc := range scenarios {
		checks[i] = sc.start(t)
	}
	for i, sc := range scenarios {
		t.Run(sc.name, checks[i])
	}
}

// lockedBuffer is an output stream read while the process still writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// noTTY is one run of the binary without any terminal.
type noTTY struct {
	cmd         *exec.Cmd
	out, errOut lockedBuffer
	done        chan struct{}
	code        int
}

// fastPoll has the binary the tests build poll every 20 ms, not at the
// site's 2 s: a whole login through it takes no real polls' time. Tests
// that watch a screen between two polls leave it out.
const fastPoll = "BILIQR_TEST_POLL=20ms"

// realPoll, given after fastPoll, puts the site's pace back (the last of
// two settings of a variable wins): for a test of the retry waits, which
// follow the poll's pace.
const realPoll = "BILIQR_TEST_POLL="

// streamEnv is an environment with no terminal hints: English, no
// COLORFGBG (a dark background is assumed), narrow block glyphs, its own
// config directory, and a fast poll.
func streamEnv(t *testing.T, extra ...string) []string {
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir, "LANG=C.UTF-8", "RUNEWIDTH_EASTASIAN=0", "PATH=" + os.Getenv("PATH"), fastPoll}
	return append(env, extra...)
}

// wantExit waits for the binary and fails with its output unless it exited
// with want.
func (p *noTTY) wantExit(t *testing.T, want int) {
	t.Helper()
	if code := p.wait(t); code != want {
		t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, want, p.out.String(), p.errOut.String())
	}
}

func startNoTTY(t *testing.T, env []string, args ...string) *noTTY {
	t.Helper()
	return startProc(t, env, func(cmd *exec.Cmd) {
		cmd.Stdin = nil
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
	}, args...)
}

// startProc starts the binary with env, its output captured, after setup
// has set its input and process attributes.
func startProc(t *testing.T, env []string, setup func(*exec.Cmd), args ...string) *noTTY {
	t.Helper()
	p := &noTTY{done: make(chan struct{})}
	p.cmd = exec.Command(binary(t), args...)
	p.cmd.Env = env // no TERM, no COLORFGBG from the test's own terminal
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.errOut
	setup(p.cmd)
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.done)
		err := p.cmd.Wait()
		var ee *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &ee):
			p.code = ee.ExitCode()
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				p.code = -int(ws.Signal()) // killed by the signal: not handled
			}
		default:
			p.code = -1000
		}
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill() // it may have exited already: Wait says how it ended
			<-p.done
		}
	})
	return p
}

// wait waits for the process to end and returns its exit status.
func (p *noTTY) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(patience):
		t.Fatalf("still running after %v; stdout:\n%s\nstderr:\n%s", patience, p.out.String(), p.errOut.String())
	}
	return p.code
}

// waitOut waits until stdout holds s.
func (p *noTTY) waitOut(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !strings.Contains(p.out.String(), s) {
		select {
		case <-p.done:
			t.Fatalf("ended (exit %d) before printing %q; stdout:\n%s\nstderr:\n%s", p.code, s, p.out.String(), p.errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q in 20 s; stdout:\n%s", s, p.out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// autoFake is a fake that scans and confirms by itself: the first poll
// (2 s in) answers "not scanned", the second "scanned", the third logs in.
func autoFake(t *testing.T) *passporttest.Server {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42,
		AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
	t.Cleanup(srv.Close)
	return srv
}

// printedQRs finds every QR code printed as text in out (the lines between
// the blank lines after "Scan this QR code…") and decodes each. The glyphs
// are the terminal's foreground, on the dark background a stream assumes:
// they are the light modules.
func printedQRs(t *testing.T, out string) []string {
	t.Helper()
	var texts []string
	lines := strings.Split(out, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "Scan this QR code") {
			continue
		}
		if i+2 >= len(lines) || lines[i+1] != "" {
			t.Fatalf("no blank line after %q", lines[i])
		}
		var block []string
		for j := i + 2; j < len(lines) && lines[j] != ""; j++ {
			block = append(block, lines[j])
		}
		if len(block) == 0 {
			t.Fatalf("no QR after %q", lines[i])
		}
		text, err := decodeImage(paintHalfBlocks(t, block, true))
		if err != nil {
			t.Fatalf("the printed QR does not decode: %v\n%s", err, strings.Join(block, "\n"))
		}
		texts = append(texts, text)
	}
	return texts
}

// paintHalfBlocks paints half-block text as a terminal would: each cell 4
// pixels wide, each half-row 4 pixels tall, glyph halves in the foreground.
func paintHalfBlocks(t *testing.T, block []string, glyphsLight bool) image.Image {
	t.Helper()
	const px = 4
	w := len([]rune(block[0]))
	fg, bg := color.Gray{Y: 0}, color.Gray{Y: 255}
	if glyphsLight {
		fg, bg = bg, fg
	}
	img := image.NewGray(image.Rect(0, 0, w*px, len(block)*2*px))
	for y, l := range block {
		r := []rune(l)
		if len(r) != w {
			t.Fatalf("QR line %d is %d cells, the first %d", y, len(r), w)
		}
		for x, c := range r {
			var top, bot bool
			switch c {
			case '█':
				top, bot = true, true
			case '▀':
				top = true
			case '▄':
				bot = true
			case ' ':
			default:
				t.Fatalf("unexpected glyph %q in the QR", c)
			}
			for dy := range 2 * px {
				on := top
				if dy >= px {
					on = bot
				}
				for dx := range px {
					c := bg
					if on {
						c = fg
					}
					img.SetGray(x*px+dx, y*2*px+dy, c)
				}
			}
		}
	}
	return img
}

// inOrder fails unless each of wants appears in out, one after another.
func inOrder(t *testing.T, out string, wants ...string) {
	t.Helper()
	rest := out
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("missing (or out of order) %q in:\n%s", w, out)
		}
		rest = rest[i+len(w):]
	}
}

// noSecrets fails if any secret of srv is in s.
func noSecrets(t *testing.T, srv *passporttest.Server, what, s string) {
	t.Helper()
	for _, sec := range srv.Secrets() {
		if strings.Contains(s, sec) {
			t.Fatalf("a secret (%d bytes) is in %s", len(sec), what)
		}
	}
}

func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// With no terminal, and without -plain, the whole login runs in plain
// mode: the QR printed once as text that decodes to the ticket's link, then
// a sentence per event in order (network trouble included), the file 0600,
// the PNG, exit 0.
func plainLogin(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 503})
	dir := t.TempDir()
	out, pngPath := filepath.Join(dir, "cookies.txt"), filepath.Join(dir, "qr.png")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-o", out, "-png", pngPath)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		stdout := p.out.String()
		inOrder(t, stdout,
			"Requesting a QR code…\n",
			"Scan this QR code with the bilibili.tv app on your phone:\n\n",
			"\n\nwww.bilibili.tv/h5/en/qrcode/login?…\n",
			"Language: English · en_US\n",
			"The code expires in 3:00, at ",
			"The server answered HTTP 503: the service is having trouble — retrying in ",
			"Scanned. Confirm the login in the bilibili.tv app on your phone.\n",
			"Finishing the login…\n",
			"Saving the session…\n",
			"Logged in to bilibili.tv as Mika (mid 42); session saved to "+out+" (netscape); the session ends on ",
		)
		if !endsOnRE.MatchString(stdout) {
			t.Errorf("something follows the last line:\n%s", stdout)
		}
		tickets := srv.Tickets()
		qrs := printedQRs(t, stdout)
		if len(tickets) != 1 || len(qrs) != 1 || qrs[0] != ticketURL(tickets[0]) {
			t.Fatalf("printed QRs %q, tickets %q", qrs, tickets)
		}
		if strings.ContainsRune(stdout, '\x1b') {
			t.Error("escape sequences in plain output")
		}
		if p.errOut.String() != "" {
			t.Errorf("stderr: %q", p.errOut.String())
		}
		noSecrets(t, srv, "stdout", stdout)
		if m := fileMode(t, out); m != 0o600 {
			t.Errorf("session file mode %o", m)
		}
		if _, _, err := session.ReadFile(out); err != nil {
			t.Errorf("the saved session does not read back: %v", err)
		}
		if text, _, err := decodePNG(pngPath); err != nil || text != ticketURL(tickets[0]) {
			t.Errorf("-png: %q, %v", text, err)
		}
	}
}

// At a terminal with standard output redirected (`biliqr >log.txt`), the
// full screen would be drawn into the file: the log gets plain text.
func plainStdoutRedirected(t *testing.T) func(*testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	srv := autoFake(t)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startProc(t, streamEnv(t, "TERM=xterm-256color"), func(cmd *exec.Cmd) {
		cmd.Stdin = tty // keys could be read, and /dev/tty opened …
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	}, append(serverFlags(srv), "-o", out)...) // … but stdout is a pipe
	return func(t *testing.T) {
		p.wantExit(t, 0)
		inOrder(t, p.out.String(), "Scan this QR code", "Logged in to bilibili.tv as Mika (mid 42)")
		if strings.ContainsRune(p.out.String(), '\x1b') {
			t.Error("escape sequences in the redirected output: the full screen was drawn")
		}
	}
}

// An expired code is said, and the new one printed again.
func plainExpiry(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 10018100})
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		stdout := p.out.String()
		inOrder(t, stdout, "Requesting a QR code…\n", "Scan this QR code", "The code expires in",
			"The code expired — getting a new one…\n", "Scan this QR code", "The code expires in",
			"Scanned.", "Logged in to bilibili.tv as Mika (mid 42)")
		if n := strings.Count(stdout, "Requesting a QR code…"); n != 1 {
			t.Errorf("%d times 'Requesting': after an expiry, the expiry line says it", n)
		}
		tickets := srv.Tickets()
		qrs := printedQRs(t, stdout)
		if len(tickets) != 2 || len(qrs) != 2 || qrs[0] != ticketURL(tickets[0]) || qrs[1] != ticketURL(tickets[1]) {
			t.Fatalf("printed QRs %q, tickets %q", qrs, tickets)
		}
	}
}

// A failure is said in words (server text sanitized) and ends with exit 1;
// nothing is written.
func plainFailure(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 12345,
		Message: "no\x1b[2Jway"})
	dir := t.TempDir()
	out := filepath.Join(dir, "cookies.txt")
	// -png names a directory: it cannot be written, which is said too
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-o", out, "-png", dir)...)
	return func(t *testing.T) {
		if code := p.wait(t); code != 1 {
			t.Fatalf("exit %d; stdout:\n%s", code, p.out.String())
		}
		stdout := p.out.String()
		inOrder(t, stdout, "Scan this QR code", "cannot write "+dir+": is a directory\n",
			"biliqr: login failed: The server refused (code 12345): no")
		if strings.ContainsRune(stdout, '\x1b') {
			t.Errorf("server text reached the output unsanitized:\n%q", stdout)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a file was written after a failure: %v", err)
		}
	}
}

// savedSession writes a valid session of srv to a new file, an hour old.
func savedSession(t *testing.T, srv *passporttest.Server) (path string, content []byte, mtime time.Time) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "cookies.txt")
	if err := session.WriteFile(path, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	content, _ = os.ReadFile(path)
	mtime = time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return path, content, mtime
}

// A valid saved session is kept (exit 0, the file untouched), without a QR.
func plainAlreadyLoggedIn(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	out, before, mtime := savedSession(t, srv)
	tickets := len(srv.Tickets())
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		want := "Checking the saved session…\nAlready logged in to bilibili.tv as Mika (mid 42); the session in " + out +
			" is kept. Run with -force to log in again.\nThe session ends on "
		if got := p.out.String(); !strings.HasPrefix(got, want) || !regexp.MustCompile(`on \d{4}-\d\d-\d\d\.\n$`).MatchString(got) {
			t.Fatalf("stdout %q, want %q", got, want)
		}
		after, _ := os.ReadFile(out)
		fi, _ := os.Stat(out)
		if !bytes.Equal(before, after) || !fi.ModTime().Equal(mtime) {
			t.Fatal("the kept session file was touched")
		}
		if len(srv.Tickets()) != tickets {
			t.Fatal("a QR ticket was requested for a valid session")
		}
	}
}

// -force logs in again over a valid saved session, without checking it.
func plainForce(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	out, before, _ := savedSession(t, srv)
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-force", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		stdout := p.out.String()
		if strings.Contains(stdout, "Checking the saved session") {
			t.Error("-force checked the saved session")
		}
		inOrder(t, stdout, "Scan this QR code", "Logged in to bilibili.tv as Mika (mid 42); session saved to "+out)
		if after, _ := os.ReadFile(out); bytes.Equal(before, after) {
			t.Error("-force did not replace the session")
		}
		if m := fileMode(t, out); m != 0o600 {
			t.Errorf("session file mode %o", m)
		}
	}
}

// SIGTERM, SIGINT and SIGHUP stop a plain run while it waits: the program
// says it was cancelled, exits 128+n, and writes nothing.
func plainSignal(sig syscall.Signal, want int) func(t *testing.T) func(*testing.T) {
	return func(t *testing.T) func(*testing.T) {
		srv := passporttest.New(passporttest.Options{PlainHTTP: true}) // never scanned
		t.Cleanup(srv.Close)
		dir := t.TempDir()
		out := filepath.Join(dir, "cookies.txt")
		p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-o", out)...)
		return func(t *testing.T) {
			p.waitOut(t, "The code expires in")
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := p.wait(t); code != want {
				t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, want, p.out.String(), p.errOut.String())
			}
			if !strings.HasSuffix(p.out.String(), "biliqr: cancelled; nothing was saved\n") {
				t.Errorf("stdout does not end with the cancellation:\n%s", p.out.String())
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("files left behind: %v", entries)
			}
		}
	}
}

// With -o -, standard output holds exactly the session; the sentences go
// to standard error.
func plainToStdout(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-o", "-", "-format", "header")...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		s, f, err := session.Decode([]byte(p.out.String()))
		if err != nil || f != session.Header || len(s.Cookies) == 0 || strings.Contains(p.out.String(), "Logged in") {
			t.Fatalf("stdout is not the session alone: %v %v %q", f, err, p.out.String())
		}
		inOrder(t, p.errOut.String(), "Scan this QR code", "Logged in to bilibili.tv as Mika (mid 42); session written to standard output (header)")
		if qrs := printedQRs(t, p.errOut.String()); len(qrs) != 1 {
			t.Errorf("%d QR codes on stderr", len(qrs))
		}
	}
}

// The language: -locale, else the remembered one, else the environment's;
// no menu either way. The run is stopped once the code is shown.
func plainLocale(envLang, remembered, want string, args ...string) func(*testing.T) func(*testing.T) {
	return func(t *testing.T) func(*testing.T) {
		srv := passporttest.New(passporttest.Options{PlainHTTP: true})
		t.Cleanup(srv.Close)
		env := streamEnv(t)
		if envLang != "" {
			env = append(env, envLang)
		}
		if remembered != "" {
			var home string
			for _, e := range env {
				if v, ok := strings.CutPrefix(e, "XDG_CONFIG_HOME="); ok {
					home = v
				}
			}
			if err := prefs.Save(filepath.Join(home, "biliqr", "config.json"), prefs.Prefs{Locale: remembered}); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "cookies.txt")
		p := startNoTTY(t, env, append(append(serverFlags(srv), "-o", out), args...)...)
		return func(t *testing.T) {
			p.waitOut(t, want)
			p.waitOut(t, "\n\nwww.bilibili.tv/h5/")
			if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if code := p.wait(t); code != 143 {
				t.Fatalf("exit %d; stdout:\n%s", code, p.out.String())
			}
		}
	}
}

// jsonLines parses every line of out as one event object; each must have
// "v": 1 and an "event".
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end with a newline: %q", out)
	}
	var evs []map[string]any
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var ev map[string]any
		dec := json.NewDecoder(strings.NewReader(l))
		dec.UseNumber()
		if err := dec.Decode(&ev); err != nil || dec.More() {
			t.Fatalf("not one JSON object: %q (%v)", l, err)
		}
		if ev["v"] != json.Number("1") {
			t.Fatalf("no \"v\": 1 in %q", l)
		}
		if _, ok := ev["event"].(string); !ok {
			t.Fatalf("no event name in %q", l)
		}
		evs = append(evs, ev)
	}
	return evs
}

func eventNames(evs []map[string]any) string {
	names := make([]string, len(evs))
	for i, ev := range evs {
		names[i] = ev["event"].(string)
	}
	return strings.Join(names, " ")
}

// checkJSONSecrets: the full link (with its ticket) is only in "url", and
// "url" only in qr events; no other secret is anywhere, nor in the human
// text on stderr.
func checkJSONSecrets(t *testing.T, srv *passporttest.Server, stdout, stderr string, evs []map[string]any) {
	t.Helper()
	for _, ev := range evs {
		if _, ok := ev["url"]; ok != (ev["event"] == "qr") {
			t.Errorf("url in a %v event, or missing from a qr event", ev["event"])
		}
		rest := map[string]any{}
		for k, v := range ev {
			if k != "url" {
				rest[k] = v
			}
		}
		b, _ := json.Marshal(rest)
		noSecrets(t, srv, "a JSON event outside url", string(b))
	}
	noSecrets(t, srv, "stderr", stderr)
	for _, tk := range srv.Tickets() {
		if n := strings.Count(stdout, tk); n > 1 {
			t.Errorf("a ticket is in the JSON output %d times, want once at most (its qr event)", n)
		}
	}
}

func num(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

// -json: one event per line; human text (the QR and sentences) on stderr.
func jsonLogin(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 503})
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t, realPoll), append(serverFlags(srv), "-json", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		evs := jsonLines(t, p.out.String())
		if got, want := eventNames(evs), "fetching qr retrying scanned finishing saving logged_in"; got != want {
			t.Fatalf("events %q, want %q\n%s", got, want, p.out.String())
		}
		tickets := srv.Tickets()
		qr := evs[1]
		if qr["url"] != ticketURL(tickets[0]) || num(qr["expires_in"]) != 180 || qr["locale"] != "en_US" || qr["trusted"] != true {
			t.Errorf("qr event %v", qr)
		}
		r := evs[2]
		if ms := num(r["in_ms"]); ms < 1000 || ms > 30000 || r["reason"] != "server" || num(r["http_status"]) != 503 || r["message"] == "" {
			t.Errorf("retrying event %v", r)
		}
		done := evs[6]
		if num(done["mid"]) != 42 || done["name"] != "Mika" || done["verified"] != true || done["saved_to"] != out ||
			done["format"] != "netscape" || done["unverified"] != nil {
			t.Errorf("logged_in event %v", done)
		}
		checkJSONSecrets(t, srv, p.out.String(), p.errOut.String(), evs)
		// the human text went to stderr, QR included
		inOrder(t, p.errOut.String(), "Scan this QR code", "Logged in to bilibili.tv as Mika (mid 42)")
		if qrs := printedQRs(t, p.errOut.String()); len(qrs) != 1 || qrs[0] != ticketURL(tickets[0]) {
			t.Errorf("QR on stderr decodes to %q", qrs)
		}
		if m := fileMode(t, out); m != 0o600 {
			t.Errorf("session file mode %o", m)
		}
	}
}

func jsonExpiry(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 10018100})
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-json", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		evs := jsonLines(t, p.out.String())
		if got, want := eventNames(evs), "fetching qr expired fetching qr scanned finishing saving logged_in"; got != want {
			t.Fatalf("events %q, want %q", got, want)
		}
		tickets := srv.Tickets()
		if len(tickets) != 2 || evs[1]["url"] != ticketURL(tickets[0]) || evs[4]["url"] != ticketURL(tickets[1]) {
			t.Errorf("qr urls %v %v, tickets %q", evs[1]["url"], evs[4]["url"], tickets)
		}
		checkJSONSecrets(t, srv, p.out.String(), p.errOut.String(), evs)
	}
}

func jsonFailure(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 12345,
		Message: "no\x1b]0;owned\x07way"})
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-json", "-o", out)...)
	return func(t *testing.T) {
		if code := p.wait(t); code != 1 {
			t.Fatalf("exit %d; stdout:\n%s", code, p.out.String())
		}
		evs := jsonLines(t, p.out.String())
		if got, want := eventNames(evs), "fetching qr failed"; got != want {
			t.Fatalf("events %q, want %q", got, want)
		}
		f := evs[2]
		msg, _ := f["message"].(string)
		if num(f["code"]) != 12345 || f["reason"] != "api" || !strings.HasPrefix(msg, "The server refused (code 12345): no") ||
			strings.ContainsAny(msg, "\x1b\x07") {
			t.Errorf("failed event %v", f)
		}
		checkJSONSecrets(t, srv, p.out.String(), p.errOut.String(), evs)
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a file was written after a failure: %v", err)
		}
	}
}

// A login the gateway could not confirm is saved, and says why.
func jsonUnverified(t *testing.T) func(*testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42,
		AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1, UserCode: 10023006})
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-json", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		evs := jsonLines(t, p.out.String())
		done := evs[len(evs)-1]
		u, _ := done["unverified"].(map[string]any)
		if done["event"] != "logged_in" || done["verified"] != false || u == nil || u["reason"] != "device_id_needed" ||
			num(u["code"]) != 10023006 {
			t.Fatalf("last event %v", done)
		}
		checkJSONSecrets(t, srv, p.out.String(), p.errOut.String(), evs)
	}
}

// A saved session that cannot be checked is not waited on: nobody is there
// to choose, so a new login follows.
func jsonCheckFailed(t *testing.T) func(*testing.T) {
	srv := autoFake(t)
	out, _, _ := savedSession(t, srv)
	srv.SetUserCode(10023006)
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-json", "-o", out)...)
	return func(t *testing.T) {
		p.wantExit(t, 0)
		evs := jsonLines(t, p.out.String())
		want := "checking check_failed fetching qr scanned finishing saving logged_in"
		if got := eventNames(evs); got != want {
			t.Fatalf("events %q, want %q", got, want)
		}
		if cf := evs[1]; cf["reason"] != "device_id_needed" || num(cf["code"]) != 10023006 {
			t.Errorf("check_failed event %v", cf)
		}
		inOrder(t, p.errOut.String(), "Checking the saved session…\n",
			"Could not check the saved session (the service asked for a device id (code 10023006)); logging in again.\n",
			"Scan this QR code")
		checkJSONSecrets(t, srv, p.out.String(), p.errOut.String(), evs)
	}
}

// -json and -o - both want standard output: a usage error, before anything.
func jsonWithStdoutOutput(t *testing.T) func(*testing.T) {
	p := startNoTTY(t, streamEnv(t), "-json", "-o", "-", "-passport-url", "http://127.0.0.1:1", "-api-url", "http://127.0.0.1:1")
	return func(t *testing.T) {
		if code := p.wait(t); code != 2 {
			t.Fatalf("exit %d, want 2", code)
		}
		if p.out.String() != "" || !strings.Contains(p.errOut.String(), "-json and -o -") {
			t.Fatalf("stdout %q, stderr %q", p.out.String(), p.errOut.String())
		}
	}
}

// endsOnRE: the summary line ends with the session's end date.
var endsOnRE = regexp.MustCompile(`\(netscape\); the session ends on \d{4}-\d\d-\d\d\n$`)
