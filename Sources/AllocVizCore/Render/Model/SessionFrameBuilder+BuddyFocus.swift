import Allocators

/// What the buddy panel's auto-focus looks at: the blocks the lane's last operation touched.
extension SessionFrameBuilder {
    /// Steps looked back through for the last one with events in a lane (notes, pauses and
    /// idle steps are skipped).
    static let focusLookBack = 64

    /// The nodes (split, merged, allocated, freed ...) of the newest applied step, among the
    /// last ``focusLookBack``, that has events with a block in buddy lane `lane`.
    /// - Complexity: O(``focusLookBack`` + events of that step).
    static func recentlyTouchedBuddyNodes(_ session: Session, lane: Int, shape: BuddyConfiguration) -> [BuddyNodeID] {
        var step = session.position - 1
        while step >= max(0, session.position - focusLookBack) {
            let nodes = session.record(at: step).lanes[lane].events.compactMap { event -> BuddyNodeID? in
                guard let offset = event.offset, let order = event.order, order >= 0, order <= shape.maxOrder else { return nil }
                return BuddyNodeID(order: order, index: offset / shape.blockSize(order: order))
            }
            if !nodes.isEmpty { return nodes }
            step -= 1
        }
        return []
    }
}
