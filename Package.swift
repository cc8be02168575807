// swift-tools-version:6.0
import PackageDescription

// One target per layer; each depends only on the layers before it, so a back-edge does not
// compile. Data flows one way:
//   markdown files → RiskregMarkdown → RiskregModel values → RiskregStore (SQLite)
//   → RiskregReport (analysis, reports, export) → RiskregSite (pages) → RiskregCLI → riskreg
// Targets share code with `package` access; nothing is public API.
let package = Package(
    name: "riskreg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "riskreg", targets: ["riskreg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Tests only: the Mustache engine the site used before RiskregTemplate, as a reference.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.0"),
    ],
    targets: [
        // C wrappers: the only places the C APIs are reached.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CRenameExchange"),
        .target(name: "CFormatting"),
        // cmark's allocator over one arena per parsed document.
        .target(name: "CMarkdownArena", dependencies: ["CCmark"]),
        // glibc's malloc: a fixed mmap threshold (the executable), freed memory trimmed after build steps.
        .target(name: "CMallocTuning"),

        // Records, risks, items, days and weeks, the register snapshot: plain values.
        .target(name: "RiskregModel", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "SystemPackage", package: "swift-system"),
        ]),
        // cmark → model values, front matter, record and register parsers. No cmark pointer
        // outlives a parse.
        .target(name: "RiskregMarkdown", dependencies: [
            "RiskregModel", "CCmark", "CMarkdownArena",
            .product(name: "Yams", package: "Yams"),
        ]),
        // SQLite: Database, Statement, migrations, the register store.
        .target(name: "RiskregStore", dependencies: [
            "RiskregModel", "CSQLite",
            .product(name: "Algorithms", package: "swift-algorithms"),
        ]),
        // Walking folders, hashing, parsing, one write transaction per run; tick and verify.
        .target(name: "RiskregImport", dependencies: [
            "RiskregModel", "RiskregMarkdown", "RiskregStore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "Algorithms", package: "swift-algorithms"),
        ]),
        // Analysis (every figure defined once), weekly reports, export.
        .target(name: "RiskregReport", dependencies: ["RiskregModel"]),
        // Our Mustache: templates parsed once into node trees, rendered over typed values.
        // Standard library and Foundation only.
        .target(name: "RiskregTemplate"),
        // Build steps, pages, charts, feeds, templates, the atomic site writer.
        .target(name: "RiskregSite", dependencies: [
            "RiskregModel", "RiskregReport", "RiskregTemplate", "CRenameExchange", "CMallocTuning", "CFormatting",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "Algorithms", package: "swift-algorithms"),
        ], plugins: ["EmbedTemplatesPlugin"]),
        // Builds templates/ into RiskregSite (`BuiltinTemplates`), so an installed binary needs
        // no files beside it.
        .executableTarget(name: "EmbedTemplates"),
        .plugin(name: "EmbedTemplatesPlugin", capability: .buildTool(), dependencies: ["EmbedTemplates"]),
        // Commands: parse options, call the library once, print.
        .target(name: "RiskregCLI", dependencies: [
            "RiskregModel", "RiskregMarkdown", "RiskregStore", "RiskregImport", "RiskregReport", "RiskregSite",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "SystemPackage", package: "swift-system"),
        ]),
        .executableTarget(name: "riskreg", dependencies: ["RiskregCLI", "CMallocTuning"]),
        .testTarget(
            name: "RiskregTests",
            dependencies: [
                "RiskregModel", "RiskregMarkdown", "RiskregStore", "RiskregImport", "RiskregReport", "RiskregTemplate",
                "RiskregSite", "RiskregCLI", "riskreg",
                .product(name: "Crypto", package: "swift-crypto"),
                // The reference the new renderer's output is compared with, byte for byte.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures", "Expected"]
        ),
    ]
)
