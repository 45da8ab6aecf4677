/// What a trace asks of an allocator, gathered while it is parsed: the figures its lanes are
/// sized from, and the header's counts compared with the body.
public struct TraceSummary: Sendable, Equatable {
    /// The minimum block sizes a buddy lane sized from a trace may get: 16 B to 1 MiB.
    public static let buddyMinimumBlocks: [Int] = (4...20).map { 1 << $0 }

    /// The operations (lines `a`, `f`, `r`, `m`, `c`).
    public var operationCount = 0
    /// The distinct ids used.
    public var idCount = 0
    /// The most bytes live at once (sizes as requested).
    public var peakLiveBytes = 0
    /// The largest request (for aligned requests, the larger of size and alignment).
    public var largestRequest = 0
    /// The smallest request (0 when the trace allocates nothing).
    public var smallestRequest = Int.max
    /// The most bytes live at once in a buddy allocator without fragmentation, for each of
    /// ``buddyMinimumBlocks``: each request takes a block of the smallest power of two at
    /// least its size (and alignment) and the minimum block.
    public var peakBuddyBytes = [Int](repeating: 0, count: buddyMinimumBlocks.count)
    /// The header's number of ids and of operations (nil when the header has neither).
    public var headerIDCount: Int?
    /// See ``headerIDCount``.
    public var headerOperationCount: Int?
    /// The header's last line.
    public var headerLine: Int?
    /// `file:line: warning: …` for header counts that disagree with the body: a different
    /// number of operations, or more ids than the header says.
    public var warnings: [String] = []

    /// Creates an empty summary.
    public init() {}

    /// The buddy block a request of `bytes` takes with minimum block `minimum`.
    public static func buddyBlock(_ bytes: Int, minimum: Int) -> Int {
        max(minimum, powerOfTwo(atLeast: bytes))
    }

    /// The smallest power of two at least `bytes` (1 for 0).
    public static func powerOfTwo(atLeast bytes: Int) -> Int {
        bytes <= 1 ? 1 : 1 << (Int.bitWidth - (bytes - 1).leadingZeroBitCount)
    }

    /// The peak buddy bytes with minimum block `minimum` (one of ``buddyMinimumBlocks``).
    public func peakBuddyBytes(minimum: Int) -> Int {
        peakBuddyBytes[minimum.trailingZeroBitCount - 4]
    }
}
