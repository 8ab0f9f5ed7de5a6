package passport

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
)

const (
	pathAccount = "/x/intl/member/web/account"
	opAccount   = "member/web/account"
)

// secondOpinion says whether v2/user's answer leaves the question open, so
// that member/web/account is asked: another code than logged in or out
// (10023006, 10004004, an unknown one), a garbled reply, a code 0 without
// is_login. An explicit "logged out" is never second-guessed; no answer at
// all (network, HTTP status) is not either: the same host would most
// likely fail again, and the first reason says it better.
func secondOpinion(err error) bool {
	var api *APIError
	var ue *UnexpectedReplyError
	return errors.As(err, &api) || errors.As(err, &ue)
}

// verify asks v2/user and, when it cannot tell, member/web/account
// (PROTOCOL.md "Verify"). The second check settles it only when it is
// sure: code 0 with data.mid is logged in, -101 or 10004005 logged out;
// anything else leaves the first answer's reason standing.
func (c *Client) verify(ctx context.Context, locale string) (Account, error) {
	acct, err := c.verifyUser(ctx, locale)
	if !secondOpinion(err) || ctx.Err() != nil {
		return acct, err
	}
	second, err2 := c.verifyAccount(ctx, locale)
	switch {
	case err2 == nil:
		return second, nil
	case errors.Is(err2, ErrNotLoggedIn):
		return Account{}, ErrNotLoggedIn
	}
	return acct, err
}

// verifyAccount is GET <api>/x/intl/member/web/account, the check
// Bilibili International's own bilibili-studio app makes
// (bililive/secret/services/user_account_service_impl.cpp): code 0 with
// data.mid (data.uname the name) means logged in. That app reads every other
// code as logged out; only -101 and 10004005 are read so here, the rest is
// inconclusive (*APIError) as on v2/user.
func (c *Client) verifyAccount(ctx context.Context, locale string) (Account, error) {
	data, err := c.gatewayData(ctx, opAccount, endpoint(c.api, pathAccount, locale, nil), locale)
	if err != nil {
		return Account{}, err
	}
	mid, ok := jsonInt(data["mid"])
	if !ok || mid <= 0 {
		return Account{}, &UnexpectedReplyError{Op: opAccount, Reason: "reply has no mid"}
	}
	return Account{Mid: mid, Name: SanitizeText(jsonString(data["uname"]), maxName)}, nil
}

// gatewayData asks one of the two verifiers and returns its data object
// (nil when there is none): ErrNotLoggedIn for the logged-out codes, an
// *APIError for any other non-zero one.
func (c *Client) gatewayData(ctx context.Context, op string, u *url.URL, locale string) (map[string]json.RawMessage, error) {
	env, err := c.callJSON(ctx, op, http.MethodGet, u, locale)
	if err != nil {
		return nil, err
	}
	if notLoggedInCodes[env.Code] {
		return nil, ErrNotLoggedIn
	}
	if env.Code != CodeOK {
		return nil, env.apiError(op)
	}
	data, _ := jsonObject(env.Data)
	return data, nil
}
