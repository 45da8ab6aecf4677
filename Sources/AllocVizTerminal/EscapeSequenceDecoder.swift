import AllocVizCore

/// Decodes what follows an Esc byte into a key, a mouse event, or nothing.
///
/// ncurses decodes the sequences its terminfo entry knows; everything else arrives as
/// Esc followed by the sequence's bytes. This decoder takes those bytes one at a time
/// and says when the sequence is complete, so a sequence allocviz does not use is
/// discarded whole instead of its bytes acting as keys (`ESC [ 1 ; 5 D`, Ctrl-Left, must
/// not become `[`, step back):
/// - CSI, `ESC [` parameters (0x30-0x3F), intermediates (0x20-0x2F), one final byte
///   (0x40-0x7E). Unmodified cursor and editing keys map to their keys; SGR mouse
///   reports (`ESC [ < b ; x ; y M` or `m`) become clicks and wheel turns; the rest
///   is discarded. `ESC [ [ x` (the Linux console's F1-F5) and `ESC [ M b x y` (a
///   mouse report without SGR) have fixed lengths.
/// - SS3, `ESC O` then one final byte (after optional parameters): arrows, Home, End,
///   F1-F4, keypad Enter; the rest is discarded.
/// - Alt plus a key, Esc then anything else: discarded whole, never delivered as the
///   bare key. Esc Esc then a sequence is Alt plus that key: discarded too.
/// - Esc alone (nothing follows in time): ``KeyInput/escape``, see ``finish()``.
///
/// An Esc inside a sequence abandons it and starts a new one (ECMA-48); CAN (0x18) and
/// SUB (0x1A) abandon it; a byte outside 7-bit ASCII ends it.
struct EscapeSequenceDecoder {
    /// The result of feeding one byte.
    enum Step: Equatable {
        /// The sequence is not complete: feed the next byte.
        case needsMore
        /// The sequence is complete: the key it stands for, `nil` to discard it.
        case finished(KeyInput?)
    }

    private enum State {
        case start
        case controlSequence
        case linuxFunctionKey
        case legacyMouse
        case singleShift
    }

    private var state = State.start
    private var altPrefixed = false
    private var body: [UInt8] = []
    private var bodyTooLong = false

    /// The most bytes of a sequence's parameters kept; longer sequences are still
    /// read to their end, then discarded.
    static let maximumBodyLength = 32

    /// Whether no byte has been fed since the Esc (or since an Esc that restarted the sequence).
    var isAtStart: Bool { state == .start }

    /// Feeds the next character read after the Esc.
    mutating func feed(_ value: UInt32) -> Step {
        switch state {
        case .start: return start(value)
        case .controlSequence: return controlSequence(value)
        case .linuxFunctionKey: return complete(Self.linuxFunctionKey(value))
        case .legacyMouse: return legacyMouse(value)
        case .singleShift: return singleShift(value)
        }
    }

    /// What the bytes fed so far amount to when no more came in time: Esc alone is
    /// ``KeyInput/escape``; an unfinished sequence is discarded.
    func finish() -> KeyInput? {
        state == .start ? .escape : nil
    }

    /// A key ncurses decoded itself arrived instead of a byte. Right after the Esc it is
    /// Alt plus that key (discarded); inside a sequence it cuts the sequence short (the
    /// sequence is dropped, the key kept). A resize is always kept.
    func interrupted(by key: KeyInput?) -> KeyInput? {
        if key == .resize { return key }
        return state == .start ? nil : key
    }

    // MARK: states

    private mutating func start(_ value: UInt32) -> Step {
        switch value {
        case 0x5B: state = .controlSequence; return .needsMore
        case 0x4F: state = .singleShift; return .needsMore
        case 0x1B where !altPrefixed:
            altPrefixed = true
            return .needsMore
        default:
            // Alt plus a key (or Esc Esc Esc): never the bare key.
            return .finished(nil)
        }
    }

    private mutating func controlSequence(_ value: UInt32) -> Step {
        if body.isEmpty && !bodyTooLong {
            if value == 0x5B { state = .linuxFunctionKey; return .needsMore }
            if value == 0x4D { state = .legacyMouse; return .needsMore }
        }
        switch value {
        case 0x20...0x3F:
            append(value)
            return .needsMore
        case 0x40...0x7E:
            if bodyTooLong { return .finished(nil) }
            return complete(Self.controlSequence(body, final: UInt8(value)))
        default:
            return other(value)
        }
    }

    private mutating func legacyMouse(_ value: UInt32) -> Step {
        guard value <= 0xFF else { return .finished(nil) }
        body.append(UInt8(value))
        guard body.count == 3 else { return .needsMore }
        let button = Int(body[0]) - 32, x = Int(body[1]) - 33, y = Int(body[2]) - 33
        guard button >= 0, x >= 0, y >= 0 else { return .finished(nil) }
        return complete(Self.mouse(button: button, x: x, y: y, released: button & 3 == 3))
    }

    private mutating func singleShift(_ value: UInt32) -> Step {
        switch value {
        case 0x20...0x3F:
            append(value)
            return .needsMore
        case 0x40...0x7E:
            if bodyTooLong || !body.isEmpty { return .finished(nil) }
            return complete(Self.singleShift(final: UInt8(value)))
        default:
            return other(value)
        }
    }

    /// A byte that is neither a parameter nor a final byte inside a sequence.
    private mutating func other(_ value: UInt32) -> Step {
        switch value {
        case 0x1B:
            self = EscapeSequenceDecoder()
            return .needsMore
        case 0x18, 0x1A:
            return .finished(nil)
        case 0x00..<0x20:
            // Other C0 controls inside a sequence are ignored.
            return .needsMore
        default:
            return .finished(nil)
        }
    }

    private mutating func append(_ value: UInt32) {
        if body.count < Self.maximumBodyLength { body.append(UInt8(value)) } else { bodyTooLong = true }
    }

    private func complete(_ key: KeyInput?) -> Step {
        .finished(altPrefixed ? nil : key)
    }

    // MARK: tables

    /// A complete CSI sequence: its parameter and intermediate bytes, and its final byte.
    static func controlSequence(_ body: [UInt8], final: UInt8) -> KeyInput? {
        if body.first == UInt8(ascii: "<") { return sgrMouse(body.dropFirst(), final: final) }
        if body.isEmpty {
            switch final {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            case UInt8(ascii: "Z"): return .backTab
            default: return nil
            }
        }
        // `ESC [ n ~` with one plain number: the editing and function keys.
        guard final == UInt8(ascii: "~"), body.allSatisfy({ (0x30...0x39).contains($0) }),
              let number = Int(String(decoding: body, as: UTF8.self)) else { return nil }
        switch number {
        case 1, 7: return .home
        case 4, 8: return .end
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23, 24: return .function(number - 12)
        default: return nil
        }
    }

    /// A complete SS3 sequence (`ESC O` and a final byte, no parameters).
    static func singleShift(final: UInt8) -> KeyInput? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        default: return nil
        }
    }

    /// The Linux console's `ESC [ [ A` ... `ESC [ [ E`: F1 to F5.
    static func linuxFunctionKey(_ value: UInt32) -> KeyInput? {
        guard (0x41...0x45).contains(value) else { return nil }
        return .function(Int(value) - 0x40)
    }

    /// An SGR mouse report's `b ; x ; y` (1-based cells) and its final byte
    /// (`M` press, `m` release).
    static func sgrMouse(_ parameters: ArraySlice<UInt8>, final: UInt8) -> KeyInput? {
        guard final == UInt8(ascii: "M") || final == UInt8(ascii: "m") else { return nil }
        let fields = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        let numbers = fields.compactMap { field -> Int? in
            guard !field.isEmpty, field.count <= 6, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int(String(decoding: field, as: UTF8.self))
        }
        guard numbers.count == 3, numbers[1] >= 1, numbers[2] >= 1 else { return nil }
        return mouse(button: numbers[0], x: numbers[1] - 1, y: numbers[2] - 1, released: final == UInt8(ascii: "m"))
    }

    /// A mouse event from its button code (xterm's: low two bits the button, +4 Shift,
    /// +8 Meta, +16 Ctrl, +32 motion, +64 wheel, +128 extra buttons) and 0-based cell.
    /// A left press is a click and a wheel turn up or down a wheel event; releases,
    /// motion and the other buttons are discarded.
    static func mouse(button: Int, x: Int, y: Int, released: Bool) -> KeyInput? {
        let code = button & ~(4 | 8 | 16)
        guard !released, code & 32 == 0, code & 128 == 0 else { return nil }
        if code & 64 != 0 {
            switch code & 3 {
            case 0: return .wheel(up: true, x: x, y: y)
            case 1: return .wheel(up: false, x: x, y: y)
            default: return nil
            }
        }
        return code & 3 == 0 ? .click(x: x, y: y) : nil
    }
}
