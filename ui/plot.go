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
	img  *image.RGBA
	ras  vector.Rasterizer
	band image.Rectangle // the rows the rasterizer covers now
}

// reset returns a cleared w×h image, reallocating only when the size changed.
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
	y0, y1 := pts[0].y, pts[0].y
	for _, q := range pts {
		y0, y1 = min(y0, q.y), max(y1, q.y)
	}
	p.begin(y0-width, y1+width)
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
	p.moveTo(a.x+nx, a.y+ny)
	p.lineTo(b.x+nx, b.y+ny)
	p.lineTo(b.x-nx, b.y-ny)
	p.lineTo(a.x-nx, a.y-ny)
	p.ras.ClosePath()
}

// area fills between the polyline pts and the horizontal line at y base,
// column by column. It must be drawn first, onto the cleared image: it
// writes its colour rather than blending, which makes it a plain copy per
// pixel, and a filled area needs no antialiasing.
func (p *plotImage) area(pts []pt, base float32, c color.Color) {
	if len(pts) < 2 {
		return
	}
	r, g, b, a := c.RGBA() // premultiplied, as image.RGBA stores it
	px := [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
	j := 0
	for x := max(0, int(pts[0].x)); x < min(p.img.Rect.Dx(), int(pts[len(pts)-1].x)+1); x++ {
		for j < len(pts)-2 && float32(x) > pts[j+1].x {
			j++
		}
		top := max(0, int(interpolate(pts[j], pts[j+1], float32(x))))
		for y := top; y < min(p.img.Rect.Dy(), int(base)); y++ {
			i := p.img.PixOffset(x, y)
			copy(p.img.Pix[i:i+4], px[:])
		}
	}
}

func interpolate(a, b pt, x float32) float32 {
	if b.x == a.x {
		return b.y
	}
	t := max(0, min(1, (x-a.x)/(b.x-a.x)))
	return a.y + t*(b.y-a.y)
}

// rect fills the rectangle from (x0, y0) to (x1, y1), antialiased at
// fractional edges.
func (p *plotImage) rect(x0, y0, x1, y1 float32, c color.Color) {
	p.begin(min(y0, y1), max(y0, y1))
	p.moveTo(x0, y0)
	p.lineTo(x1, y0)
	p.lineTo(x1, y1)
	p.lineTo(x0, y1)
	p.ras.ClosePath()
	p.draw(c)
}

// roundRect fills the rectangle from (x0, y0) to (x1, y1) with corners of
// radius r (shrunk to fit), antialiased.
func (p *plotImage) roundRect(x0, y0, x1, y1, r float32, c color.Color) {
	r = max(0, min(r, (x1-x0)/2, (y1-y0)/2))
	p.begin(y0, y1)
	p.moveTo(x0+r, y0)
	p.lineTo(x1-r, y0)
	p.quadTo(x1, y0, x1, y0+r)
	p.lineTo(x1, y1-r)
	p.quadTo(x1, y1, x1-r, y1)
	p.lineTo(x0+r, y1)
	p.quadTo(x0, y1, x0, y1-r)
	p.lineTo(x0, y0+r)
	p.quadTo(x0, y0, x0+r, y0)
	p.ras.ClosePath()
	p.draw(c)
}

// begin starts a path that stays between rows y0 and y1: the rasterizer
// then covers only that band, since its cost is the area it covers and a
// chart's line crosses few of its rows.
func (p *plotImage) begin(y0, y1 float32) {
	b := p.img.Bounds()
	p.band = image.Rect(0, max(0, int(y0)-1), b.Dx(), min(b.Dy(), int(y1)+2))
	p.ras.Reset(p.band.Dx(), max(1, p.band.Dy()))
	p.ras.DrawOp = draw.Over
}

// moveTo and lineTo take image coordinates and shift them into the band.
func (p *plotImage) moveTo(x, y float32) { p.ras.MoveTo(x, y-float32(p.band.Min.Y)) }
func (p *plotImage) lineTo(x, y float32) { p.ras.LineTo(x, y-float32(p.band.Min.Y)) }

// quadTo curves to (x, y) through the control point (cx, cy).
func (p *plotImage) quadTo(cx, cy, x, y float32) {
	dy := float32(p.band.Min.Y)
	p.ras.QuadTo(cx, cy-dy, x, y-dy)
}

// draw paints the path in c.
func (p *plotImage) draw(c color.Color) {
	if p.band.Empty() {
		return
	}
	p.ras.Draw(p.img, p.band, image.NewUniform(c), image.Point{})
}
