/// Bin bookkeeping: which list a free chunk belongs to, insertion, removal and the searches.
extension SegregatedFitHeap {
    /// The alignment sub-bin of the chunk at `offset`: `min(trailingZeros(content) - 3, 7)`.
    @inline(__always) static func subBin(ofChunk offset: Int) -> Int {
        min((offset &+ 8).trailingZeroBitCount &- 3, 7)
    }

    /// First and second level of a large chunk size (first level already relative to the base).
    @inline(__always) static func largeClass(_ size: Int) -> (Int, Int) {
        let fl = Int.bitWidth &- 1 &- size.leadingZeroBitCount
        let sl = (size &>> (fl &- Meta.secondLevelBits)) & (Meta.secondLevelCount &- 1)
        return (fl &- Meta.firstLevelBase, sl)
    }

    /// The list head index in `meta` for a free chunk.
    @inline(__always) static func listIndex(chunk offset: Int, size: Int) -> Int {
        if size <= Meta.largestSmallChunk {
            return Meta.smallHeads &+ ((size &- Layout.minimumChunk) >> 3) &* Meta.subBinCount &+ subBin(ofChunk: offset)
        }
        let (fl, sl) = largeClass(size)
        return Meta.largeHeads &+ fl &* Meta.secondLevelCount &+ sl
    }

    /// The public name of the bin a free chunk of `size` bytes at `offset` lives in.
    static func bin(chunk offset: Int, size: Int) -> HeapBin {
        if size <= Meta.largestSmallChunk { return .small(chunkSize: size, subBin: subBin(ofChunk: offset)) }
        let (fl, sl) = largeClass(size)
        return .large(firstLevel: fl &+ Meta.firstLevelBase, secondLevel: sl)
    }

    /// Marks list `index` non-empty in the bitmaps.
    @inline(__always) func markNonEmpty(_ index: Int) {
        if index < Meta.largeHeads {
            let bin = index >> 3, sub = index & 7
            smallSubBins[bin] |= UInt8(1) << UInt8(sub)
            meta[Meta.subBinLevelMaps &+ sub] |= 1 &<< bin
            meta[Meta.smallMap] |= 1 &<< bin
        } else {
            let rel = index &- Meta.largeHeads
            let fl = rel >> Meta.secondLevelBits, sl = rel & (Meta.secondLevelCount &- 1)
            meta[Meta.secondLevelMaps &+ fl] |= 1 &<< sl
            meta[Meta.firstLevelMap] |= 1 &<< fl
        }
    }

    /// Clears list `index`'s bits in the bitmaps when `isEmpty` (and the summary bit when its
    /// whole smallbin or first level is empty), without a branch on `isEmpty`: the bit to clear
    /// is shifted from 0 or 1, so a list that is emptied at random costs no misprediction.
    @inline(__always) func markEmpty(_ index: Int, if isEmpty: Bool) {
        let emptied = isEmpty ? 1 : 0
        if index < Meta.largeHeads {
            let bin = index &>> 3, sub = index & 7
            let remaining = smallSubBins[bin] & ~(UInt8(truncatingIfNeeded: emptied) &<< UInt8(truncatingIfNeeded: sub))
            smallSubBins[bin] = remaining
            meta[Meta.subBinLevelMaps &+ sub] &= ~(emptied &<< bin)
            meta[Meta.smallMap] &= ~((remaining == 0 ? 1 : 0) &<< bin)
        } else {
            let rel = index &- Meta.largeHeads
            let fl = rel &>> Meta.secondLevelBits, sl = rel & (Meta.secondLevelCount &- 1)
            let remaining = meta[Meta.secondLevelMaps &+ fl] & ~(emptied &<< sl)
            meta[Meta.secondLevelMaps &+ fl] = remaining
            meta[Meta.firstLevelMap] &= ~((remaining == 0 ? 1 : 0) &<< fl)
        }
    }

    /// Where a link to a list neighbour is stored: the word at `field` in the chunk at `chunk`,
    /// or a scratch word of the bookkeeping block when `chunk` is 0 (no neighbour). Storing
    /// through it instead of testing for the neighbour keeps the list operations free of
    /// branches on how full a list is.
    @inline(__always) func linkSlot(_ chunk: Int, _ field: Int) -> UnsafeMutableRawPointer {
        chunk != 0 ? regionBase + (chunk &+ field) : UnsafeMutableRawPointer(meta + Meta.linkScratch)
    }

    /// Pushes the free chunk at `offset` (header and footer already written) onto its list.
    @inline(__always) func insertFree(_ offset: Int, size: Int) {
        let index = Self.listIndex(chunk: offset, size: size)
        let next = meta[index]
        setWord(offset &+ Layout.nextLink, next)
        setWord(offset &+ Layout.prevLink, 0)
        linkSlot(next, Layout.prevLink).storeBytes(of: offset, as: Int.self)
        // Setting bits already set changes nothing, so a list that was not empty needs no test.
        markNonEmpty(index)
        meta[index] = offset
        countFree(size: size, entering: true)
    }

    /// Unlinks the free chunk at `offset` from its list.
    @inline(__always) func removeFree(_ offset: Int, size: Int) {
        let next = word(offset &+ Layout.nextLink)
        let prev = word(offset &+ Layout.prevLink)
        let index = Self.listIndex(chunk: offset, size: size)
        // The previous chunk's forward link, or the list head when this chunk is the head.
        let forward = prev != 0 ? regionBase + (prev &+ Layout.nextLink) : UnsafeMutableRawPointer(meta + index)
        forward.storeBytes(of: next, as: Int.self)
        linkSlot(next, Layout.prevLink).storeBytes(of: prev, as: Int.self)
        markEmpty(index, if: prev | next == 0)
        countFree(size: size, entering: false)
    }

    /// Pops the head of the non-empty list `index`.
    @inline(__always) func popHead(_ index: Int) -> Int {
        let offset = meta[index]
        let next = word(offset &+ Layout.nextLink)
        meta[index] = next
        linkSlot(next, Layout.prevLink).storeBytes(of: 0, as: Int.self)
        markEmpty(index, if: next == 0)
        countFree(size: word(offset) & Layout.sizeMask, entering: false)
        return offset
    }

    /// The list index of a non-empty TLSF class whose every chunk is at least `request` bytes,
    /// or -1. Requests below the large range match any large chunk.
    @inline(__always) func findLargeList(atLeast request: Int) -> Int {
        var r = max(request, Meta.largestSmallChunk &+ 8)
        let fl0 = Int.bitWidth &- 1 &- r.leadingZeroBitCount
        r &+= (1 &<< (fl0 &- Meta.secondLevelBits)) &- 1
        var (fl, sl) = Self.largeClass(r)
        guard fl < Meta.firstLevelCount else { return -1 }
        var slMap = meta[Meta.secondLevelMaps &+ fl] & (~0 &<< sl)
        if slMap == 0 {
            let flMap = meta[Meta.firstLevelMap] & (~0 &<< (fl &+ 1))
            if flMap == 0 { return -1 }
            fl = flMap.trailingZeroBitCount
            slMap = meta[Meta.secondLevelMaps &+ fl]
        }
        sl = slMap.trailingZeroBitCount
        return Meta.largeHeads &+ fl &* Meta.secondLevelCount &+ sl
    }

    /// Bytes of front padding that align the content of a chunk at `offset` to `alignment`:
    /// 0, or at least a minimum chunk so the padding can stand as a free chunk.
    @inline(__always) static func frontPadding(chunk offset: Int, alignment: Int) -> Int {
        let content = offset &+ 8
        var pad = ((content &+ alignment &- 1) & ~(alignment &- 1)) &- content
        while pad != 0 && pad < Layout.minimumChunk { pad &+= alignment }
        return pad
    }
}
