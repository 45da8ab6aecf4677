/// Totals kept as chunks enter and leave the bins, and the O(1) fragmentation figures built
/// from them.
extension SegregatedFitHeap {
    /// Counts a free chunk of `size` bytes entering (or leaving) the bins: the free chunk count
    /// and the 128-bit sum of squared sizes (two words, so any capacity below 2^46 fits).
    /// - Complexity: O(1).
    @inline(__always) func countFree(size: Int, entering: Bool) {
        let (high, low) = UInt(bitPattern: size).multipliedFullWidth(by: UInt(bitPattern: size))
        var sumLow = UInt(bitPattern: meta[Meta.binFreeSquaresLow])
        var sumHigh = UInt(bitPattern: meta[Meta.binFreeSquaresHigh])
        if entering {
            meta[Meta.binFreeChunks] &+= 1
            let (sum, carry) = sumLow.addingReportingOverflow(low)
            sumLow = sum
            sumHigh = sumHigh &+ high &+ (carry ? 1 : 0)
        } else {
            meta[Meta.binFreeChunks] &-= 1
            let (difference, borrow) = sumLow.subtractingReportingOverflow(low)
            sumLow = difference
            sumHigh = sumHigh &- high &- (borrow ? 1 : 0)
        }
        meta[Meta.binFreeSquaresLow] = Int(bitPattern: sumLow)
        meta[Meta.binFreeSquaresHigh] = Int(bitPattern: sumHigh)
    }

    /// Free chunks in the bins (not counting the front cache).
    /// - Complexity: O(1).
    public var binnedFreeChunks: Int { meta[Meta.binFreeChunks] }

    /// The sum of the squared sizes of the free chunks in the bins, as (high, low) words.
    var binnedFreeSquares: (high: UInt, low: UInt) {
        (UInt(bitPattern: meta[Meta.binFreeSquaresHigh]), UInt(bitPattern: meta[Meta.binFreeSquaresLow]))
    }

    /// The largest free chunk in the bins (0 when none): the largest chunk of the highest
    /// non-empty TLSF class (found with the bitmaps, then one pass over that class's list),
    /// else the size of the highest non-empty smallbin.
    /// - Complexity: O(chunks in the highest non-empty class).
    public func largestBinnedFreeChunk() -> Int {
        let firstLevels = meta[Meta.firstLevelMap]
        if firstLevels != 0 {
            let fl = Int.bitWidth - 1 - firstLevels.leadingZeroBitCount
            let sl = Int.bitWidth - 1 - meta[Meta.secondLevelMaps + fl].leadingZeroBitCount
            var chunk = meta[Meta.largeHeads + fl * Meta.secondLevelCount + sl]
            var largest = 0
            while chunk != 0 {
                largest = Swift.max(largest, word(chunk) & Layout.sizeMask)
                chunk = word(chunk + Layout.nextLink)
            }
            return largest
        }
        let smallBins = meta[Meta.smallMap]
        guard smallBins != 0 else { return 0 }
        return Layout.minimumChunk + 8 * (Int.bitWidth - 1 - smallBins.leadingZeroBitCount)
    }

    /// The figures of ``walkedMetrics()`` (front-cached chunks count as free, as the walk shows
    /// them) from the kept totals: live count and bytes, bin free count and squared sizes, the
    /// requested bytes of a tracked heap, plus one pass over the front cache's size classes.
    /// - Complexity: O(1) plus the size classes of the front cache (when it is on) and the
    ///   list of the highest non-empty TLSF class.
    public func metrics() -> FragmentationMetrics {
        let totals = self.totals
        var freeCount = meta[Meta.binFreeChunks]
        let squares = binnedFreeSquares
        var sumOfSquares = Double(squares.high) * 0x1p64 + Double(squares.low)
        var largest = largestBinnedFreeChunk()
        if frontCacheDepth > 0 {
            for sizeClass in 0..<Meta.cacheClassCount {
                let count = meta[Meta.cacheCounts + sizeClass]
                guard count > 0 else { continue }
                let size = Layout.minimumChunk + sizeClass * 8
                freeCount += count
                sumOfSquares += Double(size) * Double(size) * Double(count)
                largest = Swift.max(largest, size)
            }
        }
        let requested = tracksRequestedSizes ? meta[Meta.liveRequested] : totals.liveBytes - 8 * totals.liveChunks
        return FragmentationMetrics(
            capacity: capacity, requestedBytes: requested, grantedBytes: totals.liveBytes,
            freeBytes: totals.freeBytes, largestFreeBlock: largest, freeBlockCount: freeCount,
            liveBlockCount: totals.liveChunks, sumOfSquaredFreeSizes: sumOfSquares)
    }

    /// Checks the kept totals against a walk of every chunk: bin free count, the exact sum of
    /// squared free sizes, the largest free chunk in the bins and (tracked heaps) the requested bytes.
    /// - Complexity: O(chunks).
    func checkKeptTotals() throws(HeapInvariantViolation) {
        var count = 0, largest = 0, requested = 0
        var sumLow: UInt = 0, sumHigh: UInt = 0
        walkChunks(from: 0) { _, header in
            let size = header & Layout.sizeMask
            if header & Layout.free != 0 {
                count += 1
                largest = Swift.max(largest, size)
                let (high, low) = UInt(bitPattern: size).multipliedFullWidth(by: UInt(bitPattern: size))
                let (sum, carry) = sumLow.addingReportingOverflow(low)
                sumLow = sum
                sumHigh = sumHigh &+ high &+ (carry ? 1 : 0)
            } else if header & Layout.cached == 0 && tracksRequestedSizes {
                requested += Self.requestedBytes(header: header)
            }
            return true
        }
        guard count == meta[Meta.binFreeChunks] else {
            throw HeapInvariantViolation("kept free count \(meta[Meta.binFreeChunks]) != walked \(count)")
        }
        guard binnedFreeSquares == (sumHigh, sumLow) else {
            throw HeapInvariantViolation("kept sum of squared free sizes \(binnedFreeSquares) != walked \((sumHigh, sumLow))")
        }
        guard largestBinnedFreeChunk() == largest else {
            throw HeapInvariantViolation("largest free chunk \(largestBinnedFreeChunk()) != walked \(largest)")
        }
        if tracksRequestedSizes && requested != meta[Meta.liveRequested] {
            throw HeapInvariantViolation("kept requested bytes \(meta[Meta.liveRequested]) != walked \(requested)")
        }
    }

    /// The chunk size of the live block at content offset `offset` (`nil` when none starts there).
    /// - Complexity: O(1): the same validation as `deallocate`.
    public func liveChunkSize(atContentOffset offset: Int) -> Int? {
        guard let chunk = try? validatedLiveChunk(contentOffset: offset) else { return nil }
        return word(chunk) & Layout.sizeMask
    }
}
