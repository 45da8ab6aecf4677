@testable import Allocators

/// A live block in a test trace: its content offset, requested size, alignment and tag.
struct TracedBlock {
    var offset: Int
    var size: Int
    var alignment: Int
    var tag: UInt8
}

/// Writes `tag` over the first and last (up to 8) bytes of the block, and a recognisable middle.
func stamp(_ heap: some HeapAllocator, _ block: TracedBlock) {
    let p = heap.regionBase + block.offset
    let n = block.size
    for i in 0..<min(n, 8) { p.storeBytes(of: block.tag &+ UInt8(i), toByteOffset: i, as: UInt8.self) }
    if n > 8 { for i in max(8, n - 8)..<n { p.storeBytes(of: block.tag ^ UInt8(i & 0xFF), toByteOffset: i, as: UInt8.self) } }
}

/// Whether the tag written by `stamp` is intact over the first `size` bytes of the block.
func stampIsIntact(_ heap: some HeapAllocator, _ block: TracedBlock, size: Int? = nil) -> Bool {
    let p = heap.regionBase + block.offset
    let n = size ?? block.size
    for i in 0..<min(n, 8) where p.load(fromByteOffset: i, as: UInt8.self) != block.tag &+ UInt8(i) { return false }
    if n > 8 && n == block.size {
        for i in max(8, n - 8)..<n where p.load(fromByteOffset: i, as: UInt8.self) != block.tag ^ UInt8(i & 0xFF) { return false }
    }
    return true
}

extension HeapError {
    /// Whether this is an out-of-memory refusal, whatever the request.
    var isOutOfMemory: Bool {
        if case .outOfMemory = self { return true }
        return false
    }
}
