package stream

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport/session"
)

// A session the header format cannot hold is its own reason, "format",
// with a whole sentence that says what to do: another -format.
func TestSaveFailedHeaderFormat(t *testing.T) {
	ev := model.Event{Kind: model.EventSaveFailed, Locale: "en_US", Err: &session.FormatError{Cookie: "SESSDATA"}}
	var got struct{ Reason, Message string }
	if err := json.Unmarshal(Encode(ev), &got); err != nil {
		t.Fatal(err)
	}
	if got.Reason != "format" {
		t.Errorf("reason %q, want format", got.Reason)
	}
	if !strings.HasSuffix(got.Message, "log in again with -format netscape or -format json") || !strings.Contains(got.Message, "cookie SESSDATA") {
		t.Errorf("message %q is not the whole sentence", got.Message)
	}
	sum := model.Result{Outcome: model.SaveFailed, Locale: "zh_ZH", Err: ev.Err}.Summary("header")
	if !strings.Contains(sum, "-format json") || strings.Contains(sum, "Something went wrong") {
		t.Errorf("summary %q", sum)
	}
}
