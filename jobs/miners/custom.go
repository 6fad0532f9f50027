package miners

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// custom launches the owner's own command line. It cannot know the miner's
// device flag, so a GPU selection reaches it as CUDA_VISIBLE_DEVICES.
func (p Preset) custom(inventory []GPU, gpus []string) (Launch, error) {
	l := Launch{Path: p.Executable, Args: append(append([]string{}, p.Args...), p.Extra...), Secrets: nonEmpty(p.Password, p.APIToken)}
	if len(gpus) > 0 {
		devices, byBus, err := CUDADevices(inventory, gpus)
		if err != nil {
			return Launch{}, err
		}
		l.Env = []string{"CUDA_VISIBLE_DEVICES=" + strings.Join(devices, ",")}
		if byBus {
			l.Env = append(l.Env, CUDAOrderEnv)
		}
	}
	if p.StatsURL == "" {
		return l, nil
	}
	u, err := url.Parse(p.StatsURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Launch{}, fmt.Errorf("stats URL %q is not an http(s) URL", p.StatsURL)
	}
	if _, err := Parse(p.StatsFormat, []byte("{}")); err != nil {
		return Launch{}, fmt.Errorf("stats format: %w", err)
	}
	l.Stats = Source{URL: p.StatsURL, Format: p.StatsFormat, Token: p.APIToken}
	return l, nil
}

// splitPool returns the pool's host:port and whether it asks for TLS.
func splitPool(pool string) (string, bool, error) {
	hostport, tls := pool, false
	if scheme, rest, ok := strings.Cut(pool, "://"); ok {
		scheme = strings.ToLower(scheme) // "STRATUM+SSL://" is TLS too, as xmrig reads it
		hostport, tls = rest, strings.Contains(scheme, "ssl") || strings.Contains(scheme, "tls")
	}
	hostport = strings.TrimSuffix(hostport, "/")
	if host, port, err := net.SplitHostPort(hostport); err != nil || host == "" || port == "" {
		return "", false, fmt.Errorf("pool %q is not host:port", pool)
	}
	return hostport, tls, nil
}

func nonEmpty(vals ...string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
