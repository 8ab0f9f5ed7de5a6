package passport

import (
	"context"
	"fmt"
	"testing"
)

// One classifier: whatever is retried has a kind of its own that says so,
// never "unexpected status" (KindHTTP), and every status of a retried
// kind is retried. 408 and 425 used to be retried yet worded as an
// unexpected status.
func TestRetryableFollowsKind(t *testing.T) {
	retriedKinds := map[Kind]bool{KindNetwork: true, KindRiskControl: true, KindRateLimited: true, KindServer: true, KindTryLater: true}
	for status := 0; status < 700; status++ {
		if status > 0 && status < 100 {
			continue
		}
		err := fmt.Errorf("wrapped: %w", &TransportError{Op: "x", StatusCode: status})
		k, retried := KindOf(err), Retryable(err)
		if retried != retriedKinds[k] {
			t.Errorf("HTTP %d: kind %v, Retryable %v", status, k, retried)
		}
		if retried && k == KindHTTP {
			t.Errorf("HTTP %d is retried but worded as an unexpected status", status)
		}
	}
	// The caller's own deadline is no network fault to retry.
	if Retryable(context.DeadlineExceeded) {
		t.Error("a bare deadline is retried")
	}
}
