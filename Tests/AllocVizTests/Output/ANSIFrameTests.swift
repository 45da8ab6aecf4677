import Testing
@testable import AllocVizCore

@Suite struct ANSIFrameTests {
    @Test func colourReplayKeepsTextAndEveryCellsStyle() throws {
        let grid = FrameView.paint(RenderFixtures.frame, size: GridSize(width: 80, height: 24))
        var terminal = VirtualTerminal(width: 80, height: 24)
        try terminal.apply(ANSIFrame.render(grid, palette: .color))
        #expect(terminal.text == grid.text)
        for y in 0 ..< grid.height {
            for x in 0 ..< grid.width where grid[x, y].character != " " {
                #expect(terminal.style(x: x, y: y) == ANSIPalette.color.parameters(grid[x, y]), "cell \(x),\(y)")
            }
        }
    }

    @Test func rolesGetDistinctColours() {
        #expect(ANSIPalette.color.parameters(Cell("░", foreground: .free)) == [32])
        #expect(ANSIPalette.color.parameters(Cell("█", foreground: .allocated)) == [31])
        #expect(ANSIPalette.color.parameters(Cell("x", foreground: .highlight, attributes: [.bold])) == [1, 93])
        #expect(ANSIPalette.color.parameters(Cell("x", foreground: .normal, background: .free)) == [42])
        let codes = [ColorRole.free, .allocated, .partial, .waste, .header, .highlight].map(ANSIPalette.foregroundCode)
        #expect(Set(codes).count == codes.count)
    }

    @Test func monochromeUsesNoColourButStillMarksHighlights() throws {
        let grid = FrameView.paint(RenderFixtures.frame, size: GridSize(width: 80, height: 24))
        let text = ANSIFrame.render(grid, palette: .monochrome)
        var terminal = VirtualTerminal(width: 80, height: 24)
        try terminal.apply(text)
        #expect(terminal.text == grid.text)
        let colourCodes = Set(Array(30 ... 49) + Array(90 ... 107))
        for y in 0 ..< 24 {
            for x in 0 ..< 80 { #expect(colourCodes.isDisjoint(with: terminal.style(x: x, y: y))) }
        }
        #expect(ANSIPalette.monochrome.parameters(Cell("x", foreground: .highlight)) == [7])
        #expect(ANSIPalette.monochrome.parameters(Cell("x", foreground: .warning)) == [1])
    }

    @Test func trailingDefaultBlanksAreNotWritten() {
        var grid = CellGrid(width: 10, height: 2)
        grid.write("ab", x: 0, y: 0)
        let text = ANSIFrame.render(grid)
        #expect(text == "\u{1B}[0m\u{1B}[H\u{1B}[2J\u{1B}[1;1Hab")
    }
}
