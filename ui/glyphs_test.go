package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"
)

// glyphsElsewhere are the characters outside the window's fonts that a
// file may still write: the desktop draws the tray's menu in its own
// fonts, the event screen puts arrows in words (drawable), and a job's
// command is drawn in the monospaced font.
var glyphsElsewhere = map[string]string{
	"ui/traymenu.go":                  "⚠",
	"ui/jobdetail.go":                 "↵", // in the job's command, drawn monospaced: that font has it
	"ui/events.go":                    "→←",
	"jobs/event.go":                   "→",
	"jobs/control/settings_change.go": "→",
	"jobs/control/restore.go":         "→", // an event, as settings_change.go's
}

// Every character the window may write is in the fonts it carries. Fyne
// falls back to the system's fonts for the others, and on a machine with
// none (the real-GPU server the window was tried on) the money line's
// minus sign and the legends' ■ and ▮ came out as boxes with question
// marks.
func TestWindowTextIsInTheBundledFonts(t *testing.T) {
	fonts := map[string][]byte{"regular": theme.DefaultTextFont().Content(), "bold": theme.DefaultTextBoldFont().Content()}
	var buf sfnt.Buffer
	covered := map[rune]bool{}
	has := func(r rune) bool {
		if v, ok := covered[r]; ok {
			return v
		}
		covered[r] = true
		for _, b := range fonts {
			f, err := sfnt.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if g, _ := f.GlyphIndex(&buf, r); g == 0 {
				covered[r] = false
			}
		}
		return covered[r]
	}
	for _, dir := range []string{"ui", "jobs/control", "jobs"} {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			name := filepath.ToSlash(strings.TrimPrefix(path, ".."+string(filepath.Separator)))
			fs := token.NewFileSet()
			f, err := parser.ParseFile(fs, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				for _, r := range s {
					if r >= 0x80 && !strings.ContainsRune(glyphsElsewhere[name], r) && !has(r) {
						t.Errorf("%s: %q has %q (U+%04X), which the window's fonts lack", fs.Position(lit.Pos()), s, r, r)
					}
				}
				return true
			})
		}
	}
}
