//go:build !unix

package signals

import tea "charm.land/bubbletea/v2"

// suspension: there is no job control here (see suspend_unix.go).
type suspension struct{}

func newSuspension() *suspension                            { return &suspension{} }
func (*suspension) start(*tea.Program)                      {}
func (*suspension) filter(_ tea.Model, msg tea.Msg) tea.Msg { return msg }
func (*suspension) stop()                                   {}
