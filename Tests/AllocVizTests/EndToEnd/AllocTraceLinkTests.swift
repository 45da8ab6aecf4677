#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import AllocVizTestSupport
import Testing

/// The recorder library preloaded into traced programs needs nothing beyond the C library: no
/// Swift runtime, no C++ library (Package.swift links it with scripts/ld-as-needed).
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct AllocTraceLinkTests {
    /// The libraries the dynamic loader may load for it: the C library and the loader itself.
    static func isCLibrary(_ name: String) -> Bool {
        name.hasPrefix("libc.so") || name.hasPrefix("ld-linux")
    }

    @Test func theRecorderLibraryNeedsOnlyTheCLibrary() throws {
        let binary = try #require(BinaryRunner.path)
        let directory = binary.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let library = directory + "/libAllocTrace.so"
        let bytes = try #require(try? ScriptFile.read(library).get(), "\(library) is not built (swift build)")
        let needed = try #require(ELFDynamicSection.neededLibraries(bytes), "\(library) is not a 64-bit ELF shared library")
        #expect(needed.contains { $0.hasPrefix("libc.so") }, "NEEDED: \(needed)")
        #expect(needed.allSatisfy(Self.isCLibrary), "NEEDED: \(needed)")
    }

    /// The reader finds what the Swift-linked test binary needs, the Swift runtime among them
    /// (so the test above cannot pass by reading nothing).
    @Test func theReaderSeesTheSwiftRuntimeInAllocviz() throws {
        let binary = try #require(BinaryRunner.path)
        let bytes = try #require(try? ScriptFile.read(binary).get())
        let needed = try #require(ELFDynamicSection.neededLibraries(bytes))
        #expect(needed.contains("libswiftCore.so"), "NEEDED: \(needed)")
        #expect(!needed.allSatisfy(Self.isCLibrary))
    }
}

/// The DT_NEEDED entries of a 64-bit little-endian ELF file, read from its section headers:
/// the `SHT_DYNAMIC` section's entries and the string table it links to.
enum ELFDynamicSection {
    static func neededLibraries(_ bytes: [UInt8]) -> [String]? {
        func integer(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= 0, offset + size <= bytes.count else { return nil }
            var value = 0
            for index in (0..<size).reversed() { value = value << 8 | Int(bytes[offset + index]) }
            return value
        }
        guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), bytes.count > 64, bytes[4] == 2, bytes[5] == 1,
              let sectionTable = integer(0x28, 8), let entrySize = integer(0x3A, 2), let count = integer(0x3C, 2)
        else { return nil }
        func section(_ index: Int) -> (type: Int, offset: Int, size: Int, link: Int)? {
            let header = sectionTable + index * entrySize
            guard let type = integer(header + 4, 4), let offset = integer(header + 0x18, 8),
                  let size = integer(header + 0x20, 8), let link = integer(header + 0x28, 4) else { return nil }
            return (type, offset, size, link)
        }
        let sectionTypeDynamic = 6, tagNeeded = 1
        guard let dynamic = (0..<count).lazy.compactMap(section).first(where: { $0.type == sectionTypeDynamic }),
              let strings = section(dynamic.link) else { return nil }
        var names: [String] = []
        for entry in stride(from: dynamic.offset, to: dynamic.offset + dynamic.size, by: 16) {
            guard let tag = integer(entry, 8), let value = integer(entry + 8, 8) else { return nil }
            if tag == 0 { break }
            guard tag == tagNeeded else { continue }
            let start = strings.offset + value
            guard start < bytes.count, let end = bytes[start...].firstIndex(of: 0) else { return nil }
            names.append(String(decoding: bytes[start..<end], as: UTF8.self))
        }
        return names
    }
}
