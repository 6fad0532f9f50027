package control

// API is what the desktop, the tray and the control socket ask of the
// controller. *Controller implements it; screens and the socket declare
// the narrower parts they use, so their tests can use fakes.
type API interface {
	Status() Status
	SetMode(m Mode) error
	AddJob(spec JobSpec) (Job, error)
	Jobs() []Job
	Job(id string) (Job, error)
	CancelJob(id string) error
	MoveJob(id string, position int) error
	JobLogs(id string, lines int) ([]string, error)
	Settings() Settings
	SaveSettings(s Settings) error
	// SetGPUAside keeps the GPU with this UUID out of RigShift's work, or
	// (aside false) lets it work again.
	SetGPUAside(uuid string, aside bool) error
	// Subscribe returns a channel that is signalled (not filled) whenever
	// the status or a job changed, and a function ending the subscription.
	Subscribe() (<-chan struct{}, func())
}
