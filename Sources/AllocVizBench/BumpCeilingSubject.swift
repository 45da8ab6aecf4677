/// The ceiling of the timed heap suites: an allocator that only bumps a pointer (rounded up
/// to the alignment, at least 16 as malloc guarantees), frees nothing, keeps a block that a
/// reallocation shrinks, and moves a growing one by bumping and copying. Run through the same
/// workload loop, it measures the workload's own cost (generator, tags, live-set bookkeeping,
/// copies), so each allocator's nanoseconds per operation above it are what the allocator
/// itself adds.
///
/// Freeing nothing, it would need gigabytes a second; instead it bumps around a ring small
/// enough to stay in cache (4 MiB: a real allocator also hands out recently freed, cached
/// memory; a ring of 64 MiB streams through memory and runs slower than the fast allocators),
/// wrapping to the start when the next block does not fit. A block still live after a whole
/// lap is overwritten and its tag checks fail: for this subject those are counted and
/// reported, never an error.
struct BumpCeilingSubject: HeapBenchSubject {
    let base: UnsafeMutableRawPointer
    let end: Int
    var next: Int

    /// A ring of `ringBytes` (at least the largest block a workload asks for: 10,000 bytes).
    init(ringBytes: Int = 4 << 20) {
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

    /// Keeps the block when it shrinks; otherwise bumps a new block and copies the old contents
    /// (regions may overlap after a wrap, and `copyMemory` allows that).
    /// - Complexity: O(old size) for the copy when the block grows, else O(1).
    @inline(__always)
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if newSize <= oldSize { return pointer }
        guard let fresh = allocate(size: newSize, alignment: alignment) else { return nil }
        fresh.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
        return fresh
    }
}
