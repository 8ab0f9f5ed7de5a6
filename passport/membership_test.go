package passport_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// v2/user's vip_info.is_vip says whether the account has Premium, as a
// bool or as 1/0; without vip_info (or with null) nothing is said.
func TestVerifyReadsPremium(t *testing.T) {
	for vip, want := range map[passporttest.VIPShape]passport.Membership{
		passporttest.VIPPremium:    passport.MembershipPremium,
		passporttest.VIPPremiumInt: passport.MembershipPremium,
		passporttest.VIPFree:       passport.MembershipFree,
		passporttest.VIPFreeInt:    passport.MembershipFree,
		passporttest.VIPMissing:    passport.MembershipUnknown,
		passporttest.VIPNull:       passport.MembershipUnknown,
	} {
		srv, c := fakeClient(t, passporttest.Options{VIP: vip})
		s, err := passporttest.LoginOnce(srv)
		if err != nil {
			t.Fatal(err)
		}
		c.LoadCookies(s.Cookies)
		a, err := c.Verify(context.Background(), "en_US")
		if err != nil || a.Premium != want || s.Premium != want {
			t.Errorf("vip %v: verify %v (%v), login %v; want %v", vip, a.Premium, err, s.Premium, want)
		}
	}
}

// A request that gets no answer says where it was going: the host, and
// the proxy it went through.
func TestNetworkErrorsSayWhere(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	c, err := passport.New(passport.Options{PassportURL: "http://" + closed, APIURL: "http://" + closed,
		HTTPClient: &http.Client{Transport: &http.Transport{}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RequestTicket(context.Background(), "en_US")
	if host, proxy := passport.HostOf(err); host != closed || proxy != "" || passport.KindOf(err) != passport.KindNetwork {
		t.Errorf("%v: host %q proxy %q", err, host, proxy)
	}

	// a proxy that refuses, for a host it alone would have looked up
	proxy, _ := url.Parse("http://user:secret@" + closed)
	c, err = passport.New(passport.Options{HTTPClient: &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RequestTicket(context.Background(), "en_US")
	host, via := passport.HostOf(err)
	if host != "passport.bilibili.tv" || via != closed || !passport.Retryable(err) {
		t.Errorf("%v: host %q via %q", err, host, via)
	}
	if strings.Contains(via, "secret") {
		t.Error("the proxy's password is in the error")
	}

	// a caller's own deadline is not retried, and still says where
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.RequestTicket(ctx, "en_US")
	if host, _ := passport.HostOf(err); host != "passport.bilibili.tv" || passport.Retryable(err) || passport.KindOf(err) != passport.KindCancelled {
		t.Errorf("cancelled: %v, host %q", err, host)
	}
}
