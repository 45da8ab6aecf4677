import Allocators

/// The `play --headless --json` format: one JSON object per step with the full state of every
/// lane. Documented in docs/json-format.md.
public enum JSONSessionStep {
    /// The format's version, the `"format"` member of every object.
    public static let formatVersion = "allocviz-step/2"

    /// The object for the session's current step (`session.position`; 0 is the initial state),
    /// with the expectations evaluated after it.
    public static func object(_ session: Session, expectations: [ExpectationResult] = []) -> JSONValue {
        let step = session.position
        let record = step > 0 ? session.record(at: step - 1) : nil
        var members: [(String, JSONValue)] = [
            ("format", .string(formatVersion)),
            ("step", .int(step)),
        ]
        if let record {
            members.append(("command", .string(record.command.description)))
            members.append(("handle", .string(record.command.handle)))
            members.append(("origin", origin(record.origin)))
        } else {
            members.append(("command", .null))
            members.append(("handle", .null))
            members.append(("origin", .null))
        }
        members.append(("note", .string(SessionFrameBuilder.currentNote(session))))
        members.append(("lanes", .array(session.configurations.indices.map { lane(session, index: $0, step: record?.lanes[$0]) })))
        members.append(("expectations", .array(expectations.map(expectation))))
        return .object(members)
    }

    static func origin(_ origin: StepOrigin) -> JSONValue {
        switch origin {
        case .manual: return .object([("kind", .string("manual"))])
        case .script(let line): return .object([("kind", .string("script")), ("line", .int(line))])
        case .random(let batch, let workload, let count, let index, let line):
            return .object([("kind", .string("random")), ("line", .int(line)), ("batch", .int(batch)),
                            ("index", .int(index)), ("count", .int(count)), ("seed", .string(String(workload.seed)))])
        }
    }

    static func outcome(_ outcome: LaneOutcome?) -> JSONValue {
        switch outcome {
        case nil, .idle?: return .object([("status", .string("idle"))])
        case .done(let offset)?: return .object([("status", .string("done")), ("offset", .int(offset))])
        case .failed(let why)?: return .object([("status", .string("failed")), ("message", .string(why))])
        case .rejected(let why)?: return .object([("status", .string("rejected")), ("message", .string(why))])
        case .skipped(let why)?: return .object([("status", .string("skipped")), ("message", .string(why))])
        }
    }

    static func event(_ event: LaneEvent) -> JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(event.kind.rawValue))]
        if let offset = event.offset { members.append(("offset", .int(offset))) }
        if let size = event.size { members.append(("size", .int(size))) }
        if let order = event.order { members.append(("order", .int(order))) }
        if let bin = event.bin { members.append(("bin", .string(bin.description))) }
        members.append(("text", .string(event.text)))
        return .object(members)
    }

    static func metrics(_ snapshot: LaneSnapshot) -> JSONValue {
        let m = snapshot.metrics
        return .object([
            ("capacity", .int(m.capacity)), ("used", .int(m.grantedBytes)), ("requested", .int(m.requestedBytes)),
            ("free", .int(m.freeBytes)), ("largestFree", .int(m.largestFreeBlock)), ("freeBlocks", .int(m.freeBlockCount)),
            ("liveBlocks", .int(m.liveBlockCount)), ("externalFragmentation", .double(m.externalFragmentation)),
            ("internalFragmentation", .int(m.internalFragmentation)), ("utilisation", .double(m.utilisation)),
            ("sawicki", .double(m.sawickiFragmentation)), ("failures", .int(snapshot.failures)),
        ])
    }

    static func lane(_ session: Session, index: Int, step: LaneStep?) -> JSONValue {
        let snapshot = session.laneSnapshot(index)
        let configuration = snapshot.configuration
        var members: [(String, JSONValue)] = [
            ("name", .string(configuration.name)), ("kind", .string(configuration.kind.rawValue)),
            ("implementation", .string(configuration.implementationName)),
            ("outcome", outcome(step?.outcome)), ("events", .array((step?.events ?? []).map(event))),
            ("metrics", metrics(snapshot)),
        ]
        switch snapshot.lane.allocator {
        case .buddy(let buddy):
            let shape = buddy.allocator.configuration
            members.append(("buddy", .object([
                ("minBlock", .int(shape.minimumBlockSize)), ("maxOrder", .int(shape.maxOrder)),
                ("freeCounts", .array((snapshot.buddyFreeCounts ?? []).map(JSONValue.int))),
                ("unusableIndex", .array((snapshot.unusableIndex ?? []).map(JSONValue.double))),
                ("blocks", .array(snapshot.buddyBlocks.map { block in
                    .object([("offset", .int(block.offset)), ("order", .int(block.order)), ("granted", .int(block.granted)),
                             ("requested", .int(block.requested)), ("handle", .string(block.handle))])
                })),
                ("freeBlocks", .array(buddy.allocator.freeBlocks.map { .object([("offset", .int($0.offset)), ("order", .int($0.order))]) })),
            ])))
        case .heap(let heapLane):
            members.append(("heap", .object([
                ("capacity", .int(heapLane.heap.capacity)),
                ("chunks", .array(snapshot.heapChunks.map { record in
                    let chunk = record.chunk
                    var fields: [(String, JSONValue)] = [
                        ("offset", .int(chunk.offset)), ("size", .int(chunk.size)), ("state", .string(chunk.isFree ? "free" : "used")),
                    ]
                    if chunk.isFree {
                        fields.append(("bin", .string(chunk.bin?.description)))
                    } else {
                        fields.append(("header", .int(chunk.headerBytes)))
                        fields.append(("requested", .int(chunk.requestedBytes)))
                        fields.append(("handle", .string(record.handle)))
                    }
                    return .object(fields)
                })),
                // Every bin at step 0 (the layout); after that the bins holding free chunks.
                ("bins", .array(snapshot.heapBins.filter { session.position == 0 || $0.count > 0 }.map { summary in
                    .object([("bin", .string(SessionFrameBuilder.binLabel(summary.bin))), ("minSize", .int(summary.minimumChunkSize)),
                             ("maxSize", .int(summary.maximumChunkSize)), ("count", .int(summary.count)), ("bytes", .int(summary.bytes)),
                             ("subBins", .array(summary.subBinCounts.map(JSONValue.int)))])
                })),
            ])))
        }
        // Only the handles holding a block here: a handle whose allocation failed in this lane
        // is counted, not listed, so a run of failed requests does not grow every later object.
        var holders: [String] = []
        switch snapshot.lane.allocator {
        case .buddy: holders = snapshot.buddyBlocks.compactMap(\.handle)
        case .heap: holders = snapshot.heapChunks.compactMap(\.handle)
        }
        // Named handles by name, then automatic ones by number (HandleTable.displayOrder), each
        // name parsed once rather than in every comparison.
        holders = holders.map { (number: HandleName.automaticNumber($0), name: $0) }
            .sorted { a, b in
                switch (a.number, b.number) {
                case let (x?, y?): x < y
                case (nil, _?): true
                case (_?, nil): false
                case (nil, nil): a.name < b.name
                }
            }
            .map(\.name)
        members.append(("handles", .object(holders.map { name in
            let entry = snapshot.lane.handles[name] ?? LaneHandleState()
            return (name, .object([
                ("offset", .int(entry.block?.offset)), ("requested", .int(entry.block?.requested)), ("granted", .int(entry.block?.granted)),
                ("failed", .bool(entry.failed)), ("moved", .bool(entry.moved)),
            ]))
        })))
        members.append(("blocklessHandles", .int(max(0, snapshot.handleTable.liveCount - holders.count))))
        return .object(members)
    }

    static func expectation(_ result: ExpectationResult) -> JSONValue {
        .object([("line", .int(result.location.line)), ("expect", .string(result.expectation.text)),
                 ("passed", .bool(result.passed)), ("actual", result.actual.map(JSONValue.double) ?? .null),
                 ("problem", .string(result.problem))])
    }
}
