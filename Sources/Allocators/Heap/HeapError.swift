/// Why a heap operation was refused. A refused operation changes nothing.
public enum HeapError: Error, Equatable, Sendable {
    /// The size is negative.
    case invalidSize
    /// The alignment is not a power of two, or is larger than ``HeapLimits/maximumAlignment``.
    case invalidAlignment
    /// No free chunk can hold the request (this includes sizes larger than the region).
    case outOfMemory
    /// The pointer or offset lies outside the region's chunk area.
    case outsideRegion
    /// The pointer or offset is inside the region but is not the start of a live chunk's
    /// content (misaligned, or the header around it is implausible).
    case notAChunk
    /// The chunk at that offset is already free (double free).
    case doubleFree
}

/// Limits shared by the heaps.
public enum HeapLimits {
    /// The largest alignment any heap accepts. Regions start on this boundary, so an
    /// alignment up to it holds for addresses as well as for offsets.
    public static let maximumAlignment = 4096
    /// Bytes of header in front of every chunk.
    public static let headerSize = 8

    /// Checks an allocation request the same way for every heap: a negative size is
    /// `invalidSize`, an alignment that is not a power of two up to ``maximumAlignment`` is
    /// `invalidAlignment`, a size beyond the region is `outOfMemory`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func validateRequest(size: Int, alignment: Int, capacity: Int) throws(HeapError) {
        guard size >= 0 else { throw .invalidSize }
        guard alignment > 0, alignment & (alignment - 1) == 0, alignment <= maximumAlignment else {
            throw .invalidAlignment
        }
        guard size <= capacity else { throw .outOfMemory }
    }
}

/// A broken heap invariant found by `checkInvariants()`.
public struct HeapInvariantViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the chunk offset where it applies.
    public var message: String
    /// Creates a violation.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
