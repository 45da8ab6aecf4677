import Testing
@testable import AllocVizTerminal
import AllocVizCore

@Suite struct EscapeSequenceDecoderTests {
    /// What the decoder makes of `text`, the characters after an Esc: the key (nil when the
    /// sequence is discarded), how many characters it took, or `nil` when it still wants more.
    private func decode(_ text: String) -> (key: KeyInput?, used: Int)? {
        var decoder = EscapeSequenceDecoder()
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if case .finished(let key) = decoder.feed(scalar.value) { return (key, index + 1) }
        }
        return nil
    }

    /// `text` is one whole sequence: it ends exactly at its last character.
    private func whole(_ text: String) -> KeyInput?? {
        guard let result = decode(text), result.used == text.unicodeScalars.count else { return .none }
        return .some(result.key)
    }

    @Test func modifiedKeysAreDiscardedWhole() {
        #expect(whole("[1;5D") == .some(nil))      // Ctrl-Left
        #expect(whole("[1;2R") == .some(nil))      // Shift-F3 (xterm)
        #expect(whole("[15;2~") == .some(nil))     // Shift-F5
        #expect(whole("[1;3A") == .some(nil))      // Alt-Up
        #expect(whole("[200~") == .some(nil))      // bracketed paste start
        #expect(whole("[ q") == .some(nil))        // an intermediate byte
        #expect(whole("[?1;2c") == .some(nil))     // a device attributes report
    }

    @Test func aSequenceIsIncompleteUntilItsFinalByte() {
        #expect(decode("[1;5") == nil)
        #expect(decode("[<0;10;5") == nil)
        #expect(decode("O") == nil)
        #expect(decode("") == nil)
        // The final byte ends it: what follows is not part of it.
        #expect(decode("[1;5D[")?.used == 5)
    }

    @Test func altPlusAKeyIsNeverTheBareKey() {
        #expect(whole("u") == .some(nil))
        #expect(whole("[") == .none)               // Alt-[ starts a CSI: it waits, then finish() drops it
        #expect(whole("q") == .some(nil))
        #expect(whole("\u{7F}") == .some(nil))     // Alt-Backspace
        #expect(whole("\u{1B}[A") == .some(nil))   // Esc Esc [ A: Alt-Up
        #expect(whole("\u{1B}OP") == .some(nil))   // Alt-F1
    }

    @Test func loneEscapeIsEscapeAndUnfinishedSequencesAreDropped() {
        #expect(EscapeSequenceDecoder().finish() == .escape)
        var decoder = EscapeSequenceDecoder()
        #expect(decoder.feed(0x5B) == .needsMore)
        #expect(decoder.finish() == nil)
        var doubled = EscapeSequenceDecoder()
        #expect(doubled.feed(0x1B) == .needsMore)
        #expect(doubled.finish() == .escape)
    }

    @Test func unmodifiedKeysMapToTheirKeys() {
        #expect(whole("[A") == .some(.up))
        #expect(whole("[D") == .some(.left))
        #expect(whole("OB") == .some(.down))
        #expect(whole("OC") == .some(.right))
        #expect(whole("[H") == .some(.home))
        #expect(whole("[4~") == .some(.end))
        #expect(whole("[5~") == .some(.pageUp))
        #expect(whole("[6~") == .some(.pageDown))
        #expect(whole("[3~") == .some(.delete))
        #expect(whole("[Z") == .some(.backTab))
        #expect(whole("OP") == .some(.function(1)))
        #expect(whole("[15~") == .some(.function(5)))
        #expect(whole("[17~") == .some(.function(6)))
        #expect(whole("[24~") == .some(.function(12)))
        #expect(whole("[[A") == .some(.function(1)))   // the Linux console
        #expect(whole("[[E") == .some(.function(5)))
        #expect(whole("O5D") == .some(nil))            // SS3 with a modifier
    }

    @Test func sgrMouseReportsBecomeClicksAndWheelTurns() {
        #expect(whole("[<0;10;5M") == .some(.click(x: 9, y: 4)))
        #expect(whole("[<0;10;5m") == .some(nil))                 // release
        #expect(whole("[<4;1;1M") == .some(.click(x: 0, y: 0)))   // Shift-click is still a click
        #expect(whole("[<2;10;5M") == .some(nil))                 // right button
        #expect(whole("[<32;10;5M") == .some(nil))                // drag
        #expect(whole("[<35;10;5M") == .some(nil))                // motion
        #expect(whole("[<64;3;4M") == .some(.wheel(up: true, x: 2, y: 3)))
        #expect(whole("[<65;3;4M") == .some(.wheel(up: false, x: 2, y: 3)))
        #expect(whole("[<66;3;4M") == .some(nil))                 // horizontal wheel
        #expect(whole("[<0;300;120M") == .some(.click(x: 299, y: 119)))
        #expect(whole("[<0;0;5M") == .some(nil))                  // cells count from 1
        #expect(whole("[<0;10M") == .some(nil))                   // a field missing
        #expect(whole("[<0;10;5;7M") == .some(nil))
    }

    @Test func legacyMouseReportsAreReadToTheirEnd() {
        // ESC [ M, then button+32, column+33, row+33.
        #expect(whole("[M *%") == .some(.click(x: 9, y: 4)))
        #expect(whole("[M#*%") == .some(nil))                     // release
        #expect(whole("[M`!!") == .some(.wheel(up: true, x: 0, y: 0)))
    }

    @Test func anEscapeInsideASequenceStartsANewOne() {
        var decoder = EscapeSequenceDecoder()
        for byte in Array("[1;".utf8) { #expect(decoder.feed(UInt32(byte)) == .needsMore) }
        #expect(decoder.feed(0x1B) == .needsMore)
        #expect(decoder.isAtStart)
        #expect(decoder.feed(0x5B) == .needsMore)
        #expect(decoder.feed(0x41) == .finished(.up))
        // CAN abandons a sequence.
        var cancelled = EscapeSequenceDecoder()
        _ = cancelled.feed(0x5B)
        #expect(cancelled.feed(0x18) == .finished(nil))
    }

    @Test func anOverlongSequenceIsStillReadToItsEnd() {
        let parameters = String(repeating: "1;", count: 40)
        #expect(whole("[" + parameters + "5D") == .some(nil))
    }

    @Test func aKeyNcursesDecodedInterruptsTheSequence() {
        #expect(EscapeSequenceDecoder().interrupted(by: .up) == nil)        // Esc then Up: Alt-Up
        #expect(EscapeSequenceDecoder().interrupted(by: .resize) == .resize)
        var decoder = EscapeSequenceDecoder()
        _ = decoder.feed(0x5B)
        #expect(decoder.interrupted(by: .up) == .up)
    }
}
