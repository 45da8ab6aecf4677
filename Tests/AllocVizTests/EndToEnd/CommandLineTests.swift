#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import Foundation
import Testing

/// The command line: values are parsed by the argument parser's types, refused before anything
/// runs (before the terminal is looked at), in plain words, with exit status 2.
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct CommandLineTests {
    private func script(_ text: String, name: String) -> String {
        let path = "/tmp/allocviz-cli-\(getpid())-\(name)"
        _ = ScriptFile.write(text, to: path)
        return path
    }

    @Test func aSizeWithAnUnknownUnitIsRefusedInPlainWords() throws {
        // No terminal here: the size is refused before the terminal check would refuse.
        let result = try BinaryRunner.run(["run", "--buddy", "1EiB"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: The value '1EiB' is invalid for '--buddy <size>': unknown unit 'EiB'; use B, KiB, MiB, GiB or TiB\n"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("malformed"))
        #expect(!result.stderr.contains("terminal"))
        for (value, reason) in [("4KB", "write KiB"), ("1.3KiB", "not a whole number of bytes"), ("abc", "expected a size"),
                                ("0x", "not a hexadecimal number"), ("99999999999TiB", "too large")] {
            let refused = try BinaryRunner.run(["run", "--heap", value])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("'--heap <size>': ") && refused.stderr.contains(reason), "\(value): \(refused.stderr)")
        }
    }

    @Test func lanesThatCannotBeBuiltAreRefusedBeforeTheTerminalCheck() throws {
        let notPowerOfTwo = try BinaryRunner.run(["run", "--min", "3KiB"])
        #expect(notPowerOfTwo.status == 2)
        #expect(notPowerOfTwo.stderr.hasPrefix("Error: --min 3KiB: minimum block size must be a power of two"), "\(notPowerOfTwo.stderr)")
        let nothing = try BinaryRunner.run(["run", "--buddy", "0", "--heap", "0"])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("leave nothing to show"))
        // Good options get as far as the terminal check, which names the headless player.
        let good = try BinaryRunner.run(["run", "--buddy", "64KiB", "--min", "0x1000", "--heap", "0", "--buddy-impl", "linked-list"])
        #expect(good.status == 2)
        #expect(good.stderr.contains("allocviz play SCRIPT --headless"), "\(good.stderr)")
    }

    @Test func implementationsComeFromTheLibrary() throws {
        let heap = try BinaryRunner.run(["run", "--heap-impl", "good-fit"])
        #expect(heap.status == 2)
        for name in LaneConfiguration.implementationNames(of: .heap) {
            #expect(heap.stderr.contains("- \(name)\n"), "\(heap.stderr)")
        }
        let buddy = try BinaryRunner.run(["run", "--buddy-impl", "tree"])
        #expect(buddy.status == 2)
        #expect(buddy.stderr.contains("'bitmap', 'array-list' or 'linked-list'"), "\(buddy.stderr)")
        let help = try BinaryRunner.run(["help", "run"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("--min <size>"))
        #expect(words.contains("(values: segregated, first-fit, first-fit-lifo, first-fit-no-coalesce, next-fit, best-fit, worst-fit)"))
        #expect(words.contains("(values: bitmap, array-list, linked-list)"))
    }

    @Test func aHeadlessFrameSmallerThan80x24IsRefused() throws {
        let path = script("buddy 64KiB\nheap 4KiB\nalloc A 3000\n", name: "small.aviz")
        defer { unlink(path) }
        for size in ["80x23", "79x23", "79x24", "1x1"] {
            let result = try BinaryRunner.run(["play", path, "--headless", "--size", size])
            #expect(result.status == 2, "\(size)")
            #expect(result.stdout.isEmpty, "\(size) printed a frame")
            #expect(result.stderr.hasPrefix("Error: --size \(size) is smaller than 80x24"), "\(result.stderr)")
        }
        let smallest = try BinaryRunner.run(["play", path, "--headless", "--size", "80x24"])
        #expect(smallest.status == 0)
        #expect(smallest.stdout.split(separator: "\n").count == 24)
        let wide = try BinaryRunner.run(["play", path, "--headless", "--size", "wide"])
        #expect(wide.status == 2)
        #expect(wide.stderr.hasPrefix("Error: The value 'wide' is invalid for '--size <cols>x<rows>': expected COLSxROWS such as 100x30"))
    }

    @Test func framesAndJSONAreOneChoice() throws {
        let path = script("buddy 64KiB\nheap 4KiB\nalloc A 3000\nalloc B 100\nfree A\n", name: "choice.aviz")
        defer { unlink(path) }
        let frames = try BinaryRunner.run(["play", path, "--headless", "--frames", "--size", "80x24"])
        #expect(frames.status == 0)
        let final = try BinaryRunner.run(["play", path, "--headless", "--size", "80x24"])
        #expect(frames.stdout.count > 2 * final.stdout.count, "a frame per step")
        #expect(frames.stdout.contains("free A"))
        let json = try BinaryRunner.run(["play", path, "--headless", "--json"])
        #expect(json.status == 0)
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 4)  // step 0 and one per step
        #expect(objects.last?["command"] as? String == "free A")
        let both = try BinaryRunner.run(["play", path, "--headless", "--json", "--frames"])
        #expect(both.status == 2)
        #expect(both.stdout.isEmpty)
        // Failed before: the parser's "Value to be set with flag '--frames' had already been set".
        #expect(both.stderr.hasPrefix("Error: --json and --frames are different outputs: give one of them"), "\(both.stderr)")
        let twice = try BinaryRunner.run(["play", path, "--headless", "--json", "--json"])
        #expect(twice.status == 0, "the same output twice is that output: \(twice.stderr)")
        let interactive = try BinaryRunner.run(["play", path, "--json"])
        #expect(interactive.status == 2)
        #expect(interactive.stderr.hasPrefix("Error: --frames, --json and --cast need --headless"))
    }

    @Test func checkNeedsAScript() throws {
        let result = try BinaryRunner.run(["check"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: Missing expected argument '<scripts> ...'"))
    }

    @Test func theVersionIsTheCoreVersion() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == AllocVizCore.version + "\n")
    }

    /// Help text is wrapped by the parser: no run of three or more spaces inside a sentence
    /// (only the indentation and the gap after an option's name are runs of spaces).
    @Test func helpHasNoRunsOfSpacesInsideSentences() throws {
        for command in ["run", "play", "check", "bench"] {
            let help = try BinaryRunner.run(["help", command])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: allocviz \(command)"))
            for line in help.stdout.split(separator: "\n") {
                var text = line.drop { $0 == " " }
                if text.first == "-" || text.first == "<", let gap = text.firstRange(of: "  ") {
                    text = text[gap.upperBound...].drop { $0 == " " }
                }
                #expect(!text.contains("   "), "allocviz help \(command): '\(line)'")
            }
        }
    }
}
