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
    /// Plays `operations` on `subject`, keeping each slot's live block in `blocks` (all nil on
    /// entry), and returns the space figures. A slot whose allocation failed holds no block:
    /// a later `f` of it does nothing (like `free(NULL)`) and a later `r` allocates (like
    /// `realloc(NULL, size)`). A failed reallocation leaves the old block live.
    /// - Complexity: O(operations) allocator calls.
    @inline(__always)
    static func play<Subject: TraceBenchSubject>(_ operations: [TraceOperation], on subject: inout Subject,
                                                 blocks: inout [TraceBlock?]) -> TraceBenchFigures {
        var figures = TraceBenchFigures()
        var payload = 0, granted = 0
        @inline(__always) func grew(_ block: TraceBlock) {
            figures.highWaterMark = max(figures.highWaterMark, subject.end(of: block))
            if payload > figures.peakPayload {
                figures.peakPayload = payload
                figures.internalFragmentationAtPeak = granted - payload
            }
        }
        for operation in operations {
            switch operation {
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

    /// One replay of `trace` on a fresh `subject`: its figures and the calling thread's CPU
    /// nanoseconds the replay took. The blocks still live at the end are freed afterwards,
    /// outside the timing.
    static func run<Subject: TraceBenchSubject>(_ trace: TraceOperations, on subject: Subject) -> (figures: TraceBenchFigures, nanoseconds: UInt64) {
        var subject = subject
        var blocks = [TraceBlock?](repeating: nil, count: trace.slotCount)
        let start = ThreadCPUClock.nanoseconds()
        let figures = play(trace.operations, on: &subject, blocks: &blocks)
        let elapsed = ThreadCPUClock.nanoseconds() - start
        for case let block? in blocks { subject.free(block) }
        return (figures, elapsed)
    }
}
