/// The bin a free chunk lives in.
public enum HeapBin: Hashable, Sendable, CustomStringConvertible {
    /// An exact-size smallbin: every chunk in it is `chunkSize` bytes (header included, so the
    /// usable content is `chunkSize - 8`). `subBin` is the alignment class of the content
    /// address: sub-bin `j` holds contents aligned to exactly `8 << j` (the last, 7, to 1024 or more).
    case small(chunkSize: Int, subBin: Int)
    /// A two-level segregated-fit (TLSF) class: first level `firstLevel` holds chunk sizes in
    /// `[2^firstLevel, 2^(firstLevel+1))`, split linearly into 32 second-level classes.
    case large(firstLevel: Int, secondLevel: Int)
    /// The single address-ordered hole list of the first-fit baseline.
    case holeList
    /// The single LIFO-ordered hole list of a ``FirstFitHeap`` whose policy orders it so.
    case lifoHoleList

    /// A short label such as `small 40B/3`, `L11.4`, `holes` or `holes LIFO`.
    public var description: String {
        switch self {
        case .small(let size, let sub): "small \(size)B/\(sub)"
        case .large(let fl, let sl): "L\(fl).\(sl)"
        case .holeList: "holes"
        case .lifoHoleList: "holes LIFO"
        }
    }
}

/// What happened inside a heap operation. Offsets are chunk offsets (the header's position,
/// counted from the region start); sizes are chunk sizes including the 8-byte header.
public enum HeapEvent: Equatable, Sendable {
    /// A free chunk was taken out of `bin` to serve an allocation.
    case takenFromBin(chunk: Int, size: Int, bin: HeapBin)
    /// A chunk was split: `keptSize` bytes at `chunk` stay with the operation, and the free
    /// remainder at `remainder` (`remainderSize` bytes, before or after the kept part) went to
    /// `remainderBin`.
    case split(chunk: Int, keptSize: Int, remainder: Int, remainderSize: Int, remainderBin: HeapBin)
    /// The front of a chunk was cut off to align the content; the padding chunk went to `bin`.
    case alignmentPadding(chunk: Int, size: Int, bin: HeapBin)
    /// The freed chunk merged with the free chunk before it; the result starts at `chunk`.
    case coalescedWithPrevious(chunk: Int, size: Int)
    /// The freed chunk merged with the free chunk after it; the result starts at `chunk`.
    case coalescedWithNext(chunk: Int, size: Int)
    /// A free chunk (after any coalescing) was put into `bin`.
    case insertedIntoBin(chunk: Int, size: Int, bin: HeapBin)
    /// A freed chunk was parked, uncoalesced, in the front cache of its size.
    case putInFrontCache(chunk: Int, size: Int)
    /// A request was served from the front cache by a chunk of its size (or, for an over-aligned
    /// request, up to 24 bytes larger: too little to split off).
    case takenFromFrontCache(chunk: Int, size: Int)
    /// A live chunk was handed out: `size` chunk bytes for `requested` bytes.
    case allocated(chunk: Int, size: Int, requested: Int)
    /// A live chunk of `size` bytes was freed.
    case freed(chunk: Int, size: Int)
    /// A reallocation grew the chunk without moving it.
    case grownInPlace(chunk: Int, from: Int, to: Int)
    /// A reallocation shrank the chunk without moving it.
    case shrunkInPlace(chunk: Int, from: Int, to: Int)
    /// A reallocation moved the content: `bytes` bytes copied from chunk `from` to chunk `to`.
    case movedByCopy(from: Int, to: Int, bytes: Int)
}

/// Receives heap events (the same shape as ``BuddyEventObserver``). Operations take the
/// observer as a generic `inout` parameter and report through ``emit(_:)``, so an
/// ``IgnoreEvents`` observer specialises away entirely. `wantsEvents` (default `true`) comes
/// from ``EventObserver``, shared with ``BuddyEventObserver``: one type can conform to both.
public protocol HeapEventObserver: EventObserver {
    /// Called for every event, in the order things happen.
    mutating func observe(_ event: HeapEvent)
}

extension HeapEventObserver {
    /// Builds and delivers an event only when the observer wants events.
    @inlinable @inline(__always)
    public mutating func emit(_ event: @autoclosure () -> HeapEvent) {
        if Self.wantsEvents { observe(event()) }
    }
}

extension IgnoreEvents: HeapEventObserver {

    /// Does nothing.
    @inlinable @inline(__always)
    public mutating func observe(_ event: HeapEvent) {}
}

extension CollectEvents: HeapEventObserver where Event == HeapEvent {
    /// Appends the event.
    @inlinable
    public mutating func observe(_ event: HeapEvent) { events.append(event) }
}
