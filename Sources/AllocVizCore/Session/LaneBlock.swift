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
public struct LaneEvent: Hashable, Sendable {
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

    /// The kind.
    public var kind: Kind
    /// Offset of the block or chunk concerned, when there is one.
    public var offset: Int?
    /// Size in bytes of the block or chunk concerned, when known.
    public var size: Int?
    /// Buddy order of the block concerned, when it is a buddy event.
    public var order: Int?
    /// The bin concerned, when it is a heap event.
    public var bin: String?
    /// The log line, e.g. `split order 5 -> 4 at 0x0`.
    public var text: String

    /// Creates an event.
    public init(_ kind: Kind, text: String, offset: Int? = nil, size: Int? = nil, order: Int? = nil, bin: String? = nil) {
        self.kind = kind
        self.offset = offset
        self.size = size
        self.order = order
        self.bin = bin
        self.text = text
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
