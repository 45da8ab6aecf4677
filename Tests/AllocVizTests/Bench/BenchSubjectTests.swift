import Testing
@testable import AllocVizBench

/// The bench's own subjects: the bump ceiling and the dlopen'd general-purpose peers keep the
/// contract every heap subject keeps (aligned blocks, contents kept by a reallocation).
struct BenchSubjectTests {
    @Test func bumpHonoursAlignmentAndCopiesOnReallocate() throws {
        var bump = BumpCeilingSubject(ringBytes: 1 << 16)
        defer { bump.release() }
        let firstBlock = bump.allocate(size: 24, alignment: 8)
        let alignedBlock = bump.allocate(size: 100, alignment: 1024)
        let first = try #require(firstBlock)
        let aligned = try #require(alignedBlock)
        #expect(Int(bitPattern: aligned) % 1024 == 0)
        #expect(Int(bitPattern: aligned) >= Int(bitPattern: first) + 24, "blocks do not overlap")
        tagBlock(aligned, size: 100)
        let movedBlock = bump.reallocate(aligned, oldSize: 100, newSize: 300, alignment: 1024)
        let moved = try #require(movedBlock)
        #expect(moved != aligned && Int(bitPattern: moved) % 1024 == 0)
        #expect(moved.load(as: UInt64.self) == blockTag(100), "realloc copied the contents")
        let shrunk = bump.reallocate(moved, oldSize: 300, newSize: 40, alignment: 1024)
        #expect(shrunk == moved, "a shrinking block stays")
    }

    @Test func bumpWrapsToTheStartOfItsRing() throws {
        var bump = BumpCeilingSubject(ringBytes: 1 << 12)
        defer { bump.release() }
        let start = Int(bitPattern: bump.base)
        for _ in 0..<100 {
            let fresh = bump.allocate(size: 1000, alignment: 16)
            let block = try #require(fresh)
            #expect(Int(bitPattern: block) >= start && Int(bitPattern: block) + 1000 <= start + (1 << 12), "stays inside the ring")
        }
    }

    @Test func loadedPeersAllocateAlignedAndKeepContentsOnReallocate() throws {
        for peer in GeneralPurposePeers.all {
            guard let functions = peer.functions else {
                #expect(peer.absence != nil, "\(peer.name) is absent without a reason")
                #expect(GeneralPurposePeers.absenceNotice?.contains(peer.name) == true)
                continue
            }
            var subject = GeneralPurposeSubject(functions: functions)
            for (size, alignment) in [(24, 8), (200, 16), (100, 64), (5000, 4096), (8, 16)] {
                let fresh = subject.allocate(size: size, alignment: alignment)
                let block = try #require(fresh, "\(peer.name) \(size)/\(alignment)")
                #expect(Int(bitPattern: block) % alignment == 0, "\(peer.name) \(size)/\(alignment)")
                tagBlock(block, size: size)
                let moved = subject.reallocate(block, oldSize: size, newSize: size * 3, alignment: alignment)
                let grown = try #require(moved)
                #expect(Int(bitPattern: grown) % alignment == 0, "\(peer.name) realloc \(size)/\(alignment)")
                #expect(grown.load(as: UInt64.self) == blockTag(size), "\(peer.name) kept the contents")
                let freed = subject.deallocate(grown, size: size * 3, alignment: alignment)
                #expect(freed)
            }
        }
    }

    @Test func aMissingLibraryMakesAnAbsentPeerWithItsReason() {
        let peer = GeneralPurposePeers.peer("nothing", "libno-such-allocator.so.9", "no-such-package", ["malloc"]) { _ in
            Issue.record("resolved symbols of a library that does not exist")
            fatalError()
        }
        #expect(!peer.isLoaded)
        #expect(peer.absence?.contains("libno-such-allocator.so.9") == true, "\(peer.absence ?? "no reason")")
        // In the table an absent peer has no figure: a dash, the unit `absent`, the reason.
        let row = BenchResult.withoutFigure(suite: "heap-w2", subject: peer.name, unit: "absent", note: peer.absence ?? "")
        let line = BenchReport.table([row]).split(separator: "\n")[1]
        #expect(line.contains(" -  absent ") && line.hasSuffix(peer.absence ?? "?"), "\(line)")
    }
}
