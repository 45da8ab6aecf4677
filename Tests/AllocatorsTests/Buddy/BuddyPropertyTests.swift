import Testing
@testable import Allocators

/// Long seeded random traces: invariants after every step, events that replay to the same free
/// set, and all implementations agreeing with each other step by step.
@Suite struct BuddyPropertyTests {
    /// One step of a trace.
    enum Step {
        case allocateOrder(Int)
        case allocateBytes(Int)
        case free(pick: Int)
        case badFree(pick: Int, kind: Int)
    }

    /// A random step. `fillBias` in 0...100 pushes towards allocation (near-full states).
    static func randomStep(_ rng: inout SplitMix64, maxOrder: Int, minimumBlockSize: Int, fillBias: Int) -> Step {
        let roll = Int(rng.next() % 100)
        if roll < fillBias {
            // Small orders are much more likely, like real workloads; sometimes any order.
            if rng.next() % 4 == 0 {
                let total = minimumBlockSize << maxOrder
                return .allocateBytes(Int(rng.next() % UInt64(total / 2)) + 1)
            }
            let order = rng.next() % 8 == 0 ? Int(rng.next() % UInt64(maxOrder + 1)) : Int(rng.next() % 3) % (maxOrder + 1)
            return .allocateOrder(order)
        }
        if roll < 95 { return .free(pick: Int(rng.next() % 1_000_000)) }
        return .badFree(pick: Int(rng.next() % 1_000_000), kind: Int(rng.next() % 4))
    }

    /// Runs the step on `a`; returns a short text of the outcome for differential comparison.
    static func run(_ step: Step, on a: inout any BuddyAllocator, live: [BuddyBlock], events: inout CollectEvents<BuddyEvent>) -> String {
        do throws(BuddyError) {
            switch step {
            case .allocateOrder(let order):
                return "ok \(try a.allocate(order: order, observer: &events))"
            case .allocateBytes(let bytes):
                return "ok \(try a.allocate(byteCount: bytes, observer: &events))"
            case .free(let pick):
                guard !live.isEmpty else { return "nothing live" }
                let block = live[pick % live.count]
                try a.deallocate(offset: block.offset, order: block.order, observer: &events)
                return "freed \(block.offset)"
            case .badFree(let pick, let kind):
                let c = a.configuration
                switch kind {
                case 0 where !live.isEmpty:  // wrong order
                    let block = live[pick % live.count]
                    let wrong = block.order == 0 ? 1 : block.order - 1
                    try a.deallocate(offset: block.offset, order: wrong, observer: &events)
                case 1:  // misaligned
                    try a.deallocate(offset: (pick % c.minimumBlockCount) * c.minimumBlockSize + 1, order: 0, observer: &events)
                case 2:  // out of range
                    try a.deallocate(offset: c.totalSize + pick % 7 * c.minimumBlockSize, order: 0, observer: &events)
                default:  // an order-0 node that is not a live order-0 block
                    let offset = (pick % c.minimumBlockCount) * c.minimumBlockSize
                    if live.contains(where: { $0.offset == offset && $0.order == 0 }) { return "skipped" }
                    try a.deallocate(offset: offset, order: 0, observer: &events)
                }
                return "bad free accepted"
            }
        } catch {
            return "error \(error)"
        }
    }

    static let configurations = [TestConfigurations.small, TestConfigurations.standard, TestConfigurations.tiny]

    @Test(arguments: BuddyImplementation.allCases)
    func invariantsHoldAfterEveryStepOfRandomTraces(_ impl: BuddyImplementation) throws {
        for seed in UInt64(1)...6 {
            let config = Self.configurations[Int(seed) % Self.configurations.count]
            var rng = SplitMix64(seed: seed &* 0x1234_5678)
            var a = impl.make(configuration: config)
            var replay = EventReplay(configuration: config, free: a.freeBlockList)
            for stepNumber in 0..<1500 {
                // Alternate between filling phases and draining phases.
                let bias = (stepNumber / 250) % 2 == 0 ? 75 : 35
                let step = Self.randomStep(&rng, maxOrder: config.maxOrder, minimumBlockSize: config.minimumBlockSize, fillBias: bias)
                let before = a.snapshot
                var events = CollectEvents<BuddyEvent>()
                let outcome = Self.run(step, on: &a, live: before.live, events: &events)
                #expect(outcome != "bad free accepted", "seed \(seed) step \(stepNumber)")
                if outcome.hasPrefix("error") {
                    #expect(a.snapshot == before, "seed \(seed) step \(stepNumber): a failed operation changed the state")
                    #expect(events.events.isEmpty)
                }
                do {
                    try a.checkInvariants()
                } catch {
                    Issue.record("seed \(seed) step \(stepNumber) after \(step): \(error)")
                    return
                }
                if let problem = replay.apply(events.events) {
                    Issue.record("seed \(seed) step \(stepNumber): \(problem)")
                    return
                }
                #expect(replay.free == Set(a.freeBlockList), "seed \(seed) step \(stepNumber): events do not replay to the free set")
                if stepNumber % 10 == 0 {
                    let walked = a.freeBlocksFromNodeStates().map { FreeBlock(offset: $0.offset, order: $0.order) }
                    #expect(walked == a.freeBlockList, "seed \(seed) step \(stepNumber): node states disagree with the free blocks")
                }
            }
        }
    }

    @Test func allImplementationsAgreeStepByStep() throws {
        for seed in UInt64(100)..<112 {
            let config = Self.configurations[Int(seed) % Self.configurations.count]
            var rng = SplitMix64(seed: seed)
            var allocators = BuddyImplementation.allCases.map { $0.make(configuration: config) }
            for stepNumber in 0..<800 {
                let bias = (stepNumber / 200) % 2 == 0 ? 80 : 30
                let step = Self.randomStep(&rng, maxOrder: config.maxOrder, minimumBlockSize: config.minimumBlockSize, fillBias: bias)
                let live = allocators[0].liveBlocks
                var outcomes: [String] = []
                var eventLogs: [[BuddyEvent]] = []
                for i in allocators.indices {
                    var events = CollectEvents<BuddyEvent>()
                    outcomes.append(Self.run(step, on: &allocators[i], live: live, events: &events))
                    eventLogs.append(events.events)
                }
                let counts = allocators.map(\.freeBlockCounts)
                guard Set(outcomes).count == 1, Set(counts).count == 1, eventLogs.allSatisfy({ $0 == eventLogs[0] }) else {
                    Issue.record("seed \(seed) step \(stepNumber) \(step): outcomes \(outcomes), counts \(counts)")
                    return
                }
                if stepNumber % 50 == 0 {
                    let snapshots = allocators.map(\.snapshot)
                    #expect(snapshots.allSatisfy { $0 == snapshots[0] }, "seed \(seed) step \(stepNumber)")
                    // Occupancy of random (unaligned) ranges, and every node state of small trees.
                    for _ in 0..<20 {
                        let x = Int(rng.next() % UInt64(config.totalSize + 1))
                        let y = Int(rng.next() % UInt64(config.totalSize + 1))
                        let range = min(x, y)..<max(x, y)
                        let figures = allocators.map { $0.occupancy(in: range) }
                        #expect(figures.allSatisfy { $0 == figures[0] }, "seed \(seed) range \(range)")
                    }
                    if config.maxOrder <= 6 {
                        for order in 0...config.maxOrder {
                            for index in 0..<config.blockCount(order: order) {
                                let states = allocators.map { $0.nodeState(order: order, index: index) }
                                #expect(states.allSatisfy { $0 == states[0] })
                            }
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func occupancyAgreesWithALeafByLeafCount(_ impl: BuddyImplementation) throws {
        let config = TestConfigurations.tiny  // 16 B blocks, 64 leaves
        var rng = SplitMix64(seed: 77)
        var a = impl.make(configuration: config)
        for round in 0..<60 {
            let step = Self.randomStep(&rng, maxOrder: config.maxOrder, minimumBlockSize: config.minimumBlockSize, fillBias: 60)
            var ignore = CollectEvents<BuddyEvent>()
            _ = Self.run(step, on: &a, live: a.liveBlocks, events: &ignore)
            // Leaf states decide which bytes are free or allocated.
            let leafFree = (0..<config.minimumBlockCount).map { index -> Bool in
                let state = a.nodeState(order: 0, index: index)
                return state == .free || state == .insideFree
            }
            for _ in 0..<10 {
                let x = Int(rng.next() % UInt64(config.totalSize + 1))
                let y = Int(rng.next() % UInt64(config.totalSize + 1))
                let range = min(x, y)..<max(x, y)
                var expected = BuddyOccupancy()
                for byte in range {
                    if leafFree[byte / config.minimumBlockSize] { expected.freeBytes += 1 } else { expected.allocatedBytes += 1 }
                }
                #expect(a.occupancy(in: range) == expected, "round \(round) range \(range)")
            }
        }
    }
}
