/// Allocation, freeing and reallocation under a ``FirstFitHeap/Policy`` other than plain first
/// fit. The hole list may be unordered (LIFO) and holes may touch (no coalescing), so every
/// step that needs a hole's list neighbour or a chunk's free neighbours walks the list.
extension FirstFitHeap {
    /// Chooses a hole by the policy's fit and carves a chunk of `wanted` bytes from it; -1 when
    /// no hole fits.
    /// - Complexity: O(holes).
    func policyAllocateChunk<Observer: HeapEventObserver>(_ wanted: Int, alignment: Int, observer: inout Observer) -> Int {
        var chosen = Self.none, chosenPrevious = Self.none, chosenSize = 0
        // Next fit: the first fitting hole at or after the rover, else the first fitting hole.
        var wrapped = Self.none, wrappedPrevious = Self.none
        var reachedRover = false
        var previous = Self.none
        var hole = head
        while hole != Self.none {
            let holeSize = word(hole)
            if policy.fit == .next && !reachedRover {
                reachedRover = policy.order == .address ? hole >= rover : hole == rover
            }
            if alignedStart(in: hole, alignment: alignment) + wanted <= hole + holeSize {
                switch policy.fit {
                case .first:
                    chosen = hole
                    chosenPrevious = previous
                case .next:
                    if reachedRover {
                        chosen = hole
                        chosenPrevious = previous
                    } else if wrapped == Self.none {
                        wrapped = hole
                        wrappedPrevious = previous
                    }
                case .best:
                    if chosen == Self.none || holeSize < chosenSize {
                        chosen = hole
                        chosenPrevious = previous
                        chosenSize = holeSize
                    }
                case .worst:
                    if chosen == Self.none || holeSize > chosenSize {
                        chosen = hole
                        chosenPrevious = previous
                        chosenSize = holeSize
                    }
                }
                if chosen != Self.none && (policy.fit == .first || policy.fit == .next) { break }
                // No hole can fit better than one the chunk fills exactly.
                if policy.fit == .best && chosen == hole && holeSize == wanted { break }
            }
            previous = hole
            hole = nextHole(hole)
        }
        if chosen == Self.none {
            chosen = wrapped
            chosenPrevious = wrappedPrevious
        }
        guard chosen != Self.none else { return -1 }
        return carve(wanted, alignment: alignment, from: chosen, previous: chosenPrevious, observer: &observer)
    }

    /// The list predecessor of `target` (`none` when it is the head), or nil when `target` is
    /// not in the list.
    /// - Complexity: O(holes).
    func listPredecessor(of target: Int) -> Int? {
        var previous = Self.none
        var hole = head
        while hole != Self.none {
            if hole == target { return previous }
            previous = hole
            hole = nextHole(hole)
        }
        return nil
    }

    /// Takes `hole` out of the list when it is there; returns whether it was.
    /// - Complexity: O(holes).
    @discardableResult
    func unlinkHole(_ hole: Int) -> Bool {
        guard let previous = listPredecessor(of: hole) else { return false }
        link(after: previous, to: nextHole(hole))
        return true
    }

    /// Returns `[chunk, chunk + size)` to the list: merged with the holes just after and just
    /// before it when the policy coalesces, then linked in at its address (address order) or
    /// at the head (LIFO). A header left inside the merged hole is cleared (see
    /// ``clearAbsorbedHeader(_:)``).
    /// - Complexity: O(holes).
    func policyInsertHole<Observer: HeapEventObserver>(_ chunk: Int, size: Int, observer: inout Observer) {
        var start = chunk, total = size
        if policy.coalesces {
            var before = Self.none, after = Self.none
            var hole = head
            while hole != Self.none {
                if hole == chunk + size { after = hole }
                if hole + word(hole) == chunk { before = hole }
                hole = nextHole(hole)
            }
            if after != Self.none {
                total += word(after)
                unlinkHole(after)
                clearAbsorbedHeader(after)
                observer.emit(.coalescedWithNext(chunk: start, size: total))
            }
            if before != Self.none {
                start = before
                total += word(before)
                unlinkHole(before)
                clearAbsorbedHeader(chunk)
                observer.emit(.coalescedWithPrevious(chunk: start, size: total))
            }
        }
        setWord(start, total)
        switch policy.order {
        case .lifo:
            setNextHole(start, head)
            head = start
        case .address:
            var previous = Self.none
            var hole = head
            while hole != Self.none && hole < start {
                previous = hole
                hole = nextHole(hole)
            }
            setNextHole(start, hole)
            link(after: previous, to: start)
        }
        observer.emit(.insertedIntoBin(chunk: start, size: total, bin: holeBin))
    }

    /// Checks that `contentOffset` is the content of a live chunk and returns the chunk: no hole
    /// contains it or starts inside it, its header is a live chunk's inside the region, and what
    /// follows it is a hole, the region's end or another live header (``followsLiveChunk(at:isHole:)``).
    /// - Complexity: O(holes).
    func policyValidatedLiveChunk(contentOffset: Int) throws(HeapError) -> Int {
        guard contentOffset >= 8, contentOffset < capacity else { throw .outsideRegion(offset: contentOffset) }
        guard contentOffset & 7 == 0 else { throw .notAChunk(offset: contentOffset) }
        let chunk = contentOffset - 8
        let header = word(chunk)
        let size = header & ~7
        let headerIsLive = header & 7 == Self.live && size >= Self.minimumHole && size <= capacity - chunk
        var hole = head
        var steps = 0
        var holeFollows = false
        while hole != Self.none && steps <= capacity / Self.minimumHole {
            if hole <= chunk && chunk < hole + word(hole) {
                throw hole == chunk ? .doubleFree(offset: contentOffset) : .notAChunk(offset: contentOffset)
            }
            if headerIsLive && chunk < hole && hole < chunk + size { throw .notAChunk(offset: contentOffset) }
            if headerIsLive && hole == chunk + size { holeFollows = true }
            hole = nextHole(hole)
            steps += 1
        }
        guard headerIsLive, followsLiveChunk(at: chunk + size, isHole: holeFollows) else { throw .notAChunk(offset: contentOffset) }
        return chunk
    }

    /// Frees under the policy.
    /// - Complexity: O(holes).
    func policyDeallocate<Observer: HeapEventObserver>(offset: Int, observer: inout Observer) throws(HeapError) {
        let chunk = try policyValidatedLiveChunk(contentOffset: offset)
        if tracksRequestedSizes { setRequest(at: offset, nil) }
        let size = word(chunk) & ~7
        meta[MetaSlot.liveChunks] -= 1
        meta[MetaSlot.liveBytes] -= size
        observer.emit(.freed(chunk: chunk, size: size))
        policyInsertHole(chunk, size: size, observer: &observer)
    }

    /// Resizes under the policy: shrinks in place (the tail becomes a hole), grows into the
    /// hole right after the chunk when that is enough, or moves.
    /// - Complexity: O(holes) plus O(size) when it moves.
    func policyReallocate<Observer: HeapEventObserver>(
        offset: Int, newByteCount: Int, alignment: Int, observer: inout Observer
    ) throws(HeapError) -> Int {
        let chunk = try policyValidatedLiveChunk(contentOffset: offset)
        guard newByteCount <= capacity else { throw .outOfMemory(byteCount: newByteCount, alignment: alignment) }
        let size = word(chunk) & ~7
        let wanted = Self.chunkSize(forRequest: newByteCount)
        if offset & (alignment - 1) == 0 {
            if wanted <= size {
                let tail = size - wanted
                if tail >= Self.minimumHole {
                    setWord(chunk, wanted | Self.live)
                    meta[MetaSlot.liveBytes] -= tail
                    policyInsertHole(chunk + wanted, size: tail, observer: &observer)
                    observer.emit(.shrunkInPlace(chunk: chunk, from: size, to: wanted))
                }
                if tracksRequestedSizes { setRequest(at: offset, newByteCount) }
                return offset
            }
            let next = chunk + size
            if next < capacity, let previous = listPredecessor(of: next), size + word(next) >= wanted {
                let tailHole = growIntoNextHole(chunk, size: size, wanted: wanted, hole: next, previous: previous, observer: &observer)
                if let tailHole, policy.order == .lifo && rover == next { rover = tailHole }
                if tracksRequestedSizes { setRequest(at: offset, newByteCount) }
                return offset
            }
        }
        let newChunk = policyAllocateChunk(wanted, alignment: max(alignment, 8), observer: &observer)
        guard newChunk >= 0 else { throw .outOfMemory(byteCount: newByteCount, alignment: alignment) }
        let bytes = min(size, word(newChunk) & ~7) - 8
        (regionBase + newChunk + 8).copyMemory(from: regionBase + offset, byteCount: bytes)
        observer.emit(.movedByCopy(from: chunk, to: newChunk, bytes: bytes))
        meta[MetaSlot.liveChunks] -= 1
        meta[MetaSlot.liveBytes] -= size
        policyInsertHole(chunk, size: size, observer: &observer)
        if tracksRequestedSizes {
            setRequest(at: offset, nil)
            setRequest(at: newChunk + 8, newByteCount)
        }
        return newChunk + 8
    }
}
