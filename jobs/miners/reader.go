package miners

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

// ownUID is the user whose sockets may answer for a miner RigShift
// started; a variable for the tests.
var ownUID = os.Getuid()

// Poll timing defaults: PRODUCT.md asks for a poll every 5–10 s with a
// 2–5 s timeout.
const (
	DefaultPollEvery   = 5 * time.Second
	DefaultPollTimeout = 3 * time.Second
	maxAnswer          = 2 << 20 // bytes of an API answer read at most
)

// Reader reads a miner's stats over HTTP.
type Reader struct {
	src    Source
	client *http.Client
}

// NewReader returns a Reader for src whose requests give up after timeout
// (DefaultPollTimeout when ≤ 0). It never uses a proxy: the API is local.
func NewReader(src Source, timeout time.Duration) *Reader {
	if timeout <= 0 {
		timeout = DefaultPollTimeout
	}
	tr := &http.Transport{Proxy: nil, MaxIdleConns: 1, IdleConnTimeout: 30 * time.Second}
	if src.Own {
		tr.DialContext = ownDial
	}
	return &Reader{src: src, client: &http.Client{Timeout: timeout, Transport: tr}}
}

// notOwnError is another user's program answering on the miner's port.
type notOwnError struct{ port, uid int }

func (e *notOwnError) Error() string {
	return fmt.Sprintf("the miner's API port %d is held by another user's program (user id %d), not by the miner; RigShift does not use its figures", e.port, e.uid)
}

// ownDial connects to a miner RigShift started, and refuses the
// connection when another user's program answers (see checkOwner). Once
// per connection: the API's connection is kept between reads.
func ownDial(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	if err := checkOwner(c); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Read fetches and parses one answer.
func (r *Reader) Read(ctx context.Context) (Stats, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.src.URL, nil)
	if err != nil {
		return Stats{}, fmt.Errorf("miner API request: %w", err)
	}
	if r.src.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.src.Token)
	}
	resp, err := r.client.Do(req)
	if ne := (*notOwnError)(nil); errors.As(err, &ne) {
		return Stats{}, ne // it answers, but it is not the miner
	}
	if err != nil {
		return Stats{}, fmt.Errorf("miner API not answering: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return Stats{}, fmt.Errorf("reading miner API answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return Stats{}, fmt.Errorf("miner API answered %s", resp.Status)
	}
	return Parse(r.src.Format, body)
}

// Close releases idle connections.
func (r *Reader) Close() { r.client.CloseIdleConnections() }

// Poll reads src every interval (DefaultPollEvery when ≤ 0), starting at
// once, and hands each result to fn until ctx ends. fn runs on Poll's
// goroutine; a slow fn delays the next read, never overlaps it.
func Poll(ctx context.Context, src Source, every, timeout time.Duration, fn func(Stats, error)) {
	if every <= 0 {
		every = DefaultPollEvery
	}
	r := NewReader(src, timeout)
	defer r.Close()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s, err := r.Read(ctx)
		if ctx.Err() != nil {
			return
		}
		fn(s, err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
