/// A ``HeapMapSource`` built from a chunk list (a heap's chunk walk), with prefix sums so a
/// range query costs O(log chunks). Build one per frame from the heap's introspection: the
/// walk is O(chunks) once, then every memory-map cell is a binary search.
///
/// Layout assumed inside a used chunk: `overhead` header bytes first, then the `requested`
/// payload, then waste (rounding) up to the chunk's end; without `requested` the payload fills
/// the chunk after the header. A free chunk is free bytes throughout. Bytes in no chunk are
/// the heap's own words (a segregated heap's prologue word at offset 0 and its end sentinel,
/// the last word): they count as header bytes, never as free memory.
public struct ArrayHeapMapSource: HeapMapSource, Sendable {
    /// Size of the region in bytes.
    public let capacity: Int
    /// The chunks, sorted by offset.
    public let chunks: [HeapChunkInfo]
    private let starts: [Int]
    /// Prefix sums over whole chunks: used, free, header, waste.
    private let usedPrefix: [Int], freePrefix: [Int], headerPrefix: [Int], wastePrefix: [Int]

    /// Creates a source for a region of `capacity` bytes holding `chunks` (any order, disjoint).
    /// Bytes covered by no chunk count as header (heap metadata).
    public init(capacity: Int, chunks: [HeapChunkInfo]) {
        self.capacity = capacity
        let sorted = chunks.sorted { $0.offset < $1.offset }
        self.chunks = sorted
        starts = sorted.map(\.offset)
        var used = [0], free = [0], header = [0], waste = [0]
        for chunk in sorted {
            let parts = Self.parts(of: chunk, in: chunk.byteRange)
            used.append(used.last! + parts.used)
            free.append(free.last! + parts.free)
            header.append(header.last! + parts.header)
            waste.append(waste.last! + parts.waste)
        }
        usedPrefix = used
        freePrefix = free
        headerPrefix = header
        wastePrefix = waste
    }

    /// The bytes of `chunk` that fall inside `range`, by kind.
    private static func parts(of chunk: HeapChunkInfo, in range: Range<Int>) -> HeapRangeBytes {
        let lo = max(range.lowerBound, chunk.offset), hi = min(range.upperBound, chunk.offset + chunk.size)
        guard lo < hi else { return HeapRangeBytes(used: 0, free: 0) }
        if chunk.state == .free { return HeapRangeBytes(used: 0, free: hi - lo) }
        let headerEnd = chunk.offset + min(chunk.overhead, chunk.size)
        let payloadEnd = chunk.requested.map { min(chunk.offset + chunk.size, headerEnd + $0) } ?? chunk.offset + chunk.size
        func overlap(_ a: Int, _ b: Int) -> Int { max(0, min(b, hi) - max(a, lo)) }
        return HeapRangeBytes(
            used: overlap(headerEnd, payloadEnd), free: 0, header: overlap(chunk.offset, headerEnd),
            waste: overlap(payloadEnd, chunk.offset + chunk.size))
    }

    /// Index of the last chunk starting at or before `offset`, or -1.
    private func chunkIndex(startingAtOrBefore offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// Used, free, header and waste bytes in `range`.
    /// - Complexity: O(log chunks).
    public func bytes(in range: Range<Int>) -> HeapRangeBytes {
        let lo = max(0, range.lowerBound), hi = min(capacity, range.upperBound)
        guard lo < hi else { return HeapRangeBytes(used: 0, free: 0) }
        var first = chunkIndex(startingAtOrBefore: lo)
        if first < 0 || chunks[first].offset + chunks[first].size <= lo { first += 1 }
        let last = chunkIndex(startingAtOrBefore: hi - 1)  // inclusive
        guard first <= last else { return HeapRangeBytes(used: 0, free: 0, header: hi - lo) }
        var result = HeapRangeBytes(
            used: usedPrefix[last + 1] - usedPrefix[first], free: freePrefix[last + 1] - freePrefix[first],
            header: headerPrefix[last + 1] - headerPrefix[first], waste: wastePrefix[last + 1] - wastePrefix[first])
        for i in (first == last ? [first] : [first, last]) {
            let whole = Self.parts(of: chunks[i], in: chunks[i].byteRange)
            let clipped = Self.parts(of: chunks[i], in: lo ..< hi)
            result.used -= whole.used - clipped.used
            result.free -= whole.free - clipped.free
            result.header -= whole.header - clipped.header
            result.waste -= whole.waste - clipped.waste
        }
        // Bytes in no chunk are heap metadata.
        result.header += (hi - lo) - result.total
        return result
    }

    /// The bytes of `cells` consecutive slices of `range` (see ``HeapMapSource``), in one
    /// sweep: the chunks are visited in address order, each once per slice it overlaps.
    /// - Complexity: O(chunks in the range + cells), after one O(log chunks) search.
    public func bytes(in range: Range<Int>, cells: Int) -> [HeapRangeBytes] {
        guard cells > 0 else { return [] }
        let span = range.count
        var result = [HeapRangeBytes](repeating: HeapRangeBytes(used: 0, free: 0), count: cells)
        var next = max(0, chunkIndex(startingAtOrBefore: range.lowerBound))
        for cell in 0 ..< cells {
            let lo = max(0, range.lowerBound + DisplayFormat.scale(cell, by: span, over: cells))
            let hi = min(capacity, range.lowerBound + DisplayFormat.scale(cell + 1, by: span, over: cells))
            guard lo < hi else { continue }
            while next < chunks.count && chunks[next].offset + chunks[next].size <= lo { next += 1 }
            var bytes = HeapRangeBytes(used: 0, free: 0)
            var index = next
            while index < chunks.count && chunks[index].offset < hi {
                let part = Self.parts(of: chunks[index], in: lo ..< hi)
                bytes.used += part.used
                bytes.free += part.free
                bytes.header += part.header
                bytes.waste += part.waste
                index += 1
            }
            // Bytes in no chunk are heap metadata.
            bytes.header += (hi - lo) - bytes.total
            result[cell] = bytes
        }
        return result
    }

    /// The chunk holding byte `offset`.
    /// - Complexity: O(log chunks).
    public func chunk(at offset: Int) -> HeapChunkInfo? {
        let i = chunkIndex(startingAtOrBefore: offset)
        guard i >= 0, offset < chunks[i].offset + chunks[i].size else { return nil }
        return chunks[i]
    }
}
