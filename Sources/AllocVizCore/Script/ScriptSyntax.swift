/// A parsed demo script: its header (title, lanes) and its statements in order.
public struct Script: Sendable {
    /// The file name used in messages.
    public var file: String
    /// The `title "..."` line, if any.
    public var title: String?
    /// The lanes the header declares; empty means ``LaneConfiguration/defaults``.
    public var lanes: [LaneConfiguration]
    /// Where each declared lane was declared (same order as ``lanes``).
    public var laneLocations: [SourceLocation]
    /// The statements after the header.
    public var statements: [ScriptStatement]
    /// The source lines, kept for messages raised while running.
    public var sourceLines: [String]
    /// For a trace (docs/traces.md): what it asks of an allocator; nil for a script.
    public var trace: TraceSummary?
    /// For a trace whose lanes were sized from it: the sentence saying which sizes were chosen.
    public var laneSizing: String?

    /// The lanes a session for this script has (the declared ones, or the defaults).
    public var effectiveLanes: [LaneConfiguration] { lanes.isEmpty ? LaneConfiguration.defaults : lanes }

    /// Creates a script value.
    public init(file: String, title: String? = nil, lanes: [LaneConfiguration] = [], laneLocations: [SourceLocation] = [],
                statements: [ScriptStatement] = [], sourceLines: [String] = []) {
        self.file = file
        self.title = title
        self.lanes = lanes
        self.laneLocations = laneLocations
        self.statements = statements
        self.sourceLines = sourceLines
    }
}

/// One statement with the place it came from.
public struct ScriptStatement: Sendable, Equatable {
    /// What the statement does.
    public var kind: Kind
    /// Where it starts (the keyword).
    public var location: SourceLocation

    /// Creates a statement.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The statements of the language.
    public enum Kind: Sendable, Equatable {
        /// `alloc NAME SIZE [align=N]`
        case alloc(handle: String, size: Int, alignment: Int?)
        /// `free NAME` (or `free NAME again`, a deliberate double free).
        case free(handle: String, again: Bool)
        /// `realloc NAME SIZE`
        case realloc(handle: String, size: Int)
        /// `random N seed=S sizes=A..B [free=P%] [realloc=P%] [align=A..B]`
        case random(count: Int, workload: RandomWorkload)
        /// `note "..."`
        case note(String)
        /// `pause`
        case pause
        /// `expect METRIC OP VALUE`
        case expect(Expectation)
    }
}

/// A comparison operator of an `expect` line.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", equal = "==", notEqual = "!=", greaterOrEqual = ">=", greater = ">"

    /// Whether `lhs OP rhs` holds. `==` and `!=` allow a relative error of 1e-9 for ratios.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        let close = abs(lhs - rhs) <= 1e-9 * max(1, abs(lhs), abs(rhs))
        switch self {
        case .less: return lhs < rhs && !close
        case .lessOrEqual: return lhs <= rhs || close
        case .equal: return close
        case .notEqual: return !close
        case .greaterOrEqual: return lhs >= rhs || close
        case .greater: return lhs > rhs && !close
        }
    }
}

/// A figure an `expect` line can read from a lane.
public enum ScriptMetric: Sendable, Equatable {
    /// `extfrag(L)`: external fragmentation `1 - largest/free`.
    case externalFragmentation
    /// `intfrag(L)`: internal fragmentation in bytes (granted - requested).
    case internalFragmentation
    /// `free(L)`: free bytes.
    case freeBytes
    /// `used(L)`: capacity - free bytes.
    case usedBytes
    /// `requested(L)`: bytes requested by live blocks.
    case requestedBytes
    /// `largest(L)`: the largest free block in bytes.
    case largestFree
    /// `live(L)`: number of live blocks.
    case liveBlocks
    /// `free-blocks(L)`, or `free-blocks(L, order=N)` on a buddy lane.
    case freeBlocks(order: Int?)
    /// `unusable(L, order=N)`: Linux's unusable free space index (buddy lanes).
    case unusableIndex(order: Int)
    /// `utilisation(L)`: requested / capacity.
    case utilisation
    /// `sawicki(L)`: Sawicki's fragmentation metric.
    case sawicki
    /// `failures(L)`: requests the lane refused or reported as errors so far.
    case failures
    /// `offset(L, NAME)`: the offset of a handle's block.
    case offset(handle: String)
    /// `size(L, NAME)`: the granted size of a handle's block.
    case blockSize(handle: String)
    /// `failed(L, NAME)`: 1 when the handle's last allocation or reallocation failed in the lane, else 0.
    case failed(handle: String)
    /// `moved(L, NAME)`: 1 when the handle's last reallocation moved the block, else 0.
    case moved(handle: String)
    /// `align(L, NAME)`: the largest power of two dividing the block's offset (the address
    /// alignment it actually got; the lane's capacity for offset 0).
    case alignment(handle: String)
    /// `bin-count(L, size=N)` or `bin-count(L, size=N, sub=J)`: free chunks in a heap's
    /// smallbin of chunk size N (header included), or in its alignment sub-bin J.
    case binCount(chunkSize: Int, subBin: Int?)
}

/// `expect METRIC(LANE, ...) OP VALUE`.
public struct Expectation: Sendable, Equatable {
    /// What is read.
    public var metric: ScriptMetric
    /// The lane it is read from.
    public var lane: String
    /// The comparison.
    public var comparison: ComparisonOperator
    /// The value compared against.
    public var value: Double
    /// The expression as written (for messages), e.g. `extfrag(heap) < 0.5`.
    public var text: String

    /// Creates an expectation.
    public init(metric: ScriptMetric, lane: String, comparison: ComparisonOperator, value: Double, text: String) {
        self.metric = metric
        self.lane = lane
        self.comparison = comparison
        self.value = value
        self.text = text
    }
}
