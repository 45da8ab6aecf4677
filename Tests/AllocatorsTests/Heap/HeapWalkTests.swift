import Testing
@testable import Allocators

/// The fast chunk walk, memory map and header-kept requested sizes, against naive references.
@Suite struct HeapWalkTests {
    /// Usage per column computed byte range by byte range from `chunks()`, the obvious way.
    static func referenceMap(_ chunks: [HeapChunk], range: Range<Int>, columns: Int, capacity: Int) -> [HeapRangeUsage] {
        let lower = max(0, range.lowerBound), upper = min(capacity, range.upperBound)
        var result = [HeapRangeUsage](repeating: HeapRangeUsage(), count: max(1, columns))
        guard upper > lower else { return result }
        let span = upper - lower, count = result.count
        let starts = (0..<count).map { lower + Int((Double($0) * Double(span) / Double(count)).rounded(.down)) } + [upper]
        func overlap(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int { max(0, min(b, d) - max(a, c)) }
        for c in 0..<count {
            for chunk in chunks {
                if chunk.isFree {
                    result[c].freeBytes += overlap(chunk.offset, chunk.endOffset, starts[c], starts[c + 1])
                } else {
                    let content = chunk.offset + chunk.headerBytes
                    result[c].headerBytes += overlap(chunk.offset, content, starts[c], starts[c + 1])
                    result[c].usedBytes += overlap(content, chunk.endOffset, starts[c], starts[c + 1])
                }
            }
        }
        return result
    }

    /// In exact mode the walk starts from the live-start bitmap instead of the region start:
    /// every walk, map and lookup must match the full walk's chunks all the same.
    @Test(arguments: [(UInt64(11), 0, false), (UInt64(12), 16, false), (UInt64(13), 0, true), (UInt64(14), 16, true)])
    func memoryMapMatchesTheReference(seed: UInt64, depth: Int, exact: Bool) throws {
        var rng = SplitMix64(seed: seed)
        let heap = SegregatedFitHeap(capacity: 1 << 16, tracksRequestedSizes: true, frontCacheDepth: depth,
                                     exactPointerChecks: exact)
        var live: [(offset: Int, size: Int)] = []
        for step in 0..<600 {
            if rng.int(in: 0...2) != 0 || live.isEmpty {
                let size = rng.int(in: 0...600)
                if let offset = try? heap.allocateOffset(byteCount: size, alignment: 1 << rng.int(in: 3...7)) {
                    live.append((offset, size))
                }
            } else if rng.int(in: 0...1) == 0 {
                let index = rng.int(in: 0...live.count - 1)
                try heap.deallocate(offset: live.swapAt(index, live.count - 1, pop: true).offset)
            } else {
                let index = rng.int(in: 0...live.count - 1)
                let size = rng.int(in: 0...900)
                if let offset = try? heap.reallocate(offset: live[index].offset, newByteCount: size) { live[index] = (offset, size) }
            }
            try heap.checkInvariants()
            for block in live { #expect(heap.requestedSize(atOffset: block.offset) == block.size) }
            guard step % 20 == 0 else { continue }
            let chunks = heap.chunks()
            var walked: [HeapChunk] = []
            heap.forEachChunk(from: 0) { walked.append($0); return true }
            #expect(walked == chunks)
            #expect(chunks.filter { !$0.isFree }.count == heap.totals.liveChunks)
            for chunk in chunks where !chunk.isFree && !chunk.isCached {
                #expect(chunk.requestedBytes == heap.requestedSize(atOffset: chunk.contentOffset))
            }
            for _ in 0..<40 {
                let offset = rng.int(in: -16...heap.capacity + 16)
                var first: HeapChunk?
                heap.forEachChunk(from: offset) { first = $0; return false }
                let expected = chunks.first { $0.endOffset > offset }
                #expect(first == expected, "walk from \(offset)")
                var rest: [HeapChunk] = []
                heap.forEachChunk(from: offset) { rest.append($0); return true }
                #expect(rest == Array(chunks.drop { $0.endOffset <= offset }))
            }
            let lower = rng.int(in: -100...heap.capacity), upper = rng.int(in: lower...heap.capacity + 100)
            for columns in [1, 7, 200] {
                let range = lower..<upper
                #expect(heap.memoryMap(range: range, columns: columns)
                        == Self.referenceMap(chunks, range: range, columns: columns, capacity: heap.capacity))
                let any: any HeapAllocator = heap
                #expect(any.memoryMap(range: range, columns: columns) == heap.memoryMap(range: range, columns: columns))
            }
            #expect(heap.usage(in: lower..<upper) == Self.referenceMap(chunks, range: lower..<upper, columns: 1, capacity: heap.capacity)[0])
        }
    }

    @Test func firstFitMemoryMapMatchesTheReference() throws {
        var rng = SplitMix64(seed: 5)
        let heap = FirstFitHeap(capacity: 1 << 15, tracksRequestedSizes: true)
        var live: [Int] = []
        for _ in 0..<300 {
            if rng.int(in: 0...2) != 0 || live.isEmpty {
                if let offset = try? heap.allocateOffset(byteCount: rng.int(in: 1...400)) { live.append(offset) }
            } else {
                try heap.deallocate(offset: live.remove(at: rng.int(in: 0...live.count - 1)))
            }
        }
        let chunks = heap.chunks()
        for (lower, upper, columns) in [(0, heap.capacity, 50), (1000, 9000, 13), (5, 6, 3)] {
            #expect(heap.memoryMap(range: lower..<upper, columns: columns)
                    == Self.referenceMap(chunks, range: lower..<upper, columns: columns, capacity: heap.capacity))
        }
    }

    @Test func requestedSizeOfANonBlockIsNil() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 14, tracksRequestedSizes: true)
        let a = try heap.allocateOffset(byteCount: 100)
        #expect(heap.requestedSize(atOffset: a) == 100)
        #expect(heap.requestedSize(atOffset: a + 8) == nil)
        try heap.deallocate(offset: a)
        #expect(heap.requestedSize(atOffset: a) == nil)
        let untracked = SegregatedFitHeap(capacity: 1 << 14)
        #expect(untracked.requestedSize(atOffset: try untracked.allocateOffset(byteCount: 100)) == nil)
    }
}

extension Array {
    /// Swaps `i` with `j`, then removes and returns the last element when `pop` is true.
    fileprivate mutating func swapAt(_ i: Int, _ j: Int, pop: Bool) -> Element {
        swapAt(i, j)
        return removeLast()
    }
}
