import AllocVizCore
import Testing

/// Text a script may hold: line endings of every system, and characters that messages and
/// frames never echo raw.
@Suite struct ScriptTextTests {
    // Failed before: a CR-only file was one line ("alloc A 16\rfree A" is not a size).
    @Test(arguments: ["\r", "\n", "\r\n"])
    func everyLineEndingSeparatesLines(ending: String) throws {
        let text = ["title \"t\"", "alloc A 16", "", "# comment", "free A", ""].joined(separator: ending)
        let script = try ScriptParser.parse(bytes: Array(text.utf8), file: "t.aviz")
        #expect(script.statements.count == 2)
        #expect(script.statements.map(\.location.line) == [2, 5])
        #expect(script.sourceLines == ["title \"t\"", "alloc A 16", "", "# comment", "free A"])
    }

    @Test func mixedEndingsCountLinesOnce() throws {
        let script = try ScriptParser.parse(bytes: Array("alloc A 16\r\n\rfree A\nalloc B 8\r".utf8), file: "t.aviz")
        #expect(script.statements.map(\.location.line) == [1, 3, 4])
    }

    /// Failed before: these four were echoed raw into diagnostics and (through notes) frames,
    /// while ESC and other controls were shown as `U+1B`.
    @Test(arguments: [0x202E, 0x2028, 0x2029, 0x85, 0x2066, 0x200F] as [UInt32])
    func bidiAndSeparatorControlsAreNeverEchoed(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let code = "U+" + String(value, radix: 16, uppercase: true)
        for (text, message) in [("note \"a\(scalar)b\"", "control character \(code) in a string"),
                                ("alloc A\(scalar) 16", "unexpected character '\(code)'"),
                                ("alloc 1A 16 # \(scalar)", "found '1A'")] {
            do {
                _ = try ScriptParser.parse(text, file: "t.aviz")
                Issue.record("\(text.debugDescription) was accepted")
            } catch {
                #expect(!error.description.unicodeScalars.contains(scalar), "\(error.description.debugDescription)")
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    /// Failed before: a name with a letter outside ASCII got only "unexpected character 'Ü'",
    /// which did not say what a name may hold (in a script and at a prompt alike).
    @Test(arguments: [("alloc Ünï 100", 7, "Ü"), ("alloc wide_名 5", 12, "名"), ("free é", 6, "é"), ("alloc A 100 in ß", 16, "ß")])
    func aNameWithALetterOutsideASCIISaysWhatANameMayHold(text: String, column: Int, letter: String) throws {
        do {
            _ = try ScriptParser.parse(text, file: "t.aviz")
            Issue.record("\(text.debugDescription) was accepted")
        } catch {
            #expect(error.description.contains("t.aviz:1:\(column): error: '\(letter)' cannot be part of a name: names use ASCII letters, digits, '_' and '-', starting with a letter; any other text belongs in quotes, as in note \"...\""),
                    "\(error.description)")
        }
        guard case .failure(let failure) = ScriptParser.parseStatement(text) else {
            Issue.record("the prompt's parser accepted \(text.debugDescription)")
            return
        }
        #expect(failure.description.contains("cannot be part of a name"), "\(failure.description)")
    }

    // Failed before: "64MiB in 1 blocks is 67108864 blocks".
    @Test func theBlockLimitMessageReadsWellForEveryMinimum() {
        #expect(throws: LaneConfigurationError("64MiB with min=1 is 67108864 minimum blocks; the limit is 4194304 (raise min=)",
                                               concernsMinimumBlock: true)) {
            try LaneConfiguration.buddy(size: 64 << 20, minimumBlock: 1)
        }
    }
}
