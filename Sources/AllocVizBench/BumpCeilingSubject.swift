/// The ceiling of the timed heap suites: an allocator that only bumps a pointer (rounded up
/// to the alignment, at least 16 as malloc guarantees), frees nothing, and reallocates by bumping and copying. Run through the
/// same workload loop, it measures the workload's own cost (generator, tags, live-set
/// bookkeeping, copies), so each allocator's nanoseconds per operation above it are what the
/// allocator itself adds.
///
/// Freeing nothing, it would need tens of gigabytes a second; instead it bumps around a ring
/// and wraps to the start when the next block does not fit. A block that stays live for a
/// whole lap is overwritten, so its tag checks fail: those are counted, never an error, for
/// this subject (the ring is large enough that few blocks live that long).
struct BumpCeilingSubject: HeapBenchSubject {
    let base: UnsafeMutableRawPointer
    let end: Int
    var next: Int

    /// A ring of `ringBytes` (64 MiB holds tens of thousands of the workloads' largest blocks).
    init(ringBytes: Int = 64 << 20) {
        base = .allocate(byteCount: ringBytes, alignment: 4096)
        // Touch every page once up front, so the timed laps never fault.
        base.initializeMemory(as: UInt8.self, repeating: 0, count: ringBytes)
        let start = Int(bitPattern: base)
        end = start + ringBytes
        next = start
    }

    /// Returns the ring's memory.
    func release() { base.deallocate() }

    /// - Complexity: O(1).
    @inline(__always)
    mutating func allocate(size: Int, alignment requested: Int) -> UnsafeMutableRawPointer? {
        let alignment = max(requested, 16)
        var start = (next + alignment - 1) & -alignment
        if start + size > end { start = (Int(bitPattern: base) + alignment - 1) & -alignment }
        next = start + size
        return UnsafeMutableRawPointer(bitPattern: start)
    }

    /// Does nothing. - Complexity: O(1).
    @inline(__always)
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) -> Bool { true }

    /// Bumps a new block and copies the old contents (regions may overlap after a wrap, and
    /// `copyMemory` allows that). - Complexity: O(min(old, new)) for the copy.
    @inline(__always)
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard let fresh = allocate(size: newSize, alignment: alignment) else { return nil }
        fresh.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
        return fresh
    }
}
