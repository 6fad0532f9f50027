// Package logs turns a workload's raw output into safe, bounded text.
//
// A Splitter cuts a byte stream into lines at '\n' and '\r' (a '\r' line is a
// redraw, as tqdm bars are), caps very long lines, strips terminal escape
// codes and makes invalid UTF-8 safe. A Tail keeps the last lines in memory
// within a byte budget, so that an output flood cannot grow memory. A File is
// a size-capped log file that rotates. A Redactor hides secrets (pool
// passwords, API tokens) before any line reaches the tail or a file.
package logs
