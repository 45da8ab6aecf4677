import Allocators

/// A session lane running a free-list heap (any implementation) over a real region.
///
/// Handles are content offsets (the heap's offset API); a block's granted size is its chunk
/// size, header included. Heaps are reference types: ``snapshot()`` copies the region and the
/// bookkeeping.
public struct HeapLane {
    /// The heap.
    public private(set) var heap: any HeapAllocator
    /// The implementation's name (`segregated`, `first-fit`).
    public let implementationName: String

    /// Creates a lane for `configuration` (kind `.heap`).
    public init(configuration: LaneConfiguration) throws(LaneFailure) {
        let name = configuration.implementation ?? LaneFactory.implementations(of: .heap)[0]
        guard let make = LaneFactory.heapMakers[name] else { throw LaneFailure("unknown heap implementation '\(name)'") }
        heap = make(configuration.size)
        implementationName = name
    }

    private init(heap: any HeapAllocator, implementationName: String) {
        self.heap = heap
        self.implementationName = implementationName
    }

    /// An independent copy (region bytes and bookkeeping duplicated).
    public func snapshot() -> HeapLane { HeapLane(heap: heap.copy(), implementationName: implementationName) }

    /// Allocates `size` bytes aligned to `alignment` (8 when nil).
    public mutating func allocate(size: Int, alignment: Int?, events: inout [LaneEvent]) -> Result<LaneBlock, LaneFailure> {
        var observer = CollectEvents<HeapEvent>()
        do {
            let offset = try heap.allocateOffset(size: size, alignment: alignment ?? 8, observer: &observer)
            events += observer.events.map(Self.event)
            return .success(LaneBlock(offset: offset, requested: size, granted: chunkSize(atContent: offset), alignment: alignment))
        } catch {
            events += observer.events.map(Self.event)
            let text = Self.describe(error, size: size, alignment: alignment)
            events.append(LaneEvent(.failure, text: text, size: size))
            return .failure(LaneFailure(text))
        }
    }

    /// Frees the block whose content starts at `block.offset`.
    public mutating func deallocate(_ block: LaneBlock, events: inout [LaneEvent]) -> LaneFailure? {
        var observer = CollectEvents<HeapEvent>()
        do {
            try heap.deallocate(offset: block.offset, observer: &observer)
            events += observer.events.map(Self.event)
            return nil
        } catch {
            events += observer.events.map(Self.event)
            let text = Self.describe(error, offset: block.offset)
            events.append(LaneEvent(.error, text: text, offset: block.offset - HeapLimits.headerSize))
            return LaneFailure(text, isMisuse: true)
        }
    }

    /// Resizes `block` to `size` bytes: in place when a neighbour allows, else by moving.
    public mutating func reallocate(_ block: LaneBlock, to size: Int, events: inout [LaneEvent]) -> Result<LaneReallocation, LaneFailure> {
        var observer = CollectEvents<HeapEvent>()
        do {
            let offset = try heap.reallocate(offset: block.offset, newSize: size, alignment: block.alignment ?? 8, observer: &observer)
            events += observer.events.map(Self.event)
            let moved = offset != block.offset
            if !moved && !observer.events.contains(where: Self.isResize) {
                events.append(LaneEvent(.resize, text: "chunk at \(hexString(offset - HeapLimits.headerSize)) already holds \(size) B: in place",
                                        offset: offset - HeapLimits.headerSize, size: block.granted))
            }
            let newBlock = LaneBlock(offset: offset, requested: size, granted: chunkSize(atContent: offset), alignment: block.alignment)
            return .success(LaneReallocation(block: newBlock, moved: moved))
        } catch {
            events += observer.events.map(Self.event)
            let text = Self.describe(error, size: size, alignment: block.alignment)
            events.append(LaneEvent(.failure, text: text + "; the block stays at \(hexString(block.offset))", size: size))
            return .failure(LaneFailure(text))
        }
    }

    /// The chunk size of the live block whose content starts at `offset`.
    func chunkSize(atContent offset: Int) -> Int {
        var size = 0
        heap.forEachChunk(from: offset - HeapLimits.headerSize) { chunk in
            if chunk.offset == offset - HeapLimits.headerSize { size = chunk.size }
            return false
        }
        return size
    }

    /// Metrics with requested bytes taken from the session's handle table.
    public func metrics(requestedBytes: Int) -> FragmentationMetrics {
        var metrics = heap.metrics()
        metrics.requestedBytes = requestedBytes
        return metrics
    }

    /// The first broken invariant, or nil.
    public func invariantViolation() -> String? {
        do { try heap.checkInvariants(); return nil } catch { return error.description }
    }

    static func isResize(_ event: HeapEvent) -> Bool {
        switch event {
        case .grownInPlace, .shrunkInPlace, .movedByCopy: return true
        default: return false
        }
    }

    static func describe(_ error: HeapError, size: Int = 0, alignment: Int? = nil, offset: Int = 0) -> String {
        switch error {
        case .invalidSize: return "invalid size \(size)"
        case .invalidAlignment: return "alignment \(alignment ?? 8) is not supported (at most \(HeapLimits.maximumAlignment))"
        case .outOfMemory: return "out of memory: no free chunk holds \(size) B" + (alignment.map { " aligned to \($0)" } ?? "")
        case .outsideRegion: return "offset \(hexString(offset)) is outside the heap"
        case .notAChunk: return "no live chunk at \(hexString(offset))"
        case .doubleFree: return "double free: the chunk at \(hexString(offset - HeapLimits.headerSize)) is already free"
        }
    }

    static func event(_ event: HeapEvent) -> LaneEvent {
        switch event {
        case .takenFromBin(let chunk, let size, let bin):
            return LaneEvent(.claim, text: "took \(size) B chunk at \(hexString(chunk)) from bin \(bin)", offset: chunk, size: size, bin: bin.description)
        case .split(let chunk, let kept, let remainder, let remainderSize, let bin):
            return LaneEvent(.split, text: "split chunk at \(hexString(chunk)): kept \(kept) B, \(remainderSize) B remainder at \(hexString(remainder)) to bin \(bin)",
                             offset: remainder, size: remainderSize, bin: bin.description)
        case .alignmentPadding(let chunk, let size, let bin):
            return LaneEvent(.split, text: "alignment padding: \(size) B at \(hexString(chunk)) to bin \(bin)", offset: chunk, size: size, bin: bin.description)
        case .coalescedWithPrevious(let chunk, let size):
            return LaneEvent(.merge, text: "coalesced with previous: \(size) B at \(hexString(chunk))", offset: chunk, size: size)
        case .coalescedWithNext(let chunk, let size):
            return LaneEvent(.merge, text: "coalesced with next: \(size) B at \(hexString(chunk))", offset: chunk, size: size)
        case .insertedIntoBin(let chunk, let size, let bin):
            return LaneEvent(.free, text: "free \(size) B chunk at \(hexString(chunk)) into bin \(bin)", offset: chunk, size: size, bin: bin.description)
        case .allocated(let chunk, let size, let requested):
            return LaneEvent(.allocate, text: "allocated \(size) B chunk at \(hexString(chunk)) for \(requested) B", offset: chunk, size: size)
        case .freed(let chunk, let size):
            return LaneEvent(.release, text: "freed \(size) B chunk at \(hexString(chunk))", offset: chunk, size: size)
        case .grownInPlace(let chunk, let from, let to):
            return LaneEvent(.resize, text: "grew in place at \(hexString(chunk)): \(from) -> \(to) B", offset: chunk, size: to)
        case .shrunkInPlace(let chunk, let from, let to):
            return LaneEvent(.resize, text: "shrank in place at \(hexString(chunk)): \(from) -> \(to) B", offset: chunk, size: to)
        case .takenFromFrontCache(let chunk, let size):
            return LaneEvent(.claim, text: "took \(size) B chunk at \(hexString(chunk)) from the front cache", offset: chunk, size: size, bin: "cache")
        case .putInFrontCache(let chunk, let size):
            return LaneEvent(.free, text: "put \(size) B chunk at \(hexString(chunk)) in the front cache", offset: chunk, size: size, bin: "cache")
        case .movedByCopy(let from, let to, let bytes):
            return LaneEvent(.move, text: "moved \(bytes) B by copy from \(hexString(from)) to \(hexString(to))", offset: to)
        }
    }
}
