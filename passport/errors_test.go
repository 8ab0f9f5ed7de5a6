package passport

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRetryable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&TransportError{Op: "x", StatusCode: 503}, true},
		{fmt.Errorf("wrapped: %w", &TransportError{Op: "x", StatusCode: 429, RetryAfter: time.Second}), true},
		{&UnexpectedReplyError{Op: "x", Reason: "reply is an HTML page, not JSON"}, true},
		{&UnexpectedReplyError{Op: "x", Reason: "QR URL holds no ticket", Permanent: true}, false},
		{&APIError{Op: "x", Code: -404}, false},
		{ErrNotLoggedIn, false},
		{context.Canceled, false},
	} {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("Retryable(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
	if RetryAfter(fmt.Errorf("w: %w", &TransportError{RetryAfter: 7 * time.Second})) != 7*time.Second {
		t.Error("RetryAfter lost through wrapping")
	}
}

// A qr_url without a ticket is the server breaking the protocol, not a
// passing fault: asking again would get the same, so it is not retried.
func TestTicketWithoutTicketIsPermanent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"code":0,"message":"0","ttl":1,"data":{"qr_url":"https://www.bilibili.tv/h5/en/qrcode/login","qr_type":"qrcode_login"}}`)
	}))
	defer srv.Close()
	c, err := New(Options{PassportURL: srv.URL, APIURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RequestTicket(context.Background(), "en_US")
	if err == nil || Retryable(err) {
		t.Fatalf("err %v, retryable %v", err, Retryable(err))
	}
}
