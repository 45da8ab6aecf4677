#if canImport(Glibc)
import Glibc
#endif
import AllocVizTestSupport
import Testing
@testable import AllocVizCore

/// Writes `text` to a fresh temporary file (a name no other run uses, ending in `-name`) and
/// returns its path; the caller removes it.
private func temporaryScript(_ text: String, name: String) throws -> String {
    let path = try #require(TemporaryFile.create(suffix: "-" + name))
    let problem = ScriptFile.write(text, to: path)
    try #require(problem == nil, "\(path): \(problem.map { "\($0)" } ?? "")")
    return path
}

@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct EndToEndTests {
    @Test func checkPassesAGoodScript() throws {
        let path = try temporaryScript("buddy 64KiB\nalloc A 3000\nexpect intfrag(buddy) == 1096\n", name: "good.aviz")
        defer { unlink(path) }
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): ok (1 step, 1 expectation holds)\n")
        #expect(result.stderr == "")
    }

    @Test func checkReportsAFailedExpectationWithExitOne() throws {
        let path = try temporaryScript("buddy 64KiB\nalloc A 3000\nexpect intfrag(buddy) < 1000\n", name: "fail.aviz")
        defer { unlink(path) }
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(path):3: expectation failed: intfrag(buddy) < 1000 (actual 1096)
            \(path): 1 of 1 expectation failed

            """)
    }

    @Test func checkReportsBadInputWithExitTwo() throws {
        let path = try temporaryScript("alloc A 3000\nfree B\n", name: "bad.aviz")
        defer { unlink(path) }
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 2)
        #expect(result.stderr == """
            \(path):2:6: error: unknown handle 'B': nothing named B has been allocated yet
             2 | free B
               |      ^

            """)
        let missing = try BinaryRunner.run(["check", "/nonexistent/x.aviz"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "/nonexistent/x.aviz:1:1: error: cannot open: No such file or directory\n")
        let binary = try BinaryRunner.run(["check", BinaryRunner.path!])
        #expect(binary.status == 2)
        #expect(binary.stderr.contains("error: this is not a text script: NUL byte"))
    }

    @Test func playHeadlessPrintsTheFinalFrame() throws {
        let text = "title \"E2E\"\nbuddy 64KiB\nheap 4KiB\nalloc A 3000\n"
        let path = try temporaryScript(text, name: "play.aviz")
        defer { unlink(path) }
        let result = try BinaryRunner.run(["play", path, "--headless", "--size", "80x24"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        // Exactly the frame the core paints, and it shows the title, both lanes and the step.
        var player = HeadlessPlayer()
        player.size = GridSize(width: 80, height: 24)
        var frame = ""
        _ = try player.play(try ScriptParser.parse(text, file: path)) { frame += $0 + "\n" }
        #expect(result.stdout == frame)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 25)  // 24 rows and the final newline
        #expect(lines[0].contains("allocviz · E2E"))
        #expect(result.stdout.contains("buddy bitmap 64K/4K") || result.stdout.contains("buddy 64K/4K focus"))
        #expect(result.stdout.contains("heap segregated 4K"))
        #expect(result.stdout.contains("alloc A 3000"))
        let json = try BinaryRunner.run(["play", path, "--headless", "--json"])
        #expect(json.status == 0)
        let objects = json.stdout.split(separator: "\n").map(String.init)
        #expect(objects.count == 2)
        #expect(try ReadJSON.parse(objects[0])["step"]?.int == 0)
        #expect(try ReadJSON.parse(objects[1])["step"]?.int == 1)
        #expect(try ReadJSON.parse(objects[1])["command"]?.string == "alloc A 3000")
    }

    @Test func playWritesACastAndARecording() throws {
        let path = try temporaryScript("buddy 64KiB\nheap 4KiB\nalloc A 3000\nnote \"hello\"\nrandom 20 seed=1 sizes=8..900\n", name: "rec.aviz")
        let cast = path + ".cast", record = path + ".rec.aviz"
        defer { unlink(path); unlink(cast); unlink(record) }
        let result = try BinaryRunner.run(["play", path, "--headless", "--cast", cast, "--record", record, "--record-random-lines",
                                                "--no-animation"])
        #expect(result.status == 0)
        let castLines = String(decoding: try ScriptFile.read(cast).get(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(castLines.count == 1 + 1 + 22 + 1)  // header, first frame, a frame per step, the note marker
        #expect(try ReadJSON.parse(castLines[0])["version"]?.int == 2)
        #expect(castLines.contains { $0.contains("\"m\", \"hello\"") })
        let recorded = String(decoding: try ScriptFile.read(record).get(), as: UTF8.self)
        #expect(recorded.contains("random 20 seed=1 sizes=8..900 free=40%\n"))
        // The recording replays to the same state.
        let again = try BinaryRunner.run(["check", record])
        #expect(again.status == 0)
    }

    @Test func playRefusesUsageErrorsWithExitTwo() throws {
        let path = try temporaryScript("alloc A 1\n", name: "usage.aviz")
        defer { unlink(path) }
        let interactive = try BinaryRunner.run(["play", path])
        #expect(interactive.status == 2)
        // Without a terminal the interactive player points to --headless.
        #expect(interactive.stderr.contains("use allocviz play \(path) --headless"))
        let size = try BinaryRunner.run(["play", path, "--headless", "--size", "wide"])
        #expect(size.status == 2)
        #expect(size.stderr.hasPrefix("Error: The value 'wide' is invalid for '--size <cols>x<rows>': expected COLSxROWS"))
        let both = try BinaryRunner.run(["play", path, "--headless", "--json", "--frames"])
        #expect(both.status == 2)
        // ArgumentParser's own usage errors exit 2 too (not EX_USAGE 64).
        let unknown = try BinaryRunner.run(["play", path, "--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: Unknown option '--bogus'"))
        let missing = try BinaryRunner.run(["play"])
        #expect(missing.status == 2)
        let help = try BinaryRunner.run(["play", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: allocviz play"))
        #expect(help.stdout.contains("<script>"))
    }

    @Test func everyDemoChecksClean() throws {
        let demos = try #require(DemoFiles.paths(), "the demos folder was not found beside the package's Tests folder")
        try #require(demos.count >= 8)
        let result = try BinaryRunner.run(["check"] + demos)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        // One line a demo, in order: `PATH: ok (N steps, M expectations hold)`.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == demos.count)
        for (line, demo) in zip(lines, demos) {
            #expect(line.hasPrefix("\(demo): ok ("), "\(line)")
            #expect(line.hasSuffix(" hold)") || line.hasSuffix(" holds)"), "\(line)")
        }
    }

    @Test func versionIsTheCoresVersion() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == AllocVizCore.version + "\n")
        // Semantic versioning: MAJOR.MINOR.PATCH.
        let parts = AllocVizCore.version.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }, "\(AllocVizCore.version)")
    }
}

/// The package's demo scripts, found from this source file's path (so the working directory
/// does not matter).
enum DemoFiles {
    static func paths(filePath: String = #filePath) -> [String]? {
        // .../Tests/AllocVizTests/EndToEnd/EndToEndTests.swift -> .../demos
        var root = filePath
        for _ in 0..<4 {
            guard let slash = root.lastIndex(of: "/") else { return nil }
            root = String(root[..<slash])
        }
        let folder = root + "/demos"
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var demos: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".aviz") { demos.append(folder + "/" + name) }
        }
        return demos.sorted()
    }
}

@Suite struct DemoTests {
    /// Every demo parses, runs, and every expectation in it holds (in process, no binary needed);
    /// and every demo has notes and expectations, and records and replays to the same state.
    @Test func everyDemoTellsTheTruth() throws {
        let demos = try #require(DemoFiles.paths(), "the demos folder was not found beside the package's Tests folder")
        #expect(demos.count >= 8)
        for path in demos {
            let script = try ScriptFile.load(path)
            let runner = try ScriptRunner(script: script)
            runner.runToEnd()
            #expect(runner.failures.map(\.message) == [], "\(path)")
            #expect(runner.internalErrors.isEmpty, "\(path)")
            #expect(!runner.results.isEmpty, "\(path) has no expect lines")
            #expect(script.statements.contains { if case .note = $0.kind { return true }; return false }, "\(path) has no notes")
            #expect(script.title != nil, "\(path) has no title")
            let replay = try ScriptRunner(script: try ScriptParser.parse(Recorder.script(for: runner.session), file: "replay"))
            replay.runToEnd()
            #expect(fingerprint(replay.session) == fingerprint(runner.session), "\(path)")
        }
    }
}
