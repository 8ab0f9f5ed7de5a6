// Command ticker is the floor BenchmarkWaitingCost measures biliqr
// against: a Go program that does nothing but wake on a ticker, as the
// countdown must (once a second) while a code is shown.
package main

import (
	"flag"
	"time"
)

func main() {
	hz := flag.Int("hz", 1, "wakeups a second")
	flag.Parse()
	t := time.NewTicker(time.Second / time.Duration(*hz))
	for range t.C {
	}
}
