// swift-tools-version:6.1
import PackageDescription

// MARK: - Policy modules
// One entry per policy. Adding a sixth policy is one line here, its folder under Modules/ (its
// command group in the folder's CLI/), and one line in Apps/ZhoucunModules/ModuleRegistry.swift.
let policyModules: [(target: String, folder: String, resources: [Resource])] = [
    ("InvestmentIncentives", "Incentives", []),
    ("AntiMoneyLaundering", "AntiMoneyLaundering", []),
    ("LandRectification", "LandRectification", []),
    ("BankruptcyCoordination", "BankruptcyCoordination", [.copy("member-lists.csv")]),
    ("PollutionResponse", "PollutionResponse", [.copy("hj633-breakpoints.csv")]),
]

let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let mustache: Target.Dependency = .product(name: "Mustache", package: "swift-mustache")
let bcrypt: Target.Dependency = .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")

var targets: [Target] = [
    // MARK: - Shared: system libraries
    .systemLibrary(
        name: "CLibXML2",
        path: "Shared/CLibXML2",
        pkgConfig: "libxml-2.0",
        providers: [.apt(["libxml2-dev"])]
    ),

    // poppler's GLib interface, loaded with dlopen at the first PDF (libpoppler-glib8 and
    // poppler-data at run time): the other commands start without its fifty shared libraries.
    // DWARF 4: valgrind 3.19 (callgrind counts the benchmarks' instructions) cannot read clang's DWARF 5.
    .target(name: "CPopplerLoader", path: "Shared/CPopplerLoader", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

    // MARK: - Shared: the only target that touches poppler: glyphs with their boxes, nothing more
    .target(name: "PDFCore", dependencies: ["CPopplerLoader"], path: "Shared/PDFCore"),

    // MARK: - Shared: the only target that touches libxml2 (no Foundation here, see SWIFT_NOTES)
    .target(name: "XMLCore", dependencies: ["CLibXML2"], path: "Shared/XMLCore"),
    .testTarget(name: "XMLCoreTests", dependencies: ["XMLCore"], path: "Tests/XMLCoreTests"),

    // MARK: - Shared: the common model
    .target(
        name: "GazetteModel",
        path: "Shared/GazetteModel",
        resources: [.copy("Data/unit-aliases.csv"), .copy("Data/towns.csv")]
    ),
    .testTarget(name: "GazetteModelTests", dependencies: ["GazetteModel", "TestSupport"], path: "Tests/GazetteModelTests"),

    // MARK: - Shared: the store
    .target(name: "GazetteStore", dependencies: ["GazetteModel", grdb], path: "Shared/GazetteStore"),
    .testTarget(name: "GazetteStoreTests", dependencies: ["GazetteStore", "TestSupport", grdb], path: "Tests/GazetteStoreTests"),

    // MARK: - Shared: the plug-in spine (module protocol, ledgers, choices, parameters, calendar,
    // rows): no argument parser, so that the command line and the web page call the same operations
    .target(
        name: "ModuleSpine",
        dependencies: ["GazetteModel", "GazetteStore", grdb],
        path: "Shared/ModuleSpine",
        resources: [.copy("Data/cn-workdays.csv")]
    ),
    .testTarget(name: "ModuleSpineTests", dependencies: ["ModuleSpine", "ModuleSpineCLI", "TestSupport"], path: "Tests/ModuleSpineTests"),
    // The spine at the command line's edge: store and format options, command protocols, the
    // ledger commands, the parser's conformances, the invocation's output.
    .target(
        name: "ModuleSpineCLI",
        dependencies: ["GazetteModel", "GazetteStore", "ModuleSpine", grdb, argumentParser],
        path: "Shared/ModuleSpineCLI"
    ),

    // MARK: - Shared: the two doors (plain text, Akoma Ntoso) and the import
    .target(name: "GazetteText", dependencies: ["GazetteModel"], path: "Shared/GazetteText"),
    .testTarget(name: "GazetteTextTests", dependencies: ["GazetteText", "TestSupport"], path: "Tests/GazetteTextTests"),
    .target(
        name: "AkomaNtoso",
        dependencies: ["GazetteModel", "XMLCore"],
        path: "Shared/AkomaNtoso",
        resources: [.copy("Schema")]
    ),
    .testTarget(
        name: "AkomaNtosoTests",
        dependencies: ["AkomaNtoso", "GazetteText", "XMLCore", "TestSupport"],
        path: "Tests/AkomaNtosoTests"
    ),
    // The doors for the files offices hold (PDF, OFD, HTML, DOCX): each ends in the text reader.
    .target(
        name: "GazetteDoors",
        dependencies: ["GazetteModel", "GazetteText", "XMLCore", "PDFCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
        path: "Shared/GazetteDoors"
    ),
    .testTarget(
        name: "GazetteDoorsTests",
        dependencies: ["GazetteDoors", "GazetteText", "GazetteImport", "GazetteStore", "TestSupport", grdb, .product(name: "ZIPFoundation", package: "ZIPFoundation")],
        path: "Tests/GazetteDoorsTests"
    ),
    .target(
        name: "GazetteImport",
        dependencies: ["GazetteModel", "GazetteStore", "GazetteText", "GazetteDoors", "AkomaNtoso", "ModuleSpine", grdb],
        path: "Shared/GazetteImport"
    ),
    .testTarget(name: "GazetteImportTests", dependencies: ["GazetteImport", "TestSupport", grdb], path: "Tests/GazetteImportTests"),

    // MARK: - Tools: synthetic archives, benchmarks
    .target(name: "SyntheticGazette", dependencies: ["GazetteModel"], path: "tools/SyntheticGazette"),
    .executableTarget(
        name: "zhoucun-bench",
        dependencies: ["SyntheticGazette", "AkomaNtoso", "GazetteModel", grdb],
        path: "tools/bench/Sources"
    ),

    // The web load benchmark's floor: the same framework serving one static page.
    .executableTarget(name: "zhoucun-web-floor", dependencies: [hummingbird], path: "tools/bench/WebFloor"),

    // MARK: - Tools: the corpus score
    .target(name: "CorpusScoring", path: "tools/corpus/Sources/CorpusScoring"),
    .executableTarget(name: "zhoucun-corpus", dependencies: ["CorpusScoring"], path: "tools/corpus/Sources/zhoucun-corpus"),
    .testTarget(
        name: "CorpusTests",
        dependencies: ["CorpusScoring", "TestSupport", "CommandTestSupport", "zhoucun"],
        path: "Tests/CorpusTests"
    ),

    // MARK: - Test support: fixtures shared by the test targets
    .target(
        name: "TestSupport",
        dependencies: ["GazetteModel", "GazetteStore", "GazetteImport", "ModuleSpine", "SyntheticGazette", "AkomaNtoso", grdb],
        path: "Tests/TestSupport"
    ),

    // Command lines run in process (or through the binary) for the tests of the executable.
    .target(
        name: "CommandTestSupport",
        dependencies: ["TestSupport", "ZhoucunCommands", "ModuleSpineCLI"],
        path: "Tests/CommandTestSupport"
    ),

    // MARK: - Apps
    // The composition: which modules this build has, for the executable and the server alike.
    .target(
        name: "ZhoucunModules",
        dependencies: ["ModuleSpine"] + policyModules.map { .target(name: $0.target) },
        path: "Apps/ZhoucunModules"
    ),
    // The office's accounts: roles, bcrypt passwords, sessions and sign-in throttling, in the store.
    .target(name: "OfficeAccounts", dependencies: ["GazetteModel", "GazetteStore", grdb, bcrypt], path: "Shared/OfficeAccounts"),
    // The office's web page: routes over the same store queries and module operations, pages
    // rendered on the server from Mustache templates, each also as JSON.
    .target(
        name: "ZhoucunWeb",
        dependencies: ["GazetteModel", "GazetteStore", "GazetteImport", "ModuleSpine", "ZhoucunModules", "OfficeAccounts", hummingbird, mustache, grdb],
        path: "Apps/ZhoucunWeb",
        resources: [.copy("Templates"), .copy("Static")]
    ),
    .testTarget(
        name: "ZhoucunWebTests",
        dependencies: ["ZhoucunWeb", "ZhoucunModules", "ModuleSpine", "GazetteStore", "OfficeAccounts", "GazetteImport", "TestSupport", "CommandTestSupport", hummingbird, .product(name: "HummingbirdTesting", package: "hummingbird")],
        path: "Tests/ZhoucunWebTests"
    ),
    .target(
        name: "ZhoucunCommands",
        dependencies: [
            "GazetteModel", "GazetteStore", "ModuleSpine", "ModuleSpineCLI", "GazetteText", "AkomaNtoso", "GazetteImport",
            "ZhoucunModules", "ZhoucunWeb", "OfficeAccounts", argumentParser, grdb,
        ],
        path: "Apps/ZhoucunCommands",
        resources: [.copy("Samples")]
    ),
    .executableTarget(name: "zhoucun", dependencies: ["ZhoucunCommands"], path: "Apps/zhoucun"),
    .testTarget(
        name: "ZhoucunCommandsTests",
        dependencies: ["ZhoucunCommands", "ZhoucunModules", "ModuleSpineCLI", "zhoucun", "TestSupport", "CommandTestSupport"],
        path: "Tests/ZhoucunCommandsTests"
    ),
]

// MARK: - Modules
for module in policyModules {
    targets.append(.target(
        name: module.target,
        dependencies: ["ModuleSpine", "ModuleSpineCLI", "GazetteModel", "GazetteStore", grdb, argumentParser],
        path: "Modules/\(module.folder)",
        resources: [.copy("parameters.json")] + module.resources
    ))
    targets.append(.testTarget(
        name: "\(module.target)Tests",
        dependencies: [.target(name: module.target), "GazetteImport", "ModuleSpine", "TestSupport"],
        path: "Tests/\(module.target)Tests"
    ))
}

let package = Package(
    name: "zhoucun",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zhoucun", targets: ["zhoucun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
