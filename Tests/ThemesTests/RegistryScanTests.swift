import Foundation
import TestSupport
import Testing
import Themes

/// A classifier type that exists but is not registered is a bug: the command line cannot reach
/// it and the generic example test never runs its examples.
@Suite struct RegistryScanTests {
    /// Type names in `Sources/Themes` that conform to `ThemeClassifier`, directly, through a
    /// protocol that refines it, or in an extension.
    static func classifierTypesInSource() throws -> Set<String> {
        let folder = Repository.url("Sources/Themes")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
        let source = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        func declarations(_ keyword: String) throws -> [(name: String, conformances: [String])] {
            let regex = try NSRegularExpression(pattern: "\\b\(keyword)\\s+(\\w+)\\s*(?:<[^>{]*>)?\\s*:\\s*([^{]+)\\{")
            return regex.matches(in: source, range: NSRange(source.startIndex..., in: source)).map { match in
                let name = String(source[Range(match.range(at: 1), in: source)!])
                let list = source[Range(match.range(at: 2), in: source)!]
                    .split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init).filter { !$0.isEmpty && $0 != "where" }
                return (name, list)
            }
        }
        var protocols: Set<String> = ["ThemeClassifier"]
        var grew = true
        while grew {
            grew = false
            for (name, list) in try declarations("protocol") where !protocols.contains(name) && list.contains(where: protocols.contains) {
                protocols.insert(name)
                grew = true
            }
        }
        var types: Set<String> = []
        for keyword in ["struct", "class", "enum", "actor", "extension"] {
            for (name, list) in try declarations(keyword) where list.contains(where: protocols.contains) {
                types.insert(name)
            }
        }
        return types
    }

    @Test func everyClassifierTypeIsRegistered() throws {
        let inSource = try Self.classifierTypesInSource()
        let registered = Set(ClassifierRegistry.factories.map { String(describing: $0.type) })
        #expect(inSource.isSuperset(of: ["DictionaryClassifier", "LogisticClassifier", "CombinedClassifier"]), "the scan misses classifiers: \(inSource)")
        let missing = inSource.subtracting(registered)
        #expect(missing.isEmpty, "classifier types without a line in ClassifierRegistry.factories: \(missing.sorted())")
    }

    @Test func registeredTypesBuildClassifiersOfThatTypeAndId() throws {
        for entry in ClassifierRegistry.factories {
            let classifier = try entry.make(ClassifierContext(themes: Fixture.themes))
            #expect(type(of: classifier) == entry.type, "\(entry.id)")
            #expect(classifier.id == entry.id)
        }
    }
}
