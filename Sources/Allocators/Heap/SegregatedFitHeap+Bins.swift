/// Bin bookkeeping: which list a free chunk belongs to, insertion, removal and the searches.
extension SegregatedFitHeap {
    /// The alignment sub-bin of the chunk at `offset`: `min(trailingZeros(content) - 3, 7)`.
    @inline(__always) static func subBin(ofChunk offset: Int) -> Int {
        min((offset + 8).trailingZeroBitCount - 3, 7)
    }

    /// First and second level of a large chunk size (first level already relative to the base).
    @inline(__always) static func largeClass(_ size: Int) -> (Int, Int) {
        let fl = Int.bitWidth - 1 - size.leadingZeroBitCount
        let sl = (size &>> (fl - Meta.secondLevelBits)) & (Meta.secondLevelCount - 1)
        return (fl - Meta.firstLevelBase, sl)
    }

    /// The list head index in `meta` for a free chunk.
    @inline(__always) static func listIndex(chunk offset: Int, size: Int) -> Int {
        if size <= Meta.largestSmallChunk {
            return Meta.smallHeads + ((size - Layout.minimumChunk) >> 3) * Meta.subBinCount + subBin(ofChunk: offset)
        }
        let (fl, sl) = largeClass(size)
        return Meta.largeHeads + fl * Meta.secondLevelCount + sl
    }

    /// The public name of the bin a free chunk of `size` bytes at `offset` lives in.
    static func bin(chunk offset: Int, size: Int) -> HeapBin {
        if size <= Meta.largestSmallChunk { return .small(chunkSize: size, subBin: subBin(ofChunk: offset)) }
        let (fl, sl) = largeClass(size)
        return .large(firstLevel: fl + Meta.firstLevelBase, secondLevel: sl)
    }

    /// Marks list `index` non-empty in the bitmaps.
    @inline(__always) func markNonEmpty(_ index: Int) {
        if index < Meta.largeHeads {
            let bin = index >> 3, sub = index & 7
            smallSubBins[bin] |= UInt8(1) << UInt8(sub)
            meta[Meta.subBinLevelMaps + sub] |= 1 &<< bin
            meta[Meta.smallMap] |= 1 &<< bin
        } else {
            let rel = index - Meta.largeHeads
            let fl = rel >> Meta.secondLevelBits, sl = rel & (Meta.secondLevelCount - 1)
            meta[Meta.secondLevelMaps + fl] |= 1 &<< sl
            meta[Meta.firstLevelMap] |= 1 &<< fl
        }
    }

    /// Marks list `index` empty in the bitmaps.
    @inline(__always) func markEmpty(_ index: Int) {
        if index < Meta.largeHeads {
            let bin = index >> 3, sub = index & 7
            let remaining = smallSubBins[bin] & ~(UInt8(1) << UInt8(sub))
            smallSubBins[bin] = remaining
            meta[Meta.subBinLevelMaps + sub] &= ~(1 &<< bin)
            if remaining == 0 { meta[Meta.smallMap] &= ~(1 &<< bin) }
        } else {
            let rel = index - Meta.largeHeads
            let fl = rel >> Meta.secondLevelBits, sl = rel & (Meta.secondLevelCount - 1)
            let remaining = meta[Meta.secondLevelMaps + fl] & ~(1 &<< sl)
            meta[Meta.secondLevelMaps + fl] = remaining
            if remaining == 0 { meta[Meta.firstLevelMap] &= ~(1 &<< fl) }
        }
    }

    /// Pushes the free chunk at `offset` (header and footer already written) onto its list.
    @inline(__always) func insertFree(_ offset: Int, size: Int) {
        let index = Self.listIndex(chunk: offset, size: size)
        let next = meta[index]
        setWord(offset + Layout.nextLink, next)
        setWord(offset + Layout.prevLink, 0)
        if next != 0 { setWord(next + Layout.prevLink, offset) } else { markNonEmpty(index) }
        meta[index] = offset
        countFree(size: size, entering: true)
    }

    /// Unlinks the free chunk at `offset` from its list.
    @inline(__always) func removeFree(_ offset: Int, size: Int) {
        let next = word(offset + Layout.nextLink)
        let prev = word(offset + Layout.prevLink)
        if prev != 0 {
            setWord(prev + Layout.nextLink, next)
        } else {
            let index = Self.listIndex(chunk: offset, size: size)
            meta[index] = next
            if next == 0 { markEmpty(index) }
        }
        if next != 0 { setWord(next + Layout.prevLink, prev) }
        countFree(size: size, entering: false)
    }

    /// Pops the head of the non-empty list `index`.
    @inline(__always) func popHead(_ index: Int) -> Int {
        let offset = meta[index]
        let next = word(offset + Layout.nextLink)
        meta[index] = next
        if next != 0 { setWord(next + Layout.prevLink, 0) } else { markEmpty(index) }
        countFree(size: word(offset) & Layout.sizeMask, entering: false)
        return offset
    }

    /// The list index of a non-empty TLSF class whose every chunk is at least `request` bytes,
    /// or -1. Requests below the large range match any large chunk.
    @inline(__always) func findLargeList(atLeast request: Int) -> Int {
        var r = max(request, Meta.largestSmallChunk + 8)
        let fl0 = Int.bitWidth - 1 - r.leadingZeroBitCount
        r += (1 &<< (fl0 - Meta.secondLevelBits)) - 1
        var (fl, sl) = Self.largeClass(r)
        guard fl < Meta.firstLevelCount else { return -1 }
        var slMap = meta[Meta.secondLevelMaps + fl] & (~0 &<< sl)
        if slMap == 0 {
            let flMap = meta[Meta.firstLevelMap] & (~0 &<< (fl + 1))
            if flMap == 0 { return -1 }
            fl = flMap.trailingZeroBitCount
            slMap = meta[Meta.secondLevelMaps + fl]
        }
        sl = slMap.trailingZeroBitCount
        return Meta.largeHeads + fl * Meta.secondLevelCount + sl
    }

    /// Bytes of front padding that align the content of a chunk at `offset` to `alignment`:
    /// 0, or at least a minimum chunk so the padding can stand as a free chunk.
    @inline(__always) static func frontPadding(chunk offset: Int, alignment: Int) -> Int {
        let content = offset + 8
        var pad = ((content + alignment - 1) & ~(alignment - 1)) - content
        while pad != 0 && pad < Layout.minimumChunk { pad += alignment }
        return pad
    }
}
