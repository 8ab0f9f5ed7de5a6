// Command panicapp is the biliqr model wired to a passport client that
// panics, so that a test can watch the terminal being restored before the
// trace is printed. Only the tests build it (testdata is outside ./...).
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

func main() {
	m := model.New(model.Config{
		Client: panickyClient{},
		Locale: "en_US",
		Save:   func(context.Context, passport.Session) (string, error) { return "", nil },
	})
	if len(os.Args) > 1 && os.Args[1] == "prefetch" {
		m.Prefetch() // the panic happens on our own goroutine, before Run
	}
	_, err := tea.NewProgram(m).Run()
	fmt.Println("run returned:", err)
	os.Exit(1)
}
