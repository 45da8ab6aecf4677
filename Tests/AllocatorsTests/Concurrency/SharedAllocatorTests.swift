import Dispatch
import Testing
import Allocators

/// ``SharedHeap`` and ``SharedBuddy`` under several threads at once: seeded operations per
/// thread, every block tagged with its owner and checked before it is freed or resized, the
/// invariants checked after (and, for the heap, now and then while the others run).
@Suite struct SharedAllocatorTests {
    static let threads = 4

    @Test(arguments: [(0, false), (8, false), (0, true), (8, true)])
    func sharedHeapStress(frontCacheDepth: Int, exact: Bool) throws {
        let shared = SharedHeap(SegregatedFitHeap(capacity: 1 << 18, frontCacheDepth: frontCacheDepth,
                                                  frontCacheBudget: 1 << 16, exactPointerChecks: exact))
        let problems = Mutex4Tests()
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            var rng = SplitMix64(seed: UInt64(thread + 1) * 7919)
            var live: [(pointer: UnsafeMutableRawPointer, size: Int)] = []
            let tag = UInt8(thread + 1)
            func intact(_ block: (pointer: UnsafeMutableRawPointer, size: Int)) -> Bool {
                (0..<block.size).allSatisfy { block.pointer.load(fromByteOffset: $0, as: UInt8.self) == tag }
            }
            for step in 0..<3000 {
                let roll = rng.int(in: 0...9)
                do {
                    if roll < 5 || live.isEmpty {
                        let size = rng.int(in: 1...600)
                        let p = try shared.allocate(byteCount: size, alignment: 1 << rng.int(in: 3...7))
                        p.initializeMemory(as: UInt8.self, repeating: tag, count: size)
                        live.append((p, size))
                    } else if roll < 8 {
                        let index = rng.int(in: 0...(live.count - 1))
                        if !intact(live[index]) { problems.record("thread \(thread) step \(step): block overwritten") }
                        try shared.deallocate(live.swapAt(index).pointer)
                    } else {
                        let index = rng.int(in: 0...(live.count - 1))
                        if !intact(live[index]) { problems.record("thread \(thread) step \(step): block overwritten") }
                        let size = rng.int(in: 1...900)
                        let p = try shared.reallocate(live[index].pointer, newByteCount: size)
                        if !(0..<min(size, live[index].size)).allSatisfy({ p.load(fromByteOffset: $0, as: UInt8.self) == tag }) {
                            problems.record("thread \(thread) step \(step): realloc lost content")
                        }
                        p.initializeMemory(as: UInt8.self, repeating: tag, count: size)
                        live[index] = (p, size)
                    }
                } catch let error as HeapError {
                    if !error.isOutOfMemory { problems.record("thread \(thread) step \(step): \(error)") }
                } catch {
                    problems.record("\(error)")
                }
                if step % 500 == 0 {
                    do { try shared.withHeap { heap in try heap.checkInvariants() } } catch {
                        problems.record("thread \(thread) step \(step): \(error)")
                    }
                }
            }
            for block in live {
                if !intact(block) { problems.record("thread \(thread): block overwritten at the end") }
                do { try shared.deallocate(block.pointer) } catch { problems.record("final free: \(error)") }
            }
        }
        #expect(problems.all == [])
        try shared.withHeap { heap in
            heap.flushFrontCache()
            try heap.checkInvariants()
            #expect(heap.totals.liveChunks == 0)
            #expect(heap.chunks().count == 1)
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func sharedBuddyStress(implementation: BuddyImplementation) throws {
        let configuration = try BuddyConfiguration(minimumBlockSize: 64, maxOrder: 12)
        try Self.stress(configuration, implementation.make(configuration: configuration))
    }

    static func stress<Allocator: BuddyAllocator>(_ configuration: BuddyConfiguration, _ allocator: Allocator) throws {
        let shared = SharedBuddy(allocator)

        // A shadow of the region: which thread owns each minimum block (checked on free).
        let owners = Mutex4Tests.Owners(count: configuration.minimumBlockCount)
        let problems = Mutex4Tests()
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            var rng = SplitMix64(seed: UInt64(thread + 11))
            var live: [Int] = []
            for step in 0..<2000 {
                do {
                    if rng.int(in: 0...9) < 5 || live.isEmpty {
                        let offset = try shared.allocate(byteCount: rng.int(in: 1...4000))
                        if !owners.claim(offset / 64, count: 1, by: thread) { problems.record("thread \(thread) step \(step): \(offset) already owned") }
                        live.append(offset)
                    } else {
                        let offset = live.swapAt(rng.int(in: 0...(live.count - 1)))
                        if !owners.release(offset / 64, by: thread) { problems.record("thread \(thread) step \(step): \(offset) lost") }
                        try shared.deallocate(offset: offset)
                    }
                } catch let error as BuddyError {
                    if case .outOfMemory = error {} else { problems.record("thread \(thread) step \(step): \(error)") }
                } catch {
                    problems.record("\(error)")
                }
            }
            for offset in live {
                _ = owners.release(offset / 64, by: thread)
                do { try shared.deallocate(offset: offset) } catch { problems.record("final free: \(error)") }
            }
        }
        #expect(problems.all == [])
        let allocator = shared.snapshot
        try allocator.checkInvariants()
        #expect(allocator.liveBlockCount == 0)
        #expect(allocator.freeBlockCount(order: 12) == 1)
    }
}

import Synchronization

/// What the test threads report, behind a lock.
final class Mutex4Tests: Sendable {
    private let problems = Mutex<[String]>([])
    func record(_ problem: String) { problems.withLock { $0.append(problem) } }
    var all: [String] { problems.withLock { $0 } }

    /// Which thread holds the block starting at each minimum block (-1: none).
    final class Owners: Sendable {
        private let owner: Mutex<[Int]>
        init(count: Int) { owner = Mutex([Int](repeating: -1, count: count)) }
        /// Marks `index` as `thread`'s; false when another live block already started there.
        func claim(_ index: Int, count: Int, by thread: Int) -> Bool {
            owner.withLock { owner in
                guard owner[index] == -1 else { return false }
                owner[index] = thread
                return true
            }
        }
        /// Unmarks `index`; false when `thread` did not hold it.
        func release(_ index: Int, by thread: Int) -> Bool {
            owner.withLock { owner in
                guard owner[index] == thread else { return false }
                owner[index] = -1
                return true
            }
        }
    }
}
