package passport

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// envelope is the {code, message, ttl, data} wrapper of every JSON reply.
type envelope struct {
	Code    int
	Message string          // sanitized
	Data    json.RawMessage // nil when missing or null
}

// decodeEnvelope parses a reply body. ttl and unknown fields are ignored;
// code must be an integer (a numeric string is tolerated).
func decodeEnvelope(op string, body []byte) (envelope, error) {
	b := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	switch {
	case len(b) == 0:
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "empty reply"}
	case b[0] == '<':
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply is an HTML page, not JSON"}
	case b[0] != '{':
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply is not a JSON object"}
	}
	var raw struct {
		Code    json.RawMessage `json:"code"`
		Message json.RawMessage `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply is not valid JSON"}
	}
	code, ok := jsonInt(raw.Code)
	if !ok || code < math.MinInt32 || code > math.MaxInt32 {
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply has no integer code"}
	}
	env := envelope{Code: int(code)}
	env.Message = SanitizeText(jsonString(raw.Message), maxMessage)
	if d := bytes.TrimSpace(raw.Data); len(d) > 0 && !bytes.Equal(d, []byte("null")) {
		env.Data = d
	}
	return env, nil
}

func (e envelope) apiError(op string) error {
	return &APIError{Op: op, Code: e.Code, Message: e.Message}
}

// jsonInt reads an integer from a JSON number or numeric string.
func jsonInt(raw json.RawMessage) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, false
	}
	s := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	// 1.7e9 or 12.0: integral floats within the exact range of float64.
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return int64(f), true
	}
	return 0, false
}

// jsonString returns raw's string value, or "" for anything else.
func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// jsonObject decodes raw as an object, ok=false for anything else.
func jsonObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	return m, true
}

// lookup walks nested objects: lookup(m, "user", "name").
func lookup(m map[string]json.RawMessage, keys ...string) json.RawMessage {
	for i, k := range keys {
		v, ok := m[k]
		if !ok {
			return nil
		}
		if i == len(keys)-1 {
			return v
		}
		if m, ok = jsonObject(v); !ok {
			return nil
		}
	}
	return nil
}
