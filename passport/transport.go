package passport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// send does one request to a trusted URL with the jar's cookies and stores
// the cookies of the answer. The caller owns the body. Errors never carry
// the URL: it may hold a ticket or a csrf token.
func (c *Client) send(ctx context.Context, op, method string, u *url.URL, locale string) (*http.Response, error) {
	if !c.trust.trustedURL(u) {
		return nil, &UnexpectedReplyError{Op: op, Reason: "refused to contact an untrusted host", Permanent: true}
	}
	c.ensureDevice()
	var body io.Reader
	if method == http.MethodPost {
		body = http.NoBody
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, &UnexpectedReplyError{Op: op, Reason: "cannot build the request"}
	}
	h := req.Header
	h.Set("User-Agent", c.ua)
	h.Set("Accept", "application/json")
	h.Set("Accept-Language", acceptLanguage(locale))
	h.Set("Referer", "https://www.bilibili.tv/")
	h.Set("Origin", "https://www.bilibili.tv")
	if method == http.MethodPost {
		h.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if ck := c.jar.header(u); ck != "" {
		h.Set("Cookie", ck)
	}
	began := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		host, proxy := hostOf(u), c.proxyFor(req)
		if cerr := ctx.Err(); cerr != nil {
			return nil, &cancelledAt{op: op, host: host, proxy: proxy, err: cerr}
		}
		// url.Error prints the URL, ticket included: keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		ev := requestEvent(op, req, began)
		ev.Err, ev.Proxy = err.Error(), proxy
		c.traceEvent(ev)
		if reason := malformedReply(err); reason != "" {
			// The reply arrived; it is the reply that is wrong, not the
			// network. Garbled, so asked again as a garbled body would be.
			return nil, &UnexpectedReplyError{Op: op, Reason: reason}
		}
		return nil, &TransportError{Op: op, Err: err, Host: host, Proxy: proxy}
	}
	resp.Request = resp.Request.WithContext(context.WithValue(resp.Request.Context(), beganKey{}, began))
	c.jar.setCookies(u, resp.Cookies())
	return resp, nil
}

// traceEvent reports ev to Options.Trace, if any.
func (c *Client) traceEvent(ev TraceEvent) {
	if c.trace != nil {
		c.trace(ev)
	}
}

// drainClose reads a little of what is left so the connection can be kept
// alive, then closes the body.
func drainClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
	_ = resp.Body.Close()
}

func (c *Client) statusError(op string, resp *http.Response) error {
	te := &TransportError{
		Op:         op,
		StatusCode: resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()),
	}
	if resp.Request != nil {
		te.Host, te.Proxy = hostOf(resp.Request.URL), c.proxyFor(resp.Request)
	}
	return te
}

// hostOf is u's host as a person would type it: the port only when it
// is not the scheme's own.
func hostOf(u *url.URL) string {
	host, port := u.Hostname(), u.Port()
	if port == "" || (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		return host
	}
	return net.JoinHostPort(host, port)
}

// proxyFor is the proxy req goes through (host:port, never its user info),
// "" for none or when the transport is not one whose proxy can be asked.
func (c *Client) proxyFor(req *http.Request) string {
	t, ok := c.hc.Transport.(*http.Transport)
	if !ok || t.Proxy == nil {
		return ""
	}
	p, err := t.Proxy(req)
	if err != nil || p == nil {
		return ""
	}
	return SanitizeText(p.Host, 255)
}

// parseRetryAfter reads delay-seconds or an HTTP-date (RFC 9110 §10.2.3),
// capped at a day so a silly value cannot stall the app forever.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	const maxWait = 24 * time.Hour
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(maxWait/time.Second) {
			return maxWait
		}
		return time.Duration(n) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	d := t.Sub(now)
	if d < 0 {
		return 0
	}
	return min(d, maxWait)
}

// callJSON does one request and decodes the reply envelope.
func (c *Client) callJSON(ctx context.Context, op, method string, u *url.URL, locale string) (envelope, error) {
	resp, err := c.send(ctx, op, method, u, locale)
	if err != nil {
		return envelope{}, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		drainClose(resp)
		c.traceEvent(c.replyEvent(op, resp))
		return envelope{}, c.statusError(op, resp)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		_ = resp.Body.Close()
		if cerr := ctx.Err(); cerr != nil {
			return envelope{}, fmt.Errorf("%s: %w", op, cerr)
		}
		return envelope{}, &TransportError{Op: op, Err: err}
	}
	if len(body) > maxBody {
		_ = resp.Body.Close() // not worth draining: the connection goes
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply too large"}
	}
	drainClose(resp)
	env, err := decodeEnvelope(op, body)
	c.traceJSON(op, resp, env, err)
	return env, err
}
