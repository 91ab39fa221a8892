// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Debattsvar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "debattsvar", targets: ["debattsvar"]),
        .executable(name: "debattsvar-fuzz", targets: ["DebattsvarFuzz"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    targets: [
        // Shared value types, stage protocols, the parallel runner. No Norwegian knowledge.
        .target(name: "PipelineCore"),
        // Normalisation filters and the byte-level tokeniser for bokmål and nynorsk.
        .target(
            name: "NorwegianText",
            dependencies: ["PipelineCore"],
            resources: [
                .copy("Resources/abbreviations.txt"), .copy("Resources/lexicon.bin"),
                .copy("Resources/domain-words.txt"), .copy("Resources/wordstats.bin"),
                .copy("Resources/LEXICON.md"), .copy("Resources/compounds.bloom"),
            ]
        ),
        // Reading a corpus: files, encodings, municipalities, answers per question.
        .target(name: "Ingestion", dependencies: ["PipelineCore", "NorwegianText"]),
        // Theme dictionaries and classifiers.
        .target(
            name: "Themes",
            dependencies: ["PipelineCore", "NorwegianText"],
            resources: [.copy("Resources/temaer"), .copy("Resources/modeller")]
        ),
        // Aggregation and rendering of reports.
        .target(name: "Reports", dependencies: ["PipelineCore"]),
        // Assembles the stages into a corpus run.
        .target(name: "Pipeline", dependencies: ["PipelineCore", "NorwegianText", "Ingestion", "Themes", "Reports"]),
        .executableTarget(name: "debattsvar", dependencies: ["Pipeline", "PipelineCore", "NorwegianText", "Themes"]),
        // Fuzzing target (`make fuzz`); built normally it replays inputs through the same checks.
        .executableTarget(name: "DebattsvarFuzz", dependencies: ["Pipeline"]),
        // Speed of the normalisation; run by `make bench-normalize`.
        .executableTarget(name: "normalize-bench", dependencies: ["NorwegianText", "PipelineCore"], path: "Benchmarks/NormalizeBench"),
        // Helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["PipelineCore"], path: "Tests/TestSupport"),
        .testTarget(name: "PipelineCoreTests", dependencies: ["PipelineCore", "TestSupport"]),
        .testTarget(name: "NorwegianTextTests", dependencies: ["NorwegianText", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IngestionTests", dependencies: ["Ingestion", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ThemesTests", dependencies: ["Themes", "NorwegianText", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
