import Allocators

/// One lane as it is after the session's current step: the figures, the handles by block and
/// the allocator's structure, computed once per step and shared by everything that reads a
/// step (the frame builder, the JSON output and `expect`).
///
/// The structural parts (chunk lists, live blocks, bins) are computed on first use. A snapshot
/// describes the step it was taken at: ask the session again after it moves
/// (``Session/laneSnapshot(_:)`` caches it per step).
public final class LaneSnapshot {
    /// The lane's index in the session.
    public let index: Int
    /// The lane's configuration.
    public let configuration: LaneConfiguration
    /// The lane's state (allocator, handles, totals).
    public let lane: LaneState
    /// Whether each handle is live (the session's table).
    public let handleTable: HandleTable
    /// The lane's figures.
    public let metrics: FragmentationMetrics

    init(index: Int, configuration: LaneConfiguration, lane: LaneState, handleTable: HandleTable) {
        self.index = index
        self.configuration = configuration
        self.lane = lane
        self.handleTable = handleTable
        metrics = lane.metrics
    }

    /// The lane's name.
    public var name: String { configuration.name }
    /// Failed and rejected requests so far.
    public var failures: Int { lane.failures }

    // MARK: buddy lanes

    /// Free block counts per order (like `/proc/buddyinfo`), for a buddy lane.
    public private(set) lazy var buddyFreeCounts: [Int]? = lane.allocator.buddyInfo

    /// Linux's unusable free space index per order, for a buddy lane.
    public private(set) lazy var unusableIndex: [Double]? = buddyFreeCounts.map { UnusableFreeSpaceIndex.perOrder(freeCounts: $0) }

    /// A live buddy block with its handle.
    public struct BuddyBlock: Sendable, Hashable {
        /// Offset from the region start.
        public var offset: Int
        /// The block's order.
        public var order: Int
        /// The block size.
        public var granted: Int
        /// Bytes the handle asked for.
        public var requested: Int
        /// The handle holding it, if any.
        public var handle: String?
    }

    /// The live blocks in address order, for a buddy lane (empty for a heap).
    /// - Complexity: O(live blocks), once per step.
    public private(set) lazy var buddyBlocks: [BuddyBlock] = {
        guard let allocator = lane.allocator.buddy?.allocator else { return [] }
        return allocator.liveBlocks.map { block in
            let handle = lane.owner(ofBlockAt: block.offset)
            return BuddyBlock(offset: block.offset, order: block.order, granted: block.grantedBytes,
                              requested: handle?.requested ?? block.requestedBytes, handle: handle?.name)
        }
    }()

    // MARK: heap lanes

    /// A heap chunk with the handle of its block.
    public struct HeapChunkRecord: Sendable, Equatable {
        /// The chunk as the heap reports it.
        public var chunk: HeapChunk
        /// Bytes requested by a live chunk's handle (or the heap's record of it).
        public var requested: Int?
        /// The handle holding a live chunk, if any.
        public var handle: String?
    }

    /// Every chunk in address order, for a heap lane (empty for a buddy).
    /// - Complexity: O(chunks), once per step.
    public private(set) lazy var heapChunks: [HeapChunkRecord] = {
        guard let heap = lane.allocator.heap?.heap else { return [] }
        return heap.chunks().map { chunk in
            if chunk.isFree { return HeapChunkRecord(chunk: chunk, requested: nil, handle: nil) }
            let handle = lane.owner(ofBlockAt: chunk.contentOffset)
            return HeapChunkRecord(chunk: chunk, requested: handle?.requested ?? chunk.requestedBytes, handle: handle?.name)
        }
    }()

    /// Every bin with its occupancy, in search order, for a heap lane (empty for a buddy).
    public private(set) lazy var heapBins: [HeapBinSummary] = lane.allocator.heap?.heap.binSummaries() ?? []

    // MARK: handles

    /// The block `handle` holds in this lane, or why it holds none.
    public func block(of handle: String) -> Result<LaneBlock, SessionError> {
        guard let entry = lane.handles[handle] else { return .failure(SessionError("\(handle) was never allocated")) }
        if let block = entry.block { return .success(block) }
        if handleTable.status(of: handle) != .live { return .failure(SessionError("\(handle) is freed")) }
        if let thief = entry.lostTo { return .failure(SessionError("\(handle)'s block in \(name) was released by the double free of \(thief)")) }
        return .failure(SessionError("\(handle) has no block in \(name): its allocation failed"))
    }

    /// The handle whose block starts at `offset` (a heap block's content offset), if any.
    public func handle(atBlockOffset offset: Int) -> String? { lane.owners[offset] }
}
