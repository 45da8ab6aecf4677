/// Zooming the heap memory map: Enter halves the address range shown around the selected
/// chunk (down to 8 bytes per cell), Backspace doubles it (back to the whole heap), and moving
/// the selection out of a zoomed range scrolls the range to follow it.
extension InteractiveApp {
    /// The memory-map geometry heap lane `lane` had in the last painted frame size.
    func heapMapGeometry(lane: Int) -> HeapPanelView.MapGeometry? {
        let model = frameModel()
        let layout = FrameLayout(size: lastSize, laneCount: model.lanes.count)
        guard lane < layout.lanes.count else { return nil }
        let lanes = FrameView.sharingHeapScales(model.lanes, in: layout.lanes)
        guard case .heap(let heap) = lanes[lane].content else { return nil }
        return HeapPanelView.mapGeometry(heap, in: layout.lanes[lane])
    }

    /// A range of `span` bytes around `center`, starting at a multiple of `row`, inside the heap.
    private func heapWindow(center: Int, span: Int, row: Int, capacity: Int) -> Range<Int> {
        let row = max(1, row)
        var lo = max(0, min(center - span / 2, capacity - span))
        lo = lo / row * row
        return lo ..< min(capacity, lo + span)
    }

    /// Zooms lane `lane`'s memory map into half the range it shows, around the chunk holding `offset`.
    func zoomHeapIn(lane: Int, around offset: Int) {
        guard let heap = session.state.lanes[lane].allocator.heap?.heap, let map = heapMapGeometry(lane: lane) else { return }
        guard map.bytesPerCell > 8 else { message = "the heap map shows 8 bytes per cell already; Backspace zooms out"; return }
        let capacity = heap.capacity
        let shown = map.range.lowerBound ..< min(capacity, map.range.upperBound)
        let finerRow = map.bytesPerRow / 2
        let span = max(finerRow, shown.count / 2)
        let chunk = heapChunk(lane: lane, containing: offset)
        let center = chunk.map { $0.offset + min($0.size, span) / 2 } ?? offset
        let range = heapWindow(center: center, span: span, row: finerRow, capacity: capacity)
        heapRanges[lane] = range
        message = zoomMessage(lane: lane, requested: range, capacity: capacity)
    }

    /// Zooms lane `lane`'s memory map out to twice its range, or to the whole heap.
    func zoomHeapOut(lane: Int) {
        guard let range = heapRanges[lane], let heap = session.state.lanes[lane].allocator.heap?.heap else { return }
        let capacity = heap.capacity
        let map = heapMapGeometry(lane: lane)
        let shownCount = map.map { min(capacity, $0.range.upperBound) - $0.range.lowerBound } ?? range.count
        let span = 2 * max(range.count, shownCount)
        if span >= capacity {
            heapRanges[lane] = nil
            message = "heap map shows the whole heap"
            return
        }
        let window = heapWindow(center: range.lowerBound + range.count / 2, span: span,
                                row: 2 * (map?.bytesPerRow ?? 1), capacity: capacity)
        heapRanges[lane] = window
        message = zoomMessage(lane: lane, requested: window, capacity: capacity)
    }

    /// `heap zoomed to 0x0-0x8400 (64B/cell)`: the range the map now draws (whole rows, so it
    /// may reach past the `requested` range; the panel title shows the same range) and its scale.
    private func zoomMessage(lane: Int, requested: Range<Int>, capacity: Int) -> String {
        let map = heapMapGeometry(lane: lane)
        let drawn = map.map { $0.range.lowerBound ..< min(capacity, $0.range.upperBound) } ?? requested
        let scale = map.map { " (" + DisplayFormat.bytes($0.bytesPerCell) + "/cell)" } ?? ""
        return "heap zoomed to \(DisplayFormat.hex(drawn.lowerBound))-\(DisplayFormat.hex(drawn.upperBound))\(scale); Backspace zooms out"
    }

    /// Moves a zoomed range of lane `lane` so it shows `offset` (no change when it already does).
    func scrollHeap(lane: Int, toShow offset: Int) {
        guard let range = heapRanges[lane], let heap = session.state.lanes[lane].allocator.heap?.heap,
              let map = heapMapGeometry(lane: lane) else { return }
        let shown = map.range.lowerBound ..< min(heap.capacity, map.range.upperBound)
        guard !shown.contains(offset) else { return }
        heapRanges[lane] = heapWindow(center: offset, span: range.count, row: map.bytesPerRow, capacity: heap.capacity)
    }
}
