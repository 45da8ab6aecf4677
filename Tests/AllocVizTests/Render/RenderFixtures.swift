@testable import AllocVizCore

/// Small, written-down states for the golden frames.
enum RenderFixtures {
    /// A 1 MiB buddy of 4 KiB blocks (orders 0...8) with five live blocks.
    static let buddySource = ArrayBuddyTreeSource(
        minBlockSize: 4096, maxOrder: 8,
        blocks: [
            .init(offset: 0x0, order: 0, requested: 3000, label: "A"),
            .init(offset: 0x1000, order: 0, requested: 4096, label: "D"),
            .init(offset: 0x4000, order: 2, requested: 12288, label: "B"),
            .init(offset: 0x20000, order: 5, requested: 100_000, label: "C"),
            .init(offset: 0x80000, order: 7, requested: 300_000, label: "E"),
        ])

    /// A 64 KiB heap: a few labelled live chunks, free chunks in bins, a free tail.
    static let heapChunks: [HeapChunkInfo] = [
        HeapChunkInfo(offset: 0, size: 4104, state: .used, overhead: 8, requested: 4096, label: "A"),
        HeapChunkInfo(offset: 4104, size: 48, state: .free, bin: "40/0"),
        HeapChunkInfo(offset: 4152, size: 12304, state: .used, overhead: 8, requested: 12288, label: "B"),
        HeapChunkInfo(offset: 16456, size: 184, state: .free, bin: "176/0"),
        HeapChunkInfo(offset: 16640, size: 3008, state: .used, overhead: 8, requested: 3000, label: "C"),
        HeapChunkInfo(offset: 19648, size: 8192, state: .free, bin: "L7:0"),
        HeapChunkInfo(offset: 27840, size: 136, state: .used, overhead: 8, requested: 100, label: "D"),
        HeapChunkInfo(offset: 27976, size: 65536 - 27976, state: .free, bin: "top"),
    ]
    static let heapSource = ArrayHeapMapSource(capacity: 65536, chunks: heapChunks)

    static let heapBins: [HeapBinViewModel] = {
        var bins: [HeapBinViewModel] = []
        for size in stride(from: 24, through: 176, by: 8) {
            var sub = [Int](repeating: 0, count: 8)
            if size == 40 { sub[0] = 1 }
            if size == 176 { sub[0] = 1 }
            let count = sub.reduce(0, +)
            bins.append(HeapBinViewModel(label: "\(size)", count: count, bytes: count * (size + 8), subBinCounts: sub, touched: size == 40))
        }
        bins.append(HeapBinViewModel(label: "L7:0", count: 1, bytes: 8192))
        bins.append(HeapBinViewModel(label: "top", count: 1, bytes: 65536 - 27976))
        return bins
    }()

    static let buddyStats = LaneStatsViewModel(
        capacity: 1 << 20, used: 4096 + 4096 + 16384 + 131072 + 524288, requested: 3000 + 4096 + 12288 + 100_000 + 300_000,
        free: (1 << 20) - (4096 + 4096 + 16384 + 131072 + 524288), largestFree: 262144, liveBlocks: 5, freeBlocks: 5,
        externalFragmentation: 1 - 262144.0 / 368640.0, internalFragmentation: 260648,
        externalFragmentationHistory: [0, 0, 0.1, 0.2, 0.25, 0.3, 0.28, 0.29],
        buddyInfo: buddySource.freeBlockCounts())

    static let heapStats = LaneStatsViewModel(
        capacity: 65536, used: 4104 + 12304 + 3008 + 136, requested: 4096 + 12288 + 3000 + 100,
        free: 48 + 184 + 8192 + (65536 - 27976), largestFree: 65536 - 27976, liveBlocks: 4, freeBlocks: 4,
        externalFragmentation: 1 - Double(65536 - 27976) / Double(48 + 184 + 8192 + (65536 - 27976)),
        internalFragmentation: 68, externalFragmentationHistory: [0, 0.05, 0.1, 0.18, 0.19],
        failedRequests: 1)

    static var buddyLane: LaneViewModel {
        LaneViewModel(
            name: "buddy", implementation: "tree",
            content: .buddy(BuddyViewModel(source: buddySource, highlights: [BuddyHighlight(node: BuddyNodeID(order: 2, index: 1), kind: .allocate)])),
            stats: buddyStats)
    }

    static var heapLane: LaneViewModel {
        LaneViewModel(
            name: "heap", implementation: "galloc",
            content: .heap(HeapViewModel(source: heapSource, bins: heapBins, highlights: [HeapHighlight(range: 4104 ..< 4152, kind: .free)])),
            stats: heapStats)
    }

    static var log: LogViewModel {
        LogViewModel(entries: [
            LogEntryViewModel(step: 1, operation: "alloc A 3000", events: ["buddy: split o8 -> o0 at 0x0", "heap: took 4104B from top"]),
            LogEntryViewModel(step: 2, operation: "alloc D 4KiB", events: ["buddy: took o0 at 0x1000"]),
            LogEntryViewModel(step: 3, operation: "alloc B 12KiB", events: ["buddy: took o2 at 0x4000"]),
            LogEntryViewModel(step: 4, operation: "alloc X 1MiB", events: ["buddy: out of memory", "heap: out of memory"], failed: true),
            LogEntryViewModel(step: 5, operation: "free T", events: ["heap: chunk to smallbin 40 sub-bin 0"]),
        ])
    }

    static var frame: FrameViewModel {
        FrameViewModel(
            title: "Buddy splits and merges", lanes: [buddyLane, heapLane], log: log,
            status: StatusViewModel(mode: .playing(speed: 2), step: 5, stepCount: 12))
    }
}
