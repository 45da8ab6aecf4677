import Allocators

/// A heap benchmark found a broken block (a tag overwritten): the allocator handed out overlapping memory.
struct HeapBenchCorruption: Error, CustomStringConvertible {
    var subject: String
    var count: Int
    var description: String { "\(subject): \(count) blocks had their tags overwritten" }
}

/// The free-list heap suites: W1, W2, W4 in Mops/s against glibc, the dlopen'd general-purpose
/// allocators (``GeneralPurposePeers``) and the bump ceiling in the same run, and W3
/// fill efficiency (live requested bytes / heap size at the first failed request).
enum HeapBenchSuites {
    static var all: [BenchSuite] {
        [
            BenchSuite(name: "heap-w1", summary: "W1 galloc random_actions, 256 MiB heap: Mops/s vs glibc and the installed peers, above a bump ceiling") { options, progress in
                try timedSuite(.randomActions, name: "heap-w1", options: options, progress: progress)
            },
            BenchSuite(name: "heap-w2", summary: "W2 small churn (8..256 B, align 8/16): Mops/s vs glibc and the installed peers, above a bump ceiling") { options, progress in
                try timedSuite(.smallChurn(alignment: nil), name: "heap-w2", options: options, progress: progress)
            },
            BenchSuite(name: "heap-w4", summary: "W4 small churn aligned to 64: Mops/s vs glibc and the installed peers, above a bump ceiling") { options, progress in
                try timedSuite(.smallChurn(alignment: 64), name: "heap-w4", options: options, progress: progress)
            },
            BenchSuite(name: "heap-w3", summary: "W3 fill efficiency on a 1 MiB heap, mean/min of 50 rounds") { options, progress in
                try fillSuite(options: options, progress: progress)
            },
            HeapWalkBench.suite,
        ]
    }

    /// The timed workloads.
    enum Workload {
        case randomActions
        case smallChurn(alignment: Int?)
    }

    /// Runs `workload` on any subject for `seconds`.
    static func run<S: HeapBenchSubject>(_ workload: Workload, on subject: inout S, seconds: Double, seed: UInt64) -> WorkloadCount {
        switch workload {
        case .randomActions: HeapWorkloads.randomActions(&subject, seconds: seconds, seed: seed)
        case .smallChurn(let alignment): HeapWorkloads.smallChurn(&subject, seconds: seconds, seed: seed, fixedAlignment: alignment)
        }
    }

    /// Front cache depth of the fast configuration measured beside the plain heap.
    static let frontCacheDepth = 16

    /// Heap size for the timed suites: 256 MiB at scale 1 (at least 4 MiB).
    static func heapBytes(_ options: BenchOptions) -> Int {
        max(4 << 20, Int(Double(256 << 20) * options.scale))
    }

    /// Rounds of the timed suites: the subjects take turns, and each keeps its best round, so
    /// a burst of load from elsewhere on the machine hits every subject alike.
    static let rounds = 5

    /// The subjects of the timed suites after glibc, in row order.
    enum TimedSubject {
        case segregatedFit(frontCacheDepth: Int)
        case peer(GeneralPurposePeers.Peer)
        case bumpCeiling

        var label: String {
            switch self {
            case .segregatedFit(let depth): HeapBenchSuites.label(depth)
            case .peer(let peer): peer.name
            case .bumpCeiling: bumpLabel
            }
        }
    }

    /// The row subject of the bump ceiling.
    static let bumpLabel = "bump (ceiling)"

    /// glibc, the segregated-fit heap (with and without the front cache), the general-purpose
    /// peers that loaded, and the bump ceiling on the same trace, `rounds` interleaved rounds
    /// of `options.seconds` each; then the first-fit baseline once. Every row but the bump's
    /// shows its ratio to glibc and its nanoseconds per operation above the bump.
    static func timedSuite(_ workload: Workload, name: String, options: BenchOptions,
                           progress: (String) -> Void) throws -> [BenchResult] {
        let bytes = heapBytes(options)
        let peers = GeneralPurposePeers.all
        let subjects: [TimedSubject] = [.segregatedFit(frontCacheDepth: frontCacheDepth), .segregatedFit(frontCacheDepth: 0)]
            + peers.filter(\.isLoaded).map { .peer($0) } + [.bumpCeiling]
        if let notice = GeneralPurposePeers.absenceNotice { progress(notice) }
        var glibcBest = 0.0
        var best = [Double](repeating: 0, count: subjects.count)
        var overwrittenInBump = 0
        for round in 1...rounds {
            progress("round \(round)/\(rounds): glibc malloc, \(options.seconds) s")
            var glibc = GlibcSubject()
            let peer = run(workload, on: &glibc, seconds: options.seconds, seed: options.seed)
            try check(peer, "glibc")
            glibcBest = max(glibcBest, peer.mopsPerSecond)
            for (index, subject) in subjects.enumerated() {
                progress("round \(round)/\(rounds): \(subject.label), \(options.seconds) s")
                let count: WorkloadCount
                switch subject {
                case .segregatedFit(let depth):
                    var heap = SegregatedFitSubject(heap: SegregatedFitHeap(capacity: bytes, frontCacheDepth: depth))
                    count = run(workload, on: &heap, seconds: options.seconds, seed: options.seed)
                    try check(count, subject.label)
                case .peer(let loaded):
                    guard let functions = loaded.functions else { continue }
                    var general = GeneralPurposeSubject(functions: functions)
                    count = run(workload, on: &general, seconds: options.seconds, seed: options.seed)
                    try check(count, subject.label)
                case .bumpCeiling:
                    var bump = BumpCeilingSubject()
                    count = run(workload, on: &bump, seconds: options.seconds, seed: options.seed)
                    bump.release()
                    overwrittenInBump = max(overwrittenInBump, count.corruptions)
                }
                best[index] = max(best[index], count.mopsPerSecond)
            }
        }
        let bumpNanoseconds = 1000 / best[subjects.count - 1]
        func row(_ label: String, _ mops: Double) -> BenchResult {
            BenchResult(suite: name, subject: label, value: mops, unit: "Mops/s", ratioToPeer: mops / glibcBest, peer: "glibc",
                        nanosecondsAboveCeiling: 1000 / mops - bumpNanoseconds)
        }
        var glibcRow = BenchResult(suite: name, subject: "glibc malloc", value: glibcBest, unit: "Mops/s")
        glibcRow.nanosecondsAboveCeiling = 1000 / glibcBest - bumpNanoseconds
        var rows = [glibcRow]
        for (index, subject) in subjects.enumerated() {
            if case .segregatedFit = subject { rows.append(row(subject.label, best[index])) }
        }
        progress("FirstFitHeap \(bytes >> 20) MiB, \(options.seconds) s")
        var slow = LibraryHeapSubject(heap: FirstFitHeap(capacity: bytes))
        let slowCount = run(workload, on: &slow, seconds: options.seconds, seed: options.seed)
        try check(slowCount, "FirstFitHeap")
        rows.append(row("FirstFitHeap (baseline)", slowCount.mopsPerSecond))
        for peer in peers {
            if let index = subjects.firstIndex(where: { if case .peer(let p) = $0 { p.name == peer.name } else { false } }) {
                rows.append(row(peer.name, best[index]))
            } else {
                rows.append(.withoutFigure(suite: name, subject: peer.name, unit: "absent",
                                           note: "\(peer.library) not loaded (\(peer.absence ?? "unknown")); Debian package \(peer.package)"))
            }
        }
        var bumpRow = row(bumpLabel, best[subjects.count - 1])
        bumpRow.note = "the workload's own cost: \(BenchReport.format(bumpNanoseconds)) ns/op"
            + (overwrittenInBump > 0 ? ", \(overwrittenInBump) blocks outlived a lap of its ring" : "")
        rows.append(bumpRow)
        return rows
    }

    /// The row label of a segregated-fit configuration.
    static func label(_ depth: Int) -> String {
        depth == 0 ? "SegregatedFitHeap" : "SegregatedFitHeap cache=\(depth)"
    }

    static func check(_ count: WorkloadCount, _ subject: String) throws {
        if count.corruptions > 0 { throw HeapBenchCorruption(subject: subject, count: count.corruptions) }
    }

    /// W3: mean and minimum fill efficiency over 50 rounds (scaled), for both library heaps.
    static func fillSuite(options: BenchOptions, progress: (String) -> Void) throws -> [BenchResult] {
        let rounds = max(1, Int((50 * options.scale).rounded()))
        let bytes = 1 << 20
        var rows: [BenchResult] = []
        func measure<S: HeapBenchSubject>(_ label: String, _ make: () -> S) throws {
            progress("\(label): \(rounds) rounds on 1 MiB")
            var rng = BenchRandom(seed: options.seed)
            var total = 0.0, minimum = 1.0
            for _ in 0..<rounds {
                var subject = make()
                let (requested, intact) = HeapWorkloads.fillRound(&subject, rng: &rng)
                if !intact { throw HeapBenchCorruption(subject: label, count: 1) }
                let efficiency = Double(requested) / Double(bytes)
                total += efficiency
                minimum = min(minimum, efficiency)
            }
            rows.append(BenchResult(suite: "heap-w3", subject: "\(label) mean", value: total / Double(rounds) * 100, unit: "%"))
            rows.append(BenchResult(suite: "heap-w3", subject: "\(label) min", value: minimum * 100, unit: "%"))
        }
        try measure("SegregatedFitHeap") { SegregatedFitSubject(heap: SegregatedFitHeap(capacity: bytes)) }
        try measure("SegregatedFitHeap cache=\(frontCacheDepth)") {
            SegregatedFitSubject(heap: SegregatedFitHeap(capacity: bytes, frontCacheDepth: frontCacheDepth))
        }
        try measure("FirstFitHeap") { LibraryHeapSubject(heap: FirstFitHeap(capacity: bytes)) }
        // A general-purpose allocator takes more memory from the system when it runs short:
        // it has no fixed heap to fill, so this figure does not exist for it.
        for peer in GeneralPurposePeers.all {
            rows.append(.withoutFigure(suite: "heap-w3", subject: peer.name, unit: "n/a",
                                       note: peer.isLoaded ? "grows its heap from the system: no fixed heap to fill"
                                                           : "absent, and grows its heap from the system: no fixed heap to fill"))
        }
        return rows
    }
}
