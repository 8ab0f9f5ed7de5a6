package passport

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// DeviceCookie is the name of the device cookie every browser on the site
// carries (PROTOCOL.md "The device cookie").
const DeviceCookie = "buvid3"

// deviceLifetime is how long the site keeps the device cookie it makes.
const deviceLifetime = 365 * 24 * time.Hour

// deviceFormat is the site's buvid3: a lower-case UUID v4 with dashes, an
// integer 0–65535 in decimal, then "infoc". Whether the integer is ever
// zero-padded is not known [inferred], so 1 to 5 digits are all taken.
// Compiled on first use: at init it cost every start 0.4 ms before main.
var deviceFormat = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}([0-9]{1,5})infoc$`)
})

// WellFormedDevice says whether v has the shape of the site's own buvid3.
func WellFormedDevice(v string) bool {
	m := deviceFormat().FindStringSubmatch(v)
	if m == nil {
		return false
	}
	n, err := strconv.Atoi(m[1])
	return err == nil && n <= 0xffff
}

// newDeviceID makes a buvid3 the way the site's own page does when it first
// loads and finds none (the www.bilibili.tv bundle vendor-fd5e6eea,
// vendor.js, its buvid3 generator; PROTOCOL.md "The device cookie"): a
// random UUID v4, lower case with dashes, then a random integer 0–65535 in
// decimal, then the literal "infoc".
func newDeviceID(r io.Reader) (string, error) {
	var b [18]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(b[:16])
	return fmt.Sprintf("%s-%s-%s-%s-%s%dinfoc", h[:8], h[8:12], h[12:16], h[16:20], h[20:32],
		binary.BigEndian.Uint16(b[16:])), nil
}

// ensureDevice puts a buvid3 into the jar before the first request, when
// none would be sent to the passport host: one a reply set, or a saved
// session or shared jar brought, is kept as it is and never replaced. The
// cookie is set as the site sets it: on the passport's site domain
// (.bilibili.tv in production), Path=/, for 365 days, readable by scripts.
// If no randomness can be had, no cookie is made: the request goes as it
// went before the site's habit was known, and the gateway's 10023006 then
// says why a check was inconclusive.
func (c *Client) ensureDevice() {
	c.deviceOnce.Do(func() {
		for _, ck := range c.jar.cookiesFor(c.passport) {
			if ck.Name == DeviceCookie {
				return
			}
		}
		r := c.rand
		if r == nil {
			r = rand.Reader
		}
		id, err := newDeviceID(r)
		if err != nil {
			return
		}
		domain, hostOnly := c.siteDomain()
		c.jar.load([]Cookie{{
			Name: DeviceCookie, Value: id, Domain: domain, HostOnly: hostOnly, Path: "/",
			Expires: c.now().Add(deviceLifetime).UTC(),
		}})
	})
}

// DeviceCookies are the device cookies among cs: what a new login takes
// over from a saved session, so that the site sees the same device again.
func DeviceCookies(cs []Cookie) []Cookie {
	var out []Cookie
	for _, ck := range cs {
		if ck.Name == DeviceCookie {
			out = append(out, ck)
		}
	}
	return out
}
