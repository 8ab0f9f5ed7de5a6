package passport

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// PollQR asks whether the ticket was scanned or confirmed (PROTOCOL.md §2).
// Any code other than the four known ones is an *APIError, never success.
func (c *Client) PollQR(ctx context.Context, t Ticket, locale string) (PollResult, error) {
	if t.ID == "" {
		return PollResult{}, errors.New("passport: PollQR needs a ticket")
	}
	u := endpoint(c.passport, pathPoll, locale, url.Values{"ticket": {t.ID}, "platform": c.platform["platform"]})
	env, err := c.callJSON(ctx, opPoll, http.MethodGet, u, locale)
	if err != nil {
		return PollResult{}, err
	}
	switch env.Code {
	case CodeNotScanned:
		return PollResult{Status: Waiting}, nil
	case CodeScanned:
		return PollResult{Status: Scanned}, nil
	case CodeExpired:
		return PollResult{Status: Expired}, nil
	case CodeOK:
	default:
		return PollResult{}, env.apiError(opPoll)
	}
	// Code 0 is a confirmed login whatever its data (the site's own bundle
	// reloads the page on code 0 and reads nothing of it; PROTOCOL.md §2):
	// missing, null or not an object, the cookies decide, and the account
	// comes from verification or DedeUserID. BBDownT calls such a reply
	// malformed; the site's own reading wins.
	data, _ := jsonObject(env.Data)
	conf := Confirmation{GoURL: strings.TrimSpace(jsonString(data["go_url"]))}
	conf.Mid, _ = jsonInt(data["mid"])
	_ = json.Unmarshal(data["is_new"], &conf.IsNew) // anything but a bool reads as false
	name := jsonString(lookup(data, "user_profile", "name"))
	if strings.TrimSpace(name) == "" {
		name = jsonString(data["name"])
	}
	conf.Name = SanitizeText(name, maxName)
	// The platform=tv shape: cookies and tokens in the body. The tokens are
	// secrets and not kept at all; only the mid is read.
	c.loadBodyCookies(data["cookie_info"])
	if conf.Mid <= 0 {
		conf.Mid, _ = jsonInt(lookup(data, "token_info", "mid"))
	}
	return PollResult{Status: Confirmed, Confirmation: conf}, nil
}
