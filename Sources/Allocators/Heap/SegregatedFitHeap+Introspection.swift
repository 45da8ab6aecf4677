/// Read-only views for visualizers and tests.
extension SegregatedFitHeap {
    /// Calls `body` for each chunk in address order from the chunk containing `offset`.
    /// - Complexity: O(chunks before the end of the walk): chunks are found by walking headers
    ///   from the start of the region, so a view should aggregate once per frame (see
    ///   ``HeapAllocator/memoryMap(range:columns:)``).
    public func forEachChunk(from offset: Int, _ body: (HeapChunk) -> Bool) {
        var chunk = Layout.firstChunk
        let end = chunkAreaEnd
        while chunk < end {
            let header = word(chunk)
            let size = header & Layout.sizeMask
            guard size >= Layout.minimumChunk else { return }  // corrupt: stop rather than loop
            if chunk + size > offset {
                let isCached = header & Layout.cached != 0
                let inBin = header & Layout.free != 0
                let isFree = inBin || isCached
                let info = HeapChunk(
                    offset: chunk, size: size, isFree: isFree, headerBytes: isFree ? 0 : 8,
                    requestedBytes: isFree ? nil : requestedSize(atOffset: chunk + 8),
                    bin: inBin ? Self.bin(chunk: chunk, size: size) : nil, isCached: isCached)
                if !body(info) { return }
            }
            chunk += size
        }
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
