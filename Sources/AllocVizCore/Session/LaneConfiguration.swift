/// What kind of allocator a lane runs.
public enum LaneKind: String, Sendable, Hashable, CaseIterable {
    /// A buddy allocator.
    case buddy
    /// A free-list heap.
    case heap
}

/// How to build one lane of a session: its kind, name, sizes and implementation.
public struct LaneConfiguration: Sendable, Hashable {
    /// Buddy or heap.
    public var kind: LaneKind
    /// The lane's name, used by scripts (`extfrag(b1)`) and shown on screen.
    public var name: String
    /// Total bytes the allocator manages.
    public var size: Int
    /// The buddy's minimum block size in bytes (ignored for heaps).
    public var minimumBlock: Int
    /// The implementation name (see ``LaneFactory/implementations(of:)``); `nil` picks the default.
    public var implementation: String?

    /// Creates a configuration.
    public init(kind: LaneKind, name: String, size: Int, minimumBlock: Int = 4096, implementation: String? = nil) {
        self.kind = kind
        self.name = name
        self.size = size
        self.minimumBlock = minimumBlock
        self.implementation = implementation
    }

    /// The default buddy lane: 1 MiB of 4 KiB blocks, named `buddy`.
    public static let defaultBuddy = LaneConfiguration(kind: .buddy, name: "buddy", size: 1 << 20, minimumBlock: 4096)
    /// The default heap lane: 64 KiB, named `heap`.
    public static let defaultHeap = LaneConfiguration(kind: .heap, name: "heap", size: 64 << 10)
    /// The default session: a 1 MiB buddy with 4 KiB blocks beside a 64 KiB heap.
    public static let defaults: [LaneConfiguration] = [defaultBuddy, defaultHeap]
}
