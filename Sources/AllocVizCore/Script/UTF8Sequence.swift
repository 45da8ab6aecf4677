/// The UTF-8 check that scripts and traces share to tell text from binary files.
enum UTF8Sequence {
    /// The length of the valid UTF-8 sequence starting at `index` of `bytes` (1 for ASCII), or
    /// nil when the bytes there are not one: a bad lead or continuation byte, a sequence cut by
    /// the end, an overlong form or a surrogate.
    /// - Complexity: O(1).
    static func length(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let length: Int
        switch bytes[index] {
        case 0x00..<0x80: return 1
        case 0xC2..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF5: length = 4
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { return nil }
        // Overlong forms and surrogates are left to the standard decoder.
        guard String(validating: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), as: UTF8.self) != nil else { return nil }
        return length
    }
}
