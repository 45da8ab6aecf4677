/// The memory behind a ``BitmapBuddyAllocator``: unsafe buffers owned by one final class, so
/// the allocator can be a copy-on-write value. Every stored property is a `let` (no exclusivity
/// checks on the hot path); the mutable state lives in the buffers.
///
/// Layout:
/// - `words`: for each order `k`, a free bitmap of `2^(maxOrder-k)` bits (bit `i` set when the
///   block `i` of order `k` is a free block) with summary levels above it up to a single word:
///   bit `w` of level `l+1` is set whenever word `w` of level `l` is non-zero (it may stay set
///   for a while after the word empties: removals clear only level 0, and `lowestFree` clears
///   such stale summary bits when it meets them); then, for each
///   order, an allocated bitmap (bit `i` set when block `i` of order `k` is a live block).
/// - `layout[k * 8 + l]`: word index of level `l` of order `k`'s free bitmap;
///   `layout[k * 8 + 6]`: word index of its allocated bitmap; `layout[k * 8 + 7]`: level count.
/// - `header`: free counts per order (`0..<64`), the mask of orders with a free block (64),
///   requested total (65), granted total (66), live block count (67), and per order a hint
///   (`68 + k`): a lower bound of the lowest free block index of order `k` while it has one.
/// - `requested[leaf]`: the requested bytes of the live block starting at minimum block `leaf`.
@usableFromInline
final class BitmapBuddyStorage: @unchecked Sendable {
    @usableFromInline let configuration: BuddyConfiguration
    @usableFromInline let words: UnsafeMutablePointer<UInt64>
    @usableFromInline let wordCount: Int
    @usableFromInline let layout: UnsafeMutablePointer<Int>
    @usableFromInline let header: UnsafeMutablePointer<Int>
    @usableFromInline let requested: UnsafeMutablePointer<Int>

    /// Summary levels a free bitmap may have: `layout` slots `0..<maximumLevelCount` per order.
    @inlinable static var maximumLevelCount: Int { 6 }
    /// `layout` slot of an order's allocated bitmap.
    @inlinable static var allocatedSlot: Int { maximumLevelCount }
    /// `layout` slot of an order's level count.
    @inlinable static var levelCountSlot: Int { allocatedSlot + 1 }
    /// `layout` slots per order.
    @inlinable static var layoutStride: Int { levelCountSlot + 1 }
    /// Orders the header has room for (a free count and a hint each; a mask bit each).
    @inlinable static var headerOrderCapacity: Int { 64 }
    /// `header` slot of the mask of orders with a free block (after the free counts).
    @inlinable static var maskSlot: Int { headerOrderCapacity }
    /// `header` slot of the requested-bytes total.
    @inlinable static var requestedSlot: Int { maskSlot + 1 }
    /// `header` slot of the granted-bytes total.
    @inlinable static var grantedSlot: Int { requestedSlot + 1 }
    /// `header` slot of the live block count.
    @inlinable static var liveSlot: Int { grantedSlot + 1 }
    /// `header` slot of order 0's lowest-free hint (order `k` at `hintSlot + k`).
    @inlinable static var hintSlot: Int { liveSlot + 1 }
    /// `header` slots in all.
    @inlinable static var headerCount: Int { hintSlot + headerOrderCapacity }

    /// Allocates zeroed buffers for `configuration` (nothing free yet).
    @usableFromInline init(configuration: BuddyConfiguration) {
        self.configuration = configuration
        let orders = configuration.orderCount
        layout = .allocate(capacity: orders * Self.layoutStride)
        layout.initialize(repeating: 0, count: orders * Self.layoutStride)
        var next = 0
        for order in 0..<orders {
            var count = Self.wordsFor(bits: configuration.blockCount(order: order))
            var level = 0
            while true {
                layout[order * Self.layoutStride + level] = next
                next += count
                level += 1
                if count == 1 { break }
                count = Self.wordsFor(bits: count)
            }
            layout[order * Self.layoutStride + Self.levelCountSlot] = level
        }
        for order in 0..<orders {
            layout[order * Self.layoutStride + Self.allocatedSlot] = next
            next += Self.wordsFor(bits: configuration.blockCount(order: order))
        }
        wordCount = next
        words = .allocate(capacity: next)
        words.initialize(repeating: 0, count: next)
        header = .allocate(capacity: Self.headerCount)
        header.initialize(repeating: 0, count: Self.headerCount)
        requested = .allocate(capacity: configuration.minimumBlockCount)
        requested.initialize(repeating: 0, count: configuration.minimumBlockCount)
    }

    /// A deep copy. - Complexity: O(region / minimum block).
    @usableFromInline func copy() -> BitmapBuddyStorage {
        let result = BitmapBuddyStorage(configuration: configuration)
        result.words.update(from: words, count: wordCount)
        result.header.update(from: header, count: Self.headerCount)
        result.requested.update(from: requested, count: configuration.minimumBlockCount)
        return result
    }

    deinit {
        words.deallocate()
        layout.deallocate()
        header.deallocate()
        requested.deallocate()
    }

    @inlinable static func wordsFor(bits: Int) -> Int { max(1, (bits &+ 63) &>> 6) }

    /// First word of level `level` of the free bitmap of `order`.
    @inlinable @inline(__always)
    func freeLevel(_ order: Int, _ level: Int) -> UnsafeMutablePointer<UInt64> {
        words + layout[order &* Self.layoutStride &+ level]
    }

    /// Number of levels of the free bitmap of `order`.
    @inlinable @inline(__always)
    func levelCount(_ order: Int) -> Int { layout[order &* Self.layoutStride &+ Self.levelCountSlot] }

    /// First word of the allocated bitmap of `order`.
    @inlinable @inline(__always)
    func allocatedBits(_ order: Int) -> UnsafeMutablePointer<UInt64> {
        words + layout[order &* Self.layoutStride &+ Self.allocatedSlot]
    }

    /// The mask of orders that have a free block.
    @inlinable @inline(__always)
    var orderMask: UInt64 {
        get { UInt64(bitPattern: Int64(header[Self.maskSlot])) }
        set { header[Self.maskSlot] = Int(Int64(bitPattern: newValue)) }
    }

    /// Whether block `index` of `order` is a free block. - Complexity: O(1).
    @inlinable @inline(__always)
    func isFree(_ order: Int, _ index: Int) -> Bool {
        freeLevel(order, 0)[index &>> 6] & (1 &<< UInt64(index & 63)) != 0
    }

    /// Whether block `index` of `order` is a live block. - Complexity: O(1).
    @inlinable @inline(__always)
    func isAllocated(_ order: Int, _ index: Int) -> Bool {
        allocatedBits(order)[index &>> 6] & (1 &<< UInt64(index & 63)) != 0
    }

    /// Marks block `index` of `order` free, updating summaries, the count and the order mask.
    /// - Complexity: O(levels), usually one word.
    @inlinable @inline(__always)
    func insertFree(_ order: Int, _ index: Int) {
        let base = layout + order &* Self.layoutStride
        let levels = base[Self.levelCountSlot]
        var i = index
        var level = 0
        repeat {
            let word = words + base[level] + (i &>> 6)
            let old = word.pointee
            word.pointee = old | (1 &<< UInt64(i & 63))
            if old != 0 { break }
            i &>>= 6
            level &+= 1
        } while level < levels
        header[order] &+= 1
        orderMask |= 1 &<< UInt64(order)
        let hint = header + (Self.hintSlot &+ order)
        if index < hint.pointee { hint.pointee = index }
    }

    /// Marks block `index` of `order` no longer free. Summary bits are cleared lazily (by
    /// `lowestFree` when it meets an empty word), so this touches one word.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func removeFree(_ order: Int, _ index: Int) {
        let word = words + layout[order &* Self.layoutStride] + (index &>> 6)
        word.pointee &= ~(1 &<< UInt64(index & 63))
        let remaining = header[order] &- 1
        header[order] = remaining
        if remaining == 0 {
            orderMask &= ~(1 &<< UInt64(order))
            header[Self.hintSlot &+ order] = Int.max
        }
    }

    /// The index of the lowest free block of `order` (which must have one): first the word at
    /// the order's hint (a lower bound of the answer), else one trailing-zero count per summary
    /// level. - Complexity: O(levels) (≤ 3 for a 1 GiB tree of 4 KiB blocks), usually O(1).
    @inlinable @inline(__always)
    func lowestFree(_ order: Int) -> Int {
        let base = layout + order &* Self.layoutStride
        let hint = header + (Self.hintSlot &+ order)
        let start = hint.pointee
        let near = words[base[0] &+ (start &>> 6)] & (~0 &<< UInt64(start & 63))
        if near != 0 {
            let index = (start & ~63) | near.trailingZeroBitCount
            hint.pointee = index
            return index
        }
        let top = base[Self.levelCountSlot] &- 1
        var level = top
        var index = 0
        while true {
            let word = words[base[level] &+ index]
            if _slowPath(word == 0) {
                // A stale summary bit: clear it in the level above and start again from the top.
                // (The top word is never empty while the order has a free block.)
                precondition(level < top, "free bitmap of order \(order) is empty but its count is not")
                words[base[level &+ 1] &+ (index &>> 6)] &= ~(1 &<< UInt64(index & 63))
                level = top
                index = 0
                continue
            }
            index = (index &<< 6) | word.trailingZeroBitCount
            if level == 0 { break }
            level &-= 1
        }
        hint.pointee = index
        return index
    }

    /// Sets or clears bit `index` of the allocated bitmap of `order`.
    @inlinable @inline(__always)
    func setAllocated(_ order: Int, _ index: Int, _ value: Bool) {
        let word = allocatedBits(order) + (index &>> 6)
        let bit: UInt64 = 1 &<< UInt64(index & 63)
        word.pointee = value ? word.pointee | bit : word.pointee & ~bit
    }

    /// Number of set bits in `bits[from..<to]`. - Complexity: O((to - from) / 64).
    @inlinable
    func popcount(_ bits: UnsafeMutablePointer<UInt64>, from: Int, to: Int) -> Int {
        guard from < to else { return 0 }
        let firstWord = from &>> 6
        let lastWord = (to &- 1) &>> 6
        let headMask: UInt64 = ~0 &<< UInt64(from & 63)
        let tailMask: UInt64 = ~0 &>> UInt64(63 &- ((to &- 1) & 63))
        if firstWord == lastWord { return (bits[firstWord] & headMask & tailMask).nonzeroBitCount }
        var total = (bits[firstWord] & headMask).nonzeroBitCount
        var w = firstWord &+ 1
        while w < lastWord {
            total &+= bits[w].nonzeroBitCount
            w &+= 1
        }
        return total &+ (bits[lastWord] & tailMask).nonzeroBitCount
    }
}
