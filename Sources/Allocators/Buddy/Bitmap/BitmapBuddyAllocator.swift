/// The fast buddy allocator: per-order free bitmaps with summary words, a 64-bit mask of the
/// orders that have a free block, and per-order allocated bitmaps.
///
/// - Allocation: one trailing-zero count on the order mask finds the smallest order `k' >= k`
///   with a free block; one trailing-zero count per summary level (three for 1 GiB of 4 KiB
///   blocks) finds its lowest free block; each split sets one bit.
/// - Deallocation: the allocated bitmap validates `(offset, order)` with one bit test; each merge
///   tests and clears the buddy's bit.
/// - Introspection: counts per order are kept; address-range occupancy is a popcount over bitmap
///   words; node states are O(orders) bit tests.
///
/// A copy-on-write value: copies share storage until one of them changes (then the writer copies
/// the bitmaps and the per-block requested sizes: O(region / minimum block)).
public struct BitmapBuddyAllocator: BuddyAllocator {
    /// `bitmap`.
    public static var implementationName: String { "bitmap" }

    @usableFromInline var storage: BitmapBuddyStorage

    /// Creates the allocator with the whole region free.
    /// - Complexity: O(region / minimum block) to clear the buffers.
    public init(configuration: BuddyConfiguration) {
        storage = BitmapBuddyStorage(configuration: configuration)
        storage.insertFree(configuration.maxOrder, 0)
    }

    /// The region's shape.
    @inlinable public var configuration: BuddyConfiguration { storage.configuration }

    @inlinable @inline(__always)
    mutating func makeUnique() {
        if _slowPath(!isKnownUniquelyReferenced(&storage)) { storage = storage.copy() }
    }

    /// Allocates a block of `order`: the lowest free block of the smallest sufficient order,
    /// split down keeping lower halves.
    /// - Complexity: O(1): one find-first-set on the order mask, O(levels) to find the block,
    ///   O(1) per split.
    @inlinable @inline(__always)
    public mutating func allocate<Observer: BuddyEventObserver>(
        order: Int, requestedBytes bytes: Int, observer: inout Observer
    ) throws(BuddyError) -> Int {
        let shift = storage.configuration.minimumBlockShift
        let maxOrder = storage.configuration.maxOrder
        guard order >= 0, order <= maxOrder else { throw .orderOutOfRange(order: order, maxOrder: maxOrder) }
        let granted = 1 &<< (order &+ shift)
        guard bytes > 0, bytes <= granted else { throw .invalidByteCount(bytes: bytes, blockSize: granted) }
        let candidates = storage.orderMask & (~0 &<< UInt64(order))
        guard candidates != 0 else { throw .outOfMemory(order: order) }
        makeUnique()
        let store = storage
        var level = candidates.trailingZeroBitCount
        var index = store.lowestFree(level)
        store.removeFree(level, index)
        observer.emit(.claimed(offset: index &<< (level &+ shift), order: level))
        while level > order {
            observer.emit(.split(offset: index &<< (level &+ shift), order: level))
            level &-= 1
            index &<<= 1
            store.insertFree(level, index | 1)
        }
        store.setAllocated(order, index, true)
        let offset = index &<< (order &+ shift)
        store.requested[offset &>> shift] = bytes
        store.header[BitmapBuddyStorage.requestedSlot] &+= bytes
        store.header[BitmapBuddyStorage.grantedSlot] &+= granted
        store.header[BitmapBuddyStorage.liveSlot] &+= 1
        observer.emit(.allocated(offset: offset, order: order, requestedBytes: bytes))
        return offset
    }

    /// Frees the block of `order` at `offset` and merges it with free buddies.
    /// - Complexity: O(1) validation (one bit test), O(1) per merge.
    @inlinable @inline(__always)
    public mutating func deallocate<Observer: BuddyEventObserver>(
        offset: Int, order: Int, observer: inout Observer
    ) throws(BuddyError) {
        let shift = storage.configuration.minimumBlockShift
        let maxOrder = storage.configuration.maxOrder
        guard order >= 0, order <= maxOrder, offset >= 0, offset < storage.configuration.totalSize else {
            throw .offsetOutOfRange(offset: offset, order: order)
        }
        guard offset & ((1 &<< (order &+ shift)) &- 1) == 0 else {
            throw .misalignedOffset(offset: offset, order: order)
        }
        var index = offset &>> (order &+ shift)
        guard storage.isAllocated(order, index) else { throw deallocationError(offset: offset, order: order) }
        makeUnique()
        let store = storage
        store.setAllocated(order, index, false)
        store.header[BitmapBuddyStorage.requestedSlot] &-= store.requested[offset &>> shift]
        store.header[BitmapBuddyStorage.grantedSlot] &-= 1 &<< (order &+ shift)
        store.header[BitmapBuddyStorage.liveSlot] &-= 1
        observer.emit(.released(offset: offset, order: order))
        var level = order
        while level < maxOrder {
            let buddy = index ^ 1
            guard store.isFree(level, buddy) else { break }
            store.removeFree(level, buddy)
            index &>>= 1
            level &+= 1
            observer.emit(.merged(offset: index &<< (level &+ shift),
                                     buddyOffset: buddy &<< (level &- 1 &+ shift), order: level))
        }
        store.insertFree(level, index)
        observer.emit(.becameFree(offset: index &<< (level &+ shift), order: level))
    }

    /// Why `(offset, order)` (in range and aligned) is not a live block: a live block of another
    /// order at that offset, or nothing.
    @usableFromInline
    func deallocationError(offset: Int, order: Int) -> BuddyError {
        if let block = liveBlock(at: offset) {
            return .wrongOrder(offset: offset, order: order, allocatedOrder: block.order)
        }
        return .notAllocated(offset: offset, order: order)
    }
}
