// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first. A target only imports the ones listed before it:
//   CCrypt (libcrypt) · CutoverFormats (pure parsers/writers) → CutoverSystem (files, processes, sockets, clock)
//   → CutoverKit (plan, engine, steps, reports) → CutoverDemo (the bundled demo and its stand-in daemon)
//   → CutoverCLI (commands, options, help, exit codes) → cutover (main.swift)
let package = Package(
    name: "cutover",
    products: [
        .executable(name: "cutover", targets: ["cutover"]),
        .library(name: "CutoverKit", targets: ["CutoverKit"]),
    ],
    targets: [
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),
        .target(name: "CutoverFormats"),
        .target(name: "CutoverSystem", dependencies: ["CCrypt", "CutoverFormats"]),
        .target(name: "CutoverKit", dependencies: ["CutoverFormats", "CutoverSystem"]),
        .target(name: "CutoverDemo", dependencies: ["CutoverKit"]),
        .target(name: "CutoverCLI", dependencies: ["CutoverKit", "CutoverDemo"]),
        .executableTarget(name: "cutover", dependencies: ["CutoverCLI"]),
        .target(name: "CutoverTestSupport", dependencies: ["CutoverKit"], path: "Tests/CutoverTestSupport"),
        .testTarget(name: "CutoverFormatsTests", dependencies: ["CutoverFormats"]),
        .testTarget(name: "CutoverSystemTests", dependencies: ["CutoverSystem", "CutoverTestSupport"]),
        .testTarget(name: "CutoverKitTests", dependencies: ["CutoverKit", "CutoverTestSupport"]),
        .testTarget(name: "CutoverCLITests", dependencies: ["CutoverCLI", "CutoverDemo", "CutoverTestSupport"]),
        .testTarget(name: "CutoverEndToEndTests", dependencies: ["CutoverKit", "CutoverDemo", "CutoverTestSupport", "cutover"]),
    ]
)
