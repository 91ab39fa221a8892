import Foundation

/// Finds the data folders shipped with a module (theme dictionaries, word lists).
///
/// SwiftPM copies them into `<Package>_<Target>.resources` beside the built binary. This looks
/// there, beside the running executable (following symlinks) and under `$DEBATTSVAR_RESOURCES`,
/// and reports every place it looked when nothing is found — it never traps.
public enum ResourceLocator {
    public struct NotFound: Error, CustomStringConvertible {
        public var resource: String
        public var searched: [String]
        public var description: String {
            "fant ikke datamappen \(resource); lette i: \(searched.joined(separator: ", ")). "
                + "Sett DEBATTSVAR_RESOURCES til mappen som inneholder \(resource)."
        }
    }

    /// The URL of `subpath` inside the resource bundle of `target`.
    public static func url(target: String, subpath: String) throws -> URL {
        let bundleName = "Debattsvar_\(target).resources"
        var roots: [URL] = []
        if let override = ProcessInfo.processInfo.environment["DEBATTSVAR_RESOURCES"], !override.isEmpty {
            roots.append(URL(fileURLWithPath: override))
        }
        roots.append(Bundle.main.bundleURL)
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        roots.append(executable.deletingLastPathComponent())
        if let path = Bundle.main.executablePath {
            roots.append(URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        var searched: [String] = []
        for root in roots {
            for candidate in [root.appendingPathComponent(bundleName).appendingPathComponent(subpath),
                              root.appendingPathComponent(subpath)] {
                searched.append(candidate.path)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
        }
        throw NotFound(resource: "\(bundleName)/\(subpath)", searched: searched)
    }
}
