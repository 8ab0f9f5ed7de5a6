package passport

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
)

// notLoggedInCodes are the gateway codes that mean "no session"
// (PROTOCOL.md §4: -101 not logged in, 10004005 login required). Every
// other non-zero code is inconclusive: the site's bundle's own error table
// has 10004004 for
// "premium needed" and 10023006 for "no buvid device id", neither of which
// says the cookies are no session.
var notLoggedInCodes = map[int]bool{CodeNotLoggedIn: true, CodeLoginRequired: true}

// Verify asks the gateway whether the jar holds a session (PROTOCOL.md §4):
// v2/user, then member/web/account when v2/user cannot tell. nil: it does.
// ErrNotLoggedIn: it does not (-101, 10004005, is_login false). Any other
// error means the check was inconclusive: an *APIError with another code
// (10004004, 10023006, unknown), a *TransportError, or an
// *UnexpectedReplyError, each as v2/user gave it.
func (c *Client) Verify(ctx context.Context, locale string) (Account, error) {
	return c.verify(ctx, locale)
}

// verifyUser asks v2/user, and once more when the reply rotated the
// cookies it was judged with, so the saved cookies are the ones known good
// (BBDownT; PROTOCOL.md §4).
func (c *Client) verifyUser(ctx context.Context, locale string) (Account, error) {
	u := endpoint(c.api, pathUser, locale, nil)
	before := c.jar.header(u)
	acct, err := c.verifyOnce(ctx, u, locale)
	if err == nil && c.jar.header(u) != before {
		acct, err = c.verifyOnce(ctx, u, locale)
	}
	return acct, err
}

func (c *Client) verifyOnce(ctx context.Context, u *url.URL, locale string) (Account, error) {
	data, err := c.gatewayData(ctx, opUser, u, locale)
	if err != nil {
		return Account{}, err
	}
	switch isLogin := string(bytes.TrimSpace(data["is_login"])); isLogin {
	case "true":
	case "false":
		return Account{}, ErrNotLoggedIn
	default:
		// Code 0 without a yes or no: neither reading can be ruled out.
		return Account{}, &UnexpectedReplyError{Op: opUser, Reason: "reply says nothing of is_login"}
	}
	// The site's bundle reads nickname for the user's name; the other keys
	// are seen in related APIs and looked at only defensively [inferred].
	var acct Account
	for _, path := range [][]string{
		{"nickname"}, {"name"}, {"uname"}, {"user", "name"}, {"profile", "name"}, {"user_info", "uname"},
	} {
		if n := SanitizeText(jsonString(lookup(data, path...)), maxName); n != "" {
			acct.Name = n
			break
		}
	}
	for _, path := range [][]string{{"mid"}, {"user", "mid"}} {
		if n, ok := jsonInt(lookup(data, path...)); ok && n > 0 {
			acct.Mid = n
			break
		}
	}
	acct.Premium = membership(lookup(data, "vip_info", "is_vip"))
	return acct, nil
}

// membership reads vip_info.is_vip, which the site's bundle reads as a
// truthy value: true/false, or 1/0 (a number or a numeric string, as other
// bilibili APIs send vip flags). Anything else, or no vip_info, says
// nothing.
func membership(raw json.RawMessage) Membership {
	switch string(bytes.TrimSpace(raw)) {
	case "true":
		return MembershipPremium
	case "false":
		return MembershipFree
	}
	switch n, ok := jsonInt(raw); {
	case !ok:
		return MembershipUnknown
	case n == 0:
		return MembershipFree
	case n == 1:
		return MembershipPremium
	}
	return MembershipUnknown
}
