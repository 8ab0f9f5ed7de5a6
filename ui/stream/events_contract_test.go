package stream

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/cli"
)

// EVENTS.md, the -json contract, is what the code can emit, both ways:
// every reason, every event and every field of each event the code can
// write is documented, and EVENTS.md documents nothing the code cannot
// write. A failure says what to add where.
func TestEventsDocIsTheContract(t *testing.T) {
	doc := readEventsDoc(t)
	docReasons := docReasonList(t, doc)
	docEvents := docEventTable(t, doc)
	emitted := emittedEvents(t)

	reasons := emittedReasons()
	for _, r := range reasons {
		if !slices.Contains(docReasons, r) {
			t.Errorf("the code can emit \"reason\":%q: add `%s` to a bullet of EVENTS.md's \"The reasons:\" list", r, r)
		}
	}
	for _, r := range docReasons {
		if !slices.Contains(reasons, r) {
			t.Errorf("EVENTS.md lists the reason `%s`, which nothing emits (no passport.Kind has that name): take it out of the \"The reasons:\" list", r)
		}
	}

	for _, ev := range sortedKeys(emitted) {
		doc, ok := docEvents[ev]
		if !ok {
			t.Errorf("the code can emit \"event\":%q: add a row \"| `%s` | when | %s |\" to EVENTS.md's event table", ev, ev, backticked(emitted[ev]))
			continue
		}
		for _, f := range emitted[ev] {
			if !slices.Contains(doc, f) {
				t.Errorf("event %q can carry the field %q: add `%s` to its \"other fields\" in EVENTS.md's event table (or \"error fields\" for reason, code, http_status, message)", ev, f, f)
			}
		}
		for _, f := range doc {
			if !slices.Contains(emitted[ev], f) {
				t.Errorf("EVENTS.md's row for %q lists the field `%s`, which that event never carries: take it out of the row", ev, f)
			}
		}
	}
	for _, ev := range sortedKeys(docEvents) {
		if _, ok := emitted[ev]; !ok {
			t.Errorf("EVENTS.md's event table has a row for `%s`, which nothing emits: take the row out (or emit it from model/events.go and ui/stream)", ev)
		}
	}

	// The examples under the table are lines the code could print.
	for _, line := range docExamples(doc) {
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Errorf("EVENTS.md's example %s is not JSON: %v", line, err)
			continue
		}
		ev, _ := obj["event"].(string)
		fields, ok := emitted[ev]
		if !ok {
			t.Errorf("EVENTS.md's example %s: no such event", line)
			continue
		}
		for _, f := range flatKeys(obj) {
			if f != "v" && f != "event" && !slices.Contains(fields, f) {
				t.Errorf("EVENTS.md's example %s has the field %q, which %q never carries", line, f, ev)
			}
		}
		if r, ok := obj["reason"].(string); ok && !slices.Contains(reasons, r) {
			t.Errorf("EVENTS.md's example %s has a reason no error has", line)
		}
	}
}

// EVENTS.md names the reason a failed PNG or save has: a file error's.
func TestEventsDocFileErrorsSayFile(t *testing.T) {
	if got := passport.KindOf(errPNG).String(); got != "file" {
		t.Fatalf("a file error's reason is %q", got)
	}
	for _, line := range docExamples(readEventsDoc(t)) {
		if strings.Contains(line, `"event":"png_failed"`) || strings.Contains(line, `"event":"save_failed"`) {
			if !strings.Contains(line, `"reason":"file"`) {
				t.Errorf("EVENTS.md's example %s: a file that cannot be written is \"reason\":\"file\"", line)
			}
		}
	}
}

// The man page's OUTPUT section (ui/cli's Events and Reasons) names
// every event and reason the code can write, and nothing else.
func TestManPageEventsAndReasons(t *testing.T) {
	emitted := emittedEvents(t)
	reasons := emittedReasons()
	var manEvents, manReasons []string
	for _, e := range cli.Events {
		manEvents = append(manEvents, e.Term)
	}
	for _, e := range cli.Reasons {
		manReasons = append(manReasons, e.Term)
	}
	sort.Strings(manEvents)
	sort.Strings(manReasons)
	if want := sortedKeys(emitted); !slices.Equal(manEvents, want) {
		t.Errorf("ui/cli/reference.go's Events are %v; the code can write %v", manEvents, want)
	}
	if !slices.Equal(manReasons, reasons) {
		t.Errorf("ui/cli/reference.go's Reasons are %v; the code can write %v", manReasons, reasons)
	}
}

func readEventsDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("EVENTS.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var tickName = regexp.MustCompile("`([a-z][a-z0-9_]*)`")

// docReasonList is the list after "Error fields: … The reasons:": the
// backticked names of its bullets, leaving out what the parentheses say
// about each (codes, statuses, other fields).
func docReasonList(t *testing.T, doc string) []string {
	t.Helper()
	const intro = "The reasons:\n"
	i := strings.Index(doc, intro)
	if i < 0 || !strings.Contains(doc[:i], "Error fields: `reason` is a stable name") {
		t.Fatalf("EVENTS.md has no \"Error fields: `reason` is a stable name … %s\": the reason list is gone", strings.TrimSpace(intro))
	}
	list := doc[i+len(intro):]
	list = list[:strings.Index(list, "\n\n")]
	for paren := regexp.MustCompile(`\([^()]*\)`); paren.MatchString(list); {
		list = paren.ReplaceAllString(list, "")
	}
	var out []string
	for _, m := range tickName.FindAllStringSubmatch(list, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// docEventTable is the event table: each event's fields ("error fields"
// stands for the four an error has).
func docEventTable(t *testing.T, doc string) map[string][]string {
	t.Helper()
	const header = "| event | when | other fields |"
	i := strings.Index(doc, header)
	if i < 0 {
		t.Fatalf("EVENTS.md has no %q: the event table is gone", header)
	}
	out := map[string][]string{}
	for _, l := range strings.Split(doc[i:], "\n")[2:] {
		if !strings.HasPrefix(l, "|") {
			break
		}
		cols := strings.Split(l, "|")
		if len(cols) < 4 {
			t.Fatalf("EVENTS.md's event table row %q has no fields column", l)
		}
		m := tickName.FindStringSubmatch(cols[1])
		if m == nil {
			t.Fatalf("EVENTS.md's event table row %q names no event", l)
		}
		fields := map[string]bool{}
		for _, f := range tickName.FindAllStringSubmatch(cols[3], -1) {
			fields[f[1]] = true
		}
		if strings.Contains(cols[3], "error fields") {
			for _, f := range errorFields {
				fields[f] = true
			}
		}
		out[m[1]] = sortedKeys(fields)
	}
	return out
}

var errorFields = []string{"reason", "code", "http_status", "message"}

// docExamples are the JSON lines of EVENTS.md's example blocks.
func docExamples(doc string) []string {
	var out []string
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, `{"v":`) {
			out = append(out, l)
		}
	}
	return out
}

// emittedEvents is every event the code can write, with every field it can
// carry: each model event with everything filled in and each sort of error,
// and the ends View.End writes.
func emittedEvents(t *testing.T) map[string][]string {
	q := testQR(t)
	errs := []error{err503, errAPI, errNoDev, errPNG}
	account := mika
	account.Expires = time.Date(2027, 5, 30, 9, 35, 46, 0, time.UTC) // the session's end, where known
	fields := map[string]map[string]bool{}
	add := func(line []byte) {
		var obj map[string]any
		if err := json.Unmarshal(line, &obj); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		ev := obj["event"].(string)
		if fields[ev] == nil {
			fields[ev] = map[string]bool{}
		}
		for _, f := range flatKeys(obj) {
			if f != "v" && f != "event" {
				fields[ev][f] = true
			}
		}
	}
	// a trusted link, and one that is not (untrusted says why)
	tickets := []passport.Ticket{{Host: "www.bilibili.tv", Trusted: true}, {Host: "evil.example", InsecureScheme: "http"}}
	for k := model.EventKind(1); k.String() != "unknown"; k++ {
		for i, err := range append(errs, nil) {
			add(Encode(model.Event{Kind: k, Locale: "en_US", QR: q, Ticket: tickets[i%len(tickets)],
				ExpiresIn: time.Minute, RetryIn: time.Second, Err: err, Account: account, SavedTo: "/c.txt", Format: "netscape", Unverified: err}))
		}
	}
	for _, end := range []struct {
		res model.Result
		sig os.Signal
	}{
		{model.Result{Outcome: model.Cancelled, Locale: "en_US"}, syscall.SIGTERM},
		{model.Result{Outcome: model.Crashed, Crash: &model.Crash{Value: "boom"}, Locale: "en_US"}, nil},
	} {
		var out bytes.Buffer
		New(Options{JSON: &out}).End(end.res, end.sig)
		for _, l := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			add(l)
		}
	}
	out := map[string][]string{}
	for ev, fs := range fields {
		out[ev] = sortedKeys(fs)
	}
	return out
}

// emittedReasons is every reason a line can carry: each passport.Kind's
// name (none is no error), and the one a crash's end carries.
func emittedReasons() []string {
	var out []string
	for k := passport.KindNone + 1; !strings.HasPrefix(k.String(), "Kind("); k++ {
		out = append(out, k.String())
	}
	var crash bytes.Buffer
	New(Options{JSON: &crash}).End(model.Result{Outcome: model.Crashed, Crash: &model.Crash{Value: "boom"}}, nil)
	var obj map[string]any
	if json.Unmarshal(crash.Bytes(), &obj) == nil {
		if r, ok := obj["reason"].(string); ok && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

// flatKeys is obj's keys and those of the objects in it.
func flatKeys(obj map[string]any) []string {
	var out []string
	for k, v := range obj {
		out = append(out, k)
		if inner, ok := v.(map[string]any); ok {
			out = append(out, flatKeys(inner)...)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func backticked(fields []string) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "`%s`", f)
	}
	return b.String()
}
