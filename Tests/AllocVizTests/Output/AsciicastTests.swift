import Testing
@testable import AllocVizCore

/// Parses a cast into its header and events, checking each line is one JSON value.
private func parseCast(_ text: String) throws -> (header: [String: ReadJSON], events: [(Double, String, String)]) {
    #expect(text.hasSuffix("\n"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let first = try #require(lines.first)
    let header = try #require(try ReadJSON.parse(String(first)).object)
    var events: [(Double, String, String)] = []
    for line in lines.dropFirst() {
        let array = try #require(try ReadJSON.parse(String(line)).array)
        #expect(array.count == 3)
        events.append((try #require(array[0].double), try #require(array[1].string), try #require(array[2].string)))
    }
    return (header, events)
}

@Suite struct AsciicastTests {
    static let small = GridSize(width: 80, height: 24)

    private func frames() -> [CellGrid] {
        var model = RenderFixtures.frame
        var grids: [CellGrid] = []
        for step in 1 ... 3 {
            model.status.step = step
            model.note = step == 2 ? "say \"hi\" \\ then\ttab" : nil
            grids.append(FrameView.paint(model, size: Self.small))
        }
        return grids
    }

    @Test func headerCarriesVersionSizeTitleAndEnv() throws {
        let writer = AsciicastWriter(
            output: String(), size: GridSize(width: 100, height: 30), title: "Buddy \"splits\"\n", timestamp: 1_700_000_000,
            idleTimeLimit: 2)
        let cast = try parseCast(writer.output)
        #expect(cast.header["version"]?.int == 2)
        #expect(cast.header["width"]?.int == 100)
        #expect(cast.header["height"]?.int == 30)
        #expect(cast.header["timestamp"]?.int == 1_700_000_000)
        #expect(cast.header["idle_time_limit"]?.int == 2)
        #expect(cast.header["title"]?.string == "Buddy \"splits\"\n")
        #expect(cast.header["env"]?["TERM"]?.string == "xterm-256color")
        #expect(cast.events.isEmpty)
    }

    @Test func eventsComeInOrderWithMarkersAndNonDecreasingTimes() throws {
        var writer = AsciicastWriter(output: String(), size: Self.small)
        let grids = frames()
        writer.frame(grids[0], at: 0)
        writer.marker("note: \"quoted\" \\ back\u{1}slash\nnewline", at: 0.5)
        writer.frame(grids[1], at: 0.5)
        writer.frame(grids[2], at: 0.25)  // earlier than the last event: raised
        let cast = try parseCast(writer.output)
        #expect(cast.events.map(\.1) == ["o", "m", "o", "o"])
        #expect(cast.events.map(\.0) == [0, 0.5, 0.5, 0.5])
        #expect(cast.events[1].2 == "note: \"quoted\" \\ back\u{1}slash\nnewline")
        #expect(writer.eventCount == 4)
    }

    @Test func replayingTheOutputEventsGivesTheLastFrame() throws {
        for palette in [ANSIPalette.color, .monochrome] {
            var writer = AsciicastWriter(output: String(), size: Self.small, palette: palette)
            let grids = frames()
            for (i, grid) in grids.enumerated() { writer.frame(grid, at: Double(i) * 0.75) }
            let cast = try parseCast(writer.output)
            var terminal = VirtualTerminal(width: Self.small.width, height: Self.small.height)
            for (i, event) in cast.events.enumerated() {
                try terminal.apply(event.2)
                #expect(terminal.text == grids[i].text, "frame \(i) replays")
            }
        }
    }

    @Test func aFrameOfAnotherSizeIsPrecededByAResize() throws {
        var writer = AsciicastWriter(output: String(), size: Self.small)
        let big = FrameView.paint(RenderFixtures.frame, size: GridSize(width: 132, height: 40))
        writer.frame(big, at: 1)
        let cast = try parseCast(writer.output)
        #expect(cast.events.map(\.1) == ["r", "o"])
        #expect(cast.events[0].2 == "132x40")
        var terminal = VirtualTerminal(width: 132, height: 40)
        try terminal.apply(cast.events[1].2)
        #expect(terminal.text == big.text)
    }

    @Test func quotedRoundTripsEveryControlCharacterAndRandomText() throws {
        var all = String.UnicodeScalarView()
        for v in 0 ..< 0x20 { all.append(Unicode.Scalar(v)!) }
        all.append(contentsOf: "\"\\/\u{7F}é█\u{2028}\u{1F600}".unicodeScalars)
        let text = String(all)
        let quoted = AsciicastJSON.quoted(text)
        #expect(try ReadJSON.parse(quoted).string == text)
        #expect(!quoted.unicodeScalars.dropFirst().dropLast().contains { $0.value < 0x20 })
        var rng = RenderTestRandom(seed: 99)
        let alphabet = Array("ab \"\\\n\r\t\u{0}\u{1B}\u{7F}░█é".unicodeScalars)
        for _ in 0 ..< 200 {
            var view = String.UnicodeScalarView()
            for _ in 0 ..< Int.random(in: 0 ..< 30, using: &rng) { view.append(alphabet[Int.random(in: 0 ..< alphabet.count, using: &rng)]) }
            let s = String(view)
            #expect(try ReadJSON.parse(AsciicastJSON.quoted(s)).string == s)
        }
    }

    @Test func timesAreFixedPointSeconds() {
        #expect(AsciicastJSON.time(0) == "0.000000")
        #expect(AsciicastJSON.time(1.25) == "1.250000")
        #expect(AsciicastJSON.time(-3) == "0.000000")
    }

    @Test func changedRowsOnlyReplayExactlyWithStylesAndAreSmaller() throws {
        // A sequence of frames that differ in a few rows, in many rows, or not at all.
        var model = RenderFixtures.frame
        var grids: [CellGrid] = []
        var rng = RenderTestRandom(seed: 5)
        for step in 0 ..< 30 {
            model.status.step = step % 7
            model.showHelp = Int.random(in: 0 ..< 5, using: &rng) == 0
            model.note = Bool.random(using: &rng) ? "note \(step % 3)" : nil
            model.focus = [nil, .stats, .log, .lane(0)][Int.random(in: 0 ..< 4, using: &rng)]
            grids.append(FrameView.paint(model, size: Self.small))
        }
        var deltas = AsciicastWriter(output: String(), size: Self.small)
        var full = AsciicastWriter(output: String(), size: Self.small)
        full.drawsChangedRowsOnly = false
        var frameOfEvent: [Int] = []
        for (i, grid) in grids.enumerated() {
            let before = deltas.eventCount
            deltas.frame(grid, at: Double(i))
            if deltas.eventCount > before { frameOfEvent.append(i) }
            full.frame(grid, at: Double(i))
        }
        #expect(full.eventCount == grids.count)
        #expect(deltas.output.utf8.count < full.output.utf8.count)
        let cast = try parseCast(deltas.output)
        #expect(cast.events.count == frameOfEvent.count)
        var terminal = VirtualTerminal(width: Self.small.width, height: Self.small.height)
        for (event, i) in zip(cast.events, frameOfEvent) {
            try terminal.apply(event.2)
            let grid = grids[i]
            #expect(terminal.text == grid.text, "frame \(i)")
            for y in 0 ..< grid.height {
                for x in 0 ..< grid.width where grid[x, y].character != " " {
                    #expect(terminal.style(x: x, y: y) == ANSIPalette.color.parameters(grid[x, y]))
                }
            }
        }
    }

    @Test func aStepThatChangesOneRowWritesOneRow() throws {
        var writer = AsciicastWriter(output: String(), size: Self.small)
        var model = RenderFixtures.frame
        writer.frame(FrameView.paint(model, size: Self.small), at: 0)
        model.status.step = 6
        writer.frame(FrameView.paint(model, size: Self.small), at: 1)
        let cast = try parseCast(writer.output)
        let delta = cast.events[1].2
        #expect(delta.hasPrefix("\u{1B}[24;1H\u{1B}[0m\u{1B}[2K"))
        #expect(delta.split(separator: "H").count == 2, "one row redrawn (one cursor move)")
        #expect(delta.utf8.count * 10 < cast.events[0].2.utf8.count)
    }

    @Test func anUnchangedFrameWritesNothingAndRawOutputForcesAFullRedraw() throws {
        var writer = AsciicastWriter(output: String(), size: Self.small)
        let grid = FrameView.paint(RenderFixtures.frame, size: Self.small)
        writer.frame(grid, at: 0)
        writer.frame(grid, at: 1)
        #expect(writer.eventCount == 1)
        writer.write("\u{1B}[2J", at: 2)
        writer.frame(grid, at: 3)
        let cast = try parseCast(writer.output)
        #expect(cast.events.count == 3)
        #expect(cast.events[2].2.hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"))
    }
}
