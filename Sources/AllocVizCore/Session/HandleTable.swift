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

    private var statuses: [String: Status] = [:]
    /// Live automatic handles, in pool order (a free swaps the last entry into the hole).
    public private(set) var automaticPool: [String] = []
    private var poolIndex: [String: Int] = [:]
    /// The number the next automatic handle gets (one more than the largest `@N` ever used).
    public private(set) var nextAutomaticNumber = 1
    /// Live handles in the order they were allocated (named and automatic).
    public private(set) var liveCount = 0

    /// Creates an empty table.
    public init() {}

    /// The state of `name`.
    public func status(of name: String) -> Status { statuses[name] ?? .unknown }

    /// Every name ever allocated, sorted.
    public var knownNames: [String] { statuses.keys.sorted() }

    /// Every live name, sorted (automatic handles by number after the named ones).
    public var liveNames: [String] {
        statuses.filter { $0.value == .live }.map(\.key).sorted(by: Self.displayOrder)
    }

    /// Named handles before automatic ones; automatic ones by number.
    public static func displayOrder(_ a: String, _ b: String) -> Bool {
        switch (automaticNumber(a), automaticNumber(b)) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        case (nil, nil): return a < b
        }
    }

    /// The `N` of an automatic handle `@N`, or nil for a named handle.
    public static func automaticNumber(_ name: String) -> Int? {
        name.hasPrefix("@") ? Int(name.dropFirst()) : nil
    }

    /// The name the next automatic handle gets.
    public var nextAutomaticName: String { "@\(nextAutomaticNumber)" }

    /// Marks `name` live. The caller checked it is not live already.
    /// - Complexity: O(1) amortised.
    public mutating func allocate(_ name: String) {
        statuses[name] = .live
        liveCount += 1
        if let number = Self.automaticNumber(name) {
            poolIndex[name] = automaticPool.count
            automaticPool.append(name)
            nextAutomaticNumber = max(nextAutomaticNumber, number + 1)
        }
    }

    /// Marks a live `name` freed (no effect on a name that is not live).
    /// - Complexity: O(1).
    public mutating func free(_ name: String) {
        guard statuses[name] == .live else { return }
        statuses[name] = .freed
        liveCount -= 1
        if let index = poolIndex.removeValue(forKey: name) {
            let last = automaticPool.removeLast()
            if index < automaticPool.count {
                automaticPool[index] = last
                poolIndex[last] = index
            }
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
