import Allocators

/// Turns a session's state into the view models the views paint (``FrameViewModel``).
public enum SessionFrameBuilder {
    /// Up to this many live blocks, a buddy lane is drawn from its block list (exact internal
    /// waste and labels per cell); above, straight from the allocator's popcount queries.
    public static let blockListLimit = 20_000
    /// Log entries handed to the view (the newest).
    public static let logLength = 300
    /// External-fragmentation samples handed to the sparkline (the newest).
    public static let sparklineLength = 400

    /// What the front end adds to a frame beyond the session's state: mode, focus, zoom,
    /// selection, overlays. The defaults give the headless frame.
    public struct Options {
        /// Playback mode for the status line.
        public var mode: StatusViewModel.Mode = .manual
        /// The focused panel.
        public var focus: FrameViewModel.Focus?
        /// Total steps to show in the status line (default: the session's timeline length).
        public var stepCount: Int?
        /// A transient message for the status line.
        public var message: String?
        /// A prompt being typed, shown instead of the key hints.
        public var prompt: String?
        /// Draw the help overlay.
        public var showHelp = false
        /// How many of the newest log entries to build: ``logLength`` for a log that can be
        /// scrolled; a frame that is never scrolled needs no more than its height (every entry
        /// takes at least one row).
        public var logEntries = SessionFrameBuilder.logLength
        /// Lines the log is scrolled back.
        public var logScroll = 0
        /// Per lane index: the buddy subtree shown (zoom).
        public var buddyZoom: [Int: BuddyNodeID] = [:]
        /// Per lane index: the selected buddy node.
        public var buddySelection: [Int: BuddyNodeID] = [:]
        /// The buddy lanes whose auto-focus follows the selection (moved by hand) instead of
        /// the blocks the last operation touched.
        public var buddyFocusFollowsSelection: Set<Int> = []
        /// Per lane index: the heap address range shown.
        public var heapRange: [Int: Range<Int>] = [:]
        /// Per lane index: the selected heap chunk offset.
        public var heapSelection: [Int: Int] = [:]
        /// Whether to highlight what the last step touched.
        public var highlights = true
        /// The sub-step (1-based beat of ``StepAnimation``) of the current step to draw, or nil
        /// for the step's final frame. A sub-step shows the state right after its beat, that
        /// beat highlighted, and its caption in the status line instead of ``message``.
        public var subStep: Int?
        /// Whether the status line shows the key hints (off in headless frames, where no key works).
        public var keyHints = true
        /// Whether buddy panels focus on the blocks the last operation touched when they are too
        /// fine to draw legibly (only while not zoomed by hand).
        public var buddyAutoFocus = true

        /// Creates options with the defaults.
        public init(mode: StatusViewModel.Mode = .manual) { self.mode = mode }
    }

    /// The whole frame for the session's current step.
    public static func frame(_ session: Session, mode: StatusViewModel.Mode = .manual) -> FrameViewModel {
        frame(session, options: Options(mode: mode))
    }

    /// The whole frame for the session's current step, with the front end's options.
    public static func frame(_ session: Session, options: Options) -> FrameViewModel {
        let last = options.highlights && session.position > 0 ? session.record(at: session.position - 1) : nil
        // A sub-step: each lane with a beat in it is drawn at that beat; the others (fewer
        // beats) show their final state.
        var animationFrame: (animation: StepAnimation, frame: Int)?
        var message = options.message
        if let subStep = options.subStep, let record = session.currentRecord {
            let animation = StepAnimation(record: record)
            if subStep >= 1 && subStep <= animation.frameCount {
                animationFrame = (animation, subStep)
                message = animation.caption(frame: subStep, lanes: session.configurations)
            }
        }
        return FrameViewModel(
            title: session.title ?? "allocviz",
            lanes: session.configurations.indices.map { index in
                let animated = animationFrame.flatMap { $0.animation.beat($0.frame, lane: index) == nil ? nil : $0 }
                return lane(session, index: index, lastStep: last, options: options, animationFrame: animated)
            },
            log: log(session, options: options),
            status: status(session, options: options, message: message),
            focus: options.focus,
            note: currentNote(session),
            showHelp: options.showHelp)
    }

    /// The animation of the current step when `options` draw one of its sub-steps.
    static func subStepAnimation(_ session: Session, options: Options) -> StepAnimation? {
        guard let subStep = options.subStep, let record = session.currentRecord else { return nil }
        let animation = StepAnimation(record: record)
        return subStep >= 1 && subStep <= animation.frameCount ? animation : nil
    }

    /// The status line's model.
    static func status(_ session: Session, options: Options, message: String?) -> StatusViewModel {
        var status = StatusViewModel(mode: options.mode, step: session.position, stepCount: options.stepCount ?? session.stepCount,
                                     prompt: options.prompt, message: message)
        status.showsKeyHints = options.keyHints
        return status
    }

    /// The note to show: the last `note`, while no allocator operation has happened since.
    public static func currentNote(_ session: Session) -> String? {
        var index = session.position - 1
        while index >= 0 {
            switch session.steps[index].command {
            case .note(let text): return text
            case .pause: index -= 1
            default: return nil
            }
        }
        return nil
    }

    /// One lane's panel model and stats; with `animationFrame`, the lane as it was right after
    /// that sub-step's beat, only the beat highlighted.
    public static func lane(_ session: Session, index: Int, lastStep: StepRecord?, options: Options = Options(),
                            animationFrame: (animation: StepAnimation, frame: Int)? = nil) -> LaneViewModel {
        let snapshot = session.laneSnapshot(index)
        let beat = animationFrame.flatMap { $0.animation.beat($0.frame, lane: index) }
        let subStepAnimation = subStepAnimation(session, options: options)
        let events = beat.map { [$0.event] } ?? lastStep?.lanes[index].events ?? []
        let content: LaneViewModel.Content
        switch snapshot.lane.allocator {
        case .buddy(let buddy):
            let allocator = buddy.allocator
            let shape = allocator.configuration
            let source: any BuddyTreeSource
            // A sub-step focuses as its step's final frame does (the step's final state decides
            // which touched blocks exist), so the cascade moves inside a fixed frame.
            var focusSource: (any BuddyTreeSource)? = nil
            if allocator.liveBlockCount <= blockListLimit {
                let blocks = buddyBlocks(snapshot)
                let final = ArrayBuddyTreeSource(minBlockSize: shape.minimumBlockSize, maxOrder: shape.maxOrder, blocks: blocks)
                if let (animation, frame) = animationFrame,
                   let tiling = animation.buddyTiling(frame: frame, lane: index, minBlockSize: shape.minimumBlockSize,
                                                      maxOrder: shape.maxOrder, finalBlocks: blocks) {
                    source = tiling.source
                    focusSource = final
                } else {
                    source = final
                }
            } else {
                source = BuddyAllocatorTreeSource(allocator: allocator, lane: snapshot.lane)
            }
            let highlights = events.compactMap { event -> BuddyHighlight? in
                guard let offset = event.offset, let order = event.order, let kind = highlightKind(event.kind) else { return nil }
                let node = BuddyNodeID(order: order, index: offset / shape.blockSize(order: order))
                return BuddyHighlight(node: node, kind: kind)
            }
            var model = BuddyViewModel(source: source, zoomRoot: options.buddyZoom[index], selection: options.buddySelection[index],
                                       highlights: highlights, autoFocus: options.buddyAutoFocus,
                                       focusTargets: recentlyTouchedBuddyNodes(session, lane: index, shape: shape))
            model.focusSource = focusSource
            model.focusFollowsSelection = options.buddyFocusFollowsSelection.contains(index)
            content = .buddy(model)
        case .heap(let heapLane):
            let heap = heapLane.heap
            let source = HeapWindowMapSource(heap: heap, lane: snapshot.lane) { chunks in
                animationFrame.map { $0.animation.heapChunks(frame: $0.frame, lane: index, finalChunks: chunks) } ?? chunks
            }
            let touched = Set(events.compactMap { $0.bin?.summaryBin })
            let bins = snapshot.heapBins.map { summary in
                HeapBinViewModel(label: binLabel(summary.bin), count: summary.count, bytes: summary.bytes,
                                 subBinCounts: summary.subBinCounts, touched: touched.contains(summary.bin),
                                 chunkSizes: summary.minimumChunkSize ... max(summary.minimumChunkSize, summary.maximumChunkSize))
            }
            let highlights = events.compactMap { event -> HeapHighlight? in
                guard let offset = event.offset, let size = event.size, size > 0, let kind = highlightKind(event.kind) else { return nil }
                return HeapHighlight(range: offset ..< offset + size, kind: kind)
            }
            content = .heap(HeapViewModel(source: source, bins: bins,
                                          visibleRange: options.heapRange[index], selection: options.heapSelection[index],
                                          highlights: highlights))
        }
        let laneStats = subStepAnimation.map { statsBeforeStep(session, index: index, animation: $0) } ?? stats(session, index: index)
        return LaneViewModel(name: snapshot.name, implementation: snapshot.lane.allocator.implementationName, content: content,
                             stats: laneStats)
    }

    /// The stats figures of lane `index` as they were before the current step, which a sub-step
    /// shows (its drawing lies between the states before and after the step, and so would any
    /// figure of the final state contradict it): the previous step's metrics (a fresh lane's
    /// before step 1), the fragmentation history up to it, the free counts with the step's
    /// events undone (nil above ``blockListLimit`` live blocks), `beforeStep` set.
    public static func statsBeforeStep(_ session: Session, index: Int, animation: StepAnimation) -> LaneStatsViewModel {
        let position = session.position
        let snapshot = session.laneSnapshot(index)
        let metrics = position >= 2 ? session.record(at: position - 2).lanes[index].metrics
                                    : LaneAllocator(configuration: session.configurations[index]).metrics(requestedBytes: 0)
        let start = max(0, position - 1 - sparklineLength)
        let history = session.records(in: start ..< position - 1).map { $0.lanes[index].metrics.externalFragmentation }
        var buddyInfo: [Int]? = nil
        if case .buddy(let buddy) = snapshot.lane.allocator, buddy.allocator.liveBlockCount <= blockListLimit {
            let shape = buddy.allocator.configuration
            buddyInfo = animation.buddyTilingBeforeStep(lane: index, minBlockSize: shape.minimumBlockSize, maxOrder: shape.maxOrder,
                                                        finalBlocks: buddyBlocks(snapshot))?.source.freeBlockCounts()
        }
        let failedNow = animation.record.lanes[index].outcome.isFailure ? 1 : 0
        var stats = LaneStatsViewModel(
            capacity: metrics.capacity, used: metrics.grantedBytes, requested: metrics.requestedBytes,
            free: metrics.freeBytes, largestFree: metrics.largestFreeBlock, liveBlocks: metrics.liveBlockCount,
            freeBlocks: metrics.freeBlockCount, externalFragmentation: metrics.externalFragmentation,
            internalFragmentation: metrics.internalFragmentation, externalFragmentationHistory: history,
            buddyInfo: buddyInfo, failedRequests: snapshot.failures - failedNow)
        stats.beforeStep = position
        return stats
    }

    /// A buddy lane's live blocks as the panel's block list.
    static func buddyBlocks(_ snapshot: LaneSnapshot) -> [ArrayBuddyTreeSource.Block] {
        snapshot.buddyBlocks.map { block in
            ArrayBuddyTreeSource.Block(offset: block.offset, order: block.order, requested: block.requested, label: block.handle)
        }
    }

    /// The stats panel figures of a lane, with the fragmentation history of the applied steps.
    public static func stats(_ session: Session, index: Int) -> LaneStatsViewModel {
        let snapshot = session.laneSnapshot(index)
        let metrics = snapshot.metrics
        let start = max(0, session.position - sparklineLength)
        let history = session.records(in: start..<session.position).map { $0.lanes[index].metrics.externalFragmentation }
        return LaneStatsViewModel(
            capacity: metrics.capacity, used: metrics.grantedBytes, requested: metrics.requestedBytes,
            free: metrics.freeBytes, largestFree: metrics.largestFreeBlock, liveBlocks: metrics.liveBlockCount,
            freeBlocks: metrics.freeBlockCount, externalFragmentation: metrics.externalFragmentation,
            internalFragmentation: metrics.internalFragmentation, externalFragmentationHistory: history,
            buddyInfo: snapshot.buddyFreeCounts, failedRequests: snapshot.failures)
    }

    /// The log of the applied steps (the newest `entries`, at most ``logLength``).
    public static func log(_ session: Session, scroll: Int = 0, entries count: Int = logLength) -> LogViewModel {
        let start = max(0, session.position - min(count, logLength))
        let entries = zip(start..<session.position, session.records(in: start..<session.position)).map { logEntry($1, step: $0 + 1, lanes: session.configurations) }
        return LogViewModel(entries: entries, scrollOffset: scroll, laterSteps: session.stepCount - session.position)
    }

    /// The log for a frame drawn with `options`.
    static func log(_ session: Session, options: Options) -> LogViewModel {
        var log = log(session, scroll: options.logScroll, entries: options.logEntries)
        log.showsKeyHints = options.keyHints
        return log
    }

    /// One log entry: the operation, then each lane's outcome and events.
    public static func logEntry(_ record: StepRecord, step: Int, lanes: [LaneConfiguration]) -> LogEntryViewModel {
        let operation = record.command.description
        var lines: [String] = []
        for (configuration, lane) in zip(lanes, record.lanes) {
            switch lane.outcome {
            case .idle: continue
            case .done(let offset?):
                if case .free = record.command { lines.append("\(configuration.name): freed \(DisplayFormat.hex(offset))") }
                else { lines.append("\(configuration.name): at \(DisplayFormat.hex(offset))") }
            case .done(nil): lines.append("\(configuration.name): done")
            case .failed(let why): lines.append("\(configuration.name): FAILED: \(why)")
            case .rejected(let why): lines.append("\(configuration.name): REJECTED: \(why)")
            case .skipped(let why): lines.append("\(configuration.name): \(why)")
            }
            // The outcome line already states a refusal's reason: the error event that carries
            // the same text (kept in the record for the block's highlight) is not repeated.
            let reason: String? = if case .rejected(let why) = lane.outcome { why } else { nil }
            for event in lane.events where event.kind != .failure && event.kind != .info {
                if event.kind == .error, let reason, reason.hasSuffix(event.text) { continue }
                lines.append("  \(event.text)")
            }
        }
        return LogEntryViewModel(step: step, operation: operation, events: lines, failed: record.failedSomewhere)
    }

    static func highlightKind(_ kind: LaneEvent.Kind) -> HighlightKind? {
        switch kind {
        case .split: return .split
        case .merge: return .merge
        case .allocate: return .allocate
        case .free: return .free
        case .resize: return .resize
        case .move: return .move
        case .error: return .failure
        case .claim, .release, .failure, .info: return nil
        }
    }

    /// A short bin label: `40` (smallbin chunk size), `L11.4` (TLSF class), `holes`, `LIFO holes`.
    public static func binLabel(_ bin: HeapBin) -> String {
        switch bin {
        case .small(let size, _): return "\(size)"
        case .large(let first, let second): return "L\(first).\(second)"
        case .holeList: return "holes"
        case .lifoHoleList: return "LIFO holes"
        }
    }
}
