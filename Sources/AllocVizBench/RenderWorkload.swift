import AllocVizCore

/// Large, deterministic view models for measuring how fast frames paint: a 1 GiB buddy of
/// 4 KiB blocks with 100,000 live blocks and a 256 MiB heap with 100,000 chunks, whose
/// 200x60 frame must paint well within a 60 Hz frame (16 ms) in release. `allocviz bench
/// render` times them with ``fastestPaint(of:size:repetitions:)``; tests use the models to
/// check that the number of source queries follows the screen, not the number of blocks.
public enum RenderWorkload {
    /// A 1 GiB buddy tree of 4 KiB blocks (orders 0...18) with `liveBlocks` allocated blocks,
    /// mostly of orders 0-2, scattered with free gaps over the whole region.
    public static func largeBuddy(liveBlocks: Int = 100_000, seed: UInt64 = 1) -> ArrayBuddyTreeSource {
        let minBlock = 4096, maxOrder = 18
        let region = minBlock << maxOrder
        var rng = SplitMix64Generator(seed: seed)
        var blocks: [ArrayBuddyTreeSource.Block] = []
        blocks.reserveCapacity(liveBlocks)
        var offset = 0
        // Leaves per block ~1.5 plus gaps ~1: 100,000 blocks cover most of the 262,144 leaves.
        while blocks.count < liveBlocks {
            let roll = rng.below(10)
            let order = roll < 7 ? 0 : (roll < 9 ? 1 : 2)
            let size = minBlock << order
            offset = (offset + size - 1) / size * size
            guard offset + size <= region else { break }
            let requested = size - rng.below(size / 2)
            blocks.append(.init(offset: offset, order: order, requested: requested))
            offset += size
            if rng.below(3) == 0 { offset += minBlock << rng.below(2) }
        }
        return ArrayBuddyTreeSource(minBlockSize: minBlock, maxOrder: maxOrder, blocks: blocks)
    }

    /// A 256 MiB heap of `chunks` chunks (live and free mixed, 8-byte headers), the rest a
    /// free top chunk.
    public static func largeHeap(chunks count: Int = 100_000, seed: UInt64 = 2) -> ArrayHeapMapSource {
        let capacity = 256 << 20
        var rng = SplitMix64Generator(seed: seed)
        var chunks: [HeapChunkInfo] = []
        chunks.reserveCapacity(count)
        var offset = 0
        var previousFree = false
        while chunks.count < count - 1 {
            let size = 32 + 8 * rng.below(600)
            let free = !previousFree && rng.below(3) == 0
            if free {
                chunks.append(HeapChunkInfo(offset: offset, size: size, state: .free, bin: "fill"))
            } else {
                let requested = size - 8 - rng.below(8)
                chunks.append(HeapChunkInfo(offset: offset, size: size, state: .used, overhead: 8, requested: requested))
            }
            previousFree = free
            offset += size
        }
        chunks.append(HeapChunkInfo(offset: offset, size: capacity - offset, state: .free, bin: "top"))
        return ArrayHeapMapSource(capacity: capacity, chunks: chunks)
    }

    /// A frame model holding both large lanes.
    public static func largeFrame(buddy: ArrayBuddyTreeSource, heap: ArrayHeapMapSource) -> FrameViewModel {
        let stats = LaneStatsViewModel(
            capacity: 0, used: 0, requested: 0, free: 0, largestFree: 0, externalFragmentation: 0,
            internalFragmentation: 0, externalFragmentationHistory: (0 ..< 300).map { Double($0 % 50) / 50 })
        let bins = (0 ..< 40).map { HeapBinViewModel(label: "\(24 + 8 * $0)", count: $0, bytes: $0 * 64, subBinCounts: [1, 0, 2, 0, 0, 0, 0, 1]) }
        let entries = (1 ... 500).map { LogEntryViewModel(step: $0, operation: "alloc X\($0) 100", events: ["buddy: took o0", "heap: from bin 104"]) }
        return FrameViewModel(
            title: "render benchmark",
            lanes: [
                LaneViewModel(name: "buddy", content: .buddy(BuddyViewModel(source: buddy, selection: BuddyNodeID(order: 0, index: 17))), stats: stats),
                LaneViewModel(name: "heap", content: .heap(HeapViewModel(source: heap, bins: bins, selection: 4096)), stats: stats),
            ],
            log: LogViewModel(entries: entries), status: StatusViewModel(mode: .paused, step: 500, stepCount: 1000))
    }

    /// Paints `model` `repetitions` times at `size` and returns the fastest paint.
    /// Building the model is not timed.
    public static func fastestPaint(of model: FrameViewModel, size: GridSize, repetitions: Int = 20) -> Duration {
        fastest(repetitions: repetitions) { FrameView.paint(model, size: size) }
    }

    /// The fastest of `repetitions` runs of `paint` (which may build its model each time).
    public static func fastest(repetitions: Int = 20, _ paint: () -> CellGrid) -> Duration {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        var checksum: UInt32 = 0
        for _ in 0 ..< max(1, repetitions) {
            var grid: CellGrid?
            let elapsed = clock.measure { grid = paint() }
            checksum &+= grid![grid!.size.width / 2, grid!.size.height / 2].character.value
            best = min(best, elapsed)
        }
        precondition(checksum != 0, "the frame was empty")
        return best
    }
}
