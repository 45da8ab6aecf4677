/// What the last step did to a highlighted node, chunk or bin. The views mark every
/// highlighted item with the highlight colour role; the kind picks a glyph or label where
/// there is room (and lets a front end animate split vs merge differently).
public enum HighlightKind: Hashable, Sendable {
    /// A block was split into two halves.
    case split
    /// Two buddies (or two free chunks) merged / coalesced.
    case merge
    /// A block or chunk was handed out.
    case allocate
    /// A block or chunk was freed.
    case free
    /// A chunk grew or shrank in place.
    case resize
    /// A chunk moved (reallocate copied it).
    case move
    /// An operation failed here (out of memory, bad free, ...).
    case failure
}
