import Allocators

/// libFuzzer target: the three buddy implementations driven by one operation sequence decoded
/// from the input and compared after every step: the same offsets (or the same error), the same
/// free counts per order, the same live blocks; `checkInvariants()` after every step, tags in
/// a shadow region checked on every free.
@_cdecl("LLVMFuzzerTestOneInput")
public func buddyFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let shape = input.byte()
    let minimumBlockSize = 16 << Int(shape & 7)  // 16 ... 2048
    let maxOrder = Int(shape >> 3) % 11  // 0 ... 10
    guard let configuration = try? BuddyConfiguration(minimumBlockSize: minimumBlockSize, maxOrder: maxOrder) else {
        fuzzFailure("configuration \(minimumBlockSize) << \(maxOrder) refused")
    }
    var allocators = BuddyImplementation.allCases.map { $0.make(configuration: configuration) }
    // Which block owns each minimum block, to catch overlapping grants.
    var owner = [Int](repeating: -1, count: configuration.minimumBlockCount)
    var live: [(offset: Int, order: Int)] = []
    var steps = 0
    while !input.isAtEnd && steps < 3000 {
        steps += 1
        let op = input.byte() % 8
        switch op {
        case 0..<4:
            let byOrder = op == 0
            let order = input.below(maxOrder + 3) - 1  // -1 ... maxOrder + 1: out of range too
            let bytes = input.below(configuration.totalSize * 2 + 2) - 1
            var outcomes: [Result<Int, BuddyError>] = []
            for index in allocators.indices {
                outcomes.append(Result { () throws(BuddyError) -> Int in
                    byOrder ? try allocators[index].allocate(order: order) : try allocators[index].allocate(byteCount: bytes)
                })
            }
            guard outcomes.allSatisfy({ $0 == outcomes[0] }) else { fuzzFailure("allocate disagrees: \(outcomes)") }
            if case .success(let offset) = outcomes[0] {
                guard let block = allocators[0].liveBlock(at: offset) else { fuzzFailure("no live block at \(offset)") }
                guard offset % configuration.blockSize(order: block.order) == 0 else { fuzzFailure("misaligned block \(offset)") }
                let first = offset / configuration.minimumBlockSize
                for index in first..<(first + (1 << block.order)) {
                    guard owner[index] == -1 else { fuzzFailure("block \(offset) overlaps block \(owner[index])") }
                    owner[index] = offset
                }
                live.append((offset, block.order))
            }
        case 4..<7:
            guard !live.isEmpty else { continue }
            let index = input.below(live.count)
            let block = live[index]
            let first = block.offset / configuration.minimumBlockSize
            for cell in first..<(first + (1 << block.order)) where owner[cell] != block.offset {
                fuzzFailure("block \(block.offset) lost minimum block \(cell)")
            }
            for index in allocators.indices {
                do { try allocators[index].deallocate(offset: block.offset, order: block.order) } catch {
                    fuzzFailure("\(type(of: allocators[index])): free of live \(block): \(error)")
                }
            }
            for cell in first..<(first + (1 << block.order)) { owner[cell] = -1 }
            live.swapAt(index, live.count - 1)
            live.removeLast()
        default:
            // A free that is not a live block: every implementation refuses it the same way.
            let offset = [input.below(configuration.totalSize + 1), -1, Int.min, Int.max, configuration.totalSize][input.below(5)]
            let order = input.below(maxOrder + 3) - 1
            if live.contains(where: { $0.offset == offset && $0.order == order }) { continue }
            var errors: [BuddyError] = []
            for index in allocators.indices {
                do {
                    try allocators[index].deallocate(offset: offset, order: order)
                    fuzzFailure("\(type(of: allocators[index])): free of non-block \(offset) order \(order) succeeded")
                } catch {
                    errors.append(error)
                    _ = error.description  // describing an error must never trap
                }
            }
            guard errors.allSatisfy({ $0 == errors[0] }) else { fuzzFailure("bad free: errors disagree: \(errors)") }
        }
        for allocator in allocators {
            do { try allocator.checkInvariants() } catch { fuzzFailure("\(type(of: allocator)) after op \(op): \(error)") }
        }
        for order in 0...maxOrder {
            let count = allocators[0].freeBlockCount(order: order)
            guard allocators.allSatisfy({ $0.freeBlockCount(order: order) == count }) else {
                fuzzFailure("free counts of order \(order) disagree")
            }
        }
        guard allocators.allSatisfy({ $0.liveBlockCount == live.count }) else { fuzzFailure("live counts disagree") }
    }
    let blocks = allocators[0].liveBlocks
    guard allocators.allSatisfy({ $0.liveBlocks == blocks }) else { fuzzFailure("live blocks disagree") }
    return 0
}
