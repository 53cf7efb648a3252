// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first. A target only imports the ones listed before it:
//   CCrypt (libcrypt) · CutoverFormats (pure parsers/writers) → CutoverSystem (files, processes, sockets, clock)
//   → CutoverKit (plan, engine, steps, reports, CLI) → cutover (main.swift)
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
        .executableTarget(name: "cutover", dependencies: ["CutoverKit"]),
        .target(name: "CutoverTestSupport", dependencies: ["CutoverKit"], path: "Tests/CutoverTestSupport"),
        .testTarget(name: "CutoverFormatsTests", dependencies: ["CutoverFormats"]),
        .testTarget(name: "CutoverSystemTests", dependencies: ["CutoverSystem", "CutoverTestSupport"]),
        .testTarget(name: "CutoverKitTests", dependencies: ["CutoverKit", "CutoverTestSupport"]),
        .testTarget(name: "CutoverEndToEndTests", dependencies: ["CutoverKit", "CutoverTestSupport", "cutover"]),
    ]
)
