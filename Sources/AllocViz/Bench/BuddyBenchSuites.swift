import Allocators

/// The buddy allocator suites.
enum BuddyBenchSuites {
    static var all: [BenchSuite] { [fill] }

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
    /// allocation order; checks the offsets and the final single free block.
    @inline(never)
    static func fillAndFree<A: BuddyAllocator, Observer: BuddyEventObserver>(
        _ type: A.Type, size: Int, observer: inout Observer
    ) throws -> FillResult {
        let configuration = try BuddyConfiguration(minimumBlockSize: 4096, totalSize: size)
        let count = configuration.minimumBlockCount
        var allocator = A(configuration: configuration)
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { offsets.deallocate() }
        var failure: BuddyError?
        let allocNs = MonotonicClock.measure {
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
        let freeNs = MonotonicClock.measure {
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
}
