import Testing
import Allocators
@testable import AllocVizCore

/// Prompt errors: plain sentences, the prompt stays open for correction, Enter never leaks.
@Suite struct PromptErrorTests {
    private func type(_ text: String, into app: InteractiveApp) {
        for character in text { app.handle(.character(character)) }
    }

    private func statusLine(_ app: InteractiveApp, width: Int = 100, height: Int = 30) -> String {
        let lines = app.frame(size: GridSize(width: width, height: height)).text.split(separator: "\n", omittingEmptySubsequences: false)
        return String(lines[height - 1])
    }

    @Test(arguments: ["abc", "4KB", "1.3KiB", "1e3", "-5"])
    func badSizesKeepThePromptOpenWithAPlainSentence(_ input: String) throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        type(input, into: app)
        app.handle(.enter)
        #expect(app.session.stepCount == 0)
        let prompt = try #require(app.prompt, "the prompt closed on an error")
        #expect(prompt.text == input)
        let error = try #require(prompt.error)
        #expect(!error.contains("malformed("), "raw error: \(error)")
        #expect(!error.contains("\")"), "raw error: \(error)")
        #expect(!error.contains("end of the line"), "script wording: \(error)")
        #expect(error.contains(input), "does not say what was wrong: \(error)")
        let frame = app.frame(size: GridSize(width: 100, height: 30)).text
        #expect(frame.contains(String(error.prefix(20))), "the error is not on screen")
    }

    @Test func theFreePromptsDoubleFreeHintSaysWhatToTypeThere() throws {
        // Failed before: the hint said `write 'free C again'`, but the prompt takes `C again`.
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        type("3000 C", into: app)
        app.handle(.enter)
        app.handle(.character("f"))
        #expect(app.prompt?.kind == .free)
        type("C", into: app)
        app.handle(.enter)
        #expect(app.session.stepCount == 2)
        app.handle(.character("f"))
        type("C", into: app)
        app.handle(.enter)
        let error = try #require(app.prompt?.error)
        #expect(error.hasSuffix("type 'C again'"), "\(error)")
        #expect(!error.contains("free C again"), "\(error)")
        // What the hint says to type is accepted: a deliberate double free.
        app.handle(.escape)
        app.handle(.character("f"))
        type("C again", into: app)
        app.handle(.enter)
        #expect(app.prompt == nil)
        #expect(app.session.stepCount == 3)
        guard case .free("C", again: true)? = app.session.currentRecord?.command else {
            Issue.record("expected a double free, got \(String(describing: app.session.currentRecord?.command))")
            return
        }
        // Scripts keep their wording.
        #expect(HandleRuleViolation.alreadyFreed("C").message().hasSuffix("write 'free C again'"))
    }

    @Test func theFreePromptsAgainOnALiveHandleSaysWhatToTypeThere() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        type("3000 C", into: app)
        app.handle(.enter)
        app.handle(.character("f"))
        type("C again", into: app)
        app.handle(.enter)
        let error = try #require(app.prompt?.error)
        #expect(error == "'C again' is for a handle that was already freed, but C is live; type 'C'")
        #expect(HandleRuleViolation.againButLive("C").message()
            == "'free C again' is for a handle that was already freed, but C is live; write 'free C'")
    }

    @Test func enterAfterAnErrorNeverZoomsTheTree() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        type("abc", into: app)
        app.handle(.enter)
        app.handle(.enter)
        #expect(app.zoomRoots.allSatisfy { $0 == nil })
        #expect(app.prompt != nil)
        // Correcting the text then Enter performs it.
        for _ in 0..<3 { app.handle(.backspace) }
        type("3000 A", into: app)
        app.handle(.enter)
        #expect(app.prompt == nil)
        #expect(app.session.stepCount == 1)
        #expect(!statusLine(app).contains("allocate SIZE"))
    }

    @Test func refusedCommandKeepsThePromptOpen() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("r"))
        type("Z 100", into: app)
        app.handle(.enter)
        #expect(app.prompt?.text == "Z 100")
        #expect(app.prompt?.error?.contains("unknown handle 'Z'") == true)
        app.handle(.escape)
        #expect(app.prompt == nil)
        #expect(app.session.stepCount == 0)
    }

    @Test func thePromptShowsOneCursor() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        type("3000 A", into: app)
        let status = statusLine(app)
        #expect(status.contains("3000 A▏"))
        #expect(!status.contains("▏▏"))
        #expect(status.filter { $0 == "▏" }.count == 1, "\(status)")
    }

    @Test func anErrorTooLongForTheStatusLineStillShowsWhole() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        type("4KB", into: app)
        app.handle(.enter)
        let error = try #require(app.prompt?.error)
        let frame = app.frame(size: GridSize(width: 80, height: 24)).text
        #expect(frame.contains(error), "\(frame)")
    }
}

