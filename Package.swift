// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "riskreg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "riskreg", targets: ["riskreg"]),
        .library(name: "RiskregKit", targets: ["RiskregKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // C wrappers: the only places the C APIs are reached.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "CSystem"),
        // All logic: markdown → model → store → import → site / report → commands.
        .target(
            name: "RiskregKit",
            dependencies: [
                "CCmark", "CSQLite", "CSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(name: "riskreg", dependencies: ["RiskregKit"]),
        .testTarget(
            name: "RiskregKitTests",
            dependencies: ["RiskregKit", "riskreg"],
            exclude: ["Fixtures", "Expected"]
        ),
    ]
)
