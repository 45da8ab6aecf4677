import Glibc
import Testing
@testable import AllocVizCore

/// Regenerates GoldenFrames.swift into the file named by `ALLOCVIZ_WRITE_GOLDENS` (skipped
/// unless that variable is set). Review the new frames by eye before replacing the file.
@Test(.enabled(if: getenv("ALLOCVIZ_WRITE_GOLDENS") != nil))
func writeGoldenFrames() throws {
    let path = try #require(getenv("ALLOCVIZ_WRITE_GOLDENS").map { String(cString: $0) })
    var out = "// Golden frames (the grid text format) for GoldenCases. On a change, GoldenFrameTests prints the\n"
    out += "// new frame: review it by eye, then regenerate with ALLOCVIZ_WRITE_GOLDENS=path swift test --filter writeGoldenFrames.\n\n"
    out += "enum GoldenFrames {\n    static let frames: [String: String] = [\n"
    for key in GoldenCases.all {
        out += "        \"\(key)\": #\"\"\"\n" + GoldenCases.paint(key).text + "\n\"\"\"#,\n"
    }
    out += "    ]\n}\n"
    let file = try #require(fopen(path, "w"))
    fputs(out, file)
    fclose(file)
}
