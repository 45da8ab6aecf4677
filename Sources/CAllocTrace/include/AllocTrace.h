#ifndef ALLOCTRACE_H
#define ALLOCTRACE_H

/// The allocation recorder preloaded by `allocviz trace` (libAllocTrace.so).
///
/// It exports the C library's allocation functions (malloc, calloc, realloc, reallocarray,
/// free, posix_memalign, aligned_alloc, memalign, valloc); each one calls the next definition
/// (the C library's) and appends one line to a trace in the CS:APP malloc-lab format with
/// allocviz's extensions. It is configured through the environment:
///
/// - ALLOCVIZ_TRACE_FILE: the trace to write (required; without it nothing is recorded).
/// - ALLOCVIZ_TRACE_PARENT: a process id; only a process whose parent has that id is traced
///   (the command `allocviz trace` starts). Without it, the first process that loads the
///   library is traced.
/// - ALLOCVIZ_TRACE_COMMAND: text for the trace's first comment line.
///
/// Nothing here is meant to be called from Swift: the header exists because a C target needs one.

/// The version of the trace the library writes (the line format described in docs/recording.md).
#define ALLOCTRACE_FORMAT_VERSION 1

#endif
