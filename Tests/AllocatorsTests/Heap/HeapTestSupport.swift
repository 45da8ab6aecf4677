@testable import Allocators

/// SplitMix64: a tiny seeded generator so heap traces are reproducible.
struct HeapTestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

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
