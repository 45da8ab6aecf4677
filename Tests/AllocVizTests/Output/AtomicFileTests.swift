@testable import AllocVizCore
import AllocVizTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The one writer of output files: all or nothing, every failure reported with the path.
@Suite struct AtomicFileTests {
    /// A fresh directory for one test, removed with everything in it by `cleanUp`.
    struct Scratch {
        let path: String
        init() throws {
            var template = Array("/tmp/allocviz-atomic-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            try #require(made != nil)
            path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        func file(_ name: String) -> String { path + "/" + name }
        /// The names in the directory.
        func names() -> [String] {
            guard let directory = opendir(path) else { return [] }
            defer { closedir(directory) }
            var result: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { result.append(name) }
            }
            return result.sorted()
        }
        func cleanUp() {
            for name in names() { unlink(file(name)) }
            rmdir(path)
        }
    }

    static func contents(_ path: String) -> String? {
        guard case .success(let bytes) = ScriptFile.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func mode(_ path: String) -> mode_t {
        var status = stat()
        _ = stat(path, &status)
        return status.st_mode & 0o7777
    }

    @Test func writesANewFileWithTheUmaskMode() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let target = scratch.file("new.aviz")
        #expect(AtomicFile.write("alloc A 16\n", to: target) == nil)
        #expect(Self.contents(target) == "alloc A 16\n")
        let mask = umask(0o022)
        umask(mask)
        #expect(Self.mode(target) == 0o666 & ~mask)
        #expect(scratch.names() == ["new.aviz"])
    }

    @Test func replacesAnOldFileKeepingItsMode() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let target = scratch.file("old.aviz")
        #expect(AtomicFile.write("old\n", to: target) == nil)
        chmod(target, 0o640)
        #expect(AtomicFile.write("new\n", to: target) == nil)
        #expect(Self.contents(target) == "new\n")
        #expect(Self.mode(target) == 0o640)
        #expect(scratch.names() == ["old.aviz"])
    }

    /// Each system call failing in turn: the old file stays whole, the temporary file is
    /// removed, the message names the path and the reason.
    @Test(arguments: ["write", "short-then-fail", "fsync", "close", "rename"])
    func aFailureLeavesTheOldFileIntact(failing call: String) throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let target = scratch.file("keep.aviz")
        #expect(AtomicFile.write("precious\n", to: target) == nil)
        var operations = AtomicFile.Operations()
        switch call {
        case "write": operations.write = { _, _, _ in errno = ENOSPC; return -1 }
        case "short-then-fail":
            var calls = 0
            operations.write = { descriptor, buffer, count in
                calls += 1
                if calls == 1 { return Glibc.write(descriptor, buffer, min(count, 3)) }
                errno = ENOSPC
                return -1
            }
        case "fsync": operations.fsync = { _ in errno = EIO; return -1 }
        case "close": operations.close = { descriptor in Glibc.close(descriptor); errno = EDQUOT; return -1 }
        default: operations.rename = { _, _ in errno = EXDEV; return -1 }
        }
        let problem = AtomicFile.write(Array(String(repeating: "new line\n", count: 1000).utf8), to: target, operations: operations)
        let message = try #require(problem).description
        #expect(message.hasPrefix(target + ": cannot write: "))
        let reason = String(cString: strerror(["write": ENOSPC, "short-then-fail": ENOSPC, "fsync": EIO, "close": EDQUOT][call] ?? EXDEV))
        #expect(message.hasSuffix(reason))
        #expect(Self.contents(target) == "precious\n")
        #expect(scratch.names() == ["keep.aviz"])
    }

    @Test func aDeviceThatIsFullIsAnError() throws {
        let problem = try #require(AtomicFile.write("alloc A 16\n", to: "/dev/full"))
        #expect(problem.description == "/dev/full: cannot write: " + String(cString: strerror(ENOSPC)))
    }

    @Test func aDeviceIsWrittenInPlace() {
        #expect(AtomicFile.write("alloc A 16\n", to: "/dev/null") == nil)
    }

    @Test func aFileInAReadOnlyDirectoryIsAnError() throws {
        let problem = try #require(AtomicFile.write("x", to: "/proc/version"))
        #expect(problem.description.hasPrefix("/proc/version: cannot write: cannot create a temporary file in /proc: "))
    }

    @Test func aDirectoryOrAMissingDirectoryIsAnError() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        #expect(AtomicFile.write("x", to: scratch.path)?.description == "\(scratch.path): cannot write: " + String(cString: strerror(EISDIR)))
        let missing = scratch.file("no/such.aviz")
        #expect(AtomicFile.write("x", to: missing)?.description.hasPrefix("\(missing): cannot write: cannot create a temporary file in \(scratch.path)/no: ") == true)
    }

    @Test func aSymbolicLinkKeepsPointingAtTheReplacedFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let real = scratch.file("real.aviz")
        let link = scratch.file("link.aviz")
        #expect(AtomicFile.write("old\n", to: real) == nil)
        #expect(symlink(real, link) == 0)
        #expect(AtomicFile.write("new\n", to: link) == nil)
        var status = stat()
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
        #expect(Self.contents(real) == "new\n")
        #expect(scratch.names() == ["link.aviz", "real.aviz"])
    }

    @Test func outputsNamingAnInputOrEachOtherAreFound() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let script = scratch.file("s.aviz")
        #expect(AtomicFile.write("alloc A 16\n", to: script) == nil)
        let inputs = [OutputPath.Use("the script", script)]
        let sameByDots = scratch.path + "/./s.aviz"
        #expect(OutputPath.conflict(inputs: inputs, outputs: [.init("--cast", sameByDots)])
                == "--cast \(sameByDots) is the script (\(script)); writing it would destroy it: choose another file")
        let fresh = scratch.file("out.cast")
        #expect(OutputPath.conflict(inputs: inputs, outputs: [.init("--cast", fresh), .init("--record", scratch.path + "/../" + OutputPath.lastComponent(of: scratch.path) + "/out.cast")])
                == "--cast and --record name the same file (\(scratch.path)/../\(OutputPath.lastComponent(of: scratch.path))/out.cast); give each its own file")
        #expect(OutputPath.conflict(inputs: inputs, outputs: [.init("--cast", fresh), .init("--record", scratch.file("out.aviz"))]) == nil)
        #expect(OutputPath.conflict(inputs: inputs, outputs: [.init("--cast", "/dev/null"), .init("--record", "/dev/null")]) == nil)
    }
}
