import Allocators

/// A live block of a replayed trace: the allocator's handle for it (an offset, or a pointer's
/// bits for the malloc family), the bytes requested, the bytes granted (0 when the allocator
/// does not say) and the alignment asked for.
struct TraceBlock {
    var handle: Int
    var requested: Int
    var granted: Int
    var alignment: Int?
}

/// An allocator a trace is replayed on. The replay is generic over it, so every call is
/// specialised and direct.
protocol TraceBenchSubject {
    /// Allocates `size` bytes (aligned to `alignment` when given); nil on failure.
    mutating func allocate(size: Int, alignment: Int?) -> TraceBlock?
    /// Frees `block`.
    mutating func free(_ block: TraceBlock)
    /// Resizes `block` to `size` bytes; nil on failure (the block then stays as it was).
    mutating func reallocate(_ block: TraceBlock, size: Int) -> TraceBlock?
    /// One past the block's last byte, as an offset from the region start (its chunk header
    /// included); 0 when the allocator has no offsets.
    func end(of block: TraceBlock) -> Int
}

/// A buddy allocator through its offset API. A request takes the smallest block holding the
/// larger of its size and alignment (a block of size 2^k sits at a multiple of 2^k, so it is
/// aligned to any power of two up to its size). A reallocation that keeps the order stays in
/// place; otherwise the new block is allocated first and the old one freed, and a shrink that
/// finds no smaller block keeps the old block (the same policy as a buddy lane).
struct BuddyTraceSubject<Buddy: BuddyAllocator>: TraceBenchSubject {
    var buddy: Buddy
    let configuration: BuddyConfiguration

    init(_ buddy: Buddy) {
        self.buddy = buddy
        configuration = buddy.configuration
    }

    @inline(__always)
    mutating func allocate(size: Int, alignment: Int?) -> TraceBlock? {
        var ignore = IgnoreEvents()
        guard let order = configuration.order(forBytes: max(size, alignment ?? 1)),
              let offset = try? buddy.allocate(order: order, requestedBytes: min(size, configuration.blockSize(order: order)),
                                               observer: &ignore)
        else { return nil }
        return TraceBlock(handle: offset, requested: size, granted: configuration.blockSize(order: order), alignment: alignment)
    }

    @inline(__always)
    mutating func free(_ block: TraceBlock) {
        try? buddy.deallocate(offset: block.handle, order: block.granted.trailingZeroBitCount - configuration.minimumBlockShift)
    }

    @inline(__always)
    mutating func reallocate(_ block: TraceBlock, size: Int) -> TraceBlock? {
        guard let newOrder = configuration.order(forBytes: max(size, block.alignment ?? 1)) else { return nil }
        let oldOrder = block.granted.trailingZeroBitCount - configuration.minimumBlockShift
        var resized = block
        resized.requested = size
        if newOrder == oldOrder { return resized }
        guard let moved = allocate(size: size, alignment: block.alignment) else {
            return newOrder < oldOrder ? resized : nil
        }
        free(block)
        return moved
    }

    @inline(__always)
    func end(of block: TraceBlock) -> Int { block.handle + block.granted }
}

/// A heap through its offset API. When `measuresGrantedBytes` is on, a block's granted bytes
/// (its chunk, header included) are read from the change in ``HeapTotals/liveBytes`` across
/// the call, which costs O(1) (O(size classes) with a front cache); timed runs leave it off.
struct HeapTraceSubject<Heap: HeapAllocator>: TraceBenchSubject {
    let heap: Heap
    let measuresGrantedBytes: Bool

    @inline(__always)
    func liveBytes() -> Int { measuresGrantedBytes ? heap.totals.liveBytes : 0 }

    @inline(__always)
    mutating func allocate(size: Int, alignment: Int?) -> TraceBlock? {
        let before = liveBytes()
        guard let offset = try? heap.allocateOffset(byteCount: size, alignment: alignment ?? 8) else { return nil }
        return TraceBlock(handle: offset, requested: size, granted: liveBytes() - before, alignment: alignment)
    }

    @inline(__always)
    mutating func free(_ block: TraceBlock) {
        try? heap.deallocate(offset: block.handle)
    }

    @inline(__always)
    mutating func reallocate(_ block: TraceBlock, size: Int) -> TraceBlock? {
        let before = liveBytes()
        guard let offset = try? heap.reallocate(offset: block.handle, newByteCount: size, alignment: block.alignment ?? 8) else { return nil }
        return TraceBlock(handle: offset, requested: size, granted: block.granted + liveBytes() - before, alignment: block.alignment)
    }

    /// The chunk starts a header before the content offset and spans the granted bytes.
    @inline(__always)
    func end(of block: TraceBlock) -> Int { block.handle - HeapLimits.headerSize + block.granted }
}

/// glibc malloc or a dlopen'd peer through its pointer API (throughput only: it has no offsets).
struct PointerTraceSubject<Subject: HeapBenchSubject>: TraceBenchSubject {
    var subject: Subject

    @inline(__always)
    mutating func allocate(size: Int, alignment: Int?) -> TraceBlock? {
        guard let pointer = subject.allocate(size: size, alignment: alignment ?? 8) else { return nil }
        return TraceBlock(handle: Int(bitPattern: pointer), requested: size, granted: 0, alignment: alignment)
    }

    @inline(__always)
    mutating func free(_ block: TraceBlock) {
        guard let pointer = UnsafeMutableRawPointer(bitPattern: block.handle) else { return }
        _ = subject.deallocate(pointer, size: block.requested, alignment: block.alignment ?? 8)
    }

    @inline(__always)
    mutating func reallocate(_ block: TraceBlock, size: Int) -> TraceBlock? {
        guard let pointer = UnsafeMutableRawPointer(bitPattern: block.handle),
              let moved = subject.reallocate(pointer, oldSize: block.requested, newSize: size, alignment: block.alignment ?? 8)
        else { return nil }
        return TraceBlock(handle: Int(bitPattern: moved), requested: size, granted: 0, alignment: block.alignment)
    }

    @inline(__always)
    func end(of block: TraceBlock) -> Int { 0 }
}
