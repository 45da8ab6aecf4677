@testable import Allocators

/// A free block as an equatable value.
struct FreeBlock: Hashable, Comparable, CustomStringConvertible {
    var offset: Int
    var order: Int
    static func < (a: Self, b: Self) -> Bool { (a.offset, a.order) < (b.offset, b.order) }
    var description: String { "free order \(order) at 0x\(String(offset, radix: 16))" }
}

/// Everything observable about a buddy allocator's state, for before/after comparisons.
struct BuddySnapshot: Equatable {
    var counts: [Int]
    var free: [FreeBlock]
    var live: [BuddyBlock]
    var requested: Int
    var granted: Int
}

extension BuddyAllocator {
    var snapshot: BuddySnapshot {
        BuddySnapshot(counts: freeBlockCounts, free: freeBlocks.map { FreeBlock(offset: $0.offset, order: $0.order) },
                      live: liveBlocks, requested: requestedBytes, granted: grantedBytes)
    }

    /// The free blocks, as equatable values.
    var freeBlockList: [FreeBlock] { freeBlocks.map { FreeBlock(offset: $0.offset, order: $0.order) } }
}

/// Configurations used across the suites.
enum TestConfigurations {
    /// 64 KiB of 4 KiB blocks: orders 0...4, small enough to write down.
    static let small = try! BuddyConfiguration(minimumBlockSize: 4096, totalSize: 64 << 10)
    /// The default 1 MiB of 4 KiB blocks: orders 0...8.
    static let standard = BuddyConfiguration.default
    /// 16 B blocks in 1 KiB: orders 0...6.
    static let tiny = try! BuddyConfiguration(minimumBlockSize: 16, maxOrder: 6)
}

/// Rebuilds the free set from an event stream, as an animation would.
struct EventReplay {
    var free: Set<FreeBlock>
    let configuration: BuddyConfiguration

    init(configuration: BuddyConfiguration, free: [FreeBlock]) {
        self.configuration = configuration
        self.free = Set(free)
    }

    /// Applies events; returns a description of the first inconsistency, if any.
    mutating func apply(_ events: [BuddyEvent]) -> String? {
        for event in events {
            switch event {
            case .claimed(let offset, let order):
                guard free.remove(FreeBlock(offset: offset, order: order)) != nil else { return "claimed a block that was not free: \(event)" }
            case .split(let offset, let order):
                let upper = FreeBlock(offset: offset + configuration.blockSize(order: order - 1), order: order - 1)
                guard free.insert(upper).inserted else { return "split freed an already free half: \(event)" }
            case .allocated, .released:
                break
            case .merged(let offset, let buddy, let order):
                guard offset == min(offset, buddy), offset & (configuration.blockSize(order: order) - 1) == 0 else {
                    return "merge result misplaced: \(event)"
                }
                guard free.remove(FreeBlock(offset: buddy, order: order - 1)) != nil else { return "merged with a buddy that was not free: \(event)" }
            case .becameFree(let offset, let order):
                guard free.insert(FreeBlock(offset: offset, order: order)).inserted else { return "freed a block twice: \(event)" }
            }
        }
        return nil
    }
}
