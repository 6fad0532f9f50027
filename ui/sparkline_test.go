package ui

import (
	"image"
	"testing"
)

// A card near its power limit must read as a line near the top of its
// sparkline, over a light fill, not as a solid band: the power's top edge is
// drawn in the full power colour and the area under it stays faint.
func TestSparklinePowerHasACrispEdgeOverALightFill(t *testing.T) {
	testApp(t)
	s := newSparkline()
	for range sparkPoints {
		s.push(20, 0.5) // temperature line far below the power edge
	}
	const w, h = 240, 48
	img := s.draw(w, h).(*image.RGBA)
	x := w / 2
	edge := int(float32(h-2)*0.5 + 1)
	alpha := func(y int) uint8 { return img.RGBAAt(x, y).A }
	if a := alpha(edge); a < 0xc0 {
		t.Errorf("power edge at y=%d has alpha %#x, want a solid line (≥ 0xc0)", edge, a)
	}
	if a := alpha(edge + 8); a == 0 || a > 0x50 {
		t.Errorf("fill under the edge has alpha %#x, want a light fill (0 < a ≤ 0x50)", a)
	}
	if a := alpha(edge - 8); a != 0 {
		t.Errorf("above the power edge alpha is %#x, want empty", a)
	}
}
