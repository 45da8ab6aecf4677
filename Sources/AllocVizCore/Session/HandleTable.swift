/// The handles of a session, independent of any lane: which names are live, which were freed,
/// and the pool of live automatic handles (`@1`, `@2`, ...) that random operations pick from.
///
/// A handle is live from its `alloc` to its `free` whatever the lanes did: an allocation can
/// fail in one lane and succeed in another, but the handle exists (like a pointer that may be
/// NULL). So the table evolves the same way for a script whatever the lanes are, which lets
/// ``ScriptValidator`` check handles before anything runs.
public struct HandleTable: Sendable, Hashable {
    /// The state of a name.
    public enum Status: Hashable, Sendable {
        /// Never allocated.
        case unknown
        /// Allocated and not freed since.
        case live
        /// Allocated once, freed since.
        case freed
    }

    /// Named handles ever allocated, live or freed (scripts name few handles).
    private var named: [String: Status] = [:]
    /// Live automatic handles, in pool order (a free swaps the last entry into the hole).
    public private(set) var automaticPool: [String] = []
    private var poolIndex: [String: Int] = [:]
    /// Automatic numbers below ``nextAutomaticNumber`` that were never allocated (an explicit
    /// `alloc @9` skips @1...@8 when they were not used yet). Usually empty.
    private var automaticGaps: [Range<Int>] = []
    /// The number the next automatic handle gets (one more than the largest `@N` ever used).
    public private(set) var nextAutomaticNumber = 1
    /// Number of live handles.
    public private(set) var liveCount = 0
    /// Whether named handles are forgotten once freed, as automatic ones are (a trace played:
    /// its ids are never named again, and memory then follows the live handles).
    public internal(set) var forgetsFreedNames = false

    /// Creates an empty table.
    public init() {}

    /// The state of `name`.
    /// - Complexity: O(1) (plus the gaps, usually none).
    public func status(of name: String) -> Status {
        guard let number = HandleName.automaticNumber(name) else { return named[name] ?? .unknown }
        if poolIndex[name] != nil { return .live }
        if number >= nextAutomaticNumber || automaticGaps.contains(where: { $0.contains(number) }) { return .unknown }
        return .freed
    }

    /// Named handles ever allocated and live automatic handles, sorted (for suggestions).
    public var knownNames: [String] { (Array(named.keys) + automaticPool).sorted(by: Self.displayOrder) }

    /// Every live name: named handles first, then automatic ones by number.
    public var liveNames: [String] {
        (named.filter { $0.value == .live }.map(\.key) + automaticPool).sorted(by: Self.displayOrder)
    }

    /// Named handles before automatic ones; automatic ones by number.
    public static func displayOrder(_ a: String, _ b: String) -> Bool {
        switch (HandleName.automaticNumber(a), HandleName.automaticNumber(b)) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        case (nil, nil): return a < b
        }
    }

    /// The name the next automatic handle gets.
    public var nextAutomaticName: String { HandleName.automatic(nextAutomaticNumber) }

    /// Marks `name` live. The caller checked it is not live already.
    /// - Complexity: O(1) amortised.
    public mutating func allocate(_ name: String) {
        liveCount += 1
        guard let number = HandleName.automaticNumber(name) else {
            named[name] = .live
            return
        }
        poolIndex[name] = automaticPool.count
        automaticPool.append(name)
        if number >= nextAutomaticNumber {
            if number > nextAutomaticNumber { automaticGaps.append(nextAutomaticNumber ..< number) }
            nextAutomaticNumber = number + 1
        } else if let gap = automaticGaps.firstIndex(where: { $0.contains(number) }) {
            let range = automaticGaps.remove(at: gap)
            if range.lowerBound < number { automaticGaps.append(range.lowerBound ..< number) }
            if number + 1 < range.upperBound { automaticGaps.append(number + 1 ..< range.upperBound) }
        }
    }

    /// Marks a live `name` freed (no effect on a name that is not live). Only named handles
    /// are remembered once freed; a freed automatic handle is known by its number alone.
    /// - Complexity: O(1).
    public mutating func free(_ name: String) {
        if let index = poolIndex.removeValue(forKey: name) {
            liveCount -= 1
            let last = automaticPool.removeLast()
            if index < automaticPool.count {
                automaticPool[index] = last
                poolIndex[last] = index
            }
        } else if named[name] == .live {
            liveCount -= 1
            named[name] = forgetsFreedNames ? nil : .freed
        }
    }

    /// Turns a workload's choice into a concrete command on this table's pool.
    public func command(for choice: RandomWorkload.Choice) -> SessionCommand {
        switch choice {
        case .allocate(let size, let alignment): return .allocate(handle: nextAutomaticName, size: size, alignment: alignment)
        case .free(let index): return .free(handle: automaticPool[index])
        case .reallocate(let index, let size): return .reallocate(handle: automaticPool[index], size: size)
        }
    }
}
