import Allocators
import AllocVizCore
#if canImport(Glibc)
import Glibc
#endif

/// The CPU time of the calling thread: the heap suites count operations per CPU-second, so
/// time the thread spends descheduled (other builds share these 2 cores) is not charged.
enum ThreadCPUClock {
    @inline(__always)
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// xoshiro256** whose four state words are the first four outputs of
/// ``SplitMix64Generator`` on the seed: the same trace for every subject (and the same
/// sequence as a peer harness seeding xoshiro256** from SplitMix64).
struct BenchRandom {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var seeder = SplitMix64Generator(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = (((s1 &* 5) << 7) | ((s1 &* 5) >> 57)) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in `0..<n` (multiply-shift; the tiny bias does not matter here).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(n)) >> 32)
    }

    /// Uniform in `lower...upper`.
    @inline(__always)
    mutating func uniform(_ lower: Int, _ upper: Int) -> Int { lower + below(upper - lower + 1) }
}

/// The live blocks of a workload, in flat unsafe arrays (no ARC or bounds checks in the loop).
struct LiveBlocks {
    let pointers: UnsafeMutablePointer<UnsafeMutableRawPointer>
    let sizes: UnsafeMutablePointer<Int>
    let alignments: UnsafeMutablePointer<Int>
    let limit: Int
    var count = 0
    var requestedBytes = 0

    init(limit: Int) {
        self.limit = limit
        pointers = .allocate(capacity: limit)
        sizes = .allocate(capacity: limit)
        alignments = .allocate(capacity: limit)
    }

    func release() {
        pointers.deallocate()
        sizes.deallocate()
        alignments.deallocate()
    }

    @inline(__always) var isFull: Bool { count == limit }

    @inline(__always) mutating func append(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) {
        pointers[count] = pointer
        sizes[count] = size
        alignments[count] = alignment
        count += 1
        requestedBytes += size
    }

    @inline(__always) mutating func remove(at index: Int) {
        requestedBytes -= sizes[index]
        count -= 1
        pointers[index] = pointers[count]
        sizes[index] = sizes[count]
        alignments[index] = alignments[count]
    }
}

/// The tag written at both ends of a block: derived from its size so it survives a move.
@inline(__always) func blockTag(_ size: Int) -> UInt64 { UInt64(truncatingIfNeeded: size) &* 0x9E37_79B9_7F4A_7C15 ^ 0xA110_C8ED }

/// Writes the same tag at the first and last 8 bytes (blocks are at least 8 bytes in every
/// workload). In blocks under 16 bytes the two overlap; the head tag is written last, so it wins.
@inline(__always) func tagBlock(_ pointer: UnsafeMutableRawPointer, size: Int) {
    let tag = blockTag(size)
    pointer.storeBytes(of: tag, toByteOffset: size - 8, as: UInt64.self)
    pointer.storeBytes(of: tag, as: UInt64.self)
}

/// Whether both tags are intact (the head tag wins where they overlap).
@inline(__always) func tagIsIntact(_ pointer: UnsafeMutableRawPointer, size: Int) -> Bool {
    let tag = blockTag(size)
    if pointer.load(as: UInt64.self) != tag { return false }
    if size < 16 { return true }
    return pointer.loadUnaligned(fromByteOffset: size - 8, as: UInt64.self) == tag
}

/// Allocates and tags a block, adding it to `live`; a refusal counts as a failure.
@inline(__always)
func allocateBlock<S: HeapBenchSubject>(size: Int, alignment: Int, into live: inout LiveBlocks, in subject: inout S,
                                        counting count: inout WorkloadCount) {
    if let p = subject.allocate(size: size, alignment: alignment) {
        tagBlock(p, size: size)
        live.append(p, size: size, alignment: alignment)
    } else {
        count.failures += 1
    }
}

/// Frees live block `i` after checking its tags (a broken tag or a refused free counts as corruption).
@inline(__always)
func freeBlock<S: HeapBenchSubject>(at i: Int, of live: inout LiveBlocks, in subject: inout S, counting count: inout WorkloadCount) {
    if !tagIsIntact(live.pointers[i], size: live.sizes[i]) { count.corruptions += 1 }
    if !subject.deallocate(live.pointers[i], size: live.sizes[i], alignment: live.alignments[i]) { count.corruptions += 1 }
    live.remove(at: i)
}

/// Reallocates live block `i` to `newSize`, checking its tags before and its head tag after.
@inline(__always)
func reallocateBlock<S: HeapBenchSubject>(at i: Int, to newSize: Int, of live: inout LiveBlocks, in subject: inout S,
                                          counting count: inout WorkloadCount) {
    let old = live.sizes[i]
    if !tagIsIntact(live.pointers[i], size: old) { count.corruptions += 1 }
    if let p = subject.reallocate(live.pointers[i], oldSize: old, newSize: newSize, alignment: live.alignments[i]) {
        if p.load(as: UInt64.self) != blockTag(old) { count.corruptions += 1 }
        tagBlock(p, size: newSize)
        live.pointers[i] = p
        live.sizes[i] = newSize
        live.requestedBytes += newSize - old
    } else {
        count.failures += 1
    }
}

/// What a timed run did.
struct WorkloadCount {
    var operations = 0
    var failures = 0
    var corruptions = 0
    var nanoseconds: UInt64 = 0
    var mopsPerSecond: Double { Double(operations) / Double(max(nanoseconds, 1)) * 1000 }
}

/// The heap workloads W1 to W4. Each draws its operations from ``BenchRandom`` and checks the
/// tags of every block it frees or moves.
enum HeapWorkloads {
    /// W1, galloc's random_actions: allocate U[100,1000] aligned 2^U[0,10], free, or reallocate
    /// to U[100,10000] keeping the alignment, each with probability 1/3, for `seconds`.
    static func randomActions<S: HeapBenchSubject>(_ subject: inout S, seconds: Double, seed: UInt64) -> WorkloadCount {
        var rng = BenchRandom(seed: seed)
        var live = LiveBlocks(limit: 1 << 22)
        defer { release(&live, &subject) }
        var count = WorkloadCount()
        let budget = UInt64(seconds * 1e9)
        let start = ThreadCPUClock.nanoseconds()
        while true {
            for _ in 0..<1024 {
                let action = rng.below(3)
                if action == 0 || live.count == 0 {
                    let size = rng.uniform(100, 1000)
                    let alignment = 1 << rng.below(11)
                    if live.isFull {
                        count.failures += 1
                    } else {
                        allocateBlock(size: size, alignment: alignment, into: &live, in: &subject, counting: &count)
                    }
                } else if action == 1 {
                    freeBlock(at: rng.below(live.count), of: &live, in: &subject, counting: &count)
                } else {
                    let i = rng.below(live.count)
                    reallocateBlock(at: i, to: rng.uniform(100, 10000), of: &live, in: &subject, counting: &count)
                }
            }
            count.operations += 1024
            count.nanoseconds = ThreadCPUClock.nanoseconds() - start
            if count.nanoseconds >= budget { return count }
        }
    }

    /// W2 (and W4 with `fixedAlignment` 64): live set at most 2048; allocate 4/8 (free when
    /// full), free 3/8, reallocate 1/8; size U[8,256]; alignment 8 (7/8) or 16 (1/8), or the
    /// fixed alignment; reallocate to U[8,512].
    static func smallChurn<S: HeapBenchSubject>(_ subject: inout S, seconds: Double, seed: UInt64, fixedAlignment: Int?) -> WorkloadCount {
        var rng = BenchRandom(seed: seed)
        var live = LiveBlocks(limit: 2048)
        defer { release(&live, &subject) }
        var count = WorkloadCount()
        let budget = UInt64(seconds * 1e9)
        let start = ThreadCPUClock.nanoseconds()
        while true {
            for _ in 0..<1024 {
                let action = rng.below(8)
                if (action < 4 && !live.isFull) || live.count == 0 {
                    let size = rng.uniform(8, 256)
                    let alignment = fixedAlignment ?? (rng.below(8) == 0 ? 16 : 8)
                    allocateBlock(size: size, alignment: alignment, into: &live, in: &subject, counting: &count)
                } else if action < 7 {
                    freeBlock(at: rng.below(live.count), of: &live, in: &subject, counting: &count)
                } else {
                    let i = rng.below(live.count)
                    reallocateBlock(at: i, to: rng.uniform(8, 512), of: &live, in: &subject, counting: &count)
                }
            }
            count.operations += 1024
            count.nanoseconds = ThreadCPUClock.nanoseconds() - start
            if count.nanoseconds >= budget { return count }
        }
    }

    /// W3, one round: on a fresh heap, allocate 5/10 (W1 sizes and alignments), free 1/10,
    /// reallocate 4/10 to U[100,10000] until the first failure; returns live requested bytes
    /// at that moment and whether every tag held.
    static func fillRound<S: HeapBenchSubject>(_ subject: inout S, rng: inout BenchRandom) -> (requested: Int, intact: Bool) {
        var live = LiveBlocks(limit: 1 << 16)
        defer { release(&live, &subject) }
        var intact = true
        while true {
            let action = rng.below(10)
            if action < 5 || live.count == 0 {
                let size = rng.uniform(100, 1000)
                let alignment = 1 << rng.below(11)
                guard !live.isFull, let p = subject.allocate(size: size, alignment: alignment) else { break }
                tagBlock(p, size: size)
                live.append(p, size: size, alignment: alignment)
            } else if action < 6 {
                let i = rng.below(live.count)
                intact = intact && tagIsIntact(live.pointers[i], size: live.sizes[i])
                intact = subject.deallocate(live.pointers[i], size: live.sizes[i], alignment: live.alignments[i]) && intact
                live.remove(at: i)
            } else {
                let i = rng.below(live.count)
                let newSize = rng.uniform(100, 10000)
                let old = live.sizes[i]
                intact = intact && tagIsIntact(live.pointers[i], size: old)
                guard let p = subject.reallocate(live.pointers[i], oldSize: old, newSize: newSize, alignment: live.alignments[i]) else { break }
                intact = intact && p.load(as: UInt64.self) == blockTag(old)
                tagBlock(p, size: newSize)
                live.pointers[i] = p
                live.sizes[i] = newSize
                live.requestedBytes += newSize - old
            }
        }
        return (live.requestedBytes, intact)
    }

    /// Frees whatever is still live (outside the timed part) and releases the arrays.
    static func release<S: HeapBenchSubject>(_ live: inout LiveBlocks, _ subject: inout S) {
        for i in 0..<live.count { _ = subject.deallocate(live.pointers[i], size: live.sizes[i], alignment: live.alignments[i]) }
        live.count = 0
        live.release()
    }
}
