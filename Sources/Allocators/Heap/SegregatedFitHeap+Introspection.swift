/// Read-only views for visualizers and tests.
extension SegregatedFitHeap {
    /// Calls `body` for each chunk in address order from the chunk containing `offset`.
    /// - Complexity: in exact mode (``exactPointerChecks``), O(chunks visited) plus a backward
    ///   scan of the live-start bitmap to the last live block starting at or before `offset`
    ///   (one word per 512 bytes, so O(1) when live blocks are dense near `offset`); without it,
    ///   O(chunks before the end of the walk), since headers are walked from the start of the
    ///   region. A few nanoseconds a chunk: requested sizes come from the headers themselves.
    public func forEachChunk(from offset: Int, _ body: (HeapChunk) -> Bool) {
        walkChunks(from: offset) { body(chunkInfo(at: $0, header: $1)) }
    }

    /// The raw walk: calls `body` with each chunk's offset and header, in address order, from
    /// the chunk containing `offset`, until it returns false. Stops at a corrupt size. The
    /// walk starts at ``walkStart(before:)``.
    @inline(__always)
    func walkChunks(from offset: Int, _ body: (Int, Int) -> Bool) {
        var chunk = walkStart(before: offset)
        let end = chunkAreaEnd
        let base = regionBase
        // The walk is a chain of dependent loads, one header (often a page) apart: a load 32 KiB
        // ahead, independent of the chain, warms the TLB and caches for the headers to come.
        // The loaded values go to an opaque sink, so the loads stay and the walk writes nothing.
        var touched = 0
        defer { Self.discardLookAhead(touched) }
        while chunk < end {
            let header = base.load(fromByteOffset: chunk, as: Int.self)
            touched ^= base.load(fromByteOffset: Swift.min(chunk &+ 32768, end) & ~7, as: Int.self)
            let size = header & Layout.sizeMask
            guard size >= Layout.minimumChunk else { return }  // corrupt: stop rather than loop
            if chunk &+ size > offset && !body(chunk, header) { return }
            chunk &+= size
        }
    }

    /// Receives the walk's look-ahead loads and does nothing with them; never inlined or
    /// optimised, so the compiler cannot prove the loads dead and remove them.
    @inline(never) @_optimize(none)
    static func discardLookAhead(_ value: Int) {}

    /// The public description of the chunk at `chunk` whose header is `header`.
    @inline(__always)
    func chunkInfo(at chunk: Int, header: Int) -> HeapChunk {
        let size = header & Layout.sizeMask
        let isCached = header & Layout.cached != 0
        let inBin = header & Layout.free != 0
        let isFree = inBin || isCached
        return HeapChunk(
            offset: chunk, size: size, isFree: isFree, headerBytes: isFree ? 0 : 8,
            requestedBytes: isFree || !tracksRequestedSizes ? nil : Self.requestedBytes(header: header),
            bin: inBin ? Self.bin(chunk: chunk, size: size) : nil, isCached: isCached)
    }

    /// Every chunk in address order, in one pass (the array is sized from the live and free
    /// counts, so it grows at most once).
    /// - Complexity: O(chunks).
    public func chunks() -> [HeapChunk] {
        var all: [HeapChunk] = []
        all.reserveCapacity(2 &* meta[Meta.liveChunks] &+ 1)
        walkChunks(from: 0) { chunk, header in
            all.append(chunkInfo(at: chunk, header: header))
            return true
        }
        return all
    }

    /// Splits `range` into `columns` equal slices and returns the usage of each, in one walk
    /// over the headers (no per-chunk allocation or call).
    /// - Complexity: O(chunks up to the end of the range + columns).
    public func memoryMap(range: Range<Int>, columns: Int) -> [HeapRangeUsage] {
        var map = HeapMemoryMapAccumulator(range: range, columns: columns, capacity: capacity)
        guard !map.isEmpty else { return map.columns }
        walkChunks(from: map.lower) { chunk, header in
            let isFree = header & (Layout.free | Layout.cached) != 0
            return map.add(offset: chunk, size: header & Layout.sizeMask, isFree: isFree, headerBytes: isFree ? 0 : 8)
        }
        return map.columns
    }

    /// Used, header and free bytes inside `range`.
    /// - Complexity: O(chunks up to the end of the range).
    public func usage(in range: Range<Int>) -> HeapRangeUsage {
        memoryMap(range: range, columns: 1)[0]
    }

    /// The 61 smallbins (with sub-bin counts) then every TLSF class up to the region's size.
    /// - Complexity: O(bins + free chunks).
    public func binSummaries() -> [HeapBinSummary] {
        var result: [HeapBinSummary] = []
        for bin in 0..<Meta.smallBinCount {
            let size = Layout.minimumChunk + bin * 8
            var subCounts = [Int](repeating: 0, count: Meta.subBinCount)
            for sub in 0..<Meta.subBinCount {
                subCounts[sub] = listLength(Meta.smallHeads + bin * Meta.subBinCount + sub)
            }
            let count = subCounts.reduce(0, +)
            result.append(HeapBinSummary(bin: .small(chunkSize: size, subBin: 0), minimumChunkSize: size,
                                         maximumChunkSize: size, count: count, bytes: count * size,
                                         subBinCounts: subCounts))
        }
        let topLevel = Int.bitWidth - 1 - capacity.leadingZeroBitCount - Meta.firstLevelBase
        for fl in 0...max(0, topLevel) {
            let level = fl + Meta.firstLevelBase
            let step = 1 << (level - Meta.secondLevelBits)
            for sl in 0..<Meta.secondLevelCount {
                var count = 0, bytes = 0
                var chunk = meta[Meta.largeHeads + fl * Meta.secondLevelCount + sl]
                while chunk != 0 {
                    count += 1
                    bytes += word(chunk) & Layout.sizeMask
                    chunk = word(chunk + Layout.nextLink)
                }
                let low = max((1 << level) + sl * step, Meta.largestSmallChunk + 8)
                result.append(HeapBinSummary(bin: .large(firstLevel: level, secondLevel: sl), minimumChunkSize: low,
                                             maximumChunkSize: (1 << level) + (sl + 1) * step - 8, count: count,
                                             bytes: bytes, subBinCounts: []))
            }
        }
        return result
    }

    /// Number of chunks in list `index`.
    func listLength(_ index: Int) -> Int {
        var count = 0
        var chunk = meta[index]
        while chunk != 0 {
            count += 1
            chunk = word(chunk + Layout.nextLink)
        }
        return count
    }
}
