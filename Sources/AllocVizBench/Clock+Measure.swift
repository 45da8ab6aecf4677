#if canImport(Glibc)
import Glibc
#endif

/// A monotonic nanosecond clock for the benchmarks.
enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point.
    @inline(__always)
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Runs `body` once and returns the elapsed nanoseconds.
    @inline(__always)
    static func measure(_ body: () throws -> Void) rethrows -> UInt64 {
        let start = nanoseconds()
        try body()
        return nanoseconds() - start
    }
}

extension ThreadCPUClock {
    /// Runs `body` once and returns the calling thread's CPU nanoseconds it took.
    @inline(__always)
    static func measure(_ body: () throws -> Void) rethrows -> UInt64 {
        let start = nanoseconds()
        try body()
        return nanoseconds() - start
    }
}
