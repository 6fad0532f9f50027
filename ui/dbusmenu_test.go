package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// menuItem is one entry of a dbusmenu layout, as a tray host reads it.
type menuItem struct {
	id       int32
	props    map[string]dbus.Variant
	children []menuItem
}

func (m menuItem) checked() bool {
	v, ok := m.props["toggle-state"]
	return ok && fmt.Sprint(v.Value()) == "1"
}

// label finds the child labelled l (the zero item when there is none).
func (m menuItem) label(l string) menuItem {
	for _, c := range m.children {
		if s, _ := c.props["label"].Value().(string); s == l {
			return c
		}
	}
	return menuItem{}
}

// readMenu reads the whole menu with GetLayout(0, -1, []).
func readMenu(t *testing.T, menu dbus.BusObject) menuItem {
	t.Helper()
	var rev uint32
	var root struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	if err := menu.Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{}).Store(&rev, &root); err != nil {
		t.Fatalf("GetLayout: %v", err)
	}
	return menuItem{id: root.ID, props: root.Props, children: parseChildren(root.Children)}
}

func parseChildren(vs []dbus.Variant) []menuItem {
	var out []menuItem
	for _, v := range vs {
		f, ok := v.Value().([]any)
		if !ok || len(f) != 3 {
			continue
		}
		id, _ := f[0].(int32)
		props, _ := f[1].(map[string]dbus.Variant)
		kids, _ := f[2].([]dbus.Variant)
		out = append(out, menuItem{id: id, props: props, children: parseChildren(kids)})
	}
	return out
}

// waitForItem re-reads the menu until it has an item labelled l and ok
// holds: the first layout Fyne exports is shallow, and the menu is rebuilt
// as the status changes.
func waitForItem(t *testing.T, menu dbus.BusObject, l string, ok func(menuItem) bool) menuItem {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		m := readMenu(t, menu)
		if it := m.label(l); it.id != 0 && ok(m) {
			return it
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tray menu never had %q as expected; it has %v", l, m.labels())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (m menuItem) labels() []string {
	var out []string
	for _, c := range m.children {
		s, _ := c.props["label"].Value().(string)
		out = append(out, fmt.Sprintf("%s(%v)", s, c.checked()))
	}
	return out
}

// click sends what a tray host sends when the owner clicks an item.
func click(t *testing.T, menu dbus.BusObject, id int32) {
	t.Helper()
	err := menu.Call("com.canonical.dbusmenu.Event", 0, id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
	if err != nil {
		t.Fatalf("clicking item %d: %v", id, err)
	}
}
