/// One operation of a trace, with its id numbered densely (`slot` in `0..<slotCount`), for tools
/// that replay a trace on an allocator directly, without a session.
public enum TraceOperation: Sendable, Equatable {
    /// `a`, `c` or `m`: allocate `size` bytes (a size of 0 is already 1), aligned to
    /// `alignment` when given (`m`).
    case allocate(slot: Int, size: Int, alignment: Int?)
    /// `f`: free the block of `slot`.
    case free(slot: Int)
    /// `r`: resize the block of `slot` to `size` bytes.
    case reallocate(slot: Int, size: Int)
}

/// A ``TraceOperation`` in 16 bytes: the slot, and in one word the size (bits 0 to 48: at most
/// 2^48), the alignment's exponent plus one (bits 49 to 55; 0 for none) and the kind (bits 56 up).
public struct PackedTraceOperation: Sendable, Equatable {
    @usableFromInline let slot: Int
    @usableFromInline let bits: UInt64

    @usableFromInline static let sizeMask: UInt64 = (1 << 49) - 1

    /// Packs `operation` (its size and alignment at most ``TraceParser/maximumSize``).
    public init(_ operation: TraceOperation) {
        switch operation {
        case .allocate(let slot, let size, let alignment):
            self.slot = slot
            let exponent = alignment.map { UInt64($0.trailingZeroBitCount + 1) } ?? 0
            bits = UInt64(size) | exponent << 49
        case .free(let slot):
            self.slot = slot
            bits = 1 << 56
        case .reallocate(let slot, let size):
            self.slot = slot
            bits = UInt64(size) | 2 << 56
        }
    }

    /// The operation.
    @inlinable public var operation: TraceOperation {
        let size = Int(bits & Self.sizeMask)
        switch bits >> 56 {
        case 0:
            let exponent = Int((bits >> 49) & 0x7F)
            return .allocate(slot: slot, size: size, alignment: exponent == 0 ? nil : 1 << (exponent - 1))
        case 1: return .free(slot: slot)
        default: return .reallocate(slot: slot, size: size)
        }
    }
}

/// The operations of a parsed trace, in order, 16 bytes each (``PackedTraceOperation``), with
/// each trace id mapped to a slot: an id being allocated takes the slot freed last, or the
/// next new one, so there are as many slots as ids live at once.
public struct TraceOperations: Sendable, Equatable {
    /// The packed operations, in trace order.
    public internal(set) var packed: [PackedTraceOperation]
    /// The number of slots.
    public internal(set) var slotCount: Int

    /// Creates an operation list.
    public init(operations: [TraceOperation], slotCount: Int) {
        packed = operations.map(PackedTraceOperation.init)
        self.slotCount = slotCount
    }

    /// The number of operations.
    public var count: Int { packed.count }

    /// The operations, unpacked.
    /// - Complexity: O(operations).
    public var operations: [TraceOperation] { packed.map(\.operation) }

    /// Builds the operations of a trace one by one, mapping ids to slots.
    struct Builder {
        var operations = TraceOperations(operations: [], slotCount: 0)
        /// The slot of each live id.
        var slots: [Int: Int] = [:]
        /// Slots freed and not taken again (the one freed last, last).
        var freeSlots: [Int] = []

        /// Appends `operation` (valid: its id is live for `f` and `r`, not for an allocation).
        mutating func append(_ operation: TraceParser.Operation) {
            switch operation {
            case .allocate(let id, let size, let alignment):
                let slot: Int
                if let reused = freeSlots.popLast() {
                    slot = reused
                } else {
                    slot = operations.slotCount
                    operations.slotCount += 1
                }
                slots[id] = slot
                operations.packed.append(PackedTraceOperation(.allocate(slot: slot, size: size, alignment: alignment)))
            case .free(let id):
                guard let slot = slots.removeValue(forKey: id) else { return }
                freeSlots.append(slot)
                operations.packed.append(PackedTraceOperation(.free(slot: slot)))
            case .reallocate(let id, let size):
                guard let slot = slots[id] else { return }
                operations.packed.append(PackedTraceOperation(.reallocate(slot: slot, size: size)))
            }
        }
    }
}

extension Script {
    /// The trace's operations (``TraceOperations``), or nil when this script is not a trace (its
    /// statements are read as the parser wrote them: `alloc`, `free`, `realloc` of `t<ID>`).
    /// - Complexity: O(statements).
    public var traceOperations: TraceOperations? {
        guard trace != nil else { return nil }
        var builder = TraceOperations.Builder()
        builder.operations.packed.reserveCapacity(statements.count)
        func id(_ handle: String) -> Int? { Int(handle.dropFirst()) }
        for statement in statements {
            switch statement.kind {
            case .alloc(let handle, let size, let alignment):
                if let id = id(handle) { builder.append(.allocate(id: id, size: size, alignment: alignment)) }
            case .free(let handle, _):
                if let id = id(handle) { builder.append(.free(id: id)) }
            case .realloc(let handle, let size):
                if let id = id(handle) { builder.append(.reallocate(id: id, size: size)) }
            default:
                continue
            }
        }
        return builder.operations
    }
}
