import AllocVizCore

extension TraceBench {
    /// The metrics of a row, in table order: subject suffix and unit.
    public enum Metric: String, CaseIterable, Sendable {
        /// Peak payload / high-water mark, in percent.
        case peakUtilisation = "peak utilisation"
        /// High-water mark / peak payload - 1, in percent.
        case fragmentation = "J&W fragmentation"
        /// Granted - requested bytes of the blocks live at the peak payload.
        case internalFragmentation = "internal fragmentation at peak"
        /// Requests the allocator refused.
        case failedRequests = "failed requests"
        /// Trace operations per CPU-second, in millions.
        case throughput = "throughput"

        /// The row's unit.
        public var unit: String {
            switch self {
            case .peakUtilisation, .fragmentation: "%"
            case .internalFragmentation: "B"
            case .failedRequests: "requests"
            case .throughput: "Mops/s"
            }
        }

        /// The figure from `figures` (nil for throughput).
        func value(_ figures: TraceBenchFigures) -> Double? {
            switch self {
            case .peakUtilisation: figures.peakUtilisation * 100
            case .fragmentation: figures.johnstoneWilsonFragmentation * 100
            case .internalFragmentation: Double(figures.internalFragmentationAtPeak)
            case .failedRequests: Double(figures.failedRequests)
            case .throughput: nil
            }
        }
    }

    /// The rows of one trace's results, in the shape of every suite's rows: suite
    /// `trace:FILE`, subject `ALLOCATOR: METRIC` (``Metric``). glibc and the peers get `n/a`
    /// rows for the space figures; an absent peer one `absent` row.
    public static func rows(_ result: TraceResult) -> [BenchResult] {
        let suite = suiteName(for: result.file)
        var rows: [BenchResult] = []
        for allocator in result.allocators {
            if let absence = allocator.absence {
                rows.append(.withoutFigure(suite: suite, subject: "\(allocator.name): \(Metric.throughput.rawValue)", unit: "absent", note: absence))
                continue
            }
            for metric in Metric.allCases {
                let subject = "\(allocator.name): \(metric.rawValue)"
                if metric == .throughput {
                    rows.append(BenchResult(suite: suite, subject: subject, value: (allocator.operationsPerSecond ?? 0) / 1e6, unit: metric.unit,
                                            ratioToPeer: allocator.ratioToGlibc, peer: allocator.ratioToGlibc == nil ? nil : "glibc"))
                } else if let figures = allocator.figures, let value = metric.value(figures) {
                    rows.append(BenchResult(suite: suite, subject: subject, value: value, unit: metric.unit))
                } else {
                    rows.append(.withoutFigure(suite: suite, subject: subject, unit: "n/a", note: "no offsets: throughput only"))
                }
            }
        }
        return rows
    }

    /// JSON lines of every trace's ``rows(_:)`` (the format of ``BenchReport/jsonLines(_:)``).
    public static func jsonLines(_ results: [TraceResult]) -> String {
        BenchReport.jsonLines(results.flatMap(rows))
    }

    /// One table per trace: a heading with the trace's figures and regions, then one line per
    /// allocator with its peak utilisation, J&W fragmentation, internal fragmentation at the
    /// peak, failed requests, throughput and ratio to glibc (`n/a` where it has no offsets),
    /// then a legend stating the formulas. A column is as wide as its widest cell plus two
    /// spaces (at least its usual width), so cells never run together.
    public static func table(_ results: [TraceResult]) -> String {
        var out = ""
        for result in results {
            if !out.isEmpty { out += "\n" }
            out += "\(suiteName(for: result.file).dropFirst(6)): \(result.operationCount) operations, \(result.idCount) ids, "
            out += "peak live \(DisplayFormat.bytes(result.peakLiveBytes)); "
            out += "buddy \(SizeLiteral.format(result.buddySize)) min=\(SizeLiteral.format(result.buddyMinimumBlock)), heap \(SizeLiteral.format(result.heapCapacity))\n"
            let nameWidth = max(10, result.allocators.map(\.name.count).max() ?? 0) + 2
            let headings = ["peak util", "J&W frag", "internal@peak", "failed", "Mops/s", "vs glibc"]
            let rows = result.allocators.map { ($0, $0.absence == nil ? tableCells($0) : []) }
            var widths = [10, 10, 14, 8, 10, 10]
            for (_, cells) in rows {
                for (column, cell) in cells.enumerated() { widths[column] = max(widths[column], cell.count + 2) }
            }
            var line = DisplayFormat.pad("allocator", nameWidth)
            for (heading, width) in zip(headings, widths) { line += DisplayFormat.padLeft(heading, width) }
            out += line + "\n"
            for (allocator, cells) in rows {
                line = DisplayFormat.pad(allocator.name, nameWidth)
                if let absence = allocator.absence {
                    out += (line + "absent: " + absence) + "\n"
                    continue
                }
                for (cell, width) in zip(cells, widths) { line += DisplayFormat.padLeft(cell, width) }
                out += line.trailingSpacesRemoved + "\n"
            }
        }
        if !results.isEmpty {
            out += "\npeak util = peak payload / high-water mark; J&W frag = high-water mark / peak payload - 1;\n"
            out += "payload = requested bytes live; high-water mark = highest block end (offset + granted, heap headers included);\n"
            out += "internal@peak = granted - requested bytes live at the peak payload; Mops/s = trace operations per CPU-second, best of the rounds.\n"
        }
        return out
    }

    /// A measured allocator's table cells, in heading order (`n/a` for the space figures of
    /// one without offsets; an empty ratio without glibc).
    static func tableCells(_ allocator: AllocatorResult) -> [String] {
        var cells: [String]
        if let figures = allocator.figures {
            cells = [BenchReport.format(figures.peakUtilisation * 100) + "%",
                     BenchReport.format(figures.johnstoneWilsonFragmentation * 100) + "%",
                     "\(figures.internalFragmentationAtPeak) B", "\(figures.failedRequests)"]
        } else {
            cells = ["n/a", "n/a", "n/a", "n/a"]
        }
        cells.append(BenchReport.format((allocator.operationsPerSecond ?? 0) / 1e6))
        cells.append(allocator.ratioToGlibc.map { BenchReport.format($0) + "x" } ?? "")
        return cells
    }
}
