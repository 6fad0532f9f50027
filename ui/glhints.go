package ui

import "github.com/go-gl/glfw/v3.4/glfw"

// skipDepthBuffer asks GLFW for windows without depth and stencil buffers.
// Fyne paints in 2D and never tests depth, yet it clears the depth buffer
// at every repaint. Under software GL (Mesa's llvmpipe: a VM, a remote
// desktop, a rig whose desktop runs without a GPU driver) that clear was
// the largest fixed cost of a repaint: a window repainted once a second
// with nothing in it took 1.02 % of a core with the buffer, 0.82 % without
// (a hello world that never repaints: 0.85 %). It also saves the buffer
// itself, 3 MB for a 1060×800 window.
//
// GLFW keeps window hints until they are reset, and Fyne sets only its
// own, so the hint holds for every window created after it. Call it on the
// main goroutine after Fyne has started GLFW (its first NewWindow) and
// before a window is shown.
func skipDepthBuffer() {
	// Where GLFW could not start (no display), go-gl panics on the hint's
	// "not initialised" error. There is then no window to tune, and Fyne
	// reports the missing display itself.
	defer func() { _ = recover() }()
	glfw.WindowHint(glfw.DepthBits, 0)
	glfw.WindowHint(glfw.StencilBits, 0)
}
