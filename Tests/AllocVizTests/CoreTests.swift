import Testing
@testable import AllocVizCore

@Test func coreHasAVersion() {
    #expect(!AllocVizCore.version.isEmpty)
}
