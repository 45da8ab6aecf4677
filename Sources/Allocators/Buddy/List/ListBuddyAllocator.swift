/// The buddy allocator workshop's list-based design, generic over the free-list type: one list
/// per order holding free block offsets in address order, and a dictionary of live blocks.
///
/// `findOrSplit(k)` looks in list `k`; if it is empty it recurses to `k + 1`, removes the block
/// found there, puts its upper half on list `k` and returns the lower half. Freeing looks for the
/// buddy in the list of its order, removes it and goes one order up while it is there.
///
/// A value type: the lists and the dictionary are copy-on-write.
public struct ListBuddyAllocator<List: BuddyFreeList>: BuddyAllocator {
    /// `array-list` or `linked-list`.
    public static var implementationName: String { List.listName + "-list" }

    /// The region's shape.
    public let configuration: BuddyConfiguration

    /// `freeLists[k]` holds the offsets of the free blocks of order `k`.
    @usableFromInline var freeLists: [List]

    /// What the allocator remembers about a live block.
    @usableFromInline struct LiveEntry: Sendable {
        @usableFromInline var order: Int
        @usableFromInline var requestedBytes: Int
        @usableFromInline init(order: Int, requestedBytes: Int) {
            self.order = order
            self.requestedBytes = requestedBytes
        }
    }

    /// Live blocks by offset.
    @usableFromInline var live: [Int: LiveEntry] = [:]

    @usableFromInline var requestedTotal = 0
    @usableFromInline var grantedTotal = 0

    /// Sum of requested bytes over live blocks. - Complexity: O(1).
    @inlinable public var requestedBytes: Int { requestedTotal }
    /// Sum of granted bytes over live blocks. - Complexity: O(1).
    @inlinable public var grantedBytes: Int { grantedTotal }

    /// Creates the allocator with the whole region free.
    public init(configuration: BuddyConfiguration) {
        self.configuration = configuration
        freeLists = (0...configuration.maxOrder).map { _ in List() }
        freeLists[configuration.maxOrder].insert(0)
    }

    /// Allocates a block of `order`: the lowest free block of the smallest sufficient order,
    /// split down with the lower halves kept.
    /// - Complexity: O(orders × list length) (list inserts are O(n)).
    @inlinable
    public mutating func allocate<Observer: BuddyEventObserver>(
        order: Int, requestedBytes bytes: Int, observer: inout Observer
    ) throws(BuddyError) -> Int {
        guard order >= 0, order <= configuration.maxOrder else {
            throw .orderOutOfRange(order: order, maxOrder: configuration.maxOrder)
        }
        let granted = configuration.blockSize(order: order)
        guard bytes > 0, bytes <= granted else { throw .invalidByteCount(bytes: bytes, blockSize: granted) }
        guard let offset = findOrSplit(order: order, observer: &observer) else { throw .outOfMemory(order: order) }
        live[offset] = LiveEntry(order: order, requestedBytes: bytes)
        requestedTotal += bytes
        grantedTotal += granted
        observer.emit(.allocated(offset: offset, order: order, requestedBytes: bytes))
        return offset
    }

    /// The workshop's `find_or_split`: a free block of `order` taken off the lists, or nil.
    @inlinable
    mutating func findOrSplit<Observer: BuddyEventObserver>(order: Int, observer: inout Observer) -> Int? {
        if let offset = freeLists[order].removeLowest() {
            observer.emit(.claimed(offset: offset, order: order))
            return offset
        }
        guard order < configuration.maxOrder,
              let parent = findOrSplit(order: order + 1, observer: &observer) else { return nil }
        observer.emit(.split(offset: parent, order: order + 1))
        freeLists[order].insert(parent + configuration.blockSize(order: order))
        return parent
    }

    /// Frees the block of `order` at `offset` and merges it with free buddies.
    /// - Complexity: O(orders × list length).
    @inlinable
    public mutating func deallocate<Observer: BuddyEventObserver>(
        offset: Int, order: Int, observer: inout Observer
    ) throws(BuddyError) {
        guard order >= 0, order <= configuration.maxOrder, offset >= 0, offset < configuration.totalSize else {
            throw .offsetOutOfRange(offset: offset, order: order)
        }
        guard offset & (configuration.blockSize(order: order) - 1) == 0 else {
            throw .misalignedOffset(offset: offset, order: order)
        }
        guard let entry = live[offset] else { throw .notAllocated(offset: offset, order: order) }
        guard entry.order == order else {
            throw .wrongOrder(offset: offset, order: order, allocatedOrder: entry.order)
        }
        live[offset] = nil
        requestedTotal -= entry.requestedBytes
        grantedTotal -= configuration.blockSize(order: order)
        observer.emit(.released(offset: offset, order: order))
        var block = offset
        var level = order
        while level < configuration.maxOrder {
            let buddy = block ^ configuration.blockSize(order: level)
            guard freeLists[level].remove(buddy) else { break }
            block = min(block, buddy)
            level += 1
            observer.emit(.merged(offset: block, buddyOffset: buddy, order: level))
        }
        freeLists[level].insert(block)
        observer.emit(.becameFree(offset: block, order: level))
    }
}

/// The workshop's `Vec` variant.
public typealias ArrayListBuddyAllocator = ListBuddyAllocator<ArrayBlockList>
/// The workshop's `LinkedList` variant.
public typealias LinkedListBuddyAllocator = ListBuddyAllocator<LinkedBlockList>
