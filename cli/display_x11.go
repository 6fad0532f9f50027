//go:build linux || freebsd || netbsd || openbsd

package cli

// needsDisplay: here a window opens on an X11 or Wayland display, named by
// DISPLAY or WAYLAND_DISPLAY.
const needsDisplay = true
