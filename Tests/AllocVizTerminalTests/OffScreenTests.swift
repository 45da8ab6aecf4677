import Testing
import CNcurses
import AllocVizCore
@testable import AllocVizTerminal
#if canImport(Glibc)
import Glibc
#endif

/// ncurses keeps global state: these tests run one at a time on an off-screen terminal.
@Suite(.serialized) struct OffScreenTests {
    /// Starts an off-screen xterm-256color of `width` x `height` writing to /dev/null.
    private func withScreen(width: Int, height: Int, color: Bool = true,
                            _ body: (NcursesScreen) throws -> Void) throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        setenv("LANG", "C.UTF-8", 1)
        let screen = try #require(NcursesScreen(offScreenType: "xterm-256color", output: output, input: input, color: color))
        defer { screen.end() }
        _ = resizeterm(Int32(height), Int32(width))
        try body(screen)
    }

    /// Reads row `y` back from the curses screen.
    private func row(_ y: Int, width: Int) -> String {
        var buffer = [wchar_t](repeating: 0, count: width + 1)
        let count = mvinnwstr(Int32(y), 0, &buffer, Int32(width))
        guard count > 0 else { return "" }
        var text = ""
        for value in buffer.prefix(Int(count)) { text.unicodeScalars.append(Unicode.Scalar(UInt32(value)) ?? "?") }
        return text
    }

    @Test func drawsTheGridThroughCurses() throws {
        try withScreen(width: 40, height: 6) { screen in
            #expect(screen.size == GridSize(width: 40, height: 6))
            var grid = CellGrid(width: 40, height: 6)
            _ = grid.write("free ░░ used ██", x: 1, y: 2, style: CellStyle(.free))
            screen.draw(grid)
            #expect(row(2, width: 40).hasPrefix(" free ░░ used ██"))
            // An incremental redraw changes only what changed.
            _ = grid.write("FREE", x: 1, y: 2)
            screen.draw(grid)
            #expect(row(2, width: 40).hasPrefix(" FREE ░░ used ██"))
        }
    }

    @Test func monochromeStillDrawsEveryGlyph() throws {
        try withScreen(width: 20, height: 3, color: false) { screen in
            #expect(!screen.usesColor)
            var grid = CellGrid(width: 20, height: 3)
            _ = grid.write("▒▒ split", x: 0, y: 0, style: CellStyle(.split, attributes: [.bold]))
            screen.draw(grid)
            #expect(row(0, width: 20).hasPrefix("▒▒ split"))
        }
    }

    @Test func gridLargerThanScreenIsClipped() throws {
        try withScreen(width: 10, height: 2) { screen in
            var grid = CellGrid(width: 30, height: 5)
            _ = grid.write("0123456789ABCDEF", x: 0, y: 0)
            screen.draw(grid)
            #expect(row(0, width: 10) == "0123456789")
        }
    }
}
