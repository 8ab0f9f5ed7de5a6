package model

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
)

// noticeFor is how long a one-off notice ("Sent the link…", "No browser
// here…") stays: long enough to read, gone before it can mislead.
const noticeFor = 5 * time.Second

// noticeExpiredMsg clears the notice numbered seq, if it is still shown.
type noticeExpiredMsg struct{ seq int }

// setNotice shows a one-off line and returns the timer that clears it. A
// newer notice, or the next state (noticeAtState), clears it sooner.
func (m *Model) setNotice(text string) tea.Cmd {
	m.notice = text
	m.noticeSeq++
	return m.cfg.After(noticeFor, noticeExpiredMsg{seq: m.noticeSeq})
}

func (m *Model) onNoticeExpired(msg noticeExpiredMsg) {
	if msg.seq == m.noticeSeq {
		m.notice = ""
	}
}

// noticeAtState clears the notice when the flow moves on: what it said
// belonged to the state it was shown in. Fetching a code is one step with
// the code it brings, so a notice said while fetching (the saved session
// expired) is still shown with the code.
func (m *Model) noticeAtState(from, to state.State) {
	if from == to || to == state.Fetching || from == state.Fetching || from == state.Renewing {
		return
	}
	m.notice = ""
}
