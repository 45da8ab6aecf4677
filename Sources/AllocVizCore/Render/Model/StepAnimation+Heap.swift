import Allocators

extension StepAnimation {
    /// The heap chunks of `lane` to draw at beat `frame`: the final `chunks`, except that the
    /// free chunk a free built by coalescing is drawn in its pieces until the beats that merged
    /// them (the freed chunk and its free neighbours, each coalesce one beat), and that before
    /// a move's beat the chunk moved from is still drawn used with its name. Other beats draw
    /// the final chunks.
    public func heapChunks(frame: Int, lane: Int, finalChunks chunks: [HeapChunkInfo]) -> [HeapChunkInfo] {
        let apart = coalescedApart(frame: frame, lane: lane, finalChunks: chunks)
        return movedFromStillUsed(frame: frame, lane: lane, chunks: apart)
    }

    /// Before the beat of a move (`movedByCopy`), the chunk moved from is still the live block:
    /// the chunk at its offset is drawn used, with the handle's name.
    private func movedFromStillUsed(frame: Int, lane: Int, chunks: [HeapChunkInfo]) -> [HeapChunkInfo] {
        guard let beat = beat(frame, lane: lane) else { return chunks }
        let events = record.lanes[lane].events
        guard let move = events.firstIndex(where: { if case .heap(.movedByCopy) = $0.source { return true } else { return false } }),
              beat.eventIndex < move, case .heap(.movedByCopy(let from, _, _)) = events[move].source,
              let slot = chunks.firstIndex(where: { $0.offset == from && $0.state != .used })
        else { return chunks }
        var result = chunks
        result[slot].state = .used
        result[slot].overhead = HeapLimits.headerSize
        result[slot].label = record.command.handle
        return result
    }

    /// The final chunks with the pieces a later beat coalesces still apart.
    private func coalescedApart(frame: Int, lane: Int, finalChunks chunks: [HeapChunkInfo]) -> [HeapChunkInfo] {
        guard let beat = beat(frame, lane: lane) else { return chunks }
        // Follow the freed chunk through its coalesces: after each, the range merged so far and
        // the neighbour it absorbed.
        var merged: Range<Int>?
        var absorbed: [(eventIndex: Int, piece: Range<Int>)] = []
        for (index, event) in record.lanes[lane].events.enumerated() {
            switch event.source {
            case .heap(.freed(let chunk, let size)):
                merged = chunk ..< chunk + size
                absorbed = []
            case .heap(.coalescedWithPrevious(let chunk, let size)):
                guard let current = merged, chunk < current.lowerBound, chunk + size == current.upperBound else { return chunks }
                absorbed.append((index, chunk ..< current.lowerBound))
                merged = chunk ..< chunk + size
            case .heap(.coalescedWithNext(let chunk, let size)):
                guard let current = merged, chunk == current.lowerBound, chunk + size > current.upperBound else { return chunks }
                absorbed.append((index, current.upperBound ..< chunk + size))
                merged = chunk ..< chunk + size
            default:
                continue
            }
        }
        let later = absorbed.filter { $0.eventIndex > beat.eventIndex }.map(\.piece)
        guard let whole = merged, !later.isEmpty,
              let slot = chunks.firstIndex(where: { $0.offset == whole.lowerBound && $0.size == whole.count && $0.state == .free })
        else { return chunks }
        // The pieces not merged yet, and what was merged so far between them.
        var low = whole.lowerBound, high = whole.upperBound
        for piece in later {
            if piece.lowerBound == low { low = piece.upperBound }
        }
        for piece in later.reversed() where piece.upperBound == high { high = piece.lowerBound }
        // Absorbed pieces always sit at the ends, so what is left between them is one chunk.
        var replacement = later.map { HeapChunkInfo(offset: $0.lowerBound, size: $0.count, state: .free) }
        if low < high { replacement.append(HeapChunkInfo(offset: low, size: high - low, state: .free)) }
        replacement.sort { $0.offset < $1.offset }
        var result = chunks
        result.replaceSubrange(slot ... slot, with: replacement)
        return result
    }
}
