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

/// The operations of a parsed trace, in order, with each trace id mapped to a dense slot (the
/// first id seen is slot 0, the next new one slot 1, ...).
public struct TraceOperations: Sendable, Equatable {
    /// The operations, in trace order.
    public var operations: [TraceOperation]
    /// The number of distinct ids (slots).
    public var slotCount: Int

    /// Creates an operation list.
    public init(operations: [TraceOperation], slotCount: Int) {
        self.operations = operations
        self.slotCount = slotCount
    }
}

extension Script {
    /// The trace's operations with dense slots, or nil when this script is not a trace (its
    /// statements are read as the parser wrote them: `alloc`, `free`, `realloc` of `t<ID>`).
    /// - Complexity: O(statements).
    public var traceOperations: TraceOperations? {
        guard trace != nil else { return nil }
        var slots: [String: Int] = [:]
        var operations: [TraceOperation] = []
        operations.reserveCapacity(statements.count)
        func slot(_ handle: String) -> Int {
            if let existing = slots[handle] { return existing }
            let fresh = slots.count
            slots[handle] = fresh
            return fresh
        }
        for statement in statements {
            switch statement.kind {
            case .alloc(let handle, let size, let alignment):
                operations.append(.allocate(slot: slot(handle), size: size, alignment: alignment))
            case .free(let handle, _):
                operations.append(.free(slot: slot(handle)))
            case .realloc(let handle, let size):
                operations.append(.reallocate(slot: slot(handle), size: size))
            default:
                continue
            }
        }
        return TraceOperations(operations: operations, slotCount: slots.count)
    }
}
