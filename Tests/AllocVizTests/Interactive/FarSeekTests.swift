import Testing
@testable import AllocVizCore

/// A far seek is announced by a frame before it is made; a seek past the end says so.
@Suite struct FarSeekTests {
    @Test func aFarSeekIsAnnouncedThenMadeOnTheNextTurn() throws {
        let session = Session(lanes: [try LaneConfiguration.heap(capacity: 1 << 20)], snapshotInterval: 4096)
        session.performRandom(RandomWorkload(seed: 2, sizes: 16...256, freePercent: 45), count: 25_000)
        session.seek(to: 0)
        let app = InteractiveApp(session: session)
        app.handle(.end)
        #expect(session.position == 0)
        #expect(app.message == "seeking to step 25000…")
        let announced = app.frame(size: GridSize(width: 120, height: 40)).text
        #expect(announced.contains("seeking to step 25000…"))
        #expect(app.performPendingWork())
        #expect(session.position == 25_000)
        #expect(app.message == "at step 25000 of 25000")
        #expect(!app.performPendingWork())
        // Near seeks are made at once.
        app.handle(.character("g"))
        for key in "24990" { app.handle(.character(key)) }
        app.handle(.enter)
        #expect(session.position == 24_990)
        #expect(app.pendingSeek == nil)
    }

    @Test func aSeekPastTheEndSaysSo() throws {
        let session = Session()
        session.performRandom(RandomWorkload(seed: 2, sizes: 16...256, freePercent: 45), count: 30)
        let app = InteractiveApp(session: session)
        app.handle(.character("g"))
        for key in "99999" { app.handle(.character(key)) }
        app.handle(.enter)
        #expect(session.position == 30)
        #expect(app.message == "step 99999 is past the end; at step 30 of 30")
    }
}
