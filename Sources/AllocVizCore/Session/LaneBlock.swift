import Allocators

/// A block a lane handed out for a handle.
public struct LaneBlock: Hashable, Sendable {
    /// Offset from the start of the lane's region (for a heap: the payload's offset).
    public var offset: Int
    /// Bytes the caller asked for.
    public var requested: Int
    /// Bytes the allocator set aside (a buddy's block size; a heap chunk's size, header included).
    public var granted: Int
    /// The alignment asked for, if any.
    public var alignment: Int?

    /// Creates a block description.
    public init(offset: Int, requested: Int, granted: Int, alignment: Int? = nil) {
        self.offset = offset
        self.requested = requested
        self.granted = granted
        self.alignment = alignment
    }
}

/// One thing that happened inside a lane during a step, for the log, the JSON output and the
/// animation highlights.
///
/// Compact: an allocator's own event is kept as it came (a few words) and its fields and log
/// line are derived on demand, so a session of 100,000 steps keeps its history cheaply.
public struct LaneEvent: Equatable, Sendable {
    /// What kind of thing happened.
    public enum Kind: String, Hashable, Sendable {
        /// A free block or chunk was taken to serve a request.
        case claim
        /// A block was split (buddy) or a chunk split with a remainder (heap).
        case split
        /// A block or chunk was handed out.
        case allocate
        /// A block or chunk was given back.
        case release
        /// Buddies merged or free chunks coalesced.
        case merge
        /// A block or chunk is free (end of a deallocation), or was put into a bin.
        case free
        /// A reallocation resized a block in place.
        case resize
        /// A reallocation moved a block.
        case move
        /// The allocator could not serve a request (out of memory, too large).
        case failure
        /// The allocator reported misuse (double free, bad offset): nothing changed.
        case error
        /// Informational (e.g. freeing a handle that holds no block in this lane).
        case info
    }

    /// An event the session itself describes.
    struct Custom: Equatable, Sendable {
        var kind: Kind
        var text: String
        var offset: Int?
        var size: Int?
        var order: Int?
    }

    /// Where the event came from.
    enum Source: Equatable, Sendable {
        case buddy(BuddyEvent)
        case heap(HeapEvent)
        indirect case custom(Custom)
    }

    let source: Source

    /// Creates an event the session describes itself.
    public init(_ kind: Kind, text: String, offset: Int? = nil, size: Int? = nil, order: Int? = nil) {
        source = .custom(Custom(kind: kind, text: text, offset: offset, size: size, order: order))
    }

    /// Wraps a buddy allocator's event.
    public init(buddy event: BuddyEvent) { source = .buddy(event) }

    /// Wraps a heap's event.
    public init(heap event: HeapEvent) { source = .heap(event) }

    /// The kind.
    public var kind: Kind {
        switch source {
        case .buddy(let event): return Self.fields(event).kind
        case .heap(let event): return Self.fields(event).kind
        case .custom(let custom): return custom.kind
        }
    }

    /// Offset of the block or chunk concerned (a heap's chunk offset), when there is one.
    public var offset: Int? {
        switch source {
        case .buddy(let event): return Self.fields(event).offset
        case .heap(let event): return Self.fields(event).offset
        case .custom(let custom): return custom.offset
        }
    }

    /// Size in bytes of the block or chunk concerned, when known.
    public var size: Int? {
        switch source {
        case .buddy: return nil
        case .heap(let event): return Self.fields(event).size
        case .custom(let custom): return custom.size
        }
    }

    /// Buddy order of the block concerned, when it is a buddy event.
    public var order: Int? {
        switch source {
        case .buddy(let event): return Self.fields(event).order
        case .heap: return nil
        case .custom(let custom): return custom.order
        }
    }

    /// Where a heap event took a chunk from or put it.
    public enum Bin: Hashable, Sendable, CustomStringConvertible {
        /// One of the heap's bins.
        case heap(HeapBin)
        /// The heap's front cache.
        case frontCache

        /// `small 40B/3`, `L11.4`, `holes` or `cache`.
        public var description: String {
            switch self {
            case .heap(let bin): bin.description
            case .frontCache: "cache"
            }
        }

        /// The bin as the heap's bin summaries name it (a smallbin without its sub-bin), or
        /// nil for the front cache.
        public var summaryBin: HeapBin? {
            switch self {
            case .heap(.small(let size, _)): .small(chunkSize: size, subBin: 0)
            case .heap(let bin): bin
            case .frontCache: nil
            }
        }
    }

    /// The bin concerned, when it is a heap event.
    public var bin: Bin? {
        switch source {
        case .heap(let event): return Self.fields(event).bin
        case .buddy, .custom: return nil
        }
    }

    /// The log line, e.g. `split order 5 -> 4 at 0x0`.
    public var text: String {
        switch source {
        case .buddy(let event): return event.description
        case .heap(let event): return Self.text(event)
        case .custom(let custom): return custom.text
        }
    }
}

/// Why a lane refused an operation; the lane is unchanged.
public struct LaneFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// `true` for misuse the allocator detected (double free, bad offset); `false` when it
    /// simply had no room.
    public var isMisuse: Bool
    /// The allocator's explanation.
    public var description: String

    /// Creates a failure.
    public init(_ description: String, isMisuse: Bool = false) {
        self.description = description
        self.isMisuse = isMisuse
    }
}

/// The result of a lane reallocation.
public struct LaneReallocation: Hashable, Sendable {
    /// The block after the call.
    public var block: LaneBlock
    /// `true` when the data had to move to a new place.
    public var moved: Bool

    /// Creates a result.
    public init(block: LaneBlock, moved: Bool) {
        self.block = block
        self.moved = moved
    }
}
