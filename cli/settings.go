package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/store"
)

// runSettings is `rigshift settings`: the window's Settings screen for a
// rig without a display. It shows the settings, or changes some of them,
// in the running RigShift (the miner's program is checked there, on the
// machine it runs on), or in the database while RigShift is stopped.
func runSettings(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "set" {
		return runSettingsSet(args[1:], stdout, stderr)
	}
	var df dataFlags
	asJSON := false
	fs := newFlagSet("settings [flags], or rigshift settings set KEY=VALUE … to change them", stderr, "rigshift settings")
	df.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of text")
	if err := parse(fs, args); err != nil {
		return err
	}
	k, s, corrected, err := readSettings(df, false)
	if err != nil {
		return err
	}
	defer k.Close()
	if d, ok := k.(defaultSettings); ok {
		fmt.Fprintln(stderr, d.note())
	}
	if corrected != "" { // shown as RigShift will run with them, not as an older one saved them
		fmt.Fprintf(stderr, "The saved settings hold values this version refuses; RigShift corrects them when it starts, and they are shown corrected: %s.\n", corrected)
	}
	if asJSON {
		return printJSON(stdout, settingValues(s))
	}
	printSettings(stdout, s)
	return nil
}

// settingValues are the settings as `settings set` takes them, key by key,
// secrets shown as "(set)": what the text shows, for scripts. The stored
// shape (the miner's Go field names, durations in nanoseconds) was printed
// before, and a script could not feed a value back to `settings set`.
func settingValues(s control.Settings) map[string]string {
	s = redacted(s)
	values := make(map[string]string, len(settingKeys))
	for _, k := range settingKeys {
		v := k.get(&s)
		if k.secret && v != "" {
			v = secretShown
		}
		values[k.name] = v
	}
	return values
}

// redacted hides the pool password and the miner's API token, and the
// secrets in the miner's arguments (a custom miner's --pass, an extra
// --http-access-token) as its log does: settings are pasted into support
// threads.
func redacted(s control.Settings) control.Settings {
	red := logs.NewRedactor(s.Miner.Password, s.Miner.APIToken)
	for _, args := range []*[]string{&s.Miner.Args, &s.Miner.Extra} {
		if *args != nil {
			*args = red.Args(*args)
		}
	}
	for _, secret := range []*string{&s.Miner.Password, &s.Miner.APIToken} {
		if *secret != "" {
			*secret = secretShown
		}
	}
	return s
}

// printSettings writes each key and its value, as `settings set` takes them.
func printSettings(w io.Writer, s control.Settings) {
	values := settingValues(s)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range settingKeys {
		fmt.Fprintf(tw, "%s\t%s\n", k.name, values[k.name])
	}
	tw.Flush()
	fmt.Fprintln(w, "\nChange them with: rigshift settings set KEY=VALUE … (rigshift settings set --help lists the keys)")
}

func runSettingsSet(args []string, stdout, stderr io.Writer) error {
	var df dataFlags
	fs := newFlagSet("settings set KEY=VALUE …", stderr,
		"rigshift settings set miner=t-rex miner.executable=/opt/t-rex/t-rex miner.pool=stratum+tcp://pool.example:4444 miner.wallet=RX… miner.algorithm=kawpow")
	df.register(fs)
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprintf(fs.Output(), "\nKeys:\n")
		for _, k := range settingKeys {
			fmt.Fprintf(fs.Output(), "  %-22s %s\n", k.name, k.help)
		}
	}
	changes, err := parseChanges(fs, args)
	if err != nil {
		return err
	}
	if len(changes) == 0 {
		return usageError{msg: "say what to change as KEY=VALUE, e.g. electricity-per-kwh=0.21"}
	}
	probe := control.DefaultSettings() // a typo is told before anything is opened or made
	if err := applySettings(&probe, changes); err != nil {
		return err
	}
	k, s, corrected, err := readSettings(df, true)
	if err != nil {
		return err
	}
	defer k.Close()
	if err := needsCheapPrice(s, changes); err != nil {
		return err
	}
	before := s
	if err := applySettings(&s, changes); err != nil {
		return err
	}
	saved, err := k.SaveSettings(s)
	if err != nil {
		return fmt.Errorf("the settings were not saved:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	if corrected != "" {
		fmt.Fprintln(stdout, control.CorrectionEvent(corrected).Message+".")
	}
	if st, stopped := k.(storeSettings); stopped {
		st.record(corrected, before, s, stderr)
	}
	if missed := notTaken(s, saved, changes); len(missed) > 0 {
		return fmt.Errorf("the running RigShift does not know %s: it is older than this command, and the service or window was not restarted after the update. "+
			"Restart it to run this version, then set %s again (the other settings are saved)", strings.Join(missed, ", "), pronoun(len(missed)))
	}
	fmt.Fprintln(stdout, k.Saved(control.MinerChanged(before, s)))
	return nil
}

// notTaken names the keys among changes whose value sent is not what the
// keeper saved: a running RigShift older than this command drops the
// settings it has no field for, and answers with the rest.
func notTaken(sent, saved control.Settings, changes []string) []string {
	want, got := settingValues(sent), settingValues(saved)
	var missed []string
	for _, c := range changes {
		name, _, _ := strings.Cut(c, "=")
		if want[name] != got[name] && !slices.Contains(missed, name) {
			missed = append(missed, name)
		}
	}
	return missed
}

// pronoun is "it" for one setting, "them" for more.
func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// needsCheapPrice refuses cheaper hours set without their price on a rig
// that has none in effect: the price left as it was (0 for a rig that never
// had a night rate) would make those hours free without a word. Hours moved
// on a rig that has them keep their price, as on the Settings screen, where
// the price stays in its field.
func needsCheapPrice(now control.Settings, changes []string) error {
	if !now.CheapHours.AllDay() {
		return nil
	}
	var hours, price bool
	for _, c := range changes {
		name, value, _ := strings.Cut(c, "=")
		h, err := control.ParseCheapHours(value)
		hours = hours || (name == "cheap-hours" && err == nil && !h.AllDay())
		price = price || name == "cheap-per-kwh"
	}
	if hours && !price {
		return usageError{msg: "say what a kWh costs in the cheaper hours too, e.g. cheap-hours=22:00-07:00 cheap-per-kwh=0.10 (0 if free)"}
	}
	return nil
}

// parseChanges reads the flags wherever they stand among the KEY=VALUE
// arguments, which it returns.
func parseChanges(fs *flag.FlagSet, args []string) ([]string, error) {
	var changes []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, parseError(fs, err)
		}
		if fs.NArg() == 0 {
			return changes, nil
		}
		changes, args = append(changes, fs.Arg(0)), fs.Args()[1:]
	}
}

// readSettings opens where the settings are kept (openSettings) and reads
// them; the caller closes the keeper. The saved settings of a stopped
// RigShift are corrected as its start would correct them, where this
// version refuses a value or could not read it, and corrected says what
// ("" for nothing): an older RigShift's stall time of 5 s, say, made
// every change refused over a value the owner had not been asked about.
// A running RigShift corrected them when it started.
func readSettings(df dataFlags, create bool) (k settingsKeeper, s control.Settings, corrected string, err error) {
	if k, err = openSettings(df, create); err != nil {
		return nil, s, "", err
	}
	s, err = k.Settings()
	var damage *store.SettingsDamage
	if err != nil && !errors.As(err, &damage) {
		k.Close()
		return nil, s, "", err
	}
	if _, stopped := k.(storeSettings); stopped {
		s, corrected = s.CorrectionWith(damage)
	}
	return k, s, corrected, nil
}

// applySettings applies each KEY=VALUE to s, in order.
func applySettings(s *control.Settings, changes []string) error {
	for _, change := range changes {
		if err := applySetting(s, change); err != nil {
			return err
		}
	}
	return nil
}

// applySetting applies one KEY=VALUE to s.
func applySetting(s *control.Settings, change string) error {
	name, value, ok := strings.Cut(change, "=")
	if !ok {
		return usageError{msg: fmt.Sprintf("%q: write KEY=VALUE, e.g. electricity-per-kwh=0.21", change)}
	}
	i := slices.IndexFunc(settingKeys, func(k settingKey) bool { return k.name == name })
	if i < 0 {
		names := make([]string, len(settingKeys))
		for j, k := range settingKeys {
			names[j] = k.name
		}
		if meant := closest(name, names); meant != "" {
			return usageError{msg: fmt.Sprintf("there is no setting %q: did you mean %s?", name, meant)}
		}
		return usageError{msg: fmt.Sprintf("there is no setting %q (rigshift settings set --help lists them)", name)}
	}
	switch {
	case settingKeys[i].secret && value == secretShown:
		return nil // what `settings` printed for it, fed back: it stays as it is
	case !settingKeys[i].secret: // a password is taken as typed, as the Settings screen takes it
		value = strings.TrimSpace(value)
	}
	if err := settingKeys[i].set(s, value); err != nil {
		return usageError{msg: fmt.Sprintf("%s=%s: %v", name, value, err)}
	}
	return nil
}

// secretShown is what `settings` prints for a secret that is set.
const secretShown = "(set)"

// settingKey is one setting as `rigshift settings` names it.
type settingKey struct {
	name, help string
	secret     bool // shown as "(set)"
	get        func(*control.Settings) string
	set        func(*control.Settings, string) error
}

// settingKeys are the settings a rig without a display needs, in the
// Settings screen's order; where to start and the tray are the window's.
var settingKeys = append([]settingKey{
	{name: "miner", help: "the miner: " + strings.Join(minerNames(), ", ") + " or none",
		get: func(s *control.Settings) string { return orNone(string(s.Miner.Miner)) }, set: setMiner},
	programKey(textKey("miner.executable", "the miner's program, e.g. /opt/t-rex/t-rex", func(s *control.Settings) *string { return &s.Miner.Executable })),
	textKey("miner.pool", "the pool, e.g. stratum+tcp://pool.example:4444", func(s *control.Settings) *string { return &s.Miner.Pool }),
	textKey("miner.wallet", "your wallet address, or your user at the pool", func(s *control.Settings) *string { return &s.Miner.Wallet }),
	textKey("miner.worker", "this rig's name at the pool (optional)", func(s *control.Settings) *string { return &s.Miner.Worker }),
	secretKey(textKey("miner.password", "the pool's password (optional)", func(s *control.Settings) *string { return &s.Miner.Password })),
	textKey("miner.algorithm", "the algorithm as the miner names it, e.g. kawpow", func(s *control.Settings) *string { return &s.Miner.Algorithm }),
	argsKey("miner.extra", "more arguments for a preset miner, e.g. --intensity 22", func(s *control.Settings) *[]string { return &s.Miner.Extra }),
	argsKey("miner.args", "a custom miner's whole command line after its program", func(s *control.Settings) *[]string { return &s.Miner.Args }),
	textKey("miner.stats", "a custom miner's stats address, e.g. http://127.0.0.1:{port}/summary", func(s *control.Settings) *string { return &s.Miner.StatsURL }),
	{name: "miner.stats-format", help: "what a custom miner's stats look like: " + strings.Join(formatNames(), ", "),
		get: func(s *control.Settings) string { return string(s.Miner.StatsFormat) }, set: setStatsFormat},
	{name: "currency", help: "the currency's three-letter code, e.g. USD",
		get: func(s *control.Settings) string { return s.Currency }, set: setCurrency},
	numberKey("electricity-per-kwh", "what a kWh costs", func(s *control.Settings) *float64 { return &s.ElectricityPerKWh }),
	cheapHoursKey,
	numberKey("cheap-per-kwh", "what a kWh costs in those hours", func(s *control.Settings) *float64 { return &s.CheapPerKWh }),
	numberKey("host-overhead-w", "watts the rig draws besides its GPUs", func(s *control.Settings) *float64 { return &s.HostOverheadW }),
	numberKey("mining-per-mhs-day", "mining revenue per MH/s and day", func(s *control.Settings) *float64 { return &s.MiningPerMHsDay }),
	numberKey("mining-per-gpu-day", "or mining revenue per GPU and day", func(s *control.Settings) *float64 { return &s.MiningPerGPUDay }),
	numberKey("pause-at-c", "pause a GPU that stays above this temperature (°C)", func(s *control.Settings) *float64 { return &s.ThermalLimitC }),
	numberKey("resume-below-c", "resume it below this one (°C)", func(s *control.Settings) *float64 { return &s.ResumeBelowC }),
	{name: "restart-stalled-after", help: "restart a miner stalled this long, e.g. 2m",
		get: func(s *control.Settings) string { return control.CompactDuration(s.StallAfter) }, set: setStallAfter},
	hoursKey("mining-hours", "when Mine and Auto may mine, e.g. 22:00-07:00, or any", func(s *control.Settings) *control.DailyHours { return &s.MiningHours }),
	{name: "mine-when-away-for", help: "mine only once nobody has used the computer this long, e.g. 10m; off mines regardless",
		get: awayFor, set: setAwayFor},
	{name: "gpus-aside", help: "the UUIDs of GPUs RigShift runs nothing on, comma separated, or none (rigshift gpu aside N does it by index)",
		get: func(s *control.Settings) string { return orNone(strings.Join(s.GPUsAside, ",")) }, set: setGPUsAside},
}, noticeKeys()...)

// setGPUsAside takes UUIDs, comma or space separated, or "none".
func setGPUsAside(s *control.Settings, v string) error {
	s.GPUsAside = nil
	if strings.EqualFold(strings.TrimSpace(v), "none") {
		return nil
	}
	for _, u := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		if strings.HasPrefix(u, "MIG-") {
			return fmt.Errorf("%q is a MIG instance: RigShift sets whole GPUs aside; give its GPU's UUID (GPU-…, as 'rigshift gpus' lists them)", u)
		}
		if !strings.HasPrefix(strings.ToUpper(u), "GPU-") {
			return fmt.Errorf("%q is not a GPU UUID (GPU-…, as 'rigshift gpus' lists them); by index, use rigshift gpu aside N", u)
		}
		u = "GPU-" + strings.ToLower(u[4:]) // as NVML writes them: a UUID typed in capitals still names its GPU
		if !slices.Contains(s.GPUsAside, u) {
			s.GPUsAside = append(s.GPUsAside, u)
		}
	}
	return nil
}

func textKey(name, help string, field func(*control.Settings) *string) settingKey {
	return settingKey{name: name, help: help,
		get: func(s *control.Settings) string { return *field(s) },
		set: func(s *control.Settings, v string) error { *field(s) = v; return nil }}
}

// programKey reads "~/t-rex/t-rex" in the home folder: the shell leaves
// "~" alone after "=".
func programKey(k settingKey) settingKey {
	set := k.set
	k.set = func(s *control.Settings, v string) error { return set(s, proc.HomePath(strings.TrimSpace(v))) }
	return k
}

func secretKey(k settingKey) settingKey {
	k.secret = true
	return k
}

func argsKey(name, help string, field func(*control.Settings) *[]string) settingKey {
	return settingKey{name: name, help: help,
		get: func(s *control.Settings) string { return cmdline.Quote(*field(s)) },
		set: func(s *control.Settings, v string) error {
			if strings.TrimSpace(v) == "" {
				*field(s) = nil // none: how arguments once set are taken away
				return nil
			}
			args, err := cmdline.Split(v)
			*field(s) = args
			return err
		}}
}

func numberKey(name, help string, field func(*control.Settings) *float64) settingKey {
	example := "0.21" // a price
	switch {
	case name == "resume-below-c": // below the pause temperature's 83
		example = "70"
	case strings.HasSuffix(name, "-c"):
		example = "83"
	case strings.HasSuffix(name, "-w"):
		example = "80"
	}
	return settingKey{name: name, help: help,
		get: func(s *control.Settings) string { return strconv.FormatFloat(*field(s), 'f', -1, 64) },
		set: func(s *control.Settings, v string) error {
			n, err := control.ParseNumber(v)
			if err != nil {
				return errors.New(control.NumberProblem(err, "write a number, e.g. "+example))
			}
			*field(s) = n
			return nil
		}}
}

// noticeKeys switch each kind of desktop notification on or off.
func noticeKeys() []settingKey {
	var keys []settingKey
	for _, kind := range control.NoticeKinds() {
		keys = append(keys, settingKey{name: "notify." + string(kind), help: "on or off: " + strings.ToLower(kind.Label()[:1]) + kind.Label()[1:],
			get: func(s *control.Settings) string { return onOff(s.NoticeOn(kind)) },
			set: func(s *control.Settings, v string) error {
				on, err := parseOnOff(v)
				s.NoticesOff = slices.DeleteFunc(s.NoticesOff, func(k control.NoticeKind) bool { return k == kind })
				if !on {
					s.NoticesOff = append(s.NoticesOff, kind)
				}
				return err
			}})
	}
	return keys
}

func setMiner(s *control.Settings, v string) error {
	if strings.EqualFold(v, "none") || v == "" {
		s.Miner = miners.Preset{} // no miner: Mine and Auto leave spare GPUs idle
		return nil
	}
	m := miners.Miner(strings.ToLower(v))
	if !slices.Contains(minerNames(), string(m)) {
		choose := fmt.Sprintf("choose one of %s, or none", strings.Join(minerNames(), ", "))
		if meant := closest(v, minerNames()); meant != "" { // trex, srbminer
			return fmt.Errorf("did you mean %s? (%s)", meant, choose)
		}
		return errors.New(choose)
	}
	s.Miner.Miner = m
	return nil
}

func setStatsFormat(s *control.Settings, v string) error {
	f := miners.Format(strings.ToLower(v))
	if v != "" && !slices.Contains(miners.Formats, f) {
		return fmt.Errorf("choose one of %s", strings.Join(formatNames(), ", "))
	}
	s.Miner.StatsFormat = f
	return nil
}

func setCurrency(s *control.Settings, v string) error {
	code := strings.ToUpper(v)
	if !control.IsCurrencyCode(code) {
		return fmt.Errorf("write the currency's three-letter code, e.g. USD, EUR or GBP")
	}
	s.Currency = code
	return nil
}

func setStallAfter(s *control.Settings, v string) error {
	d, err := control.ParseDuration(v)
	if err != nil || d <= 0 {
		return fmt.Errorf("write a duration such as 2m or 90s")
	}
	s.StallAfter = d
	return nil
}

func hoursKey(name, help string, field func(*control.Settings) *control.DailyHours) settingKey {
	return settingKey{name: name, help: help,
		get: func(s *control.Settings) string { return field(s).String() },
		set: func(s *control.Settings, v string) error {
			h, err := control.ParseDailyHours(v)
			*field(s) = h
			return err
		}}
}

// cheapHoursKey shows and takes "none" for no cheaper hours: "any", as
// the mining hours say all day, read as cheap at any hour.
var cheapHoursKey = settingKey{name: "cheap-hours", help: "the hours of a cheaper tariff, e.g. 22:00-07:00, or none",
	get: func(s *control.Settings) string {
		if s.CheapHours.AllDay() {
			return "none"
		}
		return s.CheapHours.String()
	},
	set: func(s *control.Settings, v string) (err error) {
		s.CheapHours, err = control.ParseCheapHours(v)
		return err
	}}

func awayFor(s *control.Settings) string {
	if s.MineWhenAwayFor == 0 {
		return "off"
	}
	return control.CompactDuration(s.MineWhenAwayFor)
}

// setAwayFor reads a duration, or off; a zero duration ("0s", "0m") is
// off too, as the controller takes 0.
func setAwayFor(s *control.Settings, v string) error {
	if strings.EqualFold(v, "off") {
		s.MineWhenAwayFor = 0
		return nil
	}
	d, err := control.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("write a duration such as 10m, or 0 to mine whether you are at the computer or not")
	}
	s.MineWhenAwayFor = d
	return nil
}

func minerNames() []string {
	return []string{string(miners.XMRig), string(miners.TRex), string(miners.LolMiner),
		string(miners.GMiner), string(miners.SRBMiner), string(miners.Custom)}
}

func formatNames() []string {
	names := make([]string, len(miners.Formats))
	for i, f := range miners.Formats {
		names[i] = string(f)
	}
	return names
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

func parseOnOff(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "on", "yes", "true", "1":
		return true, nil
	case "off", "no", "false", "0":
		return false, nil
	}
	return true, fmt.Errorf("write on or off")
}

func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}
