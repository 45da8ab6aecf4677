#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The trace file after the command ended: the recorder wrote it, or left its body
/// (`FILE.PID.body`) for allocviz to finish.
enum TraceFile {
    /// The header's two numbers.
    struct Counts: Equatable {
        var ids: Int
        var operations: Int
    }

    enum Outcome: Equatable {
        /// The recorder wrote the trace at exit.
        case written(Counts)
        /// The process ended without running its exit code (_exit, a signal, exec): allocviz
        /// wrote the header and the lines the recorder had written.
        case finishedHere(Counts)
        /// The command never loaded the recorder.
        case notRecorded
        /// The trace could not be written.
        case failed(String)
    }

    static func finish(tracePath: String, pid: pid_t) -> Outcome {
        let bodyPath = "\(tracePath).\(pid).body"
        if access(bodyPath, F_OK) == 0 {
            defer { unlink(bodyPath) }
            return finishBody(bodyPath, into: tracePath, pid: pid)
        }
        guard let counts = headerCounts(tracePath) else { return .notRecorded }
        return .written(counts)
    }

    /// Removes `FILE.PID.body` files left by an earlier run that was killed (the recorder would
    /// take one of the same pid for the trace of an exec'd image).
    static func removeStaleBodies(tracePath: String) {
        let slash = tracePath.lastIndex(of: "/")!
        let directory = String(tracePath[..<slash])
        let prefix = String(tracePath[tracePath.index(after: slash)...]) + "."
        guard let stream = opendir(directory.isEmpty ? "/" : directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), name.hasSuffix(".body") else { continue }
            let middle = name.dropFirst(prefix.count).dropLast(".body".count)
            if !middle.isEmpty && middle.allSatisfy(\.isNumber) { unlink(directory + "/" + name) }
        }
    }

    /// The ids and operations of a trace's header (after any `#` comment lines).
    static func headerCounts(_ path: String) -> Counts? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var numbers: [Int] = []
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while numbers.count < 2, getline(&line, &capacity, file) >= 0, let line {
            let text = String(cString: line).trimmingSuffixNewline()
            if text.hasPrefix("#") { continue }
            guard let number = Int(text) else { return nil }
            numbers.append(number)
        }
        return numbers.count == 2 ? Counts(ids: numbers[0], operations: numbers[1]) : nil
    }

    /// Writes header + body to `FILE.PID.tmp` and renames it to FILE. Ids are the `a`, `c` and
    /// `m` lines (each makes a new id); operations are all lines but `#` comments.
    static func finishBody(_ bodyPath: String, into tracePath: String, pid: pid_t) -> Outcome {
        guard let body = fopen(bodyPath, "r") else { return .failed(String(cString: strerror(errno))) }
        defer { fclose(body) }
        var counts = Counts(ids: 0, operations: 0)
        var atLineStart = true
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, body)
            if count == 0 { break }
            for byte in buffer[..<count] {
                if atLineStart && byte != UInt8(ascii: "#") && byte != UInt8(ascii: "\n") {
                    counts.operations += 1
                    if byte == UInt8(ascii: "a") || byte == UInt8(ascii: "c") || byte == UInt8(ascii: "m") { counts.ids += 1 }
                }
                atLineStart = byte == UInt8(ascii: "\n")
            }
        }
        let temporaryPath = "\(tracePath).\(pid).tmp"
        guard let out = fopen(temporaryPath, "w") else { return .failed(String(cString: strerror(errno))) }
        var ok = fputs("\(counts.ids)\n\(counts.operations)\n", out) >= 0
        rewind(body)
        while ok {
            let count = fread(&buffer, 1, buffer.count, body)
            if count == 0 { break }
            ok = fwrite(buffer, 1, count, out) == count
        }
        ok = fclose(out) == 0 && ok
        guard ok, rename(temporaryPath, tracePath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            return .failed(reason)
        }
        return .finishedHere(counts)
    }
}

extension String {
    fileprivate func trimmingSuffixNewline() -> String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
