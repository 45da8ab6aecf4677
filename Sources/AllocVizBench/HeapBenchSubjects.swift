import Allocators
#if canImport(Glibc)
import Glibc
#endif

/// One allocator under test in the heap suites. The workloads are generic over it so every
/// call is specialised and direct.
protocol HeapBenchSubject {
    /// Allocates `size` bytes aligned to `alignment`; nil on failure.
    mutating func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer?
    /// Frees a block this subject returned; false if the allocator refused.
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) -> Bool
    /// Resizes a block, keeping its alignment; nil on failure (the old block stays valid).
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer?
}

/// ``SegregatedFitHeap`` through its pointer API (a concrete type, so the workload loop is
/// specialised for it alone and its calls stay direct).
struct SegregatedFitSubject: HeapBenchSubject {
    let heap: SegregatedFitHeap

    @inline(__always)
    mutating func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        try? heap.allocate(byteCount: size, alignment: alignment)
    }

    @inline(__always)
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) -> Bool {
        do { try heap.deallocate(pointer) } catch { return false }
        return true
    }

    @inline(__always)
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        try? heap.reallocate(pointer, newByteCount: newSize, alignment: alignment)
    }
}

/// Any ``HeapAllocator`` through its offset API (used for the first-fit baseline).
struct LibraryHeapSubject<Heap: HeapAllocator>: HeapBenchSubject {
    let heap: Heap

    @inline(__always)
    mutating func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard let offset = try? heap.allocateOffset(byteCount: size, alignment: alignment) else { return nil }
        return heap.pointer(at: offset)
    }

    @inline(__always)
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) -> Bool {
        do { try heap.deallocate(offset: heap.offset(of: pointer)) } catch { return false }
        return true
    }

    @inline(__always)
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard let offset = try? heap.reallocate(offset: heap.offset(of: pointer), newByteCount: newSize, alignment: alignment) else { return nil }
        return heap.pointer(at: offset)
    }
}

/// glibc's malloc family, used the way Rust's `System` allocator uses it: `malloc`/`realloc`
/// when the alignment is at most 16 (and at most the size), `posix_memalign` otherwise, and
/// allocate-copy-free for an over-aligned reallocation.
struct GlibcSubject: HeapBenchSubject {
    @inline(__always)
    mutating func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if alignment <= 16 && alignment <= size { return malloc(size) }
        var result: UnsafeMutableRawPointer?
        return posix_memalign(&result, max(alignment, 8), size) == 0 ? result : nil
    }

    @inline(__always)
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) -> Bool {
        free(pointer)
        return true
    }

    @inline(__always)
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if alignment <= 16 && alignment <= newSize { return realloc(pointer, newSize) }
        guard let fresh = allocate(size: newSize, alignment: alignment) else { return nil }
        fresh.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
        free(pointer)
        return fresh
    }
}
