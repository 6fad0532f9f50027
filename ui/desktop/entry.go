package desktop

import "strings"

// instanceKey marks the entry with the data directory of the RigShift it
// starts (Autostart.Instance); the default one's entry has none.
const instanceKey = "X-RigShift-Data-Dir"

// entry is the autostart file's text: exe with args, then --hidden.
func entry(exe string, args []string, instance string, hidden bool) string {
	cmd := quoteArg(exe)
	for _, arg := range args {
		cmd += " " + quoteArg(arg)
	}
	if hidden {
		cmd += " --hidden"
	}
	mark := ""
	if instance != "" {
		mark = instanceKey + "=" + escapeValue(instance) + "\n"
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=RigShift\n" +
		"Comment=Start RigShift at login\n" +
		"Exec=" + escapeValue(cmd) + "\n" +
		"TryExec=" + escapeValue(exe) + "\n" + // a program since removed is skipped quietly
		"Icon=" + AppID + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n" + mark
}

// quoteArg quotes one Exec argument as the Desktop Entry Specification
// asks: in double quotes when it has a reserved character, with `"`, "`",
// `$` and `\` backslash-escaped inside; `%` doubled in any case.
func quoteArg(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`=") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// escapeValue applies the string-value escapes every key's value gets
// (after the Exec quoting: a quoted backslash is written as four).
func escapeValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}
