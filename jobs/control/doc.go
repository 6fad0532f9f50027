// Package control is the rig controller: it owns the rig's mode (Idle,
// Mine, Rent, Auto), the rental-job queue, billing, the energy and
// earnings ledger, and the owner's notifications.
//
// One goroutine owns all the controller's state. Requests (a mode switch,
// a new job, a cancel) are messages to it and return at once; workloads
// are started and stopped by the jobs.Supervisor, and the controller reacts
// to its events. A switch is therefore safe to repeat and to race: the last
// request wins, no workload is started twice, and a GPU is handed to a new
// workload only after the previous one has stopped and its memory is
// verified free.
//
// The controller knows nothing of Fyne: the desktop (or the daemon) hands it
// a Notifier, and screens read Status and Jobs.
package control
