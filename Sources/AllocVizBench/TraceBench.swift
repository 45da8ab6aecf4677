import Allocators
import AllocVizCore
#if canImport(Glibc)
import Glibc
#endif

/// `allocviz bench --trace FILE...`: every allocator measured on a recorded trace.
///
/// Each allocator with offsets (every buddy implementation, every heap implementation, the
/// segregated-fit heap with its front cache) gets the space figures of ``TraceBenchFigures``
/// from one replay on a fresh allocator; then every allocator, glibc malloc and the loaded
/// general-purpose peers included, is timed over `repetitions` rounds (each on a fresh
/// allocator: one untimed replay to warm it, then replays from empty timed by the thread's
/// CPU clock) and keeps its best. Throughput is trace operations per CPU-second;
/// its ratio is to glibc's best in the same run.
///
/// Regions are sized like a trace's lanes (``TraceLanes``): the heaps get
/// ``TraceLanes/heapSize(for:)``, the buddies ``TraceLanes/buddyShape(for:size:)``.
public enum TraceBench {
    /// The suite name of the rows: `trace:FILE` with the file's last path component.
    public static func suiteName(for file: String) -> String {
        "trace:" + (file.split(separator: "/").last.map(String.init) ?? file)
    }

    /// The front cache depth of the cached segregated-fit row.
    public static let frontCacheDepth = 16

    /// A trace read for measuring: its summary and its operations in compact form (16 bytes an
    /// operation, ``TraceOperations``), not the parsed statements.
    public struct LoadedTrace: Sendable {
        /// The trace file.
        public var file: String
        /// What the trace asks (its warnings included).
        public var trace: TraceSummary?
        /// The operations, with ids mapped to reused slots.
        public var operations: TraceOperations
    }

    /// Reads the trace at `path` (whatever its name: it must be a trace). A regular file is
    /// streamed (``TraceStream/operations(_:bufferSize:)``: no size limit, never held as text or
    /// statements); a pipe or device is read whole and parsed.
    /// - Throws: ``ScriptErrors`` as `check` reports them.
    public static func load(_ path: String) throws(ScriptErrors) -> LoadedTrace {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            let (summary, operations) = try TraceStream.operations(path)
            return LoadedTrace(file: path, trace: summary, operations: operations)
        }
        switch ScriptFile.read(path) {
        case .success(let bytes):
            let script = try TraceParser.parse(bytes: bytes, file: path)
            return LoadedTrace(file: path, trace: script.trace, operations: script.traceOperations ?? TraceOperations(operations: [], slotCount: 0))
        case .failure(let error):
            throw ScriptErrors([ScriptDiagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                                                 message: error.description.hasPrefix(path + ": ") ? String(error.description.dropFirst(path.count + 2)) : error.description,
                                                 sourceLine: nil)])
        }
    }

    /// One allocator measured on a trace.
    public struct AllocatorResult: Sendable, Equatable {
        /// The row label, e.g. `buddy bitmap`, `heap segregated cache=16`, `glibc malloc`.
        public var name: String
        /// The space figures (nil for glibc and the peers, which have no offsets).
        public var figures: TraceBenchFigures?
        /// Trace operations per CPU-second, best of the rounds (nil when absent).
        public var operationsPerSecond: Double?
        /// `operationsPerSecond` over glibc's in the same run.
        public var ratioToGlibc: Double?
        /// Why a peer is absent.
        public var absence: String?
    }

    /// Every allocator measured on one trace.
    public struct TraceResult: Sendable, Equatable {
        /// The trace file.
        public var file: String
        /// Its operations and distinct ids.
        public var operationCount: Int
        /// See ``operationCount``.
        public var idCount: Int
        /// The most bytes live at once, as requested.
        public var peakLiveBytes: Int
        /// The heaps' capacity.
        public var heapCapacity: Int
        /// The buddies' region and minimum block.
        public var buddySize: Int
        /// See ``buddySize``.
        public var buddyMinimumBlock: Int
        /// One entry per allocator, in report order.
        public var allocators: [AllocatorResult]
    }

    /// An allocator the trace is replayed on.
    enum Candidate {
        case buddy(BuddyImplementation)
        case heap(HeapImplementation)
        case cachedSegregatedFit
        case glibc
        case peer(GeneralPurposePeers.Peer)

        var name: String {
            switch self {
            case .buddy(let implementation): "buddy \(implementation.name)"
            case .heap(let implementation): "heap \(implementation.name)"
            case .cachedSegregatedFit: "heap \(HeapImplementation.segregatedFit.name) cache=\(TraceBench.frontCacheDepth)"
            case .glibc: "glibc malloc"
            case .peer(let peer): peer.name
            }
        }

        var hasOffsets: Bool {
            switch self {
            case .buddy, .heap, .cachedSegregatedFit: true
            case .glibc, .peer: false
            }
        }
    }

    /// The regions the offset allocators get.
    struct Shape {
        var heapCapacity: Int
        var buddy: BuddyConfiguration
    }

    /// The CPU time a timing round of one allocator lasts at least, at scale 1: 20 ms.
    public static let minimumRoundNanoseconds = 20_000_000.0

    /// Measures every allocator on `script` (a parsed trace), reporting progress lines. Each of
    /// the `repetitions` timing rounds replays the trace on every allocator for at least
    /// ``minimumRoundNanoseconds`` times `scale` of CPU time.
    /// `heapCapacity` and `buddySize` replace the sizes chosen from the trace (the buddy's
    /// minimum block is then chosen as ``TraceLanes/buddyShape(for:size:)`` does).
    /// - Throws: ``TraceBenchError`` when `script` is not a trace, or its buddy region cannot be made.
    public static func run(_ script: Script, repetitions: Int, scale: Double = 1, heapCapacity: Int? = nil, buddySize: Int? = nil,
                           progress: (String) -> Void) throws -> TraceResult {
        guard let summary = script.trace, let trace = script.traceOperations else {
            throw TraceBenchError("\(script.file) is not a trace")
        }
        return try run(LoadedTrace(file: script.file, trace: summary, operations: trace), repetitions: repetitions, scale: scale,
                       heapCapacity: heapCapacity, buddySize: buddySize, progress: progress)
    }

    /// Measures every allocator on a trace read by ``load(_:)``, as ``run(_:repetitions:scale:heapCapacity:buddySize:progress:)``
    /// measures a parsed one.
    public static func run(_ loaded: LoadedTrace, repetitions: Int, scale: Double = 1, heapCapacity: Int? = nil, buddySize: Int? = nil,
                           progress: (String) -> Void) throws -> TraceResult {
        guard let summary = loaded.trace else { throw TraceBenchError("\(loaded.file) is not a trace") }
        let trace = loaded.operations
        let (buddySize, buddyMinimum) = TraceLanes.buddyShape(for: summary, size: buddySize)
        let shape = Shape(heapCapacity: heapCapacity ?? TraceLanes.heapSize(for: summary),
                          buddy: try BuddyConfiguration(minimumBlockSize: buddyMinimum, totalSize: buddySize))
        let candidates: [Candidate] = BuddyImplementation.allCases.map { .buddy($0) }
            + HeapImplementation.allCases.flatMap { $0 == .segregatedFit ? [Candidate.heap($0), .cachedSegregatedFit] : [.heap($0)] }
            + [.glibc] + GeneralPurposePeers.all.filter(\.isLoaded).map { .peer($0) }
        let base = String(suiteName(for: loaded.file).dropFirst("trace:".count))
        progress("\(base): \(trace.count) operations, \(summary.idCount) ids, peak live \(DisplayFormat.bytes(summary.peakLiveBytes)); "
                 + "buddy \(SizeLiteral.format(buddySize)) min=\(SizeLiteral.format(buddyMinimum)), heap \(SizeLiteral.format(shape.heapCapacity))")
        var figures: [TraceBenchFigures?] = []
        for candidate in candidates {
            if candidate.hasOffsets { progress("\(base): space figures, \(candidate.name)") }
            figures.append(candidate.hasOffsets ? measure(candidate, trace, shape) { done in
                progress("\(base): space figures, \(candidate.name): \(done * 100 / max(1, trace.count)) %")
            } : nil)
        }
        var rates = [Double](repeating: 0, count: candidates.count)
        let count = Double(trace.count)
        let target = UInt64(max(1, minimumRoundNanoseconds * scale))
        for round in 1...max(1, repetitions) {
            progress("\(base): timing round \(round)/\(max(1, repetitions))")
            for (index, candidate) in candidates.enumerated() {
                let timing = time(candidate, trace, shape, target: target)
                rates[index] = max(rates[index], count * Double(timing.replays) / (Double(max(timing.nanoseconds, 1)) / 1e9))
            }
        }
        let glibc = candidates.firstIndex { if case .glibc = $0 { true } else { false } }.map { rates[$0] }.flatMap { $0 > 0 ? $0 : nil }
        var allocators = candidates.indices.map { index in
            AllocatorResult(name: candidates[index].name, figures: figures[index], operationsPerSecond: rates[index],
                            ratioToGlibc: glibc.map { rates[index] / $0 })
        }
        for peer in GeneralPurposePeers.all where !peer.isLoaded {
            allocators.append(AllocatorResult(name: peer.name, absence: "\(peer.library) not loaded (\(peer.absence ?? "unknown")); Debian package \(peer.package)"))
        }
        return TraceResult(file: loaded.file, operationCount: trace.count, idCount: summary.idCount,
                           peakLiveBytes: summary.peakLiveBytes, heapCapacity: shape.heapCapacity,
                           buddySize: buddySize, buddyMinimumBlock: buddyMinimum, allocators: allocators)
    }

    /// The space figures of one replay of `trace` on a fresh allocator of `candidate` (one
    /// with offsets).
    /// `progress` hears the operations replayed so far, every ``TraceReplay/progressInterval``.
    static func measure(_ candidate: Candidate, _ trace: TraceOperations, _ shape: Shape,
                        progress: (_ done: Int) -> Void = { _ in }) -> TraceBenchFigures {
        switch candidate {
        case .buddy(let implementation):
            return measureBuddy(implementation.make(configuration: shape.buddy), trace, progress: progress)
        case .heap(let implementation):
            return measureHeap(implementation.make(capacity: shape.heapCapacity), trace, progress: progress)
        case .cachedSegregatedFit:
            return measureHeap(SegregatedFitHeap(capacity: shape.heapCapacity, frontCacheDepth: frontCacheDepth), trace, progress: progress)
        case .glibc, .peer:
            return TraceBenchFigures()
        }
    }

    /// One timing round of `trace` on a fresh allocator of `candidate` (see ``TraceReplay/time(_:on:target:)``).
    /// The segregated-fit heaps are timed through their pointer API, the way a program calls
    /// them and the way glibc and the peers are called; the others through their offset API.
    /// The buddies are timed as their concrete types, so the replay is specialised for each
    /// (through `any BuddyAllocator` every call would go through the witness table).
    static func time(_ candidate: Candidate, _ trace: TraceOperations, _ shape: Shape, target: UInt64) -> (replays: Int, nanoseconds: UInt64) {
        switch candidate {
        case .buddy(.bitmap):
            return timeBuddy(BitmapBuddyAllocator(configuration: shape.buddy), trace, target)
        case .buddy(.arrayList):
            return timeBuddy(ArrayListBuddyAllocator(configuration: shape.buddy), trace, target)
        case .buddy(.linkedList):
            return timeBuddy(LinkedListBuddyAllocator(configuration: shape.buddy), trace, target)
        case .heap(.segregatedFit):
            return timeSegregatedFit(SegregatedFitHeap(capacity: shape.heapCapacity), trace, target)
        case .heap(let implementation):
            return timeHeap(implementation.make(capacity: shape.heapCapacity), trace, target)
        case .cachedSegregatedFit:
            return timeSegregatedFit(SegregatedFitHeap(capacity: shape.heapCapacity, frontCacheDepth: frontCacheDepth), trace, target)
        case .glibc:
            return TraceReplay.time(trace, on: PointerTraceSubject(subject: GlibcSubject()), target: target)
        case .peer(let peer):
            guard let functions = peer.functions else { return (0, 1) }
            return TraceReplay.time(trace, on: PointerTraceSubject(subject: GeneralPurposeSubject(functions: functions)), target: target)
        }
    }

    static func measureBuddy<Buddy: BuddyAllocator>(_ buddy: Buddy, _ trace: TraceOperations,
                                                   progress: (_ done: Int) -> Void = { _ in }) -> TraceBenchFigures {
        TraceReplay.measure(trace, on: BuddyTraceSubject(buddy), progress: progress)
    }

    static func measureHeap<Heap: HeapAllocator>(_ heap: Heap, _ trace: TraceOperations,
                                                 progress: (_ done: Int) -> Void = { _ in }) -> TraceBenchFigures {
        TraceReplay.measure(trace, on: HeapTraceSubject(heap: heap, measuresGrantedBytes: true), progress: progress)
    }

    static func timeBuddy<Buddy: BuddyAllocator>(_ buddy: Buddy, _ trace: TraceOperations, _ target: UInt64) -> (replays: Int, nanoseconds: UInt64) {
        TraceReplay.time(trace, on: BuddyTraceSubject(buddy), target: target)
    }

    static func timeHeap<Heap: HeapAllocator>(_ heap: Heap, _ trace: TraceOperations, _ target: UInt64) -> (replays: Int, nanoseconds: UInt64) {
        TraceReplay.time(trace, on: HeapTraceSubject(heap: heap, measuresGrantedBytes: false), target: target)
    }

    static func timeSegregatedFit(_ heap: SegregatedFitHeap, _ trace: TraceOperations, _ target: UInt64) -> (replays: Int, nanoseconds: UInt64) {
        TraceReplay.time(trace, on: PointerTraceSubject(subject: SegregatedFitSubject(heap: heap)), target: target)
    }
}

/// Why a trace cannot be measured.
public struct TraceBenchError: Error, CustomStringConvertible {
    /// The message.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
