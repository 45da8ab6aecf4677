import Testing
@testable import AllocVizCore

/// `z` turns the buddy panels' auto-focus off and on.
@Suite struct BuddyFocusKeyTests {
    @Test func zTogglesAutoFocus() throws {
        let app = InteractiveApp(session: try Session())
        try app.session.perform(.allocate(handle: "A", size: 4096, alignment: nil))
        let size = GridSize(width: 100, height: 30)
        #expect(app.buddyAutoFocus)
        #expect(app.frame(size: size).text.contains("(auto)"))
        #expect(app.handle(.character("z")))
        #expect(!app.buddyAutoFocus)
        #expect(!app.frame(size: size).text.contains("(auto)"))
        #expect(app.message?.contains("auto-focus off") == true)
        app.handle(.character("z"))
        #expect(app.buddyAutoFocus)
        #expect(app.frame(size: size).text.contains("(auto)"))
    }
}
