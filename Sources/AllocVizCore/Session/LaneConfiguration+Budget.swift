/// Limits on the lanes one session may have, checked before any lane is built: at most
/// ``LaneConfiguration/maximumLaneCount`` lanes, and together at most a memory limit
/// (``LaneConfiguration/defaultMemoryLimit`` unless the command line raises it).
extension LaneConfiguration {
    /// The most lanes a session may have (a script's `lane` lines).
    public static let maximumLaneCount = 8

    /// The default limit on the memory a session's lanes may take together: 1 GiB.
    public static let defaultMemoryLimit = 1 << 30

    /// Bytes of bookkeeping a buddy lane keeps per minimum block: the bitmap implementation's
    /// requested-bytes word and its bits per order (about 8.3 bytes), with room for the list
    /// implementations' entries and the session's block records.
    public static let buddyBytesPerMinimumBlock = 16

    /// An estimate of the memory this lane takes when built: a heap's region plus a sixteenth
    /// for its bookkeeping (requested sizes, bins, front cache); a buddy's
    /// ``buddyBytesPerMinimumBlock`` per minimum block (a buddy manages offsets, not memory).
    public var memoryEstimate: Int {
        switch allocator {
        case .heap(let capacity, _): capacity + capacity / 16
        case .buddy(let shape, _): shape.minimumBlockCount * Self.buddyBytesPerMinimumBlock
        }
    }

    /// Why `lanes` may not be built: more than ``maximumLaneCount`` lanes, or an estimated
    /// memory (the sum of ``memoryEstimate``) above `memoryLimit`; nil when they fit.
    /// The error's `laneIndex` is the first lane past the count limit, or nil for the memory.
    public static func budgetProblem(_ lanes: [LaneConfiguration], memoryLimit: Int = defaultMemoryLimit) -> LaneBudgetError? {
        if lanes.count > maximumLaneCount {
            return LaneBudgetError(description: "\(lanes.count) lanes; a session may have at most \(maximumLaneCount)",
                                   laneIndex: maximumLaneCount, concernsMemory: false)
        }
        let needed = lanes.reduce(0) { $0 + $1.memoryEstimate }
        guard needed > memoryLimit else { return nil }
        let what = lanes.count == 1 ? "this lane needs" : "these \(lanes.count) lanes need"
        return LaneBudgetError(description: "\(what) about \(approximateSize(needed)); the limit is \(approximateSize(memoryLimit))",
                               laneIndex: nil, concernsMemory: true)
    }

    /// `1 GiB`, `10.3 GiB`, `264 MiB`, `512 KiB`, `100 B`: one decimal below 10 of the unit when not whole.
    public static func approximateSize(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var unit = 0
        var scale = 1
        while unit + 1 < units.count, bytes / scale >= 1024 {
            scale *= 1024
            unit += 1
        }
        if bytes % scale == 0 { return "\(bytes / scale) \(units[unit])" }
        let tenths = Int((Double(bytes) / Double(scale) * 10).rounded())
        if tenths < 1000 && tenths % 10 != 0 { return "\(tenths / 10).\(tenths % 10) \(units[unit])" }
        return "\((tenths + 5) / 10) \(units[unit])"
    }
}

/// Why a session's lanes may not be built (too many, or too much memory together).
public struct LaneBudgetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The explanation with the figures, e.g. `these 40 lanes need about 10.6 GiB; the limit is 1 GiB`.
    public var description: String
    /// The first lane past the count limit (nil when the memory is at fault).
    public var laneIndex: Int?
    /// Whether the memory limit (which the command line can raise) is at fault.
    public var concernsMemory: Bool
}
