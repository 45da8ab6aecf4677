#if canImport(Glibc)
import Glibc
#endif

/// Reads a file line by line through one buffer of a fixed size, so a trace of any length is
/// read in memory independent of its length (plus the longest line). Lines end at LF, CRLF or
/// a lone CR, as ``ScriptParser/splitLines(_:)`` splits them (an ending split between two
/// buffers included); text after the last ending is a last line; a UTF-8 byte order mark
/// starting the file is skipped.
struct TraceLineReader {
    /// Where a line is, for messages.
    struct Line {
        /// The 1-based line number (counting LF, CRLF and CR endings).
        var number: Int
        /// The file offset of the line's first byte (after a byte order mark).
        var offset: Int
        /// The 1-based line counting LF endings only, and the file offset where that line
        /// starts: ``ScriptParser/binaryProblem(_:)`` locates bytes this way.
        var linefeedLine: Int
        /// See ``linefeedLine``.
        var linefeedLineStart: Int
    }

    /// The longest line read (a longer one is an error, not a truncation).
    static let maximumLineBytes = 64 << 20

    /// Calls `body` with every line of the file at `path` in order, its bytes without the
    /// ending (valid only during the call), until `body` returns false. Returns why the file
    /// could not be read, or nil.
    /// - Complexity: O(file size) time; O(`bufferSize` + longest line) memory.
    static func forEachLine(path: String, bufferSize: Int,
                            _ body: (Line, UnsafeBufferPointer<UInt8>) -> Bool) -> SessionError? {
        guard let file = fopen(path, "rb") else {
            return SessionError("\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: max(1, bufferSize))
        var carry: [UInt8] = []
        var line = Line(number: 1, offset: 0, linefeedLine: 1, linefeedLineStart: 0)
        var linefeedLine = 1
        var linefeedLineStart = 0
        var bufferOffset = 0
        var afterCR = false
        var stopped = false

        func emit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var shown = line
            var bytes = bytes
            if shown.number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = UnsafeBufferPointer(rebasing: bytes[3...])
                shown.offset += 3
            }
            return body(shown, bytes)
        }

        while !stopped {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            var tooLong = false
            buffer.withUnsafeBufferPointer { bytes in
                var index = 0
                var segmentStart = 0
                func startLine(at next: Int) {
                    segmentStart = next
                    line = Line(number: line.number, offset: bufferOffset + next,
                                linefeedLine: linefeedLine, linefeedLineStart: linefeedLineStart)
                }
                while index < count {
                    let byte = bytes[index]
                    if afterCR {
                        afterCR = false
                        if byte == 0x0A {
                            linefeedLine += 1
                            linefeedLineStart = bufferOffset + index + 1
                            index += 1
                            startLine(at: index)
                            continue
                        }
                    }
                    guard byte == 0x0A || byte == 0x0D else {
                        index += 1
                        continue
                    }
                    let piece = UnsafeBufferPointer(rebasing: bytes[segmentStart..<index])
                    let goOn: Bool
                    if carry.isEmpty {
                        goOn = emit(piece)
                    } else {
                        carry.append(contentsOf: piece)
                        goOn = carry.withUnsafeBufferPointer { emit($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    line.number += 1
                    if byte == 0x0A {
                        linefeedLine += 1
                        linefeedLineStart = bufferOffset + index + 1
                    } else {
                        afterCR = true
                    }
                    index += 1
                    startLine(at: index)
                    if !goOn {
                        stopped = true
                        return
                    }
                }
                carry.append(contentsOf: bytes[segmentStart..<count])
                tooLong = carry.count > maximumLineBytes
            }
            if tooLong {
                return SessionError("\(path): line \(line.number) is longer than \(maximumLineBytes >> 20) MiB; is it really a trace?")
            }
            bufferOffset += count
            if count < buffer.count {
                if ferror(file) != 0 { return SessionError("\(path): cannot read: \(String(cString: strerror(errno)))") }
                break
            }
        }
        // Text after the last ending is a last line (a file that is only a byte order mark has none).
        let onlyMark = line.number == 1 && carry == [0xEF, 0xBB, 0xBF]
        if !stopped && !carry.isEmpty && !onlyMark { _ = carry.withUnsafeBufferPointer { emit($0) } }
        return nil
    }

    /// The first byte of `bytes` (one line, without its ending) that is a NUL or starts
    /// invalid UTF-8 (as ``ScriptParser/binaryProblem(_:)`` finds them), and whether it is a NUL.
    /// - Complexity: O(bytes).
    static func firstNonText(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, isNUL: Bool)? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0 { return (index, true) }
            guard let length = UTF8Sequence.length(in: bytes, at: index) else { return (index, false) }
            index += length
        }
        return nil
    }
}
