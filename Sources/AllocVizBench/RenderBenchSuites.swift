import Allocators
import AllocVizCore

/// The frame-painting suite: cost must follow the screen, not the allocator.
enum RenderBenchSuites {
    static var all: [BenchSuite] { [render] }

    /// `render`: paint frames of a 1 GiB buddy (4 KiB blocks, 100,000 live blocks) and a 256 MiB
    /// heap (100,000 chunks), from array sources and from the real allocators.
    static let render = BenchSuite(
        name: "render",
        summary: "paint frames of a 1 GiB buddy with 100,000 blocks and a 256 MiB heap with 100,000 chunks; ms/frame",
        run: { options, progress in
            let count = max(1_000, Int(100_000 * options.scale))
            var rows: [BenchResult] = []
            func add(_ subject: String, _ milliseconds: Double, unit: String = "ms/frame") {
                rows.append(BenchResult(suite: "render", subject: subject, value: milliseconds, unit: unit))
            }
            progress("array sources: \(count) buddy blocks, \(count) heap chunks")
            let arrayModel = RenderWorkload.largeFrame(buddy: RenderWorkload.largeBuddy(liveBlocks: count),
                                                       heap: RenderWorkload.largeHeap(chunks: count))
            for size in [GridSize(width: 80, height: 24), GridSize(width: 200, height: 60), GridSize(width: 300, height: 100)] {
                add("paint \(size.width)x\(size.height), array sources", bestPaint(arrayModel, size: size))
            }

            progress("real allocators: filling a 1 GiB bitmap buddy and a 256 MiB heap")
            let buddy = try filledBuddy(liveBlocks: count, seed: options.seed)
            let heap = try filledHeap(chunks: count, seed: options.seed)
            var model = arrayModel
            model.lanes[0].content = .buddy(BuddyViewModel(source: BuddyAllocatorTreeSource(allocator: buddy),
                                                           selection: BuddyNodeID(order: 0, index: 17)))
            // The heap as the visualizer draws it: a fresh live source a frame (nothing cached
            // between frames), over the whole region and zoomed to 1 MiB in its middle.
            let chunkCount = heap.totals.liveChunks
            for (what, range) in [("whole heap", nil), ("1 MiB zoom", (128 << 20) ..< (129 << 20))] as [(String, Range<Int>?)] {
                let best = milliseconds(RenderWorkload.fastest {
                    model.lanes[1].content = .heap(HeapViewModel(source: HeapWindowMapSource(heap: heap), visibleRange: range))
                    return FrameView.paint(model, size: GridSize(width: 200, height: 60))
                })
                add("paint 200x60, bitmap buddy + live heap (\(chunkCount) live chunks), \(what)", best)
            }
            return rows
        })

    /// The fastest of 20 paints of `model` at `size`, in milliseconds.
    private static func bestPaint(_ model: FrameViewModel, size: GridSize) -> Double {
        milliseconds(RenderWorkload.fastestPaint(of: model, size: size))
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1e3 + Double(parts.attoseconds) / 1e15
    }

    /// A 1 GiB buddy of 4 KiB blocks with `liveBlocks` live blocks of orders 0...2 (about
    /// 650 MiB for 100,000), after a seeded churn that leaves it fragmented.
    private static func filledBuddy(liveBlocks: Int, seed: UInt64) throws -> BitmapBuddyAllocator {
        var buddy = BitmapBuddyAllocator(configuration: try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 1 << 30))
        var random = SplitMix64Generator(seed: seed)
        var live: [(offset: Int, order: Int)] = []
        while live.count < liveBlocks {
            let draw = random.next() % 8
            let order = draw < 5 ? 0 : (draw < 7 ? 1 : 2)
            live.append((try buddy.allocate(order: order), order))
            if random.next() % 4 == 0 {
                let victim = Int(random.next() % UInt64(live.count))
                try buddy.deallocate(offset: live[victim].offset, order: live[victim].order)
                live.swapAt(victim, live.count - 1)
                live.removeLast()
            }
        }
        return buddy
    }

    /// A 256 MiB heap as the visualizer makes it (exact mode, requests tracked) holding `chunks` chunks or so: live blocks of 64 B to 4 KiB with holes between.
    private static func filledHeap(chunks: Int, seed: UInt64) throws -> SegregatedFitHeap {
        let heap = SegregatedFitHeap(capacity: 256 << 20, tracksRequestedSizes: true, exactPointerChecks: true)
        var random = SplitMix64Generator(seed: seed)
        var offsets: [Int] = []
        for _ in 0..<chunks {
            offsets.append(try heap.allocateOffset(byteCount: 64 + Int(random.next() % 4032)))
        }
        // Free every third block: holes that cannot merge with each other.
        for index in stride(from: 0, to: offsets.count, by: 3) { try heap.deallocate(offset: offsets[index]) }
        return heap
    }
}
