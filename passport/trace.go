package passport

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"time"
)

// replyEvent describes resp for Options.Trace, without a secret: the
// names of the cookies it set, whether the request carried a buvid3 and
// whether the reply set one of its own, and the expiry SESSDATA was given
// (what the live login test reports, PROTOCOL.md "Open questions").
func (c *Client) replyEvent(op string, resp *http.Response) TraceEvent {
	ev := TraceEvent{Op: op}
	if resp.Request != nil {
		began, _ := resp.Request.Context().Value(beganKey{}).(time.Time)
		ev = requestEvent(op, resp.Request, began)
		ev.Proxy = c.proxyFor(resp.Request)
	}
	ev.Status = resp.StatusCode
	for _, ck := range resp.Cookies() {
		ev.Cookies = append(ev.Cookies, ck.Name)
		switch ck.Name {
		case DeviceCookie:
			ev.SetDevice = true
		case "SESSDATA":
			switch {
			case ck.MaxAge > 0:
				ev.SessionExpires = c.now().Add(time.Duration(ck.MaxAge) * time.Second).UTC()
			case !ck.Expires.IsZero():
				ev.SessionExpires = ck.Expires.UTC()
			}
		}
	}
	return ev
}

// beganKey holds, in a reply's request context, when the request was sent
// (for TraceEvent.Elapsed).
type beganKey struct{}

// requestEvent describes req for Options.Trace: method, host, path, the
// names of its query parameters and cookies, and the time since began (zero
// began: none). No value of either ever goes in.
func requestEvent(op string, req *http.Request, began time.Time) TraceEvent {
	ev := TraceEvent{Op: op, Method: req.Method}
	if req.URL != nil {
		ev.Host, ev.Path = hostOf(req.URL), SanitizeText(req.URL.Path, 200)
		for name := range req.URL.Query() {
			ev.Query = append(ev.Query, SanitizeText(name, 64))
		}
		sort.Strings(ev.Query)
	}
	for _, ck := range req.Cookies() {
		ev.Sent = append(ev.Sent, SanitizeText(ck.Name, 64))
		ev.SentDevice = ev.SentDevice || ck.Name == DeviceCookie
	}
	if !began.IsZero() {
		ev.Elapsed = time.Since(began)
	}
	return ev
}

// dataFields lists the field names of data, and one level into objects
// ("token_info.mid"): names only, never a value.
func dataFields(raw json.RawMessage) []string {
	m, ok := jsonObject(raw)
	if !ok {
		return nil
	}
	var out []string
	for k, v := range m {
		out = append(out, SanitizeText(k, 64))
		if sub, ok := jsonObject(v); ok {
			for sk := range sub {
				out = append(out, SanitizeText(k+"."+sk, 128))
			}
		}
	}
	sort.Strings(out)
	return out
}

// traceJSON reports a JSON reply to Options.Trace.
func (c *Client) traceJSON(op string, resp *http.Response, env envelope, err error) {
	if c.trace == nil {
		return
	}
	ev := c.replyEvent(op, resp)
	ev.Code, ev.HasCode = env.Code, err == nil
	if err != nil {
		ev.Err = err.Error()
	}
	data, ok := jsonObject(env.Data)
	if ok && op == opUser {
		ev.IsLogin = SanitizeText(string(bytes.TrimSpace(data["is_login"])), 16)
	}
	if err == nil && env.Code == CodeOK && (op == opPoll || op == opUser || op == opAccount) {
		ev.DataFields = dataFields(env.Data)
	}
	c.traceEvent(ev)
}
