// Package socket is RigShift's local control socket: the running window or
// daemon serves its controller (a control.API) on a Unix socket, and the
// command line (`rigshift status`, `rigshift job add`, …) talks to it with
// a Client.
//
// The socket's place follows the data directory (SocketPath), so every
// command's --data-dir reaches the instance that owns that data. It lives in
// the user's runtime directory, which is 0700, and is itself 0600; on Linux
// the server also checks each peer's user id (SO_PEERCRED) and refuses
// other users. The client in turn refuses a socket whose directory is not
// the user's own and private, or (on Linux) that another user serves: the
// commands send settings with the pool password in them.
//
// # Protocol
//
// One JSON request per line, one JSON reply line per request, any number of
// requests per connection:
//
//	{"op":"status"}
//	{"op":"mode","mode":"rent"}
//	{"op":"job.add","spec":{…control.JobSpec…}}
//	{"op":"job.list"}
//	{"op":"job.get","id":"J-0001"}
//	{"op":"job.cancel","id":"J-0001"}
//	{"op":"job.move","id":"J-0001","position":1}
//	{"op":"job.logs","id":"J-0001","lines":100}
//	{"op":"telemetry.gpus"}
//	{"op":"window.show"}
//	{"op":"export","what":"jobs"|"earnings"|"telemetry","gpu":"GPU-…","from":"…","to":"…"}
//	{"op":"events","from":"…","to":"…","limit":100}
//	{"op":"settings"}
//	{"op":"settings.save","settings":{…control.Settings…}}
//
// A reply is {"ok":true,"result":…} or {"ok":false,"error":"message"},
// plus "fields" (field → reason, from control.FieldErrors) when a job spec
// or the settings were invalid. A malformed line, an unknown op, wrong
// types or a line over MaxLine bytes get an error reply and the connection
// stays usable. A reply line may be longer, up to MaxReply: a year of jobs
// is megabytes. A job list or an event log that would not fit even so
// comes back cut to what fits: all the jobs that are queued or running and
// the newest finished ones, the newest events. The export of the jobs has
// them all.
//
// An export streams its CSV before the reply line, in chunks: a line with
// the chunk's length in decimal, then that many bytes. The reply line that
// follows (it starts with '{', a length never does) says whether the export
// was complete.
package socket
