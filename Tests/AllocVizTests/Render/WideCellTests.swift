import Testing
@testable import AllocVizCore

/// Wide characters in the ``CellGrid``: a character cell and a continuation cell, kept whole.
@Suite struct WideCellTests {
    @Test func aWideCharacterTakesItsCellAndAContinuationCell() {
        var grid = CellGrid(width: 8, height: 1)
        let end = grid.write("a日b", x: 1, y: 0, style: CellStyle(.title))
        #expect(end == 5)
        #expect(grid[2, 0].character == "日")
        #expect(grid[3, 0].isWideContinuation)
        #expect(grid[3, 0].foreground == .title)
        #expect(grid[4, 0].character == "b")
        #expect(grid.rowText(0) == " a日b")
    }

    @Test func aDecomposedAccentIsDrawnPrecomposedInOneCell() {
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.write("e\u{301}x", x: 0, y: 0) == 2)
        #expect(grid[0, 0].character == "\u{E9}")
        #expect(grid.rowText(0) == "\u{E9}x")
    }

    @Test func overwritingEitherHalfBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("日本語", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)  // the second half of 日
        grid.put("y", x: 2, y: 0)  // the first half of 本
        #expect(grid.rowText(0) == " xy 語")
        #expect(!(0 ..< 4).contains { grid[$0, 0].isWideContinuation })
        grid.fill(GridRect(x: 5, y: 0, width: 1, height: 1))  // the second half of 語
        #expect(grid.rowText(0) == " xy")
    }

    @Test func aWideCharacterCutByTheEdgeOrClipIsASpace() {
        var grid = CellGrid(width: 5, height: 2)
        #expect(grid.write("ab日本", x: 0, y: 0) == 6)
        #expect(grid.rowText(0) == "ab日")
        #expect(grid[4, 0].character == " ")  // 本 would need a sixth column
        grid.write("日本語", x: 0, y: 1, clip: GridRect(x: 1, y: 1, width: 3, height: 1))
        #expect(grid.rowText(1) == "  本")
        #expect(grid[3, 1].isWideContinuation)
    }

    @Test func maxWidthCutsBetweenWideCharacters() {
        var grid = CellGrid(width: 10, height: 2)
        grid.write("日本語のデモ", x: 0, y: 0, maxWidth: 6)
        grid.write("日本語", x: 0, y: 1, maxWidth: 6)
        #expect(grid.text == "日本…\n日本語")
    }

    @Test func textRoundTripsWithWideCharacters() {
        var grid = CellGrid(width: 12, height: 2)
        grid.write("│日本 🎉x│", x: 0, y: 0)
        let parsed = CellGrid(text: grid.text, width: 12, height: 2)
        #expect(parsed.text == grid.text)
        #expect(parsed.cells.map(\.character) == grid.cells.map(\.character))
    }

    @Test func asciiFallbackKeepsBothColumns() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("│日│", x: 0, y: 0)
        #expect(TextFrame.render(grid, ascii: true) == "|??|")
    }

    @Test func ansiOutputSendsAWideCharacterOnce() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("a日b", x: 0, y: 0)
        let text = ANSIFrame.render(grid, palette: ANSIPalette(monochrome: true))
        #expect(text.contains("a日b"))
        #expect(!text.unicodeScalars.contains("\u{0}"))
    }
}
