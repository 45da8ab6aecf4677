extension BuddyAllocator {
    /// Creates an allocator with the default configuration (1 MiB of 4 KiB blocks).
    @inlinable public init() { self.init(configuration: .default) }

    /// Allocates the smallest block that holds `byteCount` bytes and remembers `byteCount` as requested.
    /// - Throws: ``BuddyError/invalidByteCount(bytes:blockSize:)`` for `byteCount <= 0`,
    ///   ``BuddyError/requestTooLarge(bytes:totalSize:)``, ``BuddyError/outOfMemory(order:)``.
    /// - Complexity: that of `allocate(order:requestedBytes:observer:)`.
    @inlinable
    public mutating func allocate<Observer: BuddyEventObserver>(
        byteCount: Int, observer: inout Observer
    ) throws(BuddyError) -> Int {
        guard let order = configuration.order(forBytes: byteCount) else {
            if byteCount <= 0 { throw .invalidByteCount(bytes: byteCount, blockSize: configuration.minimumBlockSize) }
            throw .requestTooLarge(bytes: byteCount, totalSize: configuration.totalSize)
        }
        return try allocate(order: order, requestedBytes: byteCount, observer: &observer)
    }

    /// Allocates the smallest block that holds `byteCount` bytes, without events.
    /// - Complexity: that of `allocate(order:requestedBytes:observer:)`.
    @inlinable
    public mutating func allocate(byteCount: Int) throws(BuddyError) -> Int {
        var observer = IgnoreEvents()
        return try allocate(byteCount: byteCount, observer: &observer)
    }

    /// Allocates a block of `order`, recording its whole size as requested.
    /// - Complexity: that of `allocate(order:requestedBytes:observer:)`.
    @inlinable
    public mutating func allocate<Observer: BuddyEventObserver>(
        order: Int, observer: inout Observer
    ) throws(BuddyError) -> Int {
        guard order >= 0, order <= configuration.maxOrder else {
            throw .orderOutOfRange(order: order, maxOrder: configuration.maxOrder)
        }
        return try allocate(order: order, requestedBytes: configuration.blockSize(order: order), observer: &observer)
    }

    /// Allocates a block of `order` without events.
    /// - Complexity: that of `allocate(order:requestedBytes:observer:)`.
    @inlinable
    public mutating func allocate(order: Int) throws(BuddyError) -> Int {
        var observer = IgnoreEvents()
        return try allocate(order: order, observer: &observer)
    }

    /// Frees the block of `order` at `offset` without events.
    /// - Complexity: that of `deallocate(offset:order:observer:)`.
    @inlinable
    public mutating func deallocate(offset: Int, order: Int) throws(BuddyError) {
        var observer = IgnoreEvents()
        try deallocate(offset: offset, order: order, observer: &observer)
    }

    /// Frees the live block starting at `offset`, whatever its order.
    /// - Throws: ``BuddyError/noLiveBlock(offset:)`` when no live block starts there.
    /// - Complexity: `liveBlock(at:)` plus `deallocate(offset:order:observer:)`.
    @inlinable
    public mutating func deallocate<Observer: BuddyEventObserver>(
        offset: Int, observer: inout Observer
    ) throws(BuddyError) {
        guard let block = liveBlock(at: offset) else { throw .noLiveBlock(offset: offset) }
        try deallocate(offset: offset, order: block.order, observer: &observer)
    }

    /// Frees the live block starting at `offset`, whatever its order, without events.
    /// - Complexity: `liveBlock(at:)` plus `deallocate(offset:order:observer:)`.
    @inlinable
    public mutating func deallocate(offset: Int) throws(BuddyError) {
        var observer = IgnoreEvents()
        try deallocate(offset: offset, observer: &observer)
    }

    /// Free block counts for every order `0...maxOrder`, like a row of /proc/buddyinfo.
    /// - Complexity: O(orders) times `freeBlockCount(order:)`.
    public var freeBlockCounts: [Int] {
        (0...configuration.maxOrder).map { freeBlockCount(order: $0) }
    }

    /// Free bytes in the whole region.
    public var freeBytes: Int { configuration.totalSize - grantedBytes }

    /// The largest order that has a free block, or nil when nothing is free.
    public var largestFreeOrder: Int? {
        (0...configuration.maxOrder).reversed().first { freeBlockCount(order: $0) > 0 }
    }

    /// Fragmentation and utilisation figures from the free counts and live totals: with free
    /// blocks of sizes `U_i`, `F = Σ U_i`, `L = max U_i`, external fragmentation `1 - L / F`,
    /// Sawicki's `1 - sqrt(Σ U_i²) / F` (both 0 when `F == 0`), internal fragmentation
    /// `granted - requested`, utilisation `requested / capacity` (see ``FragmentationMetrics``).
    /// - Complexity: O(orders) plus the live totals.
    public var metrics: FragmentationMetrics {
        var free = FreeBlockAccumulator()
        for order in 0...configuration.maxOrder {
            free.add(size: configuration.blockSize(order: order), blocks: freeBlockCount(order: order))
        }
        return FragmentationMetrics(
            capacity: configuration.totalSize, requestedBytes: requestedBytes,
            grantedBytes: grantedBytes, liveBlockCount: liveBlockCount, free: free)
    }

    /// Linux's unusable free space index for every order `0...maxOrder`.
    /// - Complexity: O(orders).
    public var unusableFreeSpaceIndex: [Double] {
        UnusableFreeSpaceIndex.perOrder(freeCounts: freeBlockCounts)
    }

    /// The free blocks as `(offset, order)` pairs, in address order (the default: derived from
    /// ``freeBlocksFromNodeStates()``; implementations read their own indexes instead).
    /// - Complexity: that of ``freeBlocksFromNodeStates()``.
    public var freeBlocks: [(offset: Int, order: Int)] { freeBlocksFromNodeStates() }

    /// The free blocks in address order, found by walking the tree from the root through split
    /// nodes with `nodeState` (a cross-check of `nodeState` against `freeBlocks`).
    /// - Complexity: O(blocks) node-state queries.
    public func freeBlocksFromNodeStates() -> [(offset: Int, order: Int)] {
        var result: [(offset: Int, order: Int)] = []
        var stack: [(order: Int, index: Int)] = [(configuration.maxOrder, 0)]
        while let (order, index) = stack.popLast() {
            switch nodeState(order: order, index: index) {
            case .free: result.append((index * configuration.blockSize(order: order), order))
            case .split:
                stack.append((order - 1, 2 * index + 1))
                stack.append((order - 1, 2 * index))
            default: break
            }
        }
        return result
    }
}
