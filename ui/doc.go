// Package ui is RigShift's desktop interface on Fyne: the window's screens,
// and later the tray and notifications. It is the only package that imports
// fyne. Screens read from narrow interfaces, never from NVML, the store or a
// socket directly, and every update reaches widgets through fyne.Do, so the
// window stays responsive when a GPU hangs.
package ui
