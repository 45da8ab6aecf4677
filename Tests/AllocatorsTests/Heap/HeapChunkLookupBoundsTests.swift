import Allocators
import Testing

/// `forEachChunk(from:)` and `chunk(containing:)` at the edges of the chunk area, as their
/// docs state: before the first chunk means the first chunk; at or past the end, nothing.
struct HeapChunkLookupBoundsTests {
    static let capacity = 1 << 14

    /// Where the chunk area ends: the end sentinel word of a segregated-fit heap is not a chunk.
    static func chunkAreaEnd(_ implementation: HeapImplementation) -> Int {
        implementation == .segregatedFit ? capacity - 8 : capacity
    }

    static func visited(_ heap: any HeapAllocator, from offset: Int) -> [HeapChunk] {
        var seen: [HeapChunk] = []
        heap.forEachChunk(from: offset) { seen.append($0); return true }
        return seen
    }

    @Test(arguments: HeapImplementation.allCases, [false, true])
    func offsetsOutsideTheChunkAreaAreClampedOnlyAtTheLowEnd(implementation: HeapImplementation, exact: Bool) throws {
        let heap = implementation.make(capacity: Self.capacity, exactPointerChecks: exact)
        var ignore = IgnoreEvents()
        _ = try heap.allocateOffset(byteCount: 100, alignment: 8, observer: &ignore)
        _ = try heap.allocateOffset(byteCount: 200, alignment: 8, observer: &ignore)
        let all = heap.chunks()
        let first = try #require(all.first)
        let last = try #require(all.last)
        let end = Self.chunkAreaEnd(implementation)
        #expect(last.offset + last.size == end, "\(implementation.name): the chunks end at \(last.offset + last.size)")
        // Before the first chunk: the walk starts at it.
        for offset in [Int.min, -8, first.offset - 1, first.offset] {
            #expect(heap.chunk(containing: offset) == first, "\(implementation.name) \(offset)")
            #expect(Self.visited(heap, from: offset) == all, "\(implementation.name) \(offset)")
        }
        // Inside the last chunk: it alone.
        #expect(heap.chunk(containing: end - 1) == last)
        #expect(Self.visited(heap, from: end - 1) == [last])
        // At or past the end of the chunk area: nothing (no clamping down to the last chunk).
        for offset in [end, Self.capacity, Self.capacity + 8, Int.max] {
            #expect(heap.chunk(containing: offset) == nil, "\(implementation.name) \(offset)")
            #expect(Self.visited(heap, from: offset).isEmpty, "\(implementation.name) \(offset)")
        }
    }
}
