/// Mouse clicks: select the block or chunk under the pointer, or focus a panel.
extension InteractiveApp {
    func click(x: Int, y: Int) -> Bool {
        guard let hit = FrameHitTest.hit(model: frameModel(), size: lastSize, x: x, y: y) else { return false }
        switch hit {
        case .lane(let lane, let target):
            focus = .lane(lane)
            switch target {
            case .buddyNode(let node): selections[lane] = .buddyNode(node)
            case .heapOffset(let offset):
                if let chunk = heapChunk(lane: lane, containing: offset) {
                    selections[lane] = .heapChunk(chunk.offset)
                }
            case .none: break
            }
            describeSelection(lane: lane)
        case .stats: focus = .stats
        case .log: focus = .log
        }
        return true
    }
}
