import Foundation
import Testing
@testable import AllocVizBench

/// `allocviz bench` at a tiny scale: every suite runs, verifies its own work, and reports its
/// rows. (Speed is never asserted here; the numbers come from release builds.)
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct BenchCommandTests {
    /// One row of `bench --json`, read with Foundation's JSON reader (independent of the writer).
    struct Row {
        var suite: String
        var subject: String
        /// The figure: JSON `null` in a row without one (unit `n/a` or `absent`).
        var figure: Double?
        var unit: String
        var ratio: Double?
        var peer: String?
        var aboveCeiling: Double?
        var note: String?

        init(_ line: Substring) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            suite = try #require(object["suite"] as? String)
            subject = try #require(object["subject"] as? String)
            unit = try #require(object["unit"] as? String)
            let value = try #require(object["value"], "no value in \(line)")
            if unit == "n/a" || unit == "absent" {
                // A figure that does not exist is null, not a 0 a reader would take for a measurement.
                #expect(value is NSNull, "a row without a figure has value null: \(line)")
                figure = nil
            } else {
                figure = try #require((value as? NSNumber)?.doubleValue, "value of \(line)")
            }
            ratio = (object["ratio"] as? NSNumber)?.doubleValue
            peer = object["peer"] as? String
            aboveCeiling = (object["aboveCeiling"] as? NSNumber)?.doubleValue
            note = object["note"] as? String
        }

        /// The figure of a row that has one (NaN otherwise, which no check accepts).
        var value: Double { figure ?? .nan }
    }

    /// The subjects each suite reports (sizes in the labels depend on the scale, so they are
    /// matched by prefix and suffix).
    static let expectedSubjects: [String: [(prefix: String, suffix: String)]] = [
        "buddy-fill": ["bitmap", "array-list", "linked-list"].flatMap { [($0, "iB alloc"), ($0, "iB free")] }
            + [("bitmap", "iB +events alloc"), ("bitmap", "iB +events free")],
        "buddy-scatter": ["bitmap", "array-list", "linked-list"].flatMap { [($0, " free alternate"), ($0, " refill")] },
        "buddy-view": ["bitmap", "array-list"].flatMap { [($0, " occupancy row"), ($0, " node-state row")] },
        "heap-w3": ["SegregatedFitHeap", "SegregatedFitHeap cache=16", "FirstFitHeap"].flatMap { [($0, " mean"), ($0, " min")] }
            + Self.generalPurposePeers.map { ($0, "") },
        "heap-walk": ["", " dense"].flatMap { label in
            ["chunks", "forEachChunk", "chunks()", "memoryMap 200 columns", "usage(in:) whole heap", "metrics()"].map { ($0, label) }
        },
        "render": [("paint 80x24", "array sources"), ("paint 200x60", "array sources"), ("paint 300x100", "array sources"),
                   ("paint 200x60, bitmap buddy + live heap", "whole heap"), ("paint 200x60, bitmap buddy + live heap", "1 MiB zoom")],
        "trace": ["heap 16MiB", "default lanes"].flatMap { lanes in
            [("\(lanes), no history", ""), ("\(lanes), history", ""), ("\(lanes), history kept", ""),
             ("\(lanes), history steps", ""), ("\(lanes), snapshots (", " steps)"), ("\(lanes), seek", ""),
             ("\(lanes), record away", "")]
        },
        "frames": ["heap 16MiB", "default lanes"].flatMap { lanes in
            ["frame at the end", "a step forward and its frame (median of 20)", "a random seek and its frame (median of 20)"].map { ("\(lanes) (", $0) }
        },
    ]

    /// The dlopen'd peers, in row order.
    static let generalPurposePeers = ["mimalloc", "jemalloc", "tcmalloc"]

    @Test func listNamesEverySuite() throws {
        let list = try BinaryRunner.run(["bench", "--list"])
        #expect(list.status == 0)
        let names = list.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        #expect(names == BenchCatalog.all.map(\.name))
        for suite in ["buddy-fill", "buddy-scatter", "buddy-view", "heap-w1", "heap-w2", "heap-w4", "heap-w3", "heap-walk", "render"] {
            #expect(names.contains(suite), "\(suite) is missing from bench --list")
        }
    }

    @Test func everySuiteReportsItsRowsAtATinyScale() throws {
        let result = try BinaryRunner.run(["bench", "--scale", "0.001", "--seconds", "0.01", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = try result.stdout.split(separator: "\n").map(Row.init)
        let bySuite = Dictionary(grouping: rows, by: \.suite)
        // Every suite reports, in catalogue order, and nothing else.
        var order: [String] = []
        for row in rows where order.last != row.suite { order.append(row.suite) }
        #expect(order == BenchCatalog.all.map(\.name))
        for row in rows where row.unit != "n/a" && row.unit != "absent" {
            #expect(row.value.isFinite && row.value >= 0, "\(row.suite) \(row.subject): \(row.value)")
            #expect(!row.unit.isEmpty)
        }
        for (suite, subjects) in Self.expectedSubjects {
            let reported = bySuite[suite, default: []]
            #expect(reported.count == subjects.count, "\(suite): \(reported.map(\.subject))")
            for (prefix, suffix) in subjects {
                #expect(reported.contains { $0.subject.hasPrefix(prefix) && $0.subject.hasSuffix(suffix) },
                        "\(suite) has no row '\(prefix) … \(suffix)': \(reported.map(\.subject))")
            }
        }
        // The timed heap suites: glibc is the live peer, measured in the same run, and each
        // other row's ratio is its value over glibc's. The general-purpose peers follow the
        // library's rows, each measured or marked absent, and the bump ceiling comes last;
        // every measured row states its ns/op above the bump.
        var anyAbsent = false
        for suite in ["heap-w1", "heap-w2", "heap-w4"] {
            let reported = bySuite[suite, default: []]
            #expect(reported.map(\.subject) == ["glibc malloc", "SegregatedFitHeap cache=16", "SegregatedFitHeap", "FirstFitHeap (baseline)"]
                    + Self.generalPurposePeers + ["bump (ceiling)"])
            let glibc = try #require(reported.first)
            #expect(glibc.unit == "Mops/s" && glibc.value > 0 && glibc.peer == nil)
            let bump = try #require(reported.last)
            #expect(bump.unit == "Mops/s" && bump.value > 0 && bump.aboveCeiling == 0)
            #expect(bump.note?.hasPrefix("the workload's own cost: ") == true, "\(bump.note ?? "no note")")
            for row in reported where row.unit == "Mops/s" {
                let above = try #require(row.aboveCeiling, "\(suite) \(row.subject) has no figure above the bump")
                #expect(abs(above - (1000 / row.value - 1000 / bump.value)) <= 1e-3 * max(1, abs(above)), "\(suite) \(row.subject)")
            }
            for row in reported.dropFirst() {
                if row.unit == "absent" {
                    // Only a peer may be absent, and the row says which library was missing.
                    anyAbsent = true
                    #expect(Self.generalPurposePeers.contains(row.subject) && row.ratio == nil)
                    #expect(row.note?.contains(".so.") == true, "\(row.subject): \(row.note ?? "no note")")
                    continue
                }
                #expect(row.unit == "Mops/s" && row.value > 0 && row.peer == "glibc")
                let ratio = try #require(row.ratio)
                #expect(abs(ratio - row.value / glibc.value) <= 1e-4 * max(1, ratio), "\(suite) \(row.subject)")
            }
        }
        #expect(result.stderr.contains("peers absent: ") == anyAbsent, "stderr names the absent peers exactly when some are")
        for peer in Self.generalPurposePeers {
            let row = try #require(bySuite["heap-w3", default: []].first { $0.subject == peer })
            #expect(row.unit == "n/a" && row.note?.contains("no fixed heap") == true, "heap-w3 \(peer): \(row.unit)")
        }
        // W3 fills a 1 MiB heap: percentages, the minimum never above the mean.
        let fill = bySuite["heap-w3", default: []].filter { $0.unit != "n/a" }
        for row in fill {
            #expect(row.unit == "%" && row.value > 0 && row.value <= 100, "\(row.subject): \(row.value)")
        }
        for heap in ["SegregatedFitHeap", "SegregatedFitHeap cache=16", "FirstFitHeap"] {
            let mean = try #require(fill.first { $0.subject == heap + " mean" }).value
            let minimum = try #require(fill.first { $0.subject == heap + " min" }).value
            #expect(minimum <= mean)
        }
        // The heap walk counts the chunks it walked: a whole number, at least the 1000 it aims for.
        for row in bySuite["heap-walk", default: []] where row.unit == "chunks" {
            #expect(row.value >= 1000 && row.value == row.value.rounded())
        }
        #expect(result.stderr.contains("[buddy-fill]"), "progress goes to stderr")
    }

    @Test func theTableShowsTheSameFiguresAsJSON() throws {
        // heap-w3 is deterministic for a seed (it measures space, not time).
        let arguments = ["bench", "heap-w3", "--scale", "0.02", "--seed", "3"]
        let table = try BinaryRunner.run(arguments)
        let json = try BinaryRunner.run(arguments + ["--json"])
        #expect(table.status == 0 && json.status == 0)
        let lines = table.stdout.split(separator: "\n")
        let header = try #require(lines.first)
        #expect(header.split(separator: " ") == ["suite", "subject", "value", "unit", "vs", "peer"])
        let rows = try json.stdout.split(separator: "\n").map(Row.init)
        #expect(lines.count == rows.count + 1)
        for (line, row) in zip(lines.dropFirst(), rows) {
            #expect(line.hasPrefix("heap-w3 ") && line.contains(" \(row.subject) "))
            let fields = line.split(separator: " ")
            if row.unit == "n/a" {
                // A row without a figure: a dash for the value, then the unit and the note.
                let note = try #require(row.note)
                #expect(line.contains(" -  n/a ") && line.hasSuffix(" " + note), "\(line)")
                continue
            }
            let value = try #require(Double(fields[fields.count - 2]), "\(line)")
            #expect(fields.last == "%")
            #expect(abs(value - row.value) <= 0.005 + 1e-9, "\(line) vs \(row.value)")
        }
    }

    @Test func unknownSuiteIsAUsageError() throws {
        let result = try BinaryRunner.run(["bench", "no-such-suite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown suite 'no-such-suite'"))
    }

    /// The heap workloads' generator: xoshiro256** seeded with the first four SplitMix64
    /// outputs. A peer harness in another language replays the same trace, so the sequence is
    /// pinned here.
    @Test func benchRandomKeepsItsSequence() {
        var random = BenchRandom(seed: 1)
        #expect((0..<4).map { _ in random.next() } == [0xb3f2_af6d_0fc7_10c5, 0x853b_5596_4736_4cea, 0x92f8_9756_082a_4514, 0x642e_1c7b_c266_a3a7])
        var sizes = BenchRandom(seed: 7)
        #expect((0..<4).map { _ in sizes.uniform(100, 1000) } == [731, 351, 856, 983])
    }
}
