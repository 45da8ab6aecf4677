import Allocators
import AllocVizCore

/// The buddy allocator suites.
enum BuddyBenchSuites {
    static var all: [BenchSuite] { [fill, scatter, view] }

    /// `buddy-fill`: fill a region with 4 KiB blocks, then free them all in allocation order
    /// (merging back to one block), for every implementation.
    static let fill = BenchSuite(
        name: "buddy-fill",
        summary: "fill 1 GiB with 4 KiB buddy blocks, then free all in order; ns/alloc, ns/free per implementation",
        run: { options, progress in
            let bitmapSize = regionSize(1 << 30, scale: options.scale)
            // In this workload every free list holds at most one block, so the list-based designs
            // are O(orders) per operation and run at the full size too.
            let listSize = regionSize(1 << 30, scale: options.scale)
            var rows: [BenchResult] = []
            func add(_ subject: String, _ result: FillResult) {
                rows.append(BenchResult(suite: "buddy-fill", subject: subject + " alloc", value: result.nsPerAlloc, unit: "ns/op"))
                rows.append(BenchResult(suite: "buddy-fill", subject: subject + " free", value: result.nsPerFree, unit: "ns/op"))
            }
            let bitmapLabel = "bitmap " + BuddyConfiguration.formatBytes(bitmapSize)
            progress("\(bitmapLabel): \(bitmapSize / 4096) blocks, best of 10")
            var ignoring = IgnoreEvents()
            add(bitmapLabel, try best(of: 10) { try fillAndFree(BitmapBuddyAllocator.self, size: bitmapSize, observer: &ignoring) })
            progress("\(bitmapLabel) with CollectEvents: best of 3")
            add(bitmapLabel + " +events", try best(of: 3) {
                var collecting = CollectEvents<BuddyEvent>()
                return try fillAndFree(BitmapBuddyAllocator.self, size: bitmapSize, observer: &collecting)
            })
            let listLabel = " " + BuddyConfiguration.formatBytes(listSize)
            progress("array-list\(listLabel): \(listSize / 4096) blocks, best of 3")
            add("array-list" + listLabel, try best(of: 3) {
                try fillAndFree(ArrayListBuddyAllocator.self, size: listSize, observer: &ignoring)
            })
            progress("linked-list\(listLabel): \(listSize / 4096) blocks, best of 3")
            add("linked-list" + listLabel, try best(of: 3) {
                try fillAndFree(LinkedListBuddyAllocator.self, size: listSize, observer: &ignoring)
            })
            return rows
        })

    /// Nanoseconds per operation of one fill-and-free round.
    struct FillResult {
        var nsPerAlloc: Double
        var nsPerFree: Double
    }

    /// A benchmark that produced a wrong result.
    struct FillError: Error, CustomStringConvertible {
        var description: String
    }

    /// The largest power of two `<= base * scale`, at least two 4 KiB blocks.
    static func regionSize(_ base: Int, scale: Double) -> Int {
        let wanted = max(8192, Int(Double(base) * scale))
        return 1 << (Int.bitWidth - 1 - wanted.leadingZeroBitCount)
    }

    /// The best (lowest) figures of `rounds` runs.
    static func best(of rounds: Int, _ body: () throws -> FillResult) rethrows -> FillResult {
        var result = FillResult(nsPerAlloc: .infinity, nsPerFree: .infinity)
        for _ in 0..<rounds {
            let round = try body()
            result.nsPerAlloc = min(result.nsPerAlloc, round.nsPerAlloc)
            result.nsPerFree = min(result.nsPerFree, round.nsPerFree)
        }
        return result
    }

    /// Allocates every 4 KiB block of a fresh `size`-byte allocator, then frees them in
    /// allocation order; checks the offsets and the final single free block. Times the
    /// thread's CPU time (time spent descheduled while other work shares the cores is not
    /// charged), with the offsets array touched beforehand so its page faults are not either.
    @inline(never)
    static func fillAndFree<A: BuddyAllocator, Observer: BuddyEventObserver>(
        _ type: A.Type, size: Int, observer: inout Observer
    ) throws -> FillResult {
        let configuration = try BuddyConfiguration(minimumBlockSize: 4096, totalSize: size)
        let count = configuration.minimumBlockCount
        var allocator = A(configuration: configuration)
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { offsets.deallocate() }
        offsets.initialize(repeating: 0)
        var failure: BuddyError?
        let allocNs = ThreadCPUClock.measure {
            for i in 0..<count {
                do throws(BuddyError) {
                    offsets[i] = try allocator.allocate(order: 0, requestedBytes: 4096, observer: &observer)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw FillError(description: "\(A.implementationName): allocation failed: \(failure)") }
        for i in 0..<count where offsets[i] != i * 4096 {
            throw FillError(description: "\(A.implementationName): block \(i) at \(offsets[i]), expected \(i * 4096)")
        }
        let freeNs = ThreadCPUClock.measure {
            for i in 0..<count {
                do throws(BuddyError) {
                    try allocator.deallocate(offset: offsets[i], order: 0, observer: &observer)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw FillError(description: "\(A.implementationName): free failed: \(failure)") }
        guard allocator.freeBlockCount(order: configuration.maxOrder) == 1, allocator.liveBlockCount == 0 else {
            throw FillError(description: "\(A.implementationName): did not merge back to one block")
        }
        return FillResult(nsPerAlloc: Double(allocNs) / Double(count), nsPerFree: Double(freeNs) / Double(count))
    }

    /// `buddy-scatter`: fill, free every other block (no merges: the order-0 free set grows to
    /// half the blocks), allocate them back, free the rest. The list-based designs pay O(n) per
    /// insert here, so they run at 64 MiB.
    static let scatter = BenchSuite(
        name: "buddy-scatter",
        summary: "free every other 4 KiB block (long free lists), then refill; bitmap 1 GiB, lists 64 MiB",
        run: { options, progress in
            let bitmapSize = regionSize(1 << 30, scale: options.scale)
            let listSize = regionSize(64 << 20, scale: options.scale)
            var rows: [BenchResult] = []
            func add(_ subject: String, _ result: FillResult) {
                rows.append(BenchResult(suite: "buddy-scatter", subject: subject + " free alternate", value: result.nsPerFree, unit: "ns/op"))
                rows.append(BenchResult(suite: "buddy-scatter", subject: subject + " refill", value: result.nsPerAlloc, unit: "ns/op"))
            }
            let bitmapLabel = "bitmap " + BuddyConfiguration.formatBytes(bitmapSize)
            progress("\(bitmapLabel): best of 5")
            add(bitmapLabel, try best(of: 5) { try scatterAndRefill(BitmapBuddyAllocator.self, size: bitmapSize) })
            let listLabel = " " + BuddyConfiguration.formatBytes(listSize)
            progress("array-list\(listLabel): best of 3")
            add("array-list" + listLabel, try best(of: 3) { try scatterAndRefill(ArrayListBuddyAllocator.self, size: listSize) })
            progress("linked-list\(listLabel): once")
            add("linked-list" + listLabel, try scatterAndRefill(LinkedListBuddyAllocator.self, size: listSize))
            return rows
        })

    /// Fills, frees the even blocks (timed as `nsPerFree`), allocates them back (timed as
    /// `nsPerAlloc`), and checks the offsets.
    @inline(never)
    static func scatterAndRefill<A: BuddyAllocator>(_ type: A.Type, size: Int) throws -> FillResult {
        let configuration = try BuddyConfiguration(minimumBlockSize: 4096, totalSize: size)
        let count = configuration.minimumBlockCount
        var allocator = A(configuration: configuration)
        for i in 0..<count where try allocator.allocate(order: 0) != i * 4096 {
            throw FillError(description: "\(A.implementationName): fill went out of order")
        }
        var failure: BuddyError?
        let freeNs = MonotonicClock.measure {
            for i in stride(from: 0, to: count, by: 2) {
                do throws(BuddyError) { try allocator.deallocate(offset: i * 4096, order: 0) } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw FillError(description: "\(A.implementationName): free failed: \(failure)") }
        guard allocator.freeBlockCount(order: 0) == count / 2 else {
            throw FillError(description: "\(A.implementationName): expected \(count / 2) free order-0 blocks")
        }
        var wrong = false
        let allocNs = MonotonicClock.measure {
            for i in stride(from: 0, to: count, by: 2) {
                do throws(BuddyError) {
                    if try allocator.allocate(order: 0) != i * 4096 { wrong = true }
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw FillError(description: "\(A.implementationName): refill failed: \(failure)") }
        if wrong { throw FillError(description: "\(A.implementationName): refill did not take the lowest blocks") }
        let half = Double(count / 2)
        return FillResult(nsPerAlloc: Double(allocNs) / half, nsPerFree: Double(freeNs) / half)
    }

    /// `buddy-view`: what the visualizer asks of a fragmented 1 GiB tree: the occupancy of a
    /// 200-cell row (free and allocated bytes per cell) and the node states of a row.
    static let view = BenchSuite(
        name: "buddy-view",
        summary: "occupancy of a 200-cell row and node states on a fragmented 1 GiB bitmap tree (64 MiB lists)",
        run: { options, progress in
            var rows: [BenchResult] = []
            let bitmapSize = regionSize(1 << 30, scale: options.scale)
            let listSize = regionSize(64 << 20, scale: options.scale)
            progress("bitmap \(BuddyConfiguration.formatBytes(bitmapSize))")
            rows += try viewRows(BitmapBuddyAllocator.self, size: bitmapSize, seed: options.seed)
            progress("array-list \(BuddyConfiguration.formatBytes(listSize))")
            rows += try viewRows(ArrayListBuddyAllocator.self, size: listSize, seed: options.seed)
            return rows
        })

    /// Fragments a fresh allocator (random orders until full, then frees a random half) and times
    /// a 200-cell occupancy row and a 200-node state row.
    static func viewRows<A: BuddyAllocator>(_ type: A.Type, size: Int, seed: UInt64) throws -> [BenchResult] {
        let configuration = try BuddyConfiguration(minimumBlockSize: 4096, totalSize: size)
        var allocator = A(configuration: configuration)
        var generator = SplitMix64Generator(seed: seed)
        func random() -> UInt64 { generator.next() }
        var live: [(offset: Int, order: Int)] = []
        while true {
            let order = Int(random() % 4)
            guard let offset = try? allocator.allocate(order: order) else {
                if order == 0 { break } else { continue }
            }
            live.append((offset, order))
        }
        for block in live where random() % 2 == 0 { try allocator.deallocate(offset: block.offset, order: block.order) }
        let cells = 200
        let cellBytes = configuration.totalSize / cells
        let label = A.implementationName + " " + BuddyConfiguration.formatBytes(size)
        var sink = 0
        var bestRow = UInt64.max
        for _ in 0..<20 {
            bestRow = min(bestRow, MonotonicClock.measure {
                for cell in 0..<cells {
                    let start = cell * cellBytes
                    let end = cell == cells - 1 ? configuration.totalSize : start + cellBytes
                    sink &+= allocator.occupancy(in: start..<end).freeBytes
                }
            })
        }
        let leafOrder = max(0, configuration.maxOrder - 8)  // about 256 nodes: a row of the icicle
        var bestStates = UInt64.max
        for _ in 0..<20 {
            bestStates = min(bestStates, MonotonicClock.measure {
                for index in 0..<min(cells, configuration.blockCount(order: leafOrder)) {
                    if allocator.nodeState(order: leafOrder, index: index) == .free { sink &+= 1 }
                }
            })
        }
        if sink == -1 { print(sink) }
        return [
            BenchResult(suite: "buddy-view", subject: label + " occupancy row", value: Double(bestRow) / 1000, unit: "us/row"),
            BenchResult(suite: "buddy-view", subject: label + " node-state row", value: Double(bestStates) / 1000, unit: "us/row"),
        ]
    }
}
