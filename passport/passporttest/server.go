package passporttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// Server is the running fake: four hosts sharing one script and one record.
type Server struct {
	opts    Options
	now     func() time.Time
	hops    int
	pool    *x509.CertPool
	hosts   map[string]*httptest.Server // by host label
	urls    map[string]string           // by host label; fixed before any host serves
	closing chan struct{}               // closed by Close: releases hung requests
	once    sync.Once
	events  chan Event

	mu       sync.Mutex
	requests []Request
	conns    map[string]int
	secrets  []string
	tickets  []*ticket
	byID     map[string]*ticket
	pending  ticketState // script applied before any ticket existed
	faults   []*Fault
	sessions map[string]*session // valid sessions by their current SESSDATA
	nonces   map[string]*session // by the nonce in go_url / SSO / hop URLs
	last     *session            // the latest login
	userCode int                 // Options.UserCode, changed by SetUserCode
}

type ticketState int

const (
	stWaiting ticketState = iota
	stScanned
	stConfirmed // the next poll answers 0
	stUsed      // answered 0 once; now expired
	stExpired
)

type ticket struct {
	id     string
	issued time.Time
	state  ticketState
	polls  int // polls answered in the current state, for Auto*
	cookie string
}

type session struct {
	sessdata, jct, ckmd5 string
	second               string // CookieSecond value
	buvid4               string // CookieBuvid4 value (SiteCookies)
	nonce                string
	valid                bool
	goFollowed           bool
	rotated              bool
}

// New starts the fake. It panics if it cannot listen on 127.0.0.1, like
// httptest.NewServer. Call Close when done.
func New(opts Options) *Server {
	if opts.Name == "" {
		opts.Name = DefaultName
	}
	if opts.Mid == 0 {
		opts.Mid = DefaultMid
	}
	if opts.QRURLHost == "" {
		opts.QRURLHost = "www.bilibili.tv"
	}
	if opts.CookiesVia == ViaGoURL && opts.GoURL == GoURLEmpty {
		opts.GoURL = GoURLTrusted
	}
	if opts.PlainHTTP {
		opts.NoSecure = true
	}
	s := &Server{
		opts:     opts,
		userCode: opts.UserCode,
		now:      opts.Now,
		hops:     opts.RedirectHops,
		hosts:    map[string]*httptest.Server{},
		urls:     map[string]string{},
		closing:  make(chan struct{}),
		events:   make(chan Event, eventBuffer),
		conns:    map[string]int{},
		byID:     map[string]*ticket{},
		sessions: map[string]*session{},
		nonces:   map[string]*session{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.hops <= 0 {
		s.hops = 3
	}
	var cert tls.Certificate
	if !opts.PlainHTTP {
		cert, s.pool = newCert()
	}
	s.loadState()
	// Every host is bound and named before any starts serving: a handler
	// of one host reads the others' URLs, and a map or URL written while
	// a host already serves would be a data race.
	for _, h := range []struct{ label, ip string }{
		{HostPassport, "127.0.0.1"}, {HostAPI, "127.0.0.1"},
		{HostSecond, "127.0.0.2"}, {HostUntrusted, "127.0.0.3"},
	} {
		ts := s.bind(h.label, h.ip)
		s.hosts[h.label] = ts
		scheme := "https://"
		if opts.PlainHTTP {
			scheme = "http://"
		}
		s.urls[h.label] = scheme + ts.Listener.Addr().String()
	}
	for _, ts := range s.hosts {
		if s.opts.PlainHTTP {
			ts.Start()
		} else {
			ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
			ts.StartTLS()
		}
	}
	return s
}

// bind makes the host's server, listening but not yet serving.
func (s *Server) bind(label, ip string) *httptest.Server {
	ts := httptest.NewUnstartedServer(s.handler(label))
	if ip != "127.0.0.1" {
		// Some sandboxes only route 127.0.0.1; the other hosts then differ
		// from the passport host by port alone, which still makes them
		// different origins for the client's trust check.
		if l, err := net.Listen("tcp", ip+":0"); err == nil {
			ts.Listener.Close()
			ts.Listener = l
		}
	}
	// TLS handshake noise would otherwise land on the demo's terminal.
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.mu.Lock()
			s.conns[label]++
			s.mu.Unlock()
		}
	}
	return ts
}

// newCert makes one self-signed certificate for every loopback host.
func newCert() (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic("passporttest: " + err.Error())
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"passporttest"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv4(127, 0, 0, 2), net.IPv4(127, 0, 0, 3), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic("passporttest: " + err.Error())
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		panic("passporttest: " + err.Error())
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// Close releases hung requests, then shuts every host down. It is safe to
// call more than once.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		for _, ts := range s.hosts {
			ts.Close()
		}
		_ = s.saveState() // best effort: a demo that cannot keep its accounts still ran
	})
}

// PassportURL is the base URL of the passport host, e.g. https://127.0.0.1:PORT.
func (s *Server) PassportURL() string { return s.urls[HostPassport] }

// APIURL is the base URL of the gateway host.
func (s *Server) APIURL() string { return s.urls[HostAPI] }

// SecondURL is the base URL of the second trusted host (*.biliintl.com).
func (s *Server) SecondURL() string { return s.urls[HostSecond] }

// UntrustedURL is the base URL of the host a correct client never contacts.
func (s *Server) UntrustedURL() string { return s.urls[HostUntrusted] }

// TrustedHosts are the host:port of the passport, api and second hosts (not
// the untrusted one): what the client must be told to trust.
func (s *Server) TrustedHosts() []string {
	return []string{s.hostPort(HostPassport), s.hostPort(HostAPI), s.hostPort(HostSecond)}
}

func (s *Server) hostPort(label string) string {
	return s.hosts[label].Listener.Addr().String()
}

// hostIP is the host without port, as a cookie Domain.
func (s *Server) hostIP(label string) string {
	h, _, _ := net.SplitHostPort(s.hostPort(label))
	return h
}

// CertPool trusts the fake's certificate (nil with PlainHTTP).
func (s *Server) CertPool() *x509.CertPool { return s.pool }

// ClientOptions are passport.Options that reach this fake: its base URLs,
// its hosts in the trusted set, and an HTTP client that trusts its
// certificate. Tests and -demo build their passport.Client from them.
func (s *Server) ClientOptions() passport.Options {
	return passport.Options{
		PassportURL:  s.PassportURL(),
		APIURL:       s.APIURL(),
		TrustedHosts: s.TrustedHosts(),
		HTTPClient:   s.Client(),
	}
}

// Client returns a new http.Client, with its own transport and no cookie
// jar, that trusts the fake's certificate.
func (s *Server) Client() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil // never route the fake through an environment proxy
	if s.pool != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: s.pool}
	}
	return &http.Client{Transport: tr}
}

// Scan marks the current ticket scanned (from not scanned). Before any
// ticket exists, it applies to the next ticket issued.
func (s *Server) Scan() { s.script(stScanned) }

// Confirm marks the current ticket confirmed (implying Scan): its next poll
// answers 0. Before any ticket exists, it applies to the next one.
func (s *Server) Confirm() { s.script(stConfirmed) }

// Expire makes the current ticket expired: polls answer 10018100.
func (s *Server) Expire() { s.script(stExpired) }

func (s *Server) script(to ticketState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tickets) == 0 {
		s.pending = max(s.pending, to)
		return
	}
	t := s.tickets[len(s.tickets)-1]
	switch {
	case to == stExpired:
		t.state = stExpired
	case t.state < to:
		t.state, t.polls = to, 0
	}
}

// Fail queues a fault; faults hit requests in the order queued.
func (s *Server) Fail(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// SetUserCode changes what v2/user answers a valid session from now on, as
// Options.UserCode (0: is_login true).
func (s *Server) SetUserCode(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userCode = code
}

// ExpireSessions ends every session handed out so far, as the service does
// when a session times out or is revoked elsewhere: v2/user then answers
// "not logged in" for their cookies.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.sessions {
		sess.valid = false
	}
}

// SessionValid says whether cookieHeader (a Cookie header value, "a=1; b=2")
// carries the SESSDATA of a session that is still logged in.
func (s *Server) SessionValid(cookieHeader string) bool {
	r := &http.Request{Header: http.Header{"Cookie": {cookieHeader}}}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessionOf(r) != nil
}

// sessionOf is the valid session r's cookies name. Callers hold s.mu.
func (s *Server) sessionOf(r *http.Request) *session {
	for _, c := range r.Cookies() {
		if c.Name == CookieSESSDATA {
			if sess := s.sessions[c.Value]; sess != nil && sess.valid {
				return sess
			}
		}
	}
	return nil
}

// newSession makes the login of a confirmed ticket. Callers hold s.mu.
func (s *Server) newSession() *session {
	sess := &session{
		sessdata: s.newSESSDATA(),
		jct:      randHex(16),
		ckmd5:    randHex(8),
		second:   randHex(16),
		buvid4:   randHex(16),
		nonce:    randHex(8),
		valid:    true,
	}
	s.addSecret(sess.jct)
	s.addSecret(sess.ckmd5)
	s.addSecret(sess.second)
	s.addSecret(sess.buvid4)
	s.addSecret(sess.nonce)
	s.sessions[sess.sessdata] = sess
	s.nonces[sess.nonce] = sess
	s.last = sess
	return sess
}

// newSESSDATA looks like the real value (hex, expiry, check part, with
// %2C and * in it), so clients are tested on keeping it byte for byte.
func (s *Server) newSESSDATA() string {
	exp := s.now().Add(CookieLifetime).Unix()
	v := randHex(16) + "%2C" + strconv.FormatInt(exp, 10) + "%2C" + randHex(3)[:5] + "*" + randHex(1)
	s.addSecret(v)
	return v
}

// nextTicketID is a fresh ticket: random, or from Options.TicketIDs.
// Called with s.mu held.
func (s *Server) nextTicketID() string {
	if s.opts.TicketIDs != nil {
		return s.opts.TicketIDs(len(s.tickets))
	}
	return randHex(16)
}

// randHex returns n random bytes in hex.
func randHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("passporttest: " + err.Error())
	}
	return hex.EncodeToString(b)
}
