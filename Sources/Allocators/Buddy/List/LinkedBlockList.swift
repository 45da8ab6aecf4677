/// A free list as a doubly linked list of individually allocated class nodes, in ascending
/// address order: the workshop's `LinkedList` variant, kept honest (one heap node per element,
/// pointer chasing on every search). Copy-on-write: copying the list is O(1) until one copy changes.
public struct LinkedBlockList: BuddyFreeList {
    /// `linked`.
    public static var listName: String { "linked" }

    /// A list node, allocated on the heap one by one.
    @usableFromInline final class Node {
        @usableFromInline let offset: Int
        @usableFromInline var next: Node?
        @usableFromInline unowned(unsafe) var previous: Node?

        @usableFromInline init(offset: Int) { self.offset = offset }
    }

    /// The list's nodes; tears the chain down iteratively so long lists don't overflow the stack.
    @usableFromInline final class Chain: @unchecked Sendable {
        @usableFromInline var head: Node?
        @usableFromInline unowned(unsafe) var tail: Node?
        @usableFromInline var count = 0

        @usableFromInline init() {}

        deinit {
            var node = head
            head = nil
            while let current = node {
                node = current.next
                current.next = nil
            }
        }

        @usableFromInline func copy() -> Chain {
            let result = Chain()
            var node = head
            while let current = node {
                result.append(current.offset)
                node = current.next
            }
            return result
        }

        @usableFromInline func append(_ offset: Int) {
            let node = Node(offset: offset)
            node.previous = tail
            if let last = tail { last.next = node } else { head = node }
            tail = node
            count += 1
        }

        @usableFromInline func find(_ offset: Int) -> Node? {
            var node = head
            while let current = node {
                if current.offset == offset { return current }
                if current.offset > offset { return nil }
                node = current.next
            }
            return nil
        }

        @usableFromInline func unlink(_ node: Node) {
            if let before = node.previous { before.next = node.next } else { head = node.next }
            if let after = node.next { after.previous = node.previous } else { tail = node.previous }
            node.next = nil
            count -= 1
        }
    }

    @usableFromInline var chain = Chain()

    /// An empty list.
    public init() {}

    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&chain) { chain = chain.copy() }
    }

    /// Number of nodes. - Complexity: O(1).
    @inlinable public var count: Int { chain.count }

    /// The lowest offset (the head). - Complexity: O(1).
    @inlinable public var lowest: Int? { chain.head?.offset }

    /// Unlinks the head. - Complexity: O(1).
    @inlinable public mutating func removeLowest() -> Int? {
        makeUnique()
        guard let head = chain.head else { return nil }
        chain.unlink(head)
        return head.offset
    }

    /// Allocates a node and links it in address order. - Complexity: O(n) walk.
    @inlinable public mutating func insert(_ offset: Int) {
        makeUnique()
        var after: Node? = nil  // the last node below `offset`
        var node = chain.head
        while let current = node, current.offset < offset {
            after = current
            node = current.next
        }
        let fresh = Node(offset: offset)
        fresh.previous = after
        fresh.next = node
        if let before = after { before.next = fresh } else { chain.head = fresh }
        if let next = node { next.previous = fresh } else { chain.tail = fresh }
        chain.count += 1
    }

    /// Unlinks `offset` if present. - Complexity: O(n) walk.
    @inlinable public mutating func remove(_ offset: Int) -> Bool {
        makeUnique()
        guard let node = chain.find(offset) else { return false }
        chain.unlink(node)
        return true
    }

    /// Membership. - Complexity: O(n) walk.
    @inlinable public func contains(_ offset: Int) -> Bool { chain.find(offset) != nil }

    /// All offsets, ascending. - Complexity: O(n).
    public var ascendingOffsets: [Int] {
        var result: [Int] = []
        result.reserveCapacity(chain.count)
        var node = chain.head
        while let current = node {
            result.append(current.offset)
            node = current.next
        }
        return result
    }
}
