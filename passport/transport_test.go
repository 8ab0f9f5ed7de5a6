package passport

import (
	"net/http"
	"reflect"
	"testing"
)

// HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured through the standard
// transport's proxy function, and every request has a time limit. (Go never
// proxies loopback hosts, so the fake cannot stand in for a proxy test.)
func TestDefaultTransportHonoursProxiesAndTimeouts(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := c.hc.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport %T", c.hc.Transport)
	}
	if reflect.ValueOf(tr.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Fatal("the default transport does not use the proxy environment")
	}
	if c.hc.Timeout <= 0 || tr.TLSHandshakeTimeout <= 0 || tr.ResponseHeaderTimeout <= 0 {
		t.Fatalf("missing timeouts: client %v, TLS %v, header %v", c.hc.Timeout, tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout)
	}
}
