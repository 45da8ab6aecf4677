// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "allocviz",
    products: [
        .library(name: "Allocators", targets: ["Allocators"]),
        .executable(name: "allocviz", targets: ["AllocViz"]),
        // The preload library behind `allocviz trace` (libAllocTrace.so): C library only.
        .library(name: "AllocTrace", type: .dynamic, targets: ["CAllocTrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The allocation recorder preloaded into a traced program: C, glibc only (libdl, pthread).
        .target(
            name: "CAllocTrace",
            path: "Sources/CAllocTrace",
            // SwiftPM links the library with swiftc, which puts -lswiftCore ahead of any flag
            // given here, so `-Xlinker --as-needed` comes too late: the library is linked by
            // scripts/ld-as-needed, the system linker with --as-needed first, and needs only
            // the C library (AllocTraceLinkTests reads its NEEDED entries).
            linkerSettings: [
                .linkedLibrary("dl"), .linkedLibrary("pthread"),
                .unsafeFlags(["-use-ld=\(Context.packageDirectory)/scripts/ld-as-needed"]),
            ]
        ),
        // The allocator library: Swift standard library only.
        .target(
            name: "Allocators",
            path: "Sources/Allocators"
        ),
        // ncurses (wide) as a system library; only the Terminal layer imports it.
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The terminal's safety net shared by every signal handler: saved modes, restore bytes,
        // pending-signal flags. C, so its state is one record in one translation unit.
        .target(
            name: "CTerminalGuard",
            path: "Sources/CTerminalGuard"
        ),
        // Sessions, scripts, pure views and headless outputs: everything testable without a terminal.
        .target(
            name: "AllocVizCore",
            dependencies: ["Allocators"],
            path: "Sources/AllocVizCore"
        ),
        // The ncurses front end: the only code that talks to the terminal.
        .target(
            name: "AllocVizTerminal",
            dependencies: ["AllocVizCore", "CNcurses", "CTerminalGuard"],
            path: "Sources/AllocVizTerminal"
        ),
        // The benchmark suites behind `allocviz bench` and the large render workloads.
        .target(
            name: "AllocVizBench",
            dependencies: ["Allocators", "AllocVizCore"],
            path: "Sources/AllocVizBench"
        ),
        // The `allocviz` executable: the commands only.
        .executableTarget(
            name: "AllocViz",
            dependencies: [
                "Allocators",
                "AllocVizCore",
                "AllocVizBench",
                "AllocVizTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/AllocViz"
        ),
        .testTarget(
            name: "AllocatorsTests",
            dependencies: ["Allocators", "AllocVizCore"],
            path: "Tests/AllocatorsTests"
        ),
        // What several test targets share: where the built `allocviz` binary is.
        .target(name: "AllocVizTestSupport", path: "Tests/AllocVizTestSupport"),
        .testTarget(
            name: "AllocVizTests",
            dependencies: ["AllocVizCore", "AllocVizBench", "Allocators", "AllocVizTestSupport"],
            path: "Tests/AllocVizTests",
            exclude: ["Goldens"]  // golden frames, read and rewritten in the source tree (GoldenFile.swift)
        ),
        .testTarget(
            name: "AllocVizTerminalTests",
            dependencies: ["AllocVizTerminal", "AllocVizCore", "CNcurses", "AllocVizTestSupport"],
            path: "Tests/AllocVizTerminalTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
