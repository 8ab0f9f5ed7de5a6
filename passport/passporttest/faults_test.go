package passporttest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestFaultReplies(t *testing.T) {
	f := newFlow(t, Options{})
	s := f.s
	_, tk := f.ticket()
	pollURL := s.PassportURL() + EndpointPoll + "?ticket=" + tk

	s.Fail(Fault{Endpoint: EndpointPoll, Kind: HTTPStatus, Status: 429, RetryAfter: "7", Times: 2})
	s.Fail(Fault{Endpoint: EndpointPoll, Kind: HTMLPage})
	s.Fail(Fault{Endpoint: EndpointPoll, Kind: TruncatedJSON})
	s.Fail(Fault{Endpoint: EndpointPoll, Kind: WrongTypes})
	s.Fail(Fault{Endpoint: EndpointPoll, Kind: HugeBody})
	s.Fail(Fault{Endpoint: EndpointPoll, Kind: APICode, Code: 10004001, Message: "\x1b]0;pwned\x07\x1b[2J"})
	s.Fail(Fault{Endpoint: EndpointUser, Kind: HTTPStatus}) // other endpoint: not hit by polls

	for i := range 2 {
		r, _ := do(t, f.c, http.MethodGet, pollURL)
		if r.StatusCode != 429 || r.Header.Get("Retry-After") != "7" {
			t.Fatalf("HTTPStatus #%d: %d %q", i, r.StatusCode, r.Header.Get("Retry-After"))
		}
	}
	r, b := do(t, f.c, http.MethodGet, pollURL)
	if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "<html") {
		t.Fatal("HTMLPage")
	}
	_, b = do(t, f.c, http.MethodGet, pollURL)
	var v any
	if json.Unmarshal(b, &v) == nil {
		t.Fatal("TruncatedJSON parses")
	}
	_, b = do(t, f.c, http.MethodGet, pollURL)
	var typed struct{ Code int }
	if json.Unmarshal(b, &v) != nil || json.Unmarshal(b, &typed) == nil {
		t.Fatal("WrongTypes: not JSON, or code still an int")
	}
	_, b = do(t, f.c, http.MethodGet, pollURL)
	if len(b) <= 1<<20 || json.Unmarshal(b, &v) != nil {
		t.Fatalf("HugeBody: %d bytes", len(b))
	}
	_, b = do(t, f.c, http.MethodGet, pollURL)
	if e := decode(t, b); e.Code != 10004001 || e.Message != "\x1b]0;pwned\x07\x1b[2J" {
		t.Fatalf("APICode %d %q", e.Code, e.Message)
	}
	if c := f.pollCode(tk); c != 10018101 {
		t.Fatalf("faults did not run out: %d", c)
	}
	if r, _ := do(t, f.c, http.MethodGet, s.APIURL()+EndpointUser); r.StatusCode != 503 {
		t.Fatalf("queued user fault: %d", r.StatusCode)
	}
	var st []int
	for _, q := range s.Requests() {
		if q.Path == EndpointPoll {
			st = append(st, q.Status)
		}
	}
	if len(st) != 8 || st[0] != 429 || st[7] != 200 {
		t.Fatalf("recorded statuses %v", st)
	}
}

func TestFaultAnyEndpoint(t *testing.T) {
	f := newFlow(t, Options{})
	f.s.Fail(Fault{Kind: APICode, Code: -404, Message: "x"})
	_, e := getEnv(t, f.c, f.s.PassportURL()+EndpointTicket)
	if e.Code != -404 {
		t.Fatalf("code %d", e.Code)
	}
	if len(f.s.Tickets()) != 0 {
		t.Fatal("a faulted request issued a ticket")
	}
	f.ticket()
}

func TestCloseConn(t *testing.T) {
	f := newFlow(t, Options{})
	f.s.Fail(Fault{Endpoint: EndpointTicket, Kind: CloseConn})
	resp, err := f.c.Get(f.s.PassportURL() + EndpointTicket)
	if err == nil {
		resp.Body.Close()
		t.Fatal("CloseConn answered")
	}
	f.ticket() // the next request works
}

func TestHangReturnsOnCancel(t *testing.T) {
	f := newFlow(t, Options{})
	f.s.Fail(Fault{Endpoint: EndpointPoll, Kind: Hang})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.s.PassportURL()+EndpointPoll+"?ticket=x", nil)
		resp, err := f.c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	ev := waitEvent(t, f.s, func(e Event) bool { return e.Kind == EventHanging })
	if ev.Path != EndpointPoll || ev.Ticket != "x" {
		t.Fatalf("hang event %+v", ev)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("hung request: %v", err)
	}
	// The handler gives up too: the server still answers, and Close (in
	// Cleanup) does not wait for anything.
	if c := f.pollCode("x"); c != 10018100 {
		t.Fatalf("after hang %d", c)
	}
}

func TestCloseWithHungRequest(t *testing.T) {
	before := runtime.NumGoroutine()
	s := New(Options{})
	c := s.Client()
	s.Fail(Fault{Kind: Hang})
	done := make(chan error, 1)
	go func() {
		resp, err := c.Get(s.APIURL() + EndpointUser)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	waitEvent(t, s, func(e Event) bool { return e.Kind == EventHanging })
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second): // a guard, not pacing
		t.Fatal("Close hangs with a hung request open")
	}
	if err := <-done; err == nil {
		t.Fatal("hung request got an answer")
	}
	c.CloseIdleConnections()
	// Goroutines wind down asynchronously; give the scheduler a bounded
	// number of chances rather than sleeping.
	for range 1000 {
		if runtime.NumGoroutine() <= before+2 {
			return
		}
		runtime.Gosched()
	}
	t.Fatalf("goroutines: %d before, %d after", before, runtime.NumGoroutine())
}
