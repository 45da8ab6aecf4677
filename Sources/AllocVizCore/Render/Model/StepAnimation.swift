import Allocators

/// The sub-steps ("beats") in which one step is animated: every split, merge (buddies merged,
/// heap chunks coalesced) and move of the step is shown in a frame of its own before the step's
/// final frame.
///
/// Lanes animate side by side: sub-step `k` shows beat `k` of every lane; a lane with fewer
/// beats shows its final state. A lane whose operation failed or was rejected has no beats
/// (nothing changed in it). Steps without beats (a claim that needs no split, a note) have no
/// sub-steps.
///
/// Sub-step `k` of a buddy lane draws the tree as it was right after that beat (the step's
/// events after it are undone on the final tiling, see ``BuddyTiling``); a heap lane draws its
/// final chunks except that chunks coalesced in a later beat are still drawn apart. A move
/// (realloc) beat comes after the new block is allocated and before the old one is freed:
/// before it the old block is still drawn allocated with its name, from it on free.
public struct StepAnimation: Sendable {
    /// One beat: which of the lane's events it is.
    public struct Beat: Sendable {
        /// Index of the event in the lane's `events`.
        public var eventIndex: Int
        /// The event.
        public var event: LaneEvent
    }

    /// The step animated.
    public let record: StepRecord
    /// Per lane, its beats in order.
    public let beats: [[Beat]]

    /// The beats of `record`.
    public init(record: StepRecord) {
        self.record = record
        beats = record.lanes.map { lane in
            guard !lane.outcome.isFailure else { return [] }
            return lane.events.enumerated().compactMap { index, event in
                Self.isBeat(event) ? Beat(eventIndex: index, event: event) : nil
            }
        }
    }

    /// Whether an event gets a beat of its own: splits, merges and coalesces, moves.
    public static func isBeat(_ event: LaneEvent) -> Bool {
        switch event.kind {
        case .split, .merge, .move: return true
        default: return false
        }
    }

    /// The number of sub-steps: the most beats of any lane (0 when nothing is animated).
    public var frameCount: Int { beats.map(\.count).max() ?? 0 }

    /// Beat `frame` (1-based) of `lane`, or nil when the lane has fewer beats.
    public func beat(_ frame: Int, lane: Int) -> Beat? {
        guard lane < beats.count, frame >= 1, frame <= beats[lane].count else { return nil }
        return beats[lane][frame - 1]
    }

    /// Index of the last of `lane`'s events drawn at beat `frame`: the beat's own event, and for
    /// a move also the events after it up to the next beat (the old block freed by the move, so
    /// the move's frame shows the block gone from its old place). Nil when the lane has no such beat.
    public func lastEventIndex(frame: Int, lane: Int) -> Int? {
        guard let beat = beat(frame, lane: lane) else { return nil }
        guard beat.event.kind == .move else { return beat.eventIndex }
        let next = self.beat(frame + 1, lane: lane)?.eventIndex ?? record.lanes[lane].events.count
        return next - 1
    }

    /// The caption of sub-step `frame`: each animated lane's beat, e.g.
    /// `buddy merge 2/4: 0x0 + 0x1000 -> order 1 at 0x0`, lanes joined by ` · `.
    public func caption(frame: Int, lanes: [LaneConfiguration]) -> String {
        var parts: [String] = []
        for (index, configuration) in lanes.enumerated() {
            guard let beat = beat(frame, lane: index) else { continue }
            let count = "\(frame)/\(beats[index].count)"
            parts.append("\(configuration.name) " + Self.caption(beat.event, count: count, shape: configuration.buddyShape))
        }
        return parts.joined(separator: " · ")
    }

    /// One beat's words: `split 3/8: order 5 at 0x0 -> two order-4 halves`,
    /// `merge 2/4: 0x0 + 0x2000 -> order 2 at 0x0`, `coalesce 1/2: with previous -> 96 B free at 0x40`.
    static func caption(_ event: LaneEvent, count: String, shape: BuddyConfiguration?) -> String {
        switch event.source {
        case .buddy(.split(let offset, let order)):
            return "split \(count): order \(order) at \(DisplayFormat.hex(offset)) -> two order-\(order - 1) halves"
        case .buddy(.merged(let offset, _, let order)):
            let half = shape.map { $0.blockSize(order: order - 1) }
            let upper = half.map { " + " + DisplayFormat.hex(offset + $0) } ?? ""
            return "merge \(count): \(DisplayFormat.hex(offset))\(upper) -> order \(order) at \(DisplayFormat.hex(offset))"
        case .heap(.coalescedWithPrevious(let chunk, let size)):
            return "coalesce \(count): with previous -> \(size) B free at \(DisplayFormat.hex(chunk))"
        case .heap(.coalescedWithNext(let chunk, let size)):
            return "coalesce \(count): with next -> \(size) B free at \(DisplayFormat.hex(chunk))"
        default:
            let verb = event.kind == .move ? "move" : event.kind == .merge ? "merge" : "split"
            return "\(verb) \(count): \(event.text)"
        }
    }
}
