import Testing
import CNcurses
@testable import AllocVizTerminal
import AllocVizCore

@Suite struct KeyDecoderTests {
    @Test func controlCharactersDecode() {
        #expect(KeyDecoder.decode(character: 13) == .enter)
        #expect(KeyDecoder.decode(character: 10) == .enter)
        #expect(KeyDecoder.decode(character: 9) == .tab)
        #expect(KeyDecoder.decode(character: 27) == .escape)
        #expect(KeyDecoder.decode(character: 127) == .backspace)
        #expect(KeyDecoder.decode(character: 3) == .control("c"))
        #expect(KeyDecoder.decode(character: 0x71) == .character("q"))
        #expect(KeyDecoder.decode(character: 0x3F) == .character("?"))
    }

    @Test func functionKeysDecode() {
        #expect(KeyDecoder.decode(keyCode: KEY_UP) == .up)
        #expect(KeyDecoder.decode(keyCode: KEY_NPAGE) == .pageDown)
        #expect(KeyDecoder.decode(keyCode: av_key_f(1)) == .function(1))
        #expect(KeyDecoder.decode(keyCode: KEY_BTAB) == .backTab)
        #expect(KeyDecoder.decode(keyCode: av_key_resize()) == .resize)
    }

    @Test func unusedControlCharactersAreNoKey() {
        #expect(KeyDecoder.decode(character: 0) == nil)
        #expect(KeyDecoder.decode(character: 0x1C) == nil)
        #expect(KeyDecoder.decode(character: 0x1F) == nil)
    }
}
