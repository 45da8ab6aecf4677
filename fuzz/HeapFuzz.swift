import Allocators

/// libFuzzer target: the segregated-fit heap driven by an operation sequence decoded from the
/// input. The first byte picks the configuration (front cache on or off, tracked sizes, exact
/// mode, pointer or offset API); every later op allocates, frees, reallocates, frees a bad
/// handle (interior, fake header, stale, outside), or flushes the front cache. After every step
/// `checkInvariants()` must pass and every live block must still carry its tag bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func heapFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    let frontCacheDepth = mode & 1 != 0 ? 8 : 0
    let tracks = mode & 2 != 0
    let exact = mode & 4 != 0
    let pointers = mode & 8 != 0
    let capacity = 4096 << Int((mode >> 4) & 3)  // 4 KiB ... 32 KiB
    let heap = SegregatedFitHeap(capacity: capacity, tracksRequestedSizes: tracks, frontCacheDepth: frontCacheDepth,
                                 frontCacheBudget: 1 << 20, exactPointerChecks: exact)
    var driver = HeapFuzzDriver(heap: heap, pointers: pointers, exact: exact)
    var steps = 0
    while !input.isAtEnd && steps < 2000 {
        driver.step(&input)
        steps += 1
    }
    driver.finish()
    return 0
}

/// A live block: content offset, requested size, alignment and the tag its bytes carry.
struct FuzzBlock {
    var offset: Int
    var size: Int
    var alignment: Int
    var tag: UInt8
}

struct HeapFuzzDriver {
    let heap: SegregatedFitHeap
    let pointers: Bool
    let exact: Bool
    var live: [FuzzBlock] = []
    /// Content offsets freed earlier (for stale-handle attempts).
    var freed: [Int] = []
    var nextTag: UInt8 = 1

    init(heap: SegregatedFitHeap, pointers: Bool, exact: Bool) {
        self.heap = heap
        self.pointers = pointers
        self.exact = exact
    }

    func allocate(_ size: Int, _ alignment: Int) throws(HeapError) -> Int {
        pointers ? heap.offset(of: try heap.allocate(byteCount: size, alignment: alignment))
            : try heap.allocateOffset(byteCount: size, alignment: alignment)
    }

    func deallocate(_ offset: Int) throws(HeapError) {
        if pointers { try heap.deallocate(heap.pointer(at: offset)) } else { try heap.deallocate(offset: offset) }
    }

    func reallocate(_ offset: Int, _ size: Int, _ alignment: Int) throws(HeapError) -> Int {
        pointers ? heap.offset(of: try heap.reallocate(heap.pointer(at: offset), newByteCount: size, alignment: alignment))
            : try heap.reallocate(offset: offset, newByteCount: size, alignment: alignment)
    }

    /// Fills the block's bytes (all of them, so a later overlap is seen anywhere) with its tag.
    func stamp(_ block: FuzzBlock) {
        (heap.regionBase + block.offset).initializeMemory(as: UInt8.self, repeating: block.tag, count: block.size)
    }

    func verify(_ block: FuzzBlock, _ context: String) {
        let p = heap.regionBase + block.offset
        for i in 0..<block.size where p.load(fromByteOffset: i, as: UInt8.self) != block.tag {
            fuzzFailure("\(context): block at \(block.offset) (\(block.size) bytes) byte \(i) overwritten")
        }
    }

    mutating func step(_ input: inout FuzzInput) {
        let op = input.byte() % 16
        switch op {
        case 0..<6:
            let size = input.byte() & 0x80 != 0 ? input.below(6000) : input.below(300)
            let alignment = 1 << input.below(14)  // up to 8192: above 4096 must be refused
            do {
                let offset = try allocate(size, alignment)
                guard Int(bitPattern: heap.pointer(at: offset)) % alignment == 0, offset % 8 == 0 else {
                    fuzzFailure("allocate(\(size), \(alignment)) gave misaligned offset \(offset)")
                }
                let block = FuzzBlock(offset: offset, size: size, alignment: alignment, tag: nextTag)
                nextTag = nextTag == 255 ? 1 : nextTag + 1
                stamp(block)
                live.append(block)
            } catch {
                switch error {
                case .outOfMemory: break
                case .invalidAlignment: guard alignment > 4096 else { fuzzFailure("alignment \(alignment) refused") }
                default: fuzzFailure("allocate(\(size), \(alignment)): \(error)")
                }
            }
        case 6..<10:
            guard !live.isEmpty else { return }
            let index = input.below(live.count)
            let block = live[index]
            verify(block, "before free")
            do { try deallocate(block.offset) } catch { fuzzFailure("free of live block \(block.offset): \(error)") }
            live.swapAt(index, live.count - 1)
            live.removeLast()
            freed.append(block.offset)
        case 10..<13:
            guard !live.isEmpty else { return }
            let index = input.below(live.count)
            var block = live[index]
            verify(block, "before realloc")
            let newSize = input.byte() & 0x80 != 0 ? input.below(8000) : input.below(400)
            // Now and then a new alignment (up to 4096), so the block must move to meet it.
            let alignment = input.byte() & 0x40 != 0 ? 1 << input.below(13) : block.alignment
            do {
                let offset = try reallocate(block.offset, newSize, alignment)
                guard offset % alignment == 0 else { fuzzFailure("realloc lost alignment \(alignment)") }
                block.offset = offset
                block.alignment = alignment
                let kept = min(block.size, newSize)
                let p = heap.regionBase + offset
                for i in 0..<kept where p.load(fromByteOffset: i, as: UInt8.self) != block.tag {
                    fuzzFailure("realloc to \(newSize) lost content byte \(i)")
                }
                block.size = newSize
                stamp(block)
                live[index] = block
            } catch {
                guard case .outOfMemory = error else { fuzzFailure("realloc of live block: \(error)") }
                verify(block, "after failed realloc")
            }
        case 13, 14:
            misuse(&input)
        default:
            heap.flushFrontCache()
        }
        do { try heap.checkInvariants() } catch { fuzzFailure("invariants after op \(op): \(error)") }
        if input.byte() & 7 == 0 { for block in live { verify(block, "after op \(op)") } }
    }

    /// Frees or reallocates a handle that is not a live block start: every attempt must be
    /// refused with a typed error and change nothing. Without exact mode only the handles the
    /// O(1) checks promise to catch are tried (outside, misaligned, inside a tagged live block);
    /// fake headers, stale and random offsets are tried in exact mode.
    mutating func misuse(_ input: inout FuzzInput) {
        let kind = input.byte() % 5
        var offset: Int
        switch kind {
        case 0:  // outside the region or misaligned
            offset = [-8, 0, 8, 3, heap.capacity, heap.capacity + 8, Int.max & ~7, Int.min][input.below(8)]
        case 1:  // a stale handle that is not live now (exact mode: without it, a stale handle
                 // into a free chunk's old bytes may look valid, which the heap documents)
            guard exact, !freed.isEmpty else { return }
            offset = freed[input.below(freed.count)]
            if live.contains(where: { $0.offset == offset }) { return }
        case 2, 3:  // inside a live block (with a fake header in exact mode)
            guard let block = live.isEmpty ? nil : live[input.below(live.count)], block.size >= 48 else { return }
            offset = block.offset + 8 * (1 + input.below((block.size - 40) / 8 + 1))
            if kind == 3 {
                guard exact else { return }
                let chunkEnd = block.offset - 8 + (heap.chunks().first { $0.offset == block.offset - 8 }?.size ?? 0)
                let fakeChunk = offset - 8
                let fakeSize = chunkEnd - fakeChunk
                guard fakeSize >= 32 else { return }
                (heap.regionBase + fakeChunk).storeBytes(of: fakeSize | 2, as: Int.self)
                defer { stamp(block) }
                attempt(offset)
                return
            }
        default:  // a random offset anywhere (exact mode, for the same reason)
            guard exact else { return }
            offset = input.below(heap.capacity) & ~7
            if live.contains(where: { $0.offset == offset }) { return }
        }
        attempt(offset)
    }

    /// Tries to free and reallocate `offset`, which is not a live block: both must throw.
    func attempt(_ offset: Int) {
        if (try? heap.deallocate(offset: offset)) != nil { fuzzFailure("free of non-block \(offset) succeeded") }
        if (try? heap.reallocate(offset: offset, newByteCount: 16)) != nil { fuzzFailure("realloc of non-block \(offset) succeeded") }
    }

    mutating func finish() {
        for block in live {
            verify(block, "at the end")
            do { try deallocate(block.offset) } catch { fuzzFailure("final free \(block.offset): \(error)") }
        }
        live.removeAll()
        heap.flushFrontCache()
        do { try heap.checkInvariants() } catch { fuzzFailure("invariants at the end: \(error)") }
        guard heap.totals.liveChunks == 0, heap.chunks().count == 1 else { fuzzFailure("heap not empty after freeing everything") }
    }
}
