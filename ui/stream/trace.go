package stream

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// Trace is -verbose (and BILIQR_DEBUG=1): one line per request on
// standard error, for a bug report against replies no fake has played. It
// says only what passport.TraceEvent holds, which is names, never values:
// no cookie, ticket, token or query value can reach it.
type Trace struct {
	mu   sync.Mutex
	w    io.Writer
	hold bool
	held []string
}

// NewTrace writes the trace to w.
func NewTrace(w io.Writer) *Trace { return &Trace{w: w} }

// Event is passport.Options.Trace: it is called from the client's
// goroutines, so lines are written whole, one at a time.
func (t *Trace) Event(ev passport.TraceEvent) {
	line := TraceLine(ev)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.hold {
		t.held = append(t.held, line)
		return
	}
	fmt.Fprintln(t.w, line)
}

// Hold keeps the lines until Release: the full-screen app owns the
// terminal meanwhile, and a line written into it would garble the screen.
func (t *Trace) Hold() {
	t.mu.Lock()
	t.hold = true
	t.mu.Unlock()
}

// Release writes the held lines and stops holding.
func (t *Trace) Release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range t.held {
		fmt.Fprintln(t.w, l)
	}
	t.held, t.hold = nil, false
}

// TraceLine is one request in words:
//
//	biliqr: trace: GET api.bilibili.tv /intl/gateway/web/v2/user ?platform&s_locale → HTTP 200, code 0, 182ms; sent cookies [SESSDATA bili_jct buvid3]; set [SESSDATA]
func TraceLine(ev passport.TraceEvent) string {
	var b strings.Builder
	b.WriteString("biliqr: trace: ")
	if ev.Method != "" {
		b.WriteString(ev.Method + " ")
	}
	host := ev.Host
	if host == "" {
		host = "?"
	}
	b.WriteString(host + " " + ev.Path)
	if len(ev.Query) > 0 {
		b.WriteString(" ?" + strings.Join(ev.Query, "&"))
	}
	if ev.Proxy != "" {
		b.WriteString(" via proxy " + ev.Proxy)
	}
	b.WriteString(" → ")
	if ev.Status == 0 {
		b.WriteString("no answer")
	} else {
		fmt.Fprintf(&b, "HTTP %d", ev.Status)
	}
	if ev.HasCode {
		fmt.Fprintf(&b, ", code %d", ev.Code)
	}
	switch {
	case ev.Elapsed >= time.Millisecond:
		b.WriteString(", " + ev.Elapsed.Round(time.Millisecond).String())
	case ev.Elapsed > 0:
		b.WriteString(", <1ms")
	}
	if ev.Err != "" {
		b.WriteString(": " + passport.SanitizeText(ev.Err, 200))
	}
	fmt.Fprintf(&b, "; sent cookies %v", ev.Sent)
	if len(ev.Cookies) > 0 {
		fmt.Fprintf(&b, "; set %v", ev.Cookies)
	}
	if len(ev.DataFields) > 0 {
		fmt.Fprintf(&b, "; data fields %v", ev.DataFields)
	}
	return b.String()
}
