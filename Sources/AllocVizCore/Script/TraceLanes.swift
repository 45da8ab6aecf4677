import Allocators

/// The lanes a trace is played on when nothing else says: sized from its ``TraceSummary``.
///
/// - heap: the smallest power of two at least twice the peak live bytes (and twice the largest
///   request), at least 64 KiB, at most ``LaneConfiguration/maximumHeapSize``;
/// - buddy: minimum block the power of two at or above the smallest request, from 16 B to
///   4 KiB; region the smallest power of two at least twice the peak of live buddy blocks (each
///   request rounded to its block) and the largest request's block, at least 64 KiB; when that
///   is more than ``LaneConfiguration/maximumBuddyBlocks`` minimum blocks, the minimum block
///   doubles until it is not. The region is at most 1 TiB.
///
/// `--heap SIZE` and `--buddy SIZE` override either size (0 leaves that lane out).
public enum TraceLanes {
    /// The smallest lane sized from a trace.
    public static let minimumLaneSize = 64 << 10
    /// The largest buddy region sized from a trace.
    public static let maximumBuddySize = 1 << 40

    /// The lanes for a trace, and the sentence saying how they were chosen.
    public struct Sizing: Sendable, Equatable {
        /// The lanes (buddy first, then heap; a lane given size 0 is left out).
        public var lanes: [LaneConfiguration]
        /// `lanes sized from the trace: buddy 4MiB min=4KiB, heap 1MiB (peak live 300K, largest request 12K)`.
        public var description: String
        /// The same, short, for a title: `buddy 4MiB min=4KiB, heap 1MiB`.
        public var shortDescription: String
    }

    /// Sizes lanes for `summary`; `heap` and `buddy` (bytes; 0 for no such lane) override the
    /// sizes chosen from the trace.
    /// - Throws: ``LaneConfigurationError`` when an overriding size cannot be a lane, or both are 0.
    public static func sizing(for summary: TraceSummary, heap heapOverride: Int? = nil,
                              buddy buddyOverride: Int? = nil) throws(LaneConfigurationError) -> Sizing {
        var lanes: [LaneConfiguration] = []
        var parts: [String] = []
        if buddyOverride != 0 {
            let (size, minimum) = buddyShape(for: summary, size: buddyOverride)
            lanes.append(try .buddy(size: size, minimumBlock: minimum))
            parts.append("buddy \(SizeLiteral.format(size)) min=\(SizeLiteral.format(minimum))\(buddyOverride == nil ? "" : " (--buddy)")")
        }
        if heapOverride != 0 {
            let size = heapOverride ?? heapSize(for: summary)
            lanes.append(try .heap(capacity: size))
            parts.append("heap \(SizeLiteral.format(size))\(heapOverride == nil ? "" : " (--heap)")")
        }
        guard !lanes.isEmpty else { throw LaneConfigurationError("--buddy 0 and --heap 0 leave no lane to play the trace on") }
        let overridden = heapOverride != nil || buddyOverride != nil
        let short = parts.joined(separator: ", ")
        let figures = "(peak live \(DisplayFormat.bytes(summary.peakLiveBytes)), largest request \(DisplayFormat.bytes(summary.largestRequest)))"
        let head = overridden ? "lanes for the trace" : "lanes sized from the trace"
        return Sizing(lanes: lanes, description: "\(head): \(short) \(figures)", shortDescription: short)
    }

    /// The heap size for `summary` (see ``TraceLanes``).
    public static func heapSize(for summary: TraceSummary) -> Int {
        let wanted = max(2 * summary.peakLiveBytes, 2 * summary.largestRequest, minimumLaneSize)
        return min(TraceSummary.powerOfTwo(atLeast: min(wanted, LaneConfiguration.maximumHeapSize)), LaneConfiguration.maximumHeapSize)
    }

    /// The buddy region and minimum block for `summary`; `size` fixes the region (the minimum
    /// block is then chosen as usual and raised until the block count fits).
    public static func buddyShape(for summary: TraceSummary, size: Int?) -> (size: Int, minimum: Int) {
        let smallest = max(1, summary.smallestRequest)
        var minimum = min(4096, max(16, TraceSummary.powerOfTwo(atLeast: smallest)))
        while true {
            let region: Int
            if let size {
                region = size
            } else {
                let peak = summary.peakBuddyBytes(minimum: minimum)
                let largest = TraceSummary.buddyBlock(summary.largestRequest, minimum: minimum)
                region = min(maximumBuddySize, TraceSummary.powerOfTwo(atLeast: max(2 * peak, largest, minimumLaneSize)))
            }
            let last = minimum >= TraceSummary.buddyMinimumBlocks.last! || minimum >= region
            if region / minimum <= LaneConfiguration.maximumBuddyBlocks || last { return (region, min(minimum, max(1, region))) }
            minimum *= 2
        }
    }
}

extension Script {
    /// This trace script with lanes sized by ``TraceLanes`` (overridden by `heap` and `buddy`)
    /// and a title naming the file and the lanes; unchanged when it is not a trace.
    /// - Throws: ``ScriptErrors`` when an overriding size cannot be a lane.
    public func sizingLanesFromTrace(heap: Int? = nil, buddy: Int? = nil) throws(ScriptErrors) -> Script {
        guard let trace else { return self }
        let sizing: TraceLanes.Sizing
        do {
            sizing = try TraceLanes.sizing(for: trace, heap: heap, buddy: buddy)
        } catch {
            throw ScriptErrors([ScriptDiagnostic(file: file, location: SourceLocation(line: 1, column: 1),
                                                 message: "cannot size the lanes: \(error.description)", sourceLine: nil)])
        }
        var script = self
        script.lanes = sizing.lanes
        script.laneLocations = sizing.lanes.map { _ in SourceLocation(line: 1, column: 1) }
        script.laneSizing = sizing.description
        let base = file.split(separator: "/").last.map(String.init) ?? file
        script.title = "\(base) · \(sizing.shortDescription)"
        return script
    }
}
