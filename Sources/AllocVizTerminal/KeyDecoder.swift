import AllocVizCore
import CNcurses

/// Turns what `get_wch` returned into a ``KeyInput``.
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
        case av_key_mouse(): return decodeMouse()
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
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func decodeMouse() -> KeyInput? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let x = Int(event.x), y = Int(event.y)
        if event.bstate & av_wheel_up() != 0 { return .wheel(up: true, x: x, y: y) }
        if av_wheel_down() != 0 && event.bstate & av_wheel_down() != 0 { return .wheel(up: false, x: x, y: y) }
        if event.bstate & av_button1_pressed() != 0 { return .click(x: x, y: y) }
        return nil
    }
}
