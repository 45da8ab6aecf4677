import Testing
@testable import AllocVizCore
import Allocators

/// A reference model of a buddy tree: per-leaf owner, built by a real (tiny) buddy
/// allocation policy so trees are valid.
struct ReferenceBuddy {
    let minBlockSize: Int
    let maxOrder: Int
    /// The allocated blocks.
    var blocks: [ArrayBuddyTreeSource.Block] = []
    var free: [[Int]]  // free offsets per order

    init(minBlockSize: Int, maxOrder: Int) {
        self.minBlockSize = minBlockSize
        self.maxOrder = maxOrder
        free = Array(repeating: [], count: maxOrder + 1)
        free[maxOrder] = [0]
    }

    mutating func allocate(order: Int, requested: Int) -> Bool {
        guard let k = (order ... maxOrder).first(where: { !free[$0].isEmpty }) else { return false }
        free[k].sort()
        let offset = free[k].removeFirst()
        var level = k
        while level > order {
            level -= 1
            free[level].append(offset + (minBlockSize << level))
        }
        blocks.append(.init(offset: offset, order: order, requested: requested, label: "b\(blocks.count)"))
        return true
    }

    mutating func free(at i: Int) {
        let block = blocks.remove(at: i)
        var offset = block.offset, order = block.order
        while order < maxOrder {
            let buddy = offset ^ (minBlockSize << order)
            guard let j = free[order].firstIndex(of: buddy) else { break }
            free[order].remove(at: j)
            offset = min(offset, buddy)
            order += 1
        }
        free[order].append(offset)
    }
}

@Suite struct ArraySourceTests {
    @Test func buddySourceAgreesWithAReferenceAlongARandomTrace() throws {
        var rng = RenderTestRandom(seed: 42)
        let minBlock = 16, maxOrder = 6
        var ref = ReferenceBuddy(minBlockSize: minBlock, maxOrder: maxOrder)
        for _ in 0 ..< 300 {
            if ref.blocks.isEmpty || Int.random(in: 0 ..< 10, using: &rng) < 6 {
                let order = Int.random(in: 0 ... 3, using: &rng)
                _ = ref.allocate(order: order, requested: Int.random(in: 1 ... (minBlock << order), using: &rng))
            } else {
                ref.free(at: Int.random(in: 0 ..< ref.blocks.count, using: &rng))
            }
            let source = ArrayBuddyTreeSource(minBlockSize: minBlock, maxOrder: maxOrder, blocks: ref.blocks)
            // Free counts match the reference free lists.
            #expect(source.freeBlockCounts() == ref.free.map(\.count))
            // Node states match a brute-force classification.
            for order in 0 ... maxOrder {
                for index in 0 ..< (1 << (maxOrder - order)) {
                    let node = BuddyNodeID(order: order, index: index)
                    let r = node.byteRange(minBlockSize: minBlock)
                    let expected: BuddyNodeState
                    if ref.free[order].contains(r.lowerBound) {
                        expected = .free
                    } else if ref.blocks.contains(where: { $0.offset == r.lowerBound && $0.order == order }) {
                        expected = .allocated
                    } else if ref.blocks.contains(where: { $0.order > order && $0.offset <= r.lowerBound && $0.offset + (minBlock << $0.order) >= r.upperBound }) {
                        expected = .insideAllocated
                    } else if (order + 1 ... maxOrder + 1).contains(where: { k in k <= maxOrder && ref.free[k].contains(where: { $0 <= r.lowerBound && $0 + (minBlock << k) >= r.upperBound }) }) {
                        expected = .insideFree
                    } else {
                        expected = .split
                    }
                    #expect(source.state(of: node) == expected, "node \(node)")
                }
            }
            // Range bytes match a per-byte count on random ranges.
            for _ in 0 ..< 10 {
                let a = Int.random(in: 0 ... source.regionSize, using: &rng)
                let b = Int.random(in: 0 ... source.regionSize, using: &rng)
                let range = min(a, b) ..< max(a, b)
                var allocated = 0, wasted = 0
                for block in ref.blocks {
                    let s = block.offset, e = s + (minBlock << block.order)
                    allocated += max(0, min(e, range.upperBound) - max(s, range.lowerBound))
                    let ws = s + block.requested!
                    wasted += max(0, min(e, range.upperBound) - max(ws, range.lowerBound))
                }
                let got = source.bytes(in: range)
                #expect(got == BuddyRangeBytes(free: range.count - allocated, allocated: allocated, wasted: wasted))
            }
        }
    }

    @Test func heapSourceRangeBytesMatchAPerByteCount() {
        var rng = RenderTestRandom(seed: 7)
        for _ in 0 ..< 50 {
            var chunks: [HeapChunkInfo] = []
            var offset = 0
            while offset < 4000 {
                let size = 8 * Int.random(in: 4 ... 40, using: &rng)
                if Bool.random(using: &rng) {
                    chunks.append(HeapChunkInfo(offset: offset, size: size, state: .free))
                } else {
                    let requested = Int.random(in: 1 ... size - 8, using: &rng)
                    chunks.append(HeapChunkInfo(offset: offset, size: size, state: .used, overhead: 8, requested: requested))
                }
                offset += size
            }
            let capacity = offset + 64  // a tail covered by no chunk (an end sentinel) counts as header
            let source = ArrayHeapMapSource(capacity: capacity, chunks: chunks.shuffled(using: &rng))
            var kind = [Int](repeating: 2, count: capacity)  // 0 used, 1 free, 2 header, 3 waste
            for c in chunks where c.state == .free {
                for b in c.byteRange { kind[b] = 1 }
            }
            for c in chunks where c.state == .used {
                for b in c.offset ..< c.offset + 8 { kind[b] = 2 }
                for b in c.offset + 8 ..< c.offset + 8 + c.requested! { kind[b] = 0 }
                for b in c.offset + 8 + c.requested! ..< c.offset + c.size { kind[b] = 3 }
            }
            for _ in 0 ..< 40 {
                let a = Int.random(in: 0 ... capacity, using: &rng), b = Int.random(in: 0 ... capacity, using: &rng)
                let range = min(a, b) ..< max(a, b)
                var counts = [0, 0, 0, 0]
                for byte in range { counts[kind[byte]] += 1 }
                #expect(source.bytes(in: range) == HeapRangeBytes(used: counts[0], free: counts[1], header: counts[2], waste: counts[3]))
            }
            for _ in 0 ..< 20 {
                let at = Int.random(in: 0 ..< capacity, using: &rng)
                let expected = chunks.first { $0.byteRange.contains(at) }
                #expect(source.chunk(at: at) == expected)
            }
        }
    }

    @Test func nodeIDArithmetic() {
        let n = BuddyNodeID(order: 3, index: 5)
        #expect(n.byteRange(minBlockSize: 4096) == 5 * 32768 ..< 6 * 32768)
        #expect(n.parent(maxOrder: 8) == BuddyNodeID(order: 4, index: 2))
        #expect(n.parent(maxOrder: 3) == nil)
        #expect(n.lowerChild == BuddyNodeID(order: 2, index: 10))
        #expect(n.upperChild == BuddyNodeID(order: 2, index: 11))
        #expect(n.buddy == BuddyNodeID(order: 3, index: 4))
        #expect(n.contains(BuddyNodeID(order: 0, index: 47)))
        #expect(!n.contains(BuddyNodeID(order: 0, index: 48)))
        #expect(BuddyNodeID(order: 0, index: 0).lowerChild == nil)
    }
}
