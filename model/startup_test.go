package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// The start-up's questions to the terminal are out before the first code
// can be drawn, whatever order Bubble Tea runs a batch in: a ticket fetched
// before the program started arrives at once, and a question still unsent
// when q is pressed would have its answer typed into the shell after
// biliqr has gone.
func TestStartupQueriesGoOutBeforeTheCode(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	defer srv.Close()
	client, err := passport.New(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	m := New(Config{Client: client, Locale: "en_US", ProbeGraphics: true,
		After: func(_ time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }})
	m.Prefetch()
	var order []string
	for _, msg := range runTree(m.Init(), true) {
		switch msg := msg.(type) {
		case tea.RawMsg:
			if strings.Contains(fmt.Sprint(msg.Msg), ui.GraphicsProbe(false)) {
				order = append(order, "graphics query")
			}
		case ticketFetchedMsg:
			order = append(order, "code")
		}
	}
	if want := []string{"graphics query", "code"}; !slices.Equal(order, want) {
		t.Errorf("Init, its batches run back to front, gave %q; want %q", order, want)
	}
}
