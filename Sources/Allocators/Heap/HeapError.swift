/// Why a heap operation was refused. A refused operation changes nothing.
///
/// Offsets in the payloads are content offsets (the handles of the offset API, counted from
/// ``HeapAllocator/regionBase``); the pointer API reports the pointer's offset the same way.
public enum HeapError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The requested byte count is negative.
    case invalidSize(byteCount: Int)
    /// The alignment is not a power of two, or is larger than ``HeapLimits/maximumAlignment``.
    case invalidAlignment(alignment: Int)
    /// No free chunk can hold `byteCount` bytes aligned to `alignment` (this includes sizes
    /// larger than the region).
    case outOfMemory(byteCount: Int, alignment: Int)
    /// The content offset lies outside the region's chunk area.
    case outsideRegion(offset: Int)
    /// The content offset is inside the region but is not the start of a live chunk's content
    /// (misaligned, or the header around it is implausible).
    case notAChunk(offset: Int)
    /// The chunk whose content starts at `offset` is already free (double free).
    case doubleFree(offset: Int)

    /// A sentence describing the failure, such as
    /// `out of memory: no free chunk holds 3000 B aligned to 64`.
    public var description: String {
        switch self {
        case .invalidSize(let byteCount):
            "invalid size \(byteCount)"
        case .invalidAlignment(let alignment):
            "alignment \(alignment) is not supported: it must be a power of two from 1 to \(HeapLimits.maximumAlignment)"
        case .outOfMemory(let byteCount, let alignment):
            "out of memory: no free chunk holds \(byteCount) B" + (alignment > 8 ? " aligned to \(alignment)" : "")
        case .outsideRegion(let offset):
            "offset \(hexLiteral(offset)) is outside the heap"
        case .notAChunk(let offset):
            "no live chunk at \(hexLiteral(offset))"
        case .doubleFree(let offset):
            "double free: the chunk at \(hexLiteral(HeapLimits.chunkOffset(ofContent: offset))) is already free"
        }
    }
}

/// Limits and layout rules shared by the heaps.
public enum HeapLimits {
    /// The largest alignment any heap accepts. Regions start on this boundary, so an
    /// alignment up to it holds for addresses as well as for offsets.
    public static let maximumAlignment = 4096
    /// Bytes of header in front of every chunk.
    public static let headerSize = 8

    /// The offset of the chunk (its header) whose content starts at `contentOffset`:
    /// `contentOffset - headerSize`. Content offsets are the handles of the offset API; chunk
    /// offsets are what ``HeapChunk/offset`` and every ``HeapEvent`` report.
    /// - Complexity: O(1).
    @inlinable public static func chunkOffset(ofContent contentOffset: Int) -> Int {
        contentOffset &- headerSize
    }

    /// The content offset of the chunk at `chunkOffset`: `chunkOffset + headerSize` (the
    /// inverse of ``chunkOffset(ofContent:)``, and ``HeapChunk/contentOffset``).
    /// - Complexity: O(1).
    @inlinable public static func contentOffset(ofChunk chunkOffset: Int) -> Int {
        chunkOffset &+ headerSize
    }

    /// Whether `alignment` is one the heaps accept: a power of two up to ``maximumAlignment``.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func isSupported(alignment: Int) -> Bool {
        alignment > 0 && alignment & (alignment &- 1) == 0 && alignment <= maximumAlignment
    }

    /// Checks an allocation request the same way for every heap: a negative size is
    /// `invalidSize`, an alignment that is not a power of two up to ``maximumAlignment`` is
    /// `invalidAlignment`, a size beyond the region is `outOfMemory`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func validateRequest(byteCount: Int, alignment: Int, capacity: Int) throws(HeapError) {
        try validateSizeAndAlignment(byteCount: byteCount, alignment: alignment)
        guard byteCount <= capacity else { throw .outOfMemory(byteCount: byteCount, alignment: alignment) }
    }

    /// The checks a reallocation makes before looking at its handle (shared by both heaps): a
    /// negative size is `invalidSize`, an unsupported alignment is `invalidAlignment`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func validateSizeAndAlignment(byteCount: Int, alignment: Int) throws(HeapError) {
        guard byteCount >= 0 else { throw .invalidSize(byteCount: byteCount) }
        guard isSupported(alignment: alignment) else { throw .invalidAlignment(alignment: alignment) }
    }
}

/// A broken heap invariant found by `checkInvariants()`.
public struct HeapInvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in a sentence naming the chunk offset where it applies.
    public var description: String
    /// Creates a violation with a description.
    public init(_ description: String) { self.description = description }
}
