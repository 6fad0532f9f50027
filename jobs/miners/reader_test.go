package miners

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func serve(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestReaderReadsWithToken(t *testing.T) {
	body := fixture(t, "xmrig.json")
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/2/summary" || r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		w.Write(body)
	})
	s, err := NewReader(Source{URL: url + "/2/summary", Format: FormatXMRig, Token: "tok"}, time.Second).Read(context.Background())
	if err != nil || s.Total != 28413370.5 {
		t.Fatalf("Read = %+v, %v", s, err)
	}
	_, err = NewReader(Source{URL: url + "/2/summary", Format: FormatXMRig, Token: "bad"}, time.Second).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong token: %v", err)
	}
}

func TestReaderTimesOut(t *testing.T) {
	release := make(chan struct{})
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	start := time.Now()
	_, err := NewReader(Source{URL: url, Format: FormatTRex}, 100*time.Millisecond).Read(context.Background())
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestReaderNothingListening(t *testing.T) {
	port, _ := FreePort()
	src := Source{URL: "http://127.0.0.1:" + strconv.Itoa(port) + "/summary", Format: FormatTRex}
	if _, err := NewReader(src, time.Second).Read(context.Background()); err == nil {
		t.Fatal("no error with nothing listening")
	}
}

func TestPollEveryInterval(t *testing.T) {
	var mu sync.Mutex
	hits := 0
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
		w.Write([]byte(`{"hashrate": 7}`))
	})
	ctx, cancel := context.WithTimeout(context.Background(), 260*time.Millisecond)
	defer cancel()
	var got []float64
	Poll(ctx, Source{URL: url, Format: FormatTRex}, 50*time.Millisecond, time.Second, func(s Stats, err error) {
		if err != nil {
			t.Error(err)
		}
		got = append(got, s.Total)
	})
	if len(got) < 4 || len(got) > 7 || got[0] != 7 {
		t.Fatalf("polled %d times: %v", len(got), got)
	}
}
