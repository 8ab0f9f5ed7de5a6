// Command panicapp is the biliqr model wired to a passport client that
// panics (or, in "update" mode, to a model whose Update panics), so that a
// test can watch the terminal being restored before the trace is printed.
// It ends the way main does, through model.ReportCrash. Only the tests
// build it (testdata is outside ./...).
package main

import (
	"context"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
)

type panickyClient struct{}

func (panickyClient) RequestTicket(context.Context, string) (passport.Ticket, error) {
	panic("boom in RequestTicket")
}
func (panickyClient) PollQR(context.Context, passport.Ticket, string) (passport.PollResult, error) {
	panic("boom in PollQR")
}
func (panickyClient) Complete(context.Context, passport.Confirmation, string) (passport.Session, error) {
	panic("boom in Complete")
}

// stuckClient never answers: the app stays on "Requesting a QR code…".
type stuckClient struct{ panickyClient }

func (stuckClient) RequestTicket(ctx context.Context, _ string) (passport.Ticket, error) {
	<-ctx.Done()
	return passport.Ticket{}, ctx.Err()
}

// panicOnX panics in Update, on the Bubble Tea goroutine, when x is pressed.
type panicOnX struct{ *model.Model }

func (p panicOnX) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "x" {
		panic("boom in Update")
	}
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

func main() {
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	var client model.Passport = panickyClient{}
	if mode == "update" {
		client = stuckClient{}
	}
	m := model.New(model.Config{
		Client: client,
		Locale: "en_US",
		Save:   func(context.Context, passport.Session) (string, error) { return "", nil },
	})
	var root tea.Model = m
	switch mode {
	case "prefetch":
		m.Prefetch() // the panic happens on our own goroutine, before Run
	case "update":
		root = panicOnX{m}
	}
	_, err := tea.NewProgram(root).Run()
	if model.ReportCrash(os.Stderr, m.Result(), err, "netscape") {
		os.Exit(1)
	}
	fmt.Println("no crash reported; run returned:", err)
	os.Exit(0)
}
