import AllocVizCore
import Foundation
import Testing

/// `--json` whose size follows what changed: failed handles counted rather than listed, and the
/// compact form (full objects every K steps, changes between them) that rebuilds the full form.
@Suite struct JSONCompactTests {
    static func lines(_ script: String, compactEvery interval: Int? = nil) throws -> [String] {
        var player = HeadlessPlayer()
        player.output = .json
        player.compactJSONKeyframeInterval = interval
        var lines: [String] = []
        _ = try player.play(try ScriptParser.parse(script, file: "c.aviz")) { lines.append($0) }
        return lines
    }

    static func growth(_ count: Int) -> String {
        "buddy 64KiB\nheap 8KiB\nrandom \(count) seed=1 sizes=1MiB..2MiB free=0%\n"
    }

    // Failed before: every failed handle stayed in every later object's `handles`, so the
    // output grew with the square of the steps (the last object of 80 steps was ~60 entries longer).
    @Test func failedHandlesAreCountedNotListed() throws {
        let short = try #require(try Self.lines(Self.growth(20)).last)
        let long = try #require(try Self.lines(Self.growth(80)).last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(long.utf8)) as? [String: Any])
        for lane in try #require(object["lanes"] as? [[String: Any]]) {
            #expect((lane["handles"] as? [String: Any])?.isEmpty == true)
            #expect(lane["blocklessHandles"] as? Int == 80)
        }
        #expect(long.utf8.count - short.utf8.count < 40, "\(short.utf8.count) -> \(long.utf8.count)")
    }

    static let churn = """
        buddy 64KiB min=1KiB
        heap 16KiB
        alloc A 3000
        alloc B 9KiB align=64
        note "churn"
        random 120 seed=9 sizes=8..6KiB free=45% realloc=20% align=8..64
        free A
        realloc B 100
        random 40 seed=3 sizes=1MiB..2MiB free=0%
        """

    /// Rebuilds the full objects from the compact stream by the rules of docs/json-format.md and
    /// compares them with the full stream, key by key.
    @Test(arguments: [1, 7, 100])
    func theCompactFormRebuildsTheFullForm(interval: Int) throws {
        let full = try Self.lines(Self.churn)
        let compact = try Self.lines(Self.churn, compactEvery: interval)
        #expect(compact.count == full.count)
        var current: [String: Any] = [:]
        for (index, line) in compact.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if index % interval == 0 {
                #expect(object["format"] as? String == "allocviz-step/2", "line \(index)")
                current = object
            } else {
                #expect(object["format"] as? String == "allocviz-change/2", "line \(index)")
                current = try Self.apply(object, to: current)
            }
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(full[index].utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: current).isEqual(to: expected), "step \(index)")
        }
        if interval == 100 {
            #expect(compact.joined().utf8.count * 3 < full.joined().utf8.count * 2, "compact \(compact.joined().utf8.count), full \(full.joined().utf8.count)")
        }
    }

    static func apply(_ change: [String: Any], to full: [String: Any]) throws -> [String: Any] {
        var result = change
        result["format"] = full["format"]
        let oldLanes = try #require(full["lanes"] as? [[String: Any]])
        let newLanes = try #require(change["lanes"] as? [[String: Any]])
        result["lanes"] = try zip(oldLanes, newLanes).map { old, new -> [String: Any] in
            var lane = old
            for (key, value) in new {
                switch key {
                case "handles":
                    var handles = try #require(old["handles"] as? [String: Any])
                    let delta = try #require(value as? [String: Any])
                    for (name, entry) in try #require(delta["set"] as? [String: Any]) { handles[name] = entry }
                    for name in try #require(delta["removed"] as? [String]) { handles[name] = nil }
                    lane[key] = handles
                case "buddy", "heap":
                    var structure = try #require(old[key] as? [String: Any])
                    for (member, part) in try #require(value as? [String: Any]) {
                        guard ["blocks", "freeBlocks", "chunks"].contains(member) else {
                            structure[member] = part
                            continue
                        }
                        let delta = try #require(part as? [String: Any])
                        var byOffset: [Int: Any] = [:]
                        for entry in try #require(structure[member] as? [[String: Any]]) { byOffset[try #require(entry["offset"] as? Int)] = entry }
                        for offset in try #require(delta["removed"] as? [Int]) { byOffset[offset] = nil }
                        for entry in try #require(delta["set"] as? [[String: Any]]) { byOffset[try #require(entry["offset"] as? Int)] = entry }
                        structure[member] = byOffset.keys.sorted().map { byOffset[$0]! }
                    }
                    lane[key] = structure
                default: lane[key] = value
                }
            }
            return lane
        }
        return result
    }
}
