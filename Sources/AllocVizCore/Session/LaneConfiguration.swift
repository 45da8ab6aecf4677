import Allocators

/// What kind of allocator a lane runs.
public enum LaneKind: String, Sendable, Hashable, CaseIterable {
    /// A buddy allocator.
    case buddy
    /// A free-list heap.
    case heap
}

/// How to build one lane of a session: its name and its allocator (kind, shape and
/// implementation). A configuration that exists can be built: the factory functions check it.
public struct LaneConfiguration: Sendable, Hashable {
    /// The allocator a lane runs.
    public enum Allocator: Sendable, Hashable {
        /// A buddy allocator of this shape and implementation.
        case buddy(BuddyConfiguration, BuddyImplementation)
        /// A heap of `capacity` bytes of this implementation.
        case heap(capacity: Int, HeapImplementation)
    }

    /// The lane's name, used by scripts (`extfrag(b1)`) and shown on screen.
    public var name: String
    /// The allocator.
    public let allocator: Allocator

    private init(name: String, allocator: Allocator) {
        self.name = name
        self.allocator = allocator
    }

    /// A buddy lane of `size` bytes in blocks of at least `minimumBlock` bytes.
    /// - Throws: ``LaneConfigurationError`` when the shape is not a buddy region (sizes not
    ///   powers of two, total below the minimum block) or has more than
    ///   ``maximumBuddyBlocks`` minimum blocks.
    public static func buddy(name: String = "buddy", size: Int, minimumBlock: Int = 4096,
                             implementation: BuddyImplementation = .bitmap) throws(LaneConfigurationError) -> LaneConfiguration {
        let shape: BuddyConfiguration
        do {
            shape = try BuddyConfiguration(minimumBlockSize: minimumBlock, totalSize: size)
        } catch {
            throw LaneConfigurationError(error.description, concernsMinimumBlock: error.concernsMinimumBlock)
        }
        guard shape.minimumBlockCount <= maximumBuddyBlocks else {
            throw LaneConfigurationError(
                "\(SizeLiteral.format(size)) with min=\(SizeLiteral.format(minimumBlock)) is \(shape.minimumBlockCount) minimum blocks; the limit is \(maximumBuddyBlocks) (raise min=)",
                concernsMinimumBlock: true)
        }
        return LaneConfiguration(name: name, allocator: .buddy(shape, implementation))
    }

    /// A heap lane of `capacity` bytes.
    /// - Throws: ``LaneConfigurationError`` when the capacity is below 256 bytes, above
    ///   ``maximumHeapSize`` or not a multiple of 8.
    public static func heap(name: String = "heap", capacity: Int,
                            implementation: HeapImplementation = .segregatedFit) throws(LaneConfigurationError) -> LaneConfiguration {
        guard capacity >= 256 else { throw LaneConfigurationError("a heap needs at least 256 bytes, found \(capacity)") }
        guard capacity <= maximumHeapSize else {
            throw LaneConfigurationError("a heap lane may have at most \(SizeLiteral.format(maximumHeapSize)), found \(SizeLiteral.format(capacity))")
        }
        guard capacity % 8 == 0 else { throw LaneConfigurationError("a heap's size must be a multiple of 8 bytes, found \(capacity)") }
        return LaneConfiguration(name: name, allocator: .heap(capacity: capacity, implementation))
    }

    /// The largest heap a lane may have (the region is really allocated, and copied for the
    /// history's snapshots).
    public static let maximumHeapSize = 256 << 20
    /// The most minimum-size blocks a buddy lane may have.
    public static let maximumBuddyBlocks = 1 << 22

    /// Buddy or heap.
    public var kind: LaneKind {
        switch allocator {
        case .buddy: .buddy
        case .heap: .heap
        }
    }

    /// Bytes the allocator manages.
    public var capacity: Int {
        switch allocator {
        case .buddy(let shape, _): shape.totalSize
        case .heap(let capacity, _): capacity
        }
    }

    /// The buddy's shape, for a buddy lane.
    public var buddyShape: BuddyConfiguration? {
        if case .buddy(let shape, _) = allocator { return shape }
        return nil
    }

    /// The implementation's name (`bitmap`, `segregated`, ...).
    public var implementationName: String {
        switch allocator {
        case .buddy(_, let implementation): implementation.name
        case .heap(_, let implementation): implementation.name
        }
    }

    /// The implementation names a lane of `kind` may name with `impl=` (the first is the default).
    public static func implementationNames(of kind: LaneKind) -> [String] {
        switch kind {
        case .buddy: BuddyImplementation.allCases.map(\.name)
        case .heap: HeapImplementation.allCases.map(\.name)
        }
    }

    /// The default buddy lane: 1 MiB of 4 KiB blocks, named `buddy`.
    public static let defaultBuddy = try! buddy(size: 1 << 20)
    /// The default heap lane: 64 KiB, named `heap`.
    public static let defaultHeap = try! heap(capacity: 64 << 10)
    /// The default session: a 1 MiB buddy with 4 KiB blocks beside a 64 KiB heap.
    public static let defaults: [LaneConfiguration] = [defaultBuddy, defaultHeap]
}

/// Why a lane configuration cannot be built.
public struct LaneConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The explanation.
    public var description: String
    /// Whether the minimum block size (rather than the total size) is at fault.
    public var concernsMinimumBlock: Bool

    /// Creates an error.
    public init(_ description: String, concernsMinimumBlock: Bool = false) {
        self.description = description
        self.concernsMinimumBlock = concernsMinimumBlock
    }
}

extension BuddyConfigurationError {
    /// Whether the minimum block size is the value at fault.
    var concernsMinimumBlock: Bool {
        switch self {
        case .minimumBlockSizeNotPositive, .minimumBlockSizeNotPowerOfTwo, .totalSizeSmallerThanMinimumBlock: true
        default: false
        }
    }
}
