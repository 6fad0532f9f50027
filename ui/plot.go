package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// pt is a point in pixels on a plot image.
type pt struct{ x, y float32 }

// plotImage is a reusable RGBA image that charts and sparklines draw on;
// reusing it keeps a 1 Hz redraw free of large allocations.
type plotImage struct {
	img *image.RGBA
	ras vector.Rasterizer
}

// reset returns a cleared w×h image, reallocating only when the size grew.
func (p *plotImage) reset(w, h int) *image.RGBA {
	if p.img == nil || p.img.Rect.Dx() != w || p.img.Rect.Dy() != h {
		p.img = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(p.img.Pix)
	}
	return p.img
}

// line strokes the polyline pts, width pixels wide, antialiased.
func (p *plotImage) line(pts []pt, width float32, c color.Color) {
	if len(pts) < 2 {
		return
	}
	p.begin()
	for i := 1; i < len(pts); i++ {
		p.segment(pts[i-1], pts[i], width/2)
	}
	p.draw(c)
}

// segment adds the quad around a→b. Every quad winds the same way, so the
// overlaps at the joins add up instead of cancelling.
func (p *plotImage) segment(a, b pt, half float32) {
	dx, dy := b.x-a.x, b.y-a.y
	n := float32(math.Hypot(float64(dx), float64(dy)))
	if n == 0 {
		return
	}
	nx, ny := -dy/n*half, dx/n*half
	p.ras.MoveTo(a.x+nx, a.y+ny)
	p.ras.LineTo(b.x+nx, b.y+ny)
	p.ras.LineTo(b.x-nx, b.y-ny)
	p.ras.LineTo(a.x-nx, a.y-ny)
	p.ras.ClosePath()
}

// area fills between the polyline pts and the horizontal line at y base.
func (p *plotImage) area(pts []pt, base float32, c color.Color) {
	if len(pts) < 2 {
		return
	}
	p.begin()
	p.ras.MoveTo(pts[0].x, base)
	for _, q := range pts {
		p.ras.LineTo(q.x, q.y)
	}
	p.ras.LineTo(pts[len(pts)-1].x, base)
	p.ras.ClosePath()
	p.draw(c)
}

// rect fills the rectangle from (x0, y0) to (x1, y1).
func (p *plotImage) rect(x0, y0, x1, y1 float32, c color.Color) {
	p.begin()
	p.ras.MoveTo(x0, y0)
	p.ras.LineTo(x1, y0)
	p.ras.LineTo(x1, y1)
	p.ras.LineTo(x0, y1)
	p.ras.ClosePath()
	p.draw(c)
}

func (p *plotImage) begin() {
	b := p.img.Bounds()
	p.ras.Reset(b.Dx(), b.Dy())
	p.ras.DrawOp = draw.Over
}

func (p *plotImage) draw(c color.Color) {
	p.ras.Draw(p.img, p.img.Bounds(), image.NewUniform(c), image.Point{})
}
