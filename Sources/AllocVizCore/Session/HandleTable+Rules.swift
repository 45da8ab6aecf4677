/// A command that does not fit the current state of its handle. The rules are the same for a
/// live session, a prompt and a script (which checks them before anything runs).
public enum HandleRuleViolation: Hashable, Sendable {
    /// The name is not a handle name.
    case invalidName(String)
    /// `alloc` of a live handle.
    case alreadyLive(String)
    /// `free`, `realloc` (or a metric) of a name never allocated.
    case unknown(String, suggestion: String?)
    /// `free` of a freed named handle without `again`.
    case alreadyFreed(String)
    /// `free` of a freed automatic handle (automatic handles forget their blocks once freed).
    case automaticFreedTwice(String, again: Bool)
    /// `free ... again` of a live handle.
    case againButLive(String)
    /// `realloc` of a freed handle.
    case reallocOfFreed(String)

    /// The handle concerned.
    public var handle: String {
        switch self {
        case .invalidName(let h), .alreadyLive(let h), .unknown(let h, _), .alreadyFreed(let h),
             .automaticFreedTwice(let h, _), .againButLive(let h), .reallocOfFreed(let h): h
        }
    }

    /// Where the refused command was written, which decides how a hint spells what to write.
    public enum Wording: Hashable, Sendable {
        /// A whole command, as in a script: `write 'free C again'`.
        case script
        /// The interactive free prompt, where only what follows `free` is typed: `type 'C again'`.
        case freePrompt
    }

    /// The explanation; `allocated` and `freed` say where the handle was last allocated or
    /// freed (`on line 5`), when known; `wording` says where the command was written.
    public func message(allocated: String? = nil, freed: String? = nil, wording: Wording = .script) -> String {
        let whenAllocated = allocated.map { " (allocated \($0))" } ?? ""
        let whenFreed = freed.map { " \($0)" } ?? ""
        // The advice to write `free` followed by `words` instead.
        func writeFree(_ words: String) -> String {
            wording == .freePrompt ? "type '\(words)'" : "write 'free \(words)'"
        }
        switch self {
        case .invalidName(let h):
            return "'\(h)' is not a handle name (\(HandleName.rule))"
        case .alreadyLive(let h):
            return "handle \(h) is already allocated\(whenAllocated); free it first or choose another name"
        case .unknown(let h, let suggestion):
            return "unknown handle '\(h)': nothing named \(h) has been allocated yet" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .alreadyFreed(let h):
            return "\(h) was already freed\(whenFreed); to free it again on purpose (a double free the allocators report), \(writeFree("\(h) again"))"
        case .automaticFreedTwice(let h, false):
            return "\(h) was already freed\(whenFreed); an automatic handle cannot be freed twice"
        case .automaticFreedTwice(let h, true):
            return "a deliberate double free needs a named handle: automatic handles like \(h) forget their blocks once freed"
        case .againButLive(let h):
            let typed = wording == .freePrompt ? "\(h) again" : "free \(h) again"
            return "'\(typed)' is for a handle that was already freed, but \(h) is live\(whenAllocated); \(writeFree(h))"
        case .reallocOfFreed(let h):
            return "\(h) was freed\(whenFreed); realloc needs a live handle (write 'alloc \(h) SIZE' to allocate it again)"
        }
    }
}

extension HandleTable {
    /// Why `command` does not fit the handles' current states, or nil when it does.
    /// - Complexity: O(1) (plus a name suggestion among the known names for an unknown handle).
    public func violation(of command: SessionCommand) -> HandleRuleViolation? {
        switch command {
        case .allocate(let handle, _, _):
            guard HandleName.isValid(handle) else { return .invalidName(handle) }
            return status(of: handle) == .live ? .alreadyLive(handle) : nil
        case .free(let handle, let again):
            switch (status(of: handle), again) {
            case (.unknown, _): return unknown(handle)
            case (.freed, _) where HandleName.automaticNumber(handle) != nil: return .automaticFreedTwice(handle, again: again)
            case (.freed, false): return .alreadyFreed(handle)
            case (.live, true): return .againButLive(handle)
            case (.live, false), (.freed, true): return nil
            }
        case .reallocate(let handle, _):
            switch status(of: handle) {
            case .unknown: return unknown(handle)
            case .freed: return .reallocOfFreed(handle)
            case .live: return nil
            }
        case .note, .pause:
            return nil
        }
    }

    /// The violation for a name never allocated, with the closest known name as a suggestion.
    public func unknown(_ handle: String) -> HandleRuleViolation {
        .unknown(handle, suggestion: NameSuggestion.closest(handle, among: knownNames))
    }

    /// Applies a legal command's effect on handle liveness.
    mutating func apply(_ command: SessionCommand) {
        switch command {
        case .allocate(let handle, _, _): allocate(handle)
        case .free(let handle, _): free(handle)
        case .reallocate, .note, .pause: break
        }
    }
}
