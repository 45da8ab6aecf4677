/// Builds ``HeapAllocator/memoryMap(range:columns:)`` from chunks fed in address order, in
/// O(1) per chunk plus O(columns): the column boundaries are computed once, and a cursor only
/// ever moves forward through them.
struct HeapMemoryMapAccumulator {
    /// The columns being filled.
    private(set) var columns: [HeapRangeUsage]
    /// Start offset of each column, then `upper` (count: columns + 1).
    private let bounds: [Int]
    /// First and one-past-last offset covered.
    let lower: Int, upper: Int
    /// The column the cursor is in.
    private var cursor = 0

    /// Prepares `columnCount` (at least 1) equal slices of `range` clamped to `0 ..< capacity`.
    init(range: Range<Int>, columns columnCount: Int, capacity: Int) {
        let count = max(1, columnCount)
        columns = [HeapRangeUsage](repeating: HeapRangeUsage(), count: count)
        lower = max(0, range.lowerBound)
        upper = max(lower, min(capacity, range.upperBound))
        let span = upper - lower
        var bounds = [Int]()
        bounds.reserveCapacity(count + 1)
        // Column c covers [lower + ⌊c·span/columns⌋, lower + ⌊(c+1)·span/columns⌋).
        for c in 0..<count { bounds.append(lower + Int((Double(c) * Double(span) / Double(count)).rounded(.down))) }
        bounds.append(upper)
        self.bounds = bounds
    }

    /// Whether the range is empty (nothing to walk).
    var isEmpty: Bool { upper <= lower }

    /// Adds the chunk at `offset` (`size` bytes; `headerBytes` of them header when live).
    /// Chunks must come in address order. Returns false once the chunk starts past the range.
    @inline(__always)
    mutating func add(offset: Int, size: Int, isFree: Bool, headerBytes: Int) -> Bool {
        if offset >= upper { return false }
        let end = offset + size
        if end <= lower { return true }
        if isFree {
            addPiece(offset, end, kind: 2)
        } else {
            addPiece(offset, offset + headerBytes, kind: 1)
            addPiece(offset + headerBytes, end, kind: 0)
        }
        return true
    }

    /// Adds `[start, end)` of `kind` (0 content, 1 header, 2 free) to the columns it covers.
    @inline(__always)
    private mutating func addPiece(_ start: Int, _ end: Int, kind: Int) {
        var s = max(start, lower)
        let e = min(end, upper)
        guard s < e else { return }
        columns.withUnsafeMutableBufferPointer { result in
            bounds.withUnsafeBufferPointer { bounds in
                let last = result.count - 1
                while s < e {
                    while cursor < last && bounds[cursor + 1] <= s { cursor += 1 }
                    let take = min(e, bounds[cursor + 1]) - s
                    switch kind {
                    case 0: result[cursor].usedBytes += take
                    case 1: result[cursor].headerBytes += take
                    default: result[cursor].freeBytes += take
                    }
                    s += take
                }
            }
        }
    }
}
