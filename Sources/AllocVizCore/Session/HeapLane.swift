import Allocators

/// A session lane running a free-list heap (any implementation) over a real region.
///
/// Handles are content offsets (the heap's offset API); a block's granted size is its chunk
/// size, header included. Heaps are reference types: ``snapshot()`` copies the region and the
/// bookkeeping.
public final class HeapLane {
    /// The heap.
    public let heap: any HeapAllocator
    /// The implementation.
    public let implementation: HeapImplementation

    /// Creates a lane over a fresh heap of `capacity` bytes that tracks requested sizes.
    public init(capacity: Int, implementation: HeapImplementation) {
        heap = implementation.make(capacity: capacity, tracksRequestedSizes: true, exactPointerChecks: true)
        self.implementation = implementation
    }

    private init(heap: any HeapAllocator, implementation: HeapImplementation) {
        self.heap = heap
        self.implementation = implementation
    }

    /// An independent copy (region bytes and bookkeeping duplicated).
    public func snapshot() -> HeapLane { HeapLane(heap: heap.copy(), implementation: implementation) }

    /// Allocates `size` bytes aligned to `alignment` (8 when nil).
    public func allocate(size: Int, alignment: Int?, events: inout [LaneEvent]) -> Result<LaneBlock, LaneFailure> {
        var observer = CollectEvents<HeapEvent>()
        do {
            let offset = try heap.allocateOffset(byteCount: size, alignment: alignment ?? 8, observer: &observer)
            events += observer.events.map(Self.event)
            return .success(LaneBlock(offset: offset, requested: size, granted: chunkSize(atContent: offset), alignment: alignment))
        } catch {
            events += observer.events.map(Self.event)
            let text = error.description
            events.append(LaneEvent(.failure, text: text, size: size))
            return .failure(LaneFailure(text))
        }
    }

    /// Frees the block whose content starts at `block.offset`.
    public func deallocate(_ block: LaneBlock, events: inout [LaneEvent]) -> LaneFailure? {
        var observer = CollectEvents<HeapEvent>()
        do {
            try heap.deallocate(offset: block.offset, observer: &observer)
            events += observer.events.map(Self.event)
            return nil
        } catch {
            events += observer.events.map(Self.event)
            let text = error.description
            events.append(LaneEvent(.error, text: text, offset: HeapLimits.chunkOffset(ofContent: block.offset)))
            return LaneFailure(text, isMisuse: true)
        }
    }

    /// Resizes `block` to `size` bytes: in place when a neighbour allows, else by moving.
    public func reallocate(_ block: LaneBlock, to size: Int, events: inout [LaneEvent]) -> Result<LaneReallocation, LaneFailure> {
        var observer = CollectEvents<HeapEvent>()
        do {
            let offset = try heap.reallocate(offset: block.offset, newByteCount: size, alignment: block.alignment ?? 8, observer: &observer)
            events += observer.events.map(Self.event)
            let moved = offset != block.offset
            if !moved && !observer.events.contains(where: Self.isResize) {
                let chunk = HeapLimits.chunkOffset(ofContent: offset)
                events.append(LaneEvent(.resize, text: "chunk at \(DisplayFormat.hex(chunk)) already holds \(size) B: in place",
                                        offset: chunk, size: block.granted))
            }
            let newBlock = LaneBlock(offset: offset, requested: size, granted: chunkSize(atContent: offset), alignment: block.alignment)
            return .success(LaneReallocation(block: newBlock, moved: moved))
        } catch {
            events += observer.events.map(Self.event)
            let text = error.description
            events.append(LaneEvent(.failure, text: text + "; the block stays at \(DisplayFormat.hex(block.offset))", size: size))
            return .failure(LaneFailure(text))
        }
    }

    /// The chunk size of the live block whose content starts at `offset`.
    /// - Complexity: O(1) on both heaps (a header read).
    func chunkSize(atContent offset: Int) -> Int {
        heap.liveChunkSize(atContentOffset: offset) ?? 0
    }

    static func isResize(_ event: HeapEvent) -> Bool {
        switch event {
        case .grownInPlace, .shrunkInPlace, .movedByCopy: return true
        default: return false
        }
    }

    static func event(_ event: HeapEvent) -> LaneEvent { LaneEvent(heap: event) }
}

extension LaneEvent {
    static func fields(_ event: HeapEvent) -> (kind: Kind, offset: Int, size: Int?, bin: LaneEvent.Bin?) {
        switch event {
        case .takenFromBin(let chunk, let size, let bin): return (.claim, chunk, size, .heap(bin))
        case .split(_, _, let remainder, let remainderSize, let bin): return (.split, remainder, remainderSize, .heap(bin))
        case .alignmentPadding(let chunk, let size, let bin): return (.split, chunk, size, .heap(bin))
        case .coalescedWithPrevious(let chunk, let size), .coalescedWithNext(let chunk, let size): return (.merge, chunk, size, nil)
        case .insertedIntoBin(let chunk, let size, let bin): return (.free, chunk, size, .heap(bin))
        case .takenFromFrontCache(let chunk, let size): return (.claim, chunk, size, .frontCache)
        case .putInFrontCache(let chunk, let size): return (.free, chunk, size, .frontCache)
        case .allocated(let chunk, let size, _): return (.allocate, chunk, size, nil)
        case .freed(let chunk, let size): return (.release, chunk, size, nil)
        case .grownInPlace(let chunk, _, let to), .shrunkInPlace(let chunk, _, let to): return (.resize, chunk, to, nil)
        case .movedByCopy(_, let to, _): return (.move, to, nil, nil)
        }
    }

    static func text(_ event: HeapEvent) -> String {
        switch event {
        case .takenFromBin(let chunk, let size, let bin): return "took \(size) B chunk at \(DisplayFormat.hex(chunk)) from bin \(bin)"
        case .split(let chunk, let kept, let remainder, let remainderSize, let bin):
            return "split chunk at \(DisplayFormat.hex(chunk)): kept \(kept) B, \(remainderSize) B remainder at \(DisplayFormat.hex(remainder)) to bin \(bin)"
        case .alignmentPadding(let chunk, let size, let bin): return "alignment padding: \(size) B at \(DisplayFormat.hex(chunk)) to bin \(bin)"
        case .coalescedWithPrevious(let chunk, let size): return "coalesced with previous: \(size) B at \(DisplayFormat.hex(chunk))"
        case .coalescedWithNext(let chunk, let size): return "coalesced with next: \(size) B at \(DisplayFormat.hex(chunk))"
        case .insertedIntoBin(let chunk, let size, let bin): return "free \(size) B chunk at \(DisplayFormat.hex(chunk)) into bin \(bin)"
        case .takenFromFrontCache(let chunk, let size): return "took \(size) B chunk at \(DisplayFormat.hex(chunk)) from the front cache"
        case .putInFrontCache(let chunk, let size): return "put \(size) B chunk at \(DisplayFormat.hex(chunk)) in the front cache"
        case .allocated(let chunk, let size, let requested): return "allocated \(size) B chunk at \(DisplayFormat.hex(chunk)) for \(requested) B"
        case .freed(let chunk, let size): return "freed \(size) B chunk at \(DisplayFormat.hex(chunk))"
        case .grownInPlace(let chunk, let from, let to): return "grew in place at \(DisplayFormat.hex(chunk)): \(from) -> \(to) B"
        case .shrunkInPlace(let chunk, let from, let to): return "shrank in place at \(DisplayFormat.hex(chunk)): \(from) -> \(to) B"
        case .movedByCopy(let from, let to, let bytes): return "moved \(bytes) B by copy from \(DisplayFormat.hex(from)) to \(DisplayFormat.hex(to))"
        }
    }
}
