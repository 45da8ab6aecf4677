@testable import AllocVizCore

/// A tiny terminal emulator for replaying ANSI output: cursor positioning (`ESC[r;cH`,
/// `ESC[H`), clear (`ESC[2J`), erase line (`ESC[2K`), SGR (`ESC[...m`, remembered per cell) and printable scalars.
/// Anything else fails the replay, so the outputs stay within what this understands.
struct VirtualTerminal {
    struct UnsupportedSequence: Error, CustomStringConvertible { var description: String }

    private(set) var width: Int
    private(set) var height: Int
    private(set) var characters: [Unicode.Scalar]
    /// The SGR parameters in force when each cell was written (after the last reset).
    private(set) var styles: [[Int]]
    private var x = 0, y = 0
    private var sgr: [Int] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        characters = Array(repeating: " ", count: width * height)
        styles = Array(repeating: [], count: width * height)
    }

    mutating func resize(width: Int, height: Int) { self = VirtualTerminal(width: width, height: height) }

    mutating func apply(_ text: String) throws {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}" {
                guard i + 1 < scalars.count, scalars[i + 1] == "[" else { throw UnsupportedSequence(description: "ESC without [") }
                var j = i + 2
                var params = ""
                while j < scalars.count, "0123456789;".unicodeScalars.contains(scalars[j]) {
                    params.unicodeScalars.append(scalars[j])
                    j += 1
                }
                guard j < scalars.count else { throw UnsupportedSequence(description: "unterminated CSI") }
                let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                switch scalars[j] {
                case "H":
                    y = max(0, (numbers.first ?? 1) - 1)
                    x = max(0, (numbers.count > 1 ? numbers[1] : 1) - 1)
                    if params.isEmpty { x = 0; y = 0 }
                case "K":
                    guard numbers == [2] else { throw UnsupportedSequence(description: "K \(params)") }
                    for col in 0 ..< width where y < height {
                        characters[y * width + col] = " "
                        styles[y * width + col] = []
                    }
                case "J":
                    guard numbers == [2] else { throw UnsupportedSequence(description: "J \(params)") }
                    characters = Array(repeating: " ", count: width * height)
                    styles = Array(repeating: [], count: width * height)
                case "m":
                    for n in (params.isEmpty ? [0] : numbers) {
                        if n == 0 { sgr = [] } else { sgr.append(n) }
                    }
                default:
                    throw UnsupportedSequence(description: "CSI \(params)\(scalars[j])")
                }
                i = j + 1
                continue
            }
            guard s.value >= 0x20 else { throw UnsupportedSequence(description: "control \(s.value)") }
            if x < width && y < height {
                characters[y * width + x] = s
                styles[y * width + x] = sgr
            }
            x += 1
            i += 1
        }
    }

    /// The screen in the golden-frame format (rows trimmed, joined by newlines).
    var text: String {
        (0 ..< height).map { row -> String in
            var end = width
            while end > 0, characters[row * width + end - 1] == " " { end -= 1 }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: characters[row * width ..< row * width + end])
            return String(view)
        }.joined(separator: "\n")
    }

    func style(x: Int, y: Int) -> [Int] { styles[y * width + x] }
}
