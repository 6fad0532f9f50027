package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Layout puts the title and legend on top, the y labels on the left, the x
// labels under the plot, each label centred on its gridline.
func (r *chartRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	r.title.Move(fyne.NewPos(0, 0))
	r.title.Resize(r.title.MinSize())
	x := r.title.MinSize().Width + 2*pad
	r.unit.Move(fyne.NewPos(x, (r.title.MinSize().Height-r.unit.MinSize().Height)/2))
	x += r.unit.MinSize().Width + 3*pad
	legendBottom := r.layoutLegend(x, size.Width)
	labelW := float32(0)
	for _, t := range r.yLabels {
		labelW = max(labelW, t.MinSize().Width)
	}
	labelH := r.unit.MinSize().Height
	top, left := legendBottom+pad, labelW+pad
	plot := fyne.NewSize(max(0, size.Width-left-pad), max(0, size.Height-top-labelH-pad))
	r.plot.Move(fyne.NewPos(left, top))
	r.plot.Resize(plot)
	r.layoutLabels(left, top, plot, labelH)
	r.empty.Move(fyne.NewPos(left+(plot.Width-r.empty.MinSize().Width)/2, top+plot.Height/2-labelH/2))
}

// layoutLegend writes the legend from x on the title's line, and on more
// lines under it, each from x too, when it is wider than width (a rig of
// 12 GPUs, former ones with their models): past the chart's edge the last
// GPUs' lines had no name. It returns where the legend ends below.
func (r *chartRenderer) layoutLegend(x, width float32) float32 {
	pad := theme.Padding()
	lineH := r.title.MinSize().Height
	start, y := x, float32(0)
	for i, t := range r.legend {
		sw := r.swatch[i].Size()
		w := sw.Width + pad + t.MinSize().Width
		if x > start && x+w > width {
			x, y = start, y+lineH
		}
		r.swatch[i].Move(fyne.NewPos(x, y+(lineH-sw.Height)/2))
		t.Move(fyne.NewPos(x+sw.Width+pad, y+(lineH-t.MinSize().Height)/2))
		x += w + 2*pad
	}
	return y + lineH
}

func (r *chartRenderer) layoutLabels(left, top float32, plot fyne.Size, labelH float32) {
	for i, t := range r.yLabels {
		frac := float32(i) / float32(max(1, len(r.yLabels)-1))
		y := top + plot.Height*(1-frac) - labelH/2
		t.Move(fyne.NewPos(left-t.MinSize().Width-theme.Padding(), y))
	}
	d := &r.c.data
	span := max(1, d.to-d.from) // labels are blank for an empty range
	for i, t := range r.xLabels {
		frac := float32((r.xTicks[i] - d.from) / span)
		w := t.MinSize().Width
		x := left + plot.Width*frac - w/2
		x = max(left, min(x, left+plot.Width-w)) // keep the end labels inside
		t.Move(fyne.NewPos(x, top+plot.Height+theme.Padding()/2))
	}
}
