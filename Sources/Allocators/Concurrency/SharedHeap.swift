import Synchronization

/// One heap shared by several threads: every operation takes a ``Mutex`` (the Synchronization
/// module's lock) around the wrapped heap, so the heap itself is only ever touched by one
/// thread at a time. Blocks handed out may be used by any thread; the bytes inside a block are
/// the caller's to synchronise.
///
/// ```swift
/// let shared = SharedHeap(SegregatedFitHeap(capacity: 1 << 20))
/// let p = try shared.allocate(byteCount: 64)        // from any thread
/// try shared.deallocate(p)                          // from any other
/// try shared.withHeap { heap in try heap.checkInvariants() }
/// ```
///
/// The heap passed in is moved into the lock (`sending`): the caller keeps no reference to it.
public final class SharedHeap<Heap: HeapAllocator>: Sendable {
    /// The heap, behind its lock.
    private let heap: Mutex<Heap>
    /// The heap's ``HeapAllocator/regionBase``, which never changes (read without the lock).
    private let regionAddress: Int
    /// The heap's ``HeapAllocator/capacity``.
    public let capacity: Int

    /// Wraps `heap`, which no other code may keep using directly.
    public init(_ heap: sending Heap) {
        regionAddress = Int(bitPattern: heap.regionBase)
        capacity = heap.capacity
        self.heap = Mutex(heap)
    }

    /// Start of the heap's region.
    public var regionBase: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: regionAddress)! }

    /// Allocates `byteCount` bytes aligned to `alignment` under the lock; see
    /// ``HeapAllocator/allocate(byteCount:alignment:)``.
    /// - Complexity: that of the heap's allocation, plus one lock.
    public func allocate(byteCount: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        regionBase + (try allocateOffset(byteCount: byteCount, alignment: alignment))
    }

    /// Frees the block at `pointer` under the lock; see ``HeapAllocator/deallocate(_:)``.
    /// - Complexity: that of the heap's free, plus one lock.
    public func deallocate(_ pointer: UnsafeMutableRawPointer) throws(HeapError) {
        try deallocate(offset: pointer - regionBase)
    }

    /// Resizes the block at `pointer` under the lock; see
    /// ``HeapAllocator/reallocate(_:newByteCount:alignment:)``.
    /// - Complexity: that of the heap's reallocation, plus one lock.
    public func reallocate(_ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        regionBase + (try reallocate(offset: pointer - regionBase, newByteCount: newByteCount, alignment: alignment))
    }

    /// Allocates and returns the content offset, under the lock.
    /// - Complexity: that of the heap's allocation, plus one lock.
    public func allocateOffset(byteCount: Int, alignment: Int = 8) throws(HeapError) -> Int {
        try heap.withLock { (heap: inout sending Heap) throws(HeapError) -> Int in
            try heap.allocateOffset(byteCount: byteCount, alignment: alignment)
        }
    }

    /// Frees the block at content offset `offset`, under the lock.
    /// - Complexity: that of the heap's free, plus one lock.
    public func deallocate(offset: Int) throws(HeapError) {
        try heap.withLock { (heap: inout sending Heap) throws(HeapError) in try heap.deallocate(offset: offset) }
    }

    /// Resizes the block at content offset `offset`, under the lock; returns the new offset.
    /// - Complexity: that of the heap's reallocation, plus one lock.
    public func reallocate(offset: Int, newByteCount: Int, alignment: Int = 8) throws(HeapError) -> Int {
        try heap.withLock { (heap: inout sending Heap) throws(HeapError) -> Int in
            try heap.reallocate(offset: offset, newByteCount: newByteCount, alignment: alignment)
        }
    }

    /// Runs `body` with the heap under the lock (introspection, invariants, several operations
    /// as one). `body` must not let the heap escape.
    /// - Complexity: that of `body`, plus one lock.
    public func withHeap<Result, Failure: Error>(_ body: (Heap) throws(Failure) -> sending Result) throws(Failure) -> sending Result {
        try heap.withLock { (heap: inout sending Heap) throws(Failure) -> sending Result in try body(heap) }
    }
}
