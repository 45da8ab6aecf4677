import Allocators
import AllocVizCore

/// The space figures of one replay of a trace on one allocator.
///
/// - payload: the sum of the requested sizes of the live blocks;
/// - high-water mark: the highest address ever handed out, the maximum over every successful
///   allocation or reallocation of (block offset + granted bytes), measured from the region
///   start (a heap's chunk header counts as part of its block);
/// - peak utilisation = peak payload / high-water mark (0 when nothing was allocated);
/// - Johnstone and Wilson's fragmentation = high-water mark / peak payload - 1 (0 when nothing
///   was allocated);
/// - internal fragmentation at the peak = granted - requested bytes over the blocks live when
///   the payload first reached its peak.
public struct TraceBenchFigures: Sendable, Equatable {
    /// The largest payload reached.
    public var peakPayload = 0
    /// The highest address ever handed out (one past the block's last byte).
    public var highWaterMark = 0
    /// Granted minus requested bytes of the live blocks when the payload first reached its peak.
    public var internalFragmentationAtPeak = 0
    /// Allocations and reallocations the allocator refused.
    public var failedRequests = 0

    /// Creates figures.
    public init(peakPayload: Int = 0, highWaterMark: Int = 0, internalFragmentationAtPeak: Int = 0, failedRequests: Int = 0) {
        self.peakPayload = peakPayload
        self.highWaterMark = highWaterMark
        self.internalFragmentationAtPeak = internalFragmentationAtPeak
        self.failedRequests = failedRequests
    }

    /// Peak payload / high-water mark, from 0 to 1 (0 when nothing was allocated).
    public var peakUtilisation: Double {
        highWaterMark > 0 ? Double(peakPayload) / Double(highWaterMark) : 0
    }

    /// High-water mark / peak payload - 1 (0 when nothing was allocated).
    public var johnstoneWilsonFragmentation: Double {
        peakPayload > 0 ? Double(highWaterMark) / Double(peakPayload) - 1 : 0
    }
}

/// Replays trace operations on a ``TraceBenchSubject``.
enum TraceReplay {
    /// Operations between two progress reports of an untimed replay (a power of two).
    static let progressInterval = 1 << 18

    /// Plays `operations` on `subject`, keeping each slot's live block in `blocks` (all nil on
    /// entry), and returns the space figures. A slot whose allocation failed holds no block:
    /// a later `f` of it does nothing (like `free(NULL)`) and a later `r` allocates (like
    /// `realloc(NULL, size)`). A failed reallocation leaves the old block live.
    /// - Complexity: O(operations) allocator calls.
    @inline(__always)
    static func play<Subject: TraceBenchSubject>(_ operations: [PackedTraceOperation], on subject: inout Subject,
                                                 blocks: inout [TraceBlock?],
                                                 progress: (_ done: Int) -> Void = { _ in }) -> TraceBenchFigures {
        var figures = TraceBenchFigures()
        var payload = 0, granted = 0
        @inline(__always) func grew(_ block: TraceBlock) {
            figures.highWaterMark = max(figures.highWaterMark, subject.end(of: block))
            if payload > figures.peakPayload {
                figures.peakPayload = payload
                figures.internalFragmentationAtPeak = granted - payload
            }
        }
        for (index, packed) in operations.enumerated() {
            if index & (progressInterval - 1) == 0 && index > 0 { progress(index) }
            switch packed.operation {
            case .allocate(let slot, let size, let alignment):
                if let block = subject.allocate(size: size, alignment: alignment) {
                    blocks[slot] = block
                    payload += block.requested
                    granted += block.granted
                    grew(block)
                } else {
                    blocks[slot] = nil
                    figures.failedRequests += 1
                }
            case .free(let slot):
                guard let block = blocks[slot] else { continue }
                subject.free(block)
                payload -= block.requested
                granted -= block.granted
                blocks[slot] = nil
            case .reallocate(let slot, let size):
                if let block = blocks[slot] {
                    if let moved = subject.reallocate(block, size: size) {
                        blocks[slot] = moved
                        payload += moved.requested - block.requested
                        granted += moved.granted - block.granted
                        grew(moved)
                    } else {
                        figures.failedRequests += 1
                    }
                } else if let block = subject.allocate(size: size, alignment: nil) {
                    blocks[slot] = block
                    payload += block.requested
                    granted += block.granted
                    grew(block)
                } else {
                    figures.failedRequests += 1
                }
            }
        }
        return figures
    }

    /// One replay of `trace` on a fresh `subject`: its figures. The blocks still live at the
    /// end are freed afterwards.
    static func measure<Subject: TraceBenchSubject>(_ trace: TraceOperations, on subject: Subject,
                                                    progress: (_ done: Int) -> Void = { _ in }) -> TraceBenchFigures {
        var subject = subject
        var blocks = [TraceBlock?](repeating: nil, count: trace.slotCount)
        let figures = play(trace.packed, on: &subject, blocks: &blocks, progress: progress)
        freeAll(&blocks, on: &subject)
        return figures
    }

    /// Replays `trace` on `subject` once untimed (so its memory is touched, as a process's
    /// warm malloc heap is), then again and again, each time from empty (the blocks left live
    /// are freed between replays, untimed), until the replays have taken `target` CPU
    /// nanoseconds of the calling thread. Returns the timed replays and their nanoseconds.
    static func time<Subject: TraceBenchSubject>(_ trace: TraceOperations, on subject: Subject,
                                                 target: UInt64) -> (replays: Int, nanoseconds: UInt64) {
        var subject = subject
        var blocks = [TraceBlock?](repeating: nil, count: trace.slotCount)
        _ = play(trace.packed, on: &subject, blocks: &blocks)
        freeAll(&blocks, on: &subject)
        var replays = 0
        var elapsed: UInt64 = 0
        repeat {
            let start = ThreadCPUClock.nanoseconds()
            _ = play(trace.packed, on: &subject, blocks: &blocks)
            elapsed += ThreadCPUClock.nanoseconds() - start
            replays += 1
            freeAll(&blocks, on: &subject)
        } while elapsed < target && trace.count > 0
        return (replays, elapsed)
    }

    /// Frees every block left in `blocks` and empties it.
    static func freeAll<Subject: TraceBenchSubject>(_ blocks: inout [TraceBlock?], on subject: inout Subject) {
        for index in blocks.indices {
            if let block = blocks[index] { subject.free(block) }
            blocks[index] = nil
        }
    }
}
