package ui

import (
	"os"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
)

// uiQueue holds what the screens' goroutines hand to the UI goroutine;
// tests run it on their own goroutine when they wait (eventually), so UI
// code never runs on two goroutines at once.
var uiQueue struct {
	sync.Mutex
	fns []func()
}

func TestMain(m *testing.M) {
	switch os.Getenv(trayHelperEnv) {
	case "":
	case "renting": // the child of TestTrayMineOverRunningJobAsks
		os.Exit(rentingHelper())
	case "notice": // the child of TestTrayComesBackAfterANotice
		os.Exit(noticeHelper())
	default:
		// The child of TestTrayOverDBus: the real app, on the main
		// goroutine, which GLFW needs (tests run on other goroutines).
		os.Exit(trayHelper())
	}
	runOnUI = func(f func()) {
		uiQueue.Lock()
		uiQueue.fns = append(uiQueue.fns, f)
		uiQueue.Unlock()
	}
	os.Exit(m.Run())
}

// drainUI runs the queued UI work on the calling (test) goroutine.
func drainUI() {
	for {
		uiQueue.Lock()
		fns := uiQueue.fns
		uiQueue.fns = nil
		uiQueue.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// testApp is a fresh test app; UI work still queued when the test ends is
// dropped with it, not run against the next test's app.
func testApp(t testing.TB) {
	test.NewTempApp(t)
	t.Cleanup(func() {
		uiQueue.Lock()
		uiQueue.fns = nil
		uiQueue.Unlock()
	})
}

// trayHelperEnv makes the test binary run the real app for the tray test.
const trayHelperEnv = "RIGSHIFT_TRAY_HELPER"
