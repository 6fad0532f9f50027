//go:build !(linux || freebsd || netbsd || openbsd)

package cli

// needsDisplay: on Windows and macOS a window always has a desktop to open on.
const needsDisplay = false
