/// The structural invariant checker.
extension SegregatedFitHeap {
    /// Verifies: chunks tile the chunk area exactly up to the end sentinel; sizes are multiples
    /// of 8 and at least 32; every free chunk's footer equals its size; every prev-in-use bit
    /// matches the previous chunk; no two free chunks are adjacent; the live counters match;
    /// every free chunk is in exactly the list its size and alignment name, with consistent
    /// back links; every bitmap bit says exactly whether its list is non-empty; and in exact mode
    /// the live-start bitmap marks exactly the live chunks; the kept free count, sum of squared
    /// free sizes, largest free chunk and requested bytes equal a full walk.
    /// - Complexity: O(chunks + bins).
    public func checkInvariants() throws(HeapInvariantViolation) {
        try checkFrontCache()
        let end = chunkAreaEnd
        var chunk = Layout.firstChunk
        var previousInUse = true
        var freeChunks = 0, liveChunks = 0, liveBytes = 0, cachedChunks = 0
        while chunk < end {
            let header = word(chunk)
            let size = header & Layout.sizeMask
            guard size >= Layout.minimumChunk, size & 7 == 0, chunk + size <= end else {
                throw HeapInvariantViolation("chunk at \(chunk): bad size \(size)")
            }
            guard (header & Layout.prevInUse != 0) == previousInUse else {
                throw HeapInvariantViolation("chunk at \(chunk): prev-in-use bit is wrong")
            }
            let isFree = header & Layout.free != 0
            let allowed = Layout.sizeMask | Layout.flagMask | (tracksRequestedSizes && !isFree ? Layout.paddingMask : 0)
            guard header & ~allowed == 0 else {
                throw HeapInvariantViolation("chunk at \(chunk): stray header bits \(String(header, radix: 16))")
            }
            if header & Layout.cached != 0 {
                guard !isFree, size <= Meta.largestCachedChunk else {
                    throw HeapInvariantViolation("chunk at \(chunk): cached bit on a free or large chunk")
                }
                cachedChunks += 1
                liveChunks += 1
                liveBytes += size
            } else if isFree {
                guard previousInUse else { throw HeapInvariantViolation("chunk at \(chunk): two adjacent free chunks") }
                guard word(chunk + size - 8) == size else {
                    throw HeapInvariantViolation("chunk at \(chunk): footer \(word(chunk + size - 8)) != size \(size)")
                }
                freeChunks += 1
            } else {
                liveChunks += 1
                liveBytes += size
                if tracksRequestedSizes && header & Layout.cached == 0 {
                    let requested = Self.requestedBytes(header: header)
                    guard requested >= 0, Self.chunkSize(forRequest: requested) <= size else {
                        throw HeapInvariantViolation("chunk at \(chunk): requested size \(requested) does not fit")
                    }
                }
            }
            previousInUse = !isFree
            chunk += size
        }
        guard chunk == end else { throw HeapInvariantViolation("chunks overrun the end sentinel") }
        let sentinel = word(end)
        guard sentinel & ~Layout.prevInUse == 0, (sentinel & Layout.prevInUse != 0) == previousInUse else {
            throw HeapInvariantViolation("end sentinel is wrong: \(sentinel)")
        }
        guard cachedChunks == frontCachedChunks else {
            throw HeapInvariantViolation("\(cachedChunks) chunks carry the cached bit but the front cache holds \(frontCachedChunks)")
        }
        guard liveChunks == meta[Meta.liveChunks], liveBytes == meta[Meta.liveBytes] else {
            throw HeapInvariantViolation("live counters \(meta[Meta.liveChunks])/\(meta[Meta.liveBytes]) != walked \(liveChunks)/\(liveBytes)")
        }
        // Lists and bitmaps.
        var listed = 0
        for index in Meta.smallHeads..<Meta.secondLevelMaps {
            var chunk = meta[index]
            var prev = 0
            while chunk != 0 {
                listed += 1
                guard listed <= freeChunks else { throw HeapInvariantViolation("bin lists hold more chunks than are free (cycle?)") }
                guard chunk >= Layout.firstChunk, chunk < end, chunk & 7 == 0 else {
                    throw HeapInvariantViolation("list \(index) links to \(chunk), outside the chunk area")
                }
                let header = word(chunk)
                let size = header & Layout.sizeMask
                guard header & Layout.free != 0 else { throw HeapInvariantViolation("live chunk \(chunk) in a bin") }
                guard Self.listIndex(chunk: chunk, size: size) == index else {
                    throw HeapInvariantViolation("free chunk \(chunk) of \(size) bytes is in the wrong bin")
                }
                guard word(chunk + Layout.prevLink) == prev else {
                    throw HeapInvariantViolation("free chunk \(chunk): back link is wrong")
                }
                prev = chunk
                chunk = word(chunk + Layout.nextLink)
            }
            let nonEmpty = meta[index] != 0
            if index < Meta.largeHeads {
                let bin = index >> 3, sub = index & 7
                guard (smallSubBins[bin] & (1 << UInt8(sub)) != 0) == nonEmpty,
                      (meta[Meta.subBinLevelMaps + sub] & (1 << bin) != 0) == nonEmpty else {
                    throw HeapInvariantViolation("smallbin \(bin) sub-bin \(sub): bitmaps disagree with the list")
                }
            } else {
                let rel = index - Meta.largeHeads
                let fl = rel >> Meta.secondLevelBits, sl = rel & (Meta.secondLevelCount - 1)
                guard (meta[Meta.secondLevelMaps + fl] & (1 << sl) != 0) == nonEmpty else {
                    throw HeapInvariantViolation("large class \(fl).\(sl): bitmap disagrees with the list")
                }
            }
        }
        guard listed == freeChunks else {
            throw HeapInvariantViolation("\(freeChunks) free chunks but \(listed) in bins")
        }
        for bin in 0..<Meta.smallBinCount {
            guard (meta[Meta.smallMap] & (1 << bin) != 0) == (smallSubBins[bin] != 0) else {
                throw HeapInvariantViolation("smallbin \(bin): summary bitmap is wrong")
            }
        }
        for fl in 0..<Meta.firstLevelCount {
            guard (meta[Meta.firstLevelMap] & (1 << fl) != 0) == (meta[Meta.secondLevelMaps + fl] != 0) else {
                throw HeapInvariantViolation("first level \(fl): bitmap is wrong")
            }
        }
        guard meta[Meta.smallMap] >> Meta.smallBinCount == 0, meta[Meta.firstLevelMap] >> Meta.firstLevelCount == 0 else {
            throw HeapInvariantViolation("bitmap bits set beyond the bins")
        }
        try checkKeptTotals()
        try checkLiveStarts()
    }
}

extension SegregatedFitHeap {
    /// Front cache lists: sizes match, bits set, counts within the depth and consistent.
    func checkFrontCache() throws(HeapInvariantViolation) {
        for sizeClass in 0..<Meta.cacheClassCount {
            var chunk = meta[Meta.cacheHeads + sizeClass]
            var count = 0
            while chunk != 0 {
                count += 1
                guard count <= meta[Meta.cacheLimits + sizeClass], chunk >= Layout.firstChunk, chunk < chunkAreaEnd, chunk & 7 == 0 else {
                    throw HeapInvariantViolation("front cache \(sizeClass): too long or bad link \(chunk)")
                }
                let header = word(chunk)
                guard header & Layout.cached != 0, header & Layout.free == 0,
                      header & Layout.sizeMask == Layout.minimumChunk + sizeClass * 8 else {
                    throw HeapInvariantViolation("front cache \(sizeClass): chunk \(chunk) has header \(header)")
                }
                chunk = word(chunk + 8)
            }
            guard count == meta[Meta.cacheCounts + sizeClass] else {
                throw HeapInvariantViolation("front cache \(sizeClass): count \(meta[Meta.cacheCounts + sizeClass]) != \(count)")
            }
        }
    }

}
