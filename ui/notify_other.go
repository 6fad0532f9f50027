//go:build !linux

package ui

// serverReadsMarkup: only the freedesktop notification servers of Linux
// read a body as markup.
func serverReadsMarkup() bool { return false }

// desktopSession: elsewhere beeep starts nothing to show a notice.
func desktopSession() bool { return true }
