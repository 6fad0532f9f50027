// Package progress reads how far a training job has got from what it
// prints and writes: tqdm bars, Hugging Face Trainer log dicts, and JSON
// lines in the file RigShift names in RIGSHIFT_PROGRESS (the contract is on
// EnvVar and in ../PROGRESS.md). Parsers take one line and never panic on
// outside data; a Tracker merges what they find into one Progress: percent,
// step/total, rate, ETA and latest loss.
package progress
