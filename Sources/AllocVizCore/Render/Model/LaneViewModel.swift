/// One lane of the session (one allocator instance) as the screen shows it.
public struct LaneViewModel {
    /// What a lane draws in its main panel.
    public enum Content {
        /// A buddy allocator: the icicle tree.
        case buddy(BuddyViewModel)
        /// A free-list heap: memory map and bins.
        case heap(HeapViewModel)
    }

    /// Lane name, shown in the panel title (`"buddy"`, `"heap"`, `"b1"`).
    public var name: String
    /// Implementation shown beside the name (`"bitmap"`, `"array-list"`, `"linked-list"`,
    /// `"segregated"`, `"first-fit"`).
    public var implementation: String
    /// The panel content.
    public var content: Content
    /// Figures for the stats panel.
    public var stats: LaneStatsViewModel

    /// Creates a lane model.
    public init(name: String, implementation: String = "", content: Content, stats: LaneStatsViewModel) {
        self.name = name
        self.implementation = implementation
        self.content = content
        self.stats = stats
    }
}

/// Per-lane figures for the stats panel. All sizes in bytes. With free blocks U_i,
/// F = sum U_i and L = max U_i, external fragmentation is `1 - L/F` (0 when nothing is free);
/// internal fragmentation is granted minus requested bytes over the live blocks.
public struct LaneStatsViewModel: Hashable, Sendable {
    /// Bytes the lane manages.
    public var capacity: Int
    /// Bytes granted to live blocks (including rounding and headers).
    public var used: Int
    /// Bytes callers requested, over live blocks.
    public var requested: Int
    /// Bytes in free blocks.
    public var free: Int
    /// The largest free block.
    public var largestFree: Int
    /// Live block count.
    public var liveBlocks: Int
    /// Free block count.
    public var freeBlocks: Int
    /// External fragmentation `1 - largest/free`, 0...1.
    public var externalFragmentation: Double
    /// Internal fragmentation in bytes (granted - requested).
    public var internalFragmentation: Int
    /// External fragmentation after each past step, oldest first (the sparkline; the view
    /// shows the newest samples that fit).
    public var externalFragmentationHistory: [Double]
    /// Free block counts per order for a buddy lane (`/proc/buddyinfo`), nil for a heap.
    public var buddyInfo: [Int]?
    /// Requests this lane failed so far.
    public var failedRequests: Int
    /// Set while a step's sub-step is drawn: the figures are those of the state before step
    /// `beforeStep` (the panel's title says so), since the drawing is between the two states.
    public var beforeStep: Int?

    /// Creates the figures.
    public init(
        capacity: Int, used: Int, requested: Int, free: Int, largestFree: Int, liveBlocks: Int = 0,
        freeBlocks: Int = 0, externalFragmentation: Double, internalFragmentation: Int,
        externalFragmentationHistory: [Double] = [], buddyInfo: [Int]? = nil, failedRequests: Int = 0
    ) {
        self.capacity = capacity
        self.used = used
        self.requested = requested
        self.free = free
        self.largestFree = largestFree
        self.liveBlocks = liveBlocks
        self.freeBlocks = freeBlocks
        self.externalFragmentation = externalFragmentation
        self.internalFragmentation = internalFragmentation
        self.externalFragmentationHistory = externalFragmentationHistory
        self.buddyInfo = buddyInfo
        self.failedRequests = failedRequests
    }
}
