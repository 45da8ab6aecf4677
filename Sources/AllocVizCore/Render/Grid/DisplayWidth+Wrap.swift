extension DisplayWidth {
    /// Splits `text` into lines of at most `width` columns (as ``of(text:)`` measures them)
    /// at spaces; a word wider than a line is cut between characters, never inside one;
    /// explicit `\n` starts a new line.
    /// - Complexity: O(n) in the characters of `text`.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var rest = word
                var columns = of(text: rest)
                while columns > width {  // a word wider than a line
                    if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                    var head = prefix(rest, columns: width)
                    // A character wider than the whole line cannot be shown: it is left out.
                    if head.isEmpty { head = rest.prefix(1) } else { lines.append(String(head)) }
                    rest = rest[head.endIndex...]
                    columns = of(text: rest)
                }
                if columns == 0 { continue }
                if lineWidth == 0 {
                    line = String(rest)
                    lineWidth = columns
                } else if lineWidth + 1 + columns <= width {
                    line += " " + rest
                    lineWidth += 1 + columns
                } else {
                    lines.append(line)
                    line = String(rest)
                    lineWidth = columns
                }
            }
            lines.append(line)
        }
        return lines
    }
}
