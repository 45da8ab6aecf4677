import Allocators

extension StepAnimation {
    /// The heap chunks of `lane` to draw at beat `frame`: the final `chunks`, except that the
    /// free chunk a free built by coalescing is drawn in its pieces until the beats that merged
    /// them (the freed chunk and its free neighbours, each coalesce one beat). Other beats
    /// (splits, moves) draw the final chunks. `chunks` unchanged when there is nothing to split.
    public func heapChunks(frame: Int, lane: Int, finalChunks chunks: [HeapChunkInfo]) -> [HeapChunkInfo] {
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
