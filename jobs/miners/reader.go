package miners

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

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
	return &Reader{src: src, client: &http.Client{Timeout: timeout, Transport: tr}}
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
