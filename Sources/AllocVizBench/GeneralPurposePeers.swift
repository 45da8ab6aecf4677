#if canImport(Glibc)
import Glibc
#endif

/// The general-purpose allocators the heap suites race in the same process: mimalloc,
/// jemalloc and tcmalloc, loaded with `dlopen(RTLD_LOCAL)` from their Debian shared libraries
/// (libmimalloc2.0, libjemalloc2, libtcmalloc-minimal4) and called through their own entry
/// points. Loading them `RTLD_LOCAL` keeps their symbols out of the global scope, so the
/// process's `malloc` (the Swift runtime's and the glibc peer's) stays glibc.
public enum GeneralPurposePeers {
    /// One peer: its name, its shared library, and what loading it gave.
    public struct Peer: Sendable {
        /// The allocator's name, used as the row subject (`mimalloc`).
        public var name: String
        /// The shared library `dlopen` looks for (`libmimalloc.so.2`).
        public var library: String
        /// The Debian package that installs the library.
        public var package: String
        /// The loaded entry points, or nil when the library could not be loaded.
        var functions: PeerFunctions?
        /// Why the library is absent (the `dlerror` text), when it is.
        public var absence: String?

        /// Whether the library loaded and every entry point resolved.
        public var isLoaded: Bool { functions != nil }
    }

    /// The three peers, in report order; loaded once per process on first use.
    public static let all: [Peer] = [loadMimalloc(), loadJemalloc(), loadTcmalloc()]

    /// The environment setting that lets jemalloc load with `dlopen`: libjemalloc.so.2 uses
    /// initial-exec thread-local storage, which glibc only grants to a library opened after
    /// start-up from its optional static TLS reserve; without a larger reserve `dlopen` fails
    /// with "cannot allocate memory in static TLS block".
    public static let staticTLSTunable = "glibc.rtld.optional_static_tls=65536"

    /// Whether this process should re-execute itself with ``staticTLSTunable`` in
    /// `GLIBC_TUNABLES` to load jemalloc: its library is installed, but opening it failed for
    /// want of static TLS, and the tunable is not set yet. (Checked before ``all`` is loaded.)
    public static var jemallocNeedsStaticTLSReserve: Bool {
        if loadingDisabled { return false }
        if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("optional_static_tls") { return false }
        if let handle = dlopen(jemallocLibrary, RTLD_NOW | RTLD_LOCAL) {
            dlclose(handle)
            return false
        }
        return lastDynamicLinkerError().contains("static TLS")
    }

    /// `GLIBC_TUNABLES` with ``staticTLSTunable`` added to whatever it held.
    public static func tunablesWithStaticTLSReserve() -> String {
        guard let current = getenv("GLIBC_TUNABLES"), current.pointee != 0 else { return staticTLSTunable }
        return String(cString: current) + ":" + staticTLSTunable
    }

    static let jemallocLibrary = "libjemalloc.so.2"

    static func lastDynamicLinkerError() -> String {
        guard let message = dlerror() else { return "unknown error" }
        return String(cString: message)
    }

    /// `ALLOCVIZ_BENCH_PEERS=none` leaves the peers unloaded (reported absent). CI's
    /// AddressSanitizer pass sets it: the peers' C++ start-up keeps allocations for the life of
    /// the process, which LeakSanitizer would report as leaks of ours.
    public static let loadingDisabled = getenv("ALLOCVIZ_BENCH_PEERS").map { String(cString: $0) } == "none"

    /// Opens `library` and resolves `symbols`; the handle stays open for the process's life.
    static func open(_ library: String, _ symbols: [String]) -> Result<[UnsafeMutableRawPointer], PeerAbsence> {
        if loadingDisabled { return .failure(PeerAbsence(reason: "\(library) not loaded (ALLOCVIZ_BENCH_PEERS=none)")) }
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            return .failure(PeerAbsence(reason: lastDynamicLinkerError()))
        }
        var resolved: [UnsafeMutableRawPointer] = []
        for symbol in symbols {
            guard let address = dlsym(handle, symbol) else {
                return .failure(PeerAbsence(reason: "\(library) has no \(symbol)"))
            }
            resolved.append(address)
        }
        return .success(resolved)
    }

    struct PeerAbsence: Error {
        var reason: String
    }

    static func peer(_ name: String, _ library: String, _ package: String, _ symbols: [String],
                     _ make: ([UnsafeMutableRawPointer]) -> PeerFunctions) -> Peer {
        switch open(library, symbols) {
        case .success(let addresses):
            return Peer(name: name, library: library, package: package, functions: make(addresses), absence: nil)
        case .failure(let absence):
            return Peer(name: name, library: library, package: package, functions: nil, absence: absence.reason)
        }
    }

    /// mimalloc: `mi_malloc`/`mi_free`/`mi_realloc`, and `mi_malloc_aligned`/`mi_realloc_aligned`
    /// for alignments above 16 (mimalloc reallocates over-aligned blocks itself).
    static func loadMimalloc() -> Peer {
        peer("mimalloc", "libmimalloc.so.2", "libmimalloc2.0",
             ["mi_malloc", "mi_free", "mi_realloc", "mi_malloc_aligned", "mi_realloc_aligned"]) { a in
            PeerFunctions(malloc: cast(a[0]), free: cast(a[1]), realloc: cast(a[2]),
                          alignedMalloc: .sizeThenAlignment(cast(a[3])), alignedRealloc: cast(a[4]))
        }
    }

    /// jemalloc: the standard `malloc`/`free`/`realloc` taken from its own handle, and
    /// `mallocx`/`rallocx` with `MALLOCX_LG_ALIGN(log2 alignment)` for alignments above 16.
    static func loadJemalloc() -> Peer {
        peer("jemalloc", jemallocLibrary, "libjemalloc2", ["malloc", "free", "realloc", "mallocx", "rallocx"]) { a in
            PeerFunctions(malloc: cast(a[0]), free: cast(a[1]), realloc: cast(a[2]),
                          alignedMalloc: .sizeThenLogAlignmentFlags(cast(a[3])), alignedRealloc: nil,
                          flagsRealloc: cast(a[4]))
        }
    }

    /// tcmalloc (minimal): `tc_malloc`/`tc_free`/`tc_realloc` and `tc_memalign` for alignments
    /// above 16; it has no aligned realloc, so an over-aligned block moves by
    /// allocate-copy-free, as glibc's does.
    static func loadTcmalloc() -> Peer {
        peer("tcmalloc", "libtcmalloc_minimal.so.4", "libtcmalloc-minimal4", ["tc_malloc", "tc_free", "tc_realloc", "tc_memalign"]) { a in
            PeerFunctions(malloc: cast(a[0]), free: cast(a[1]), realloc: cast(a[2]),
                          alignedMalloc: .alignmentThenSize(cast(a[3])), alignedRealloc: nil)
        }
    }

    static func cast<F>(_ address: UnsafeMutableRawPointer) -> F { unsafeBitCast(address, to: F.self) }

    /// One line naming the absent peers and why, or nil when all three loaded.
    public static var absenceNotice: String? {
        let absent = all.filter { !$0.isLoaded }
        guard !absent.isEmpty else { return nil }
        return "peers absent: " + absent.map { "\($0.name) (\($0.library): \($0.absence ?? "not loaded"); Debian package \($0.package))" }
            .joined(separator: "; ")
    }
}

/// The C entry points of one general-purpose allocator.
struct PeerFunctions: @unchecked Sendable {
    typealias Malloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias Realloc = @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer?
    typealias AlignedRealloc = @convention(c) (UnsafeMutableRawPointer?, Int, Int) -> UnsafeMutableRawPointer?
    typealias FlagsRealloc = @convention(c) (UnsafeMutableRawPointer?, Int, Int32) -> UnsafeMutableRawPointer?

    /// The over-aligned allocation entry point, by argument order.
    enum AlignedMalloc {
        /// `mi_malloc_aligned(size, alignment)`.
        case sizeThenAlignment(@convention(c) (Int, Int) -> UnsafeMutableRawPointer?)
        /// `memalign(alignment, size)`.
        case alignmentThenSize(@convention(c) (Int, Int) -> UnsafeMutableRawPointer?)
        /// `mallocx(size, MALLOCX_LG_ALIGN(log2 alignment))`.
        case sizeThenLogAlignmentFlags(@convention(c) (Int, Int32) -> UnsafeMutableRawPointer?)
    }

    var malloc: Malloc
    var free: Free
    var realloc: Realloc
    var alignedMalloc: AlignedMalloc
    /// `mi_realloc_aligned(p, size, alignment)`, when the allocator has one.
    var alignedRealloc: AlignedRealloc?
    /// `rallocx(p, size, flags)`, when the allocator has one.
    var flagsRealloc: FlagsRealloc? = nil
}

/// A dlopen'd general-purpose allocator, used as glibc is: its `malloc`/`realloc` when the
/// alignment is at most 16 (and at most the size), its aligned entry points otherwise.
struct GeneralPurposeSubject: HeapBenchSubject {
    let functions: PeerFunctions

    @inline(__always)
    mutating func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if alignment <= 16 && alignment <= size { return functions.malloc(size) }
        let alignment = max(alignment, 8)
        switch functions.alignedMalloc {
        case .sizeThenAlignment(let function): return function(size, alignment)
        case .alignmentThenSize(let function): return function(alignment, size)
        case .sizeThenLogAlignmentFlags(let function): return function(size, Int32(alignment.trailingZeroBitCount))
        }
    }

    @inline(__always)
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, size: Int, alignment: Int) -> Bool {
        functions.free(pointer)
        return true
    }

    @inline(__always)
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, oldSize: Int, newSize: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if alignment <= 16 && alignment <= newSize { return functions.realloc(pointer, newSize) }
        let alignment = max(alignment, 8)
        if let alignedRealloc = functions.alignedRealloc { return alignedRealloc(pointer, newSize, alignment) }
        if let flagsRealloc = functions.flagsRealloc { return flagsRealloc(pointer, newSize, Int32(alignment.trailingZeroBitCount)) }
        guard let fresh = allocate(size: newSize, alignment: alignment) else { return nil }
        fresh.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
        functions.free(pointer)
        return fresh
    }
}
