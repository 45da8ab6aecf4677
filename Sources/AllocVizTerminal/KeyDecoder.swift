import AllocVizCore
import CNcurses

/// Turns what `get_wch` returned into a ``KeyInput``. What follows an Esc is decoded by
/// ``EscapeSequenceDecoder``; mouse reports arrive that way too (SGR, never through
/// ncurses's `KEY_MOUSE`).
enum KeyDecoder {
    /// Decodes a function-key code (`get_wch` returned `KEY_CODE_YES`).
    static func decode(keyCode code: Int32) -> KeyInput? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case av_key_resize(): return .resize
        default:
            for n in 1...12 where code == av_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Decodes an ordinary character (`get_wch` returned `OK`).
    static func decode(character value: UInt32) -> KeyInput? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
