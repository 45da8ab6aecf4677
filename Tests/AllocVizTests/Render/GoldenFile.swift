import Foundation
import Testing

/// Golden frames as text files under `Tests/AllocVizTests/Goldens/`, read from and rewritten in
/// the source tree (found from this file's path, so the working directory does not matter).
/// Each file holds exactly what allocviz prints: the frame's rows (trailing spaces cut), each
/// ended by a newline.
enum GoldenFile {
    /// The environment variable that makes the golden tests rewrite the files instead of comparing.
    static let updateVariable = "ALLOCVIZ_UPDATE_GOLDENS"

    /// The command that regenerates every golden file.
    static let regenerateCommand = "\(updateVariable)=1 swift test --filter GoldenFrame"

    /// Whether this run rewrites the golden files (the variable is set, and not to `0`).
    static var updating: Bool {
        guard let value = ProcessInfo.processInfo.environment[updateVariable] else { return false }
        return !value.isEmpty && value != "0"
    }

    /// `Tests/AllocVizTests/Goldens`, from this source file's path.
    static func directory(filePath: String = #filePath) -> String {
        // .../Tests/AllocVizTests/Render/GoldenFile.swift -> .../Tests/AllocVizTests/Goldens
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Goldens").path
    }

    /// The names (`folder/file.txt`) of the golden files in `folder`, sorted.
    static func names(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory() + "/" + folder)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.sorted().map { folder + "/" + $0 }
    }

    /// Compares `actual` with the golden file `name` (`folder/file.txt`) and records an issue
    /// naming the first differing line when they differ; when updating, writes `actual` instead.
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = directory() + "/" + name
        let expected = try? String(contentsOfFile: path, encoding: .utf8)
        if updating {
            guard expected != actual else { return }
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot write the golden \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("no golden file \(path); create it with \(regenerateCommand)", sourceLocation: sourceLocation)
            return
        }
        if let difference = difference(expected: expected, actual: actual) {
            Issue.record(
                "the frame differs from the golden \(name): \(difference)\nIf the change is intended, regenerate with \(regenerateCommand) and review git diff.",
                sourceLocation: sourceLocation)
        }
    }

    /// Removes `name` (a golden file no test produces any more), when updating.
    static func removeStale(_ name: String) {
        guard updating else { return }
        try? FileManager.default.removeItem(atPath: directory() + "/" + name)
    }

    /// Where `actual` first departs from `expected`, line by line, or nil when they are equal:
    /// the line number, both lines, and how many lines differ in all.
    static func difference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let old = lines(of: expected), new = lines(of: actual)
        let differing = (0 ..< max(old.count, new.count)).filter { index in
            index >= old.count || index >= new.count || old[index] != new[index]
        }
        guard let first = differing.first else { return "the lines are equal; only the final newline differs" }
        func line(_ lines: [Substring], _ index: Int) -> String {
            index < lines.count ? "|\(lines[index])|" : "(none: the text has \(lines.count) lines)"
        }
        return """
            line \(first + 1) is the first of \(differing.count) differing lines \
            (expected \(old.count) lines, got \(new.count))
              expected: \(line(old, first))
              actual:   \(line(new, first))
            """
    }

    /// The lines of `text`, each without its newline.
    private static func lines(of text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }
}
