// Package desktop is RigShift's place in the owner's desktop session:
// the XDG autostart entry that starts it at login. The Settings screen's
// "Start at login" toggle calls Autostart's Enable and Disable. The entry
// follows the XDG Autostart Specification (Linux and the BSDs); other
// systems ignore it, so the toggle belongs on those desktops only.
package desktop
