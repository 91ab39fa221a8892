import Foundation
import PipelineCore

/// Where things are in a corpus folder:
///
/// ```
/// <corpus>/<year>/sporsmal.tsv    question list
/// <corpus>/<year>/hefte.txt       booklet (reference, not an answer)
/// <corpus>/<year>/svar/…          answers, any depth
/// <corpus>/register/              municipalities and counties
/// ```
public struct CorpusLayout: Sendable {
    public let root: URL

    /// Files in a year folder that are reference material, not answers.
    static let referenceFiles: Set<String> = ["sporsmal.tsv", "hefte.txt", "hefte.md", "readme.md", "readme.txt"]

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Year folders (`2025`) directly under the root, sorted. When the root is itself a year
    /// folder, just that one.
    public func yearFolders() throws -> [(year: Int, url: URL)] {
        if let year = Self.year(root.lastPathComponent) { return [(year, root)] }
        let children = try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        return children.compactMap { url in
            guard let year = Self.year(url.lastPathComponent), isDirectory(url) else { return nil }
            return (year, url)
        }.sorted { $0.year < $1.year }
    }

    /// The register folder: `<root>/register`, or beside a year folder given as root.
    public var registerFolder: URL {
        let inside = root.appendingPathComponent("register")
        if FileManager.default.fileExists(atPath: inside.path) { return inside }
        return root.deletingLastPathComponent().appendingPathComponent("register")
    }

    /// Every file of a year that is offered as input, in path order: all files under `svar/`
    /// and any other file in the year folder that is not reference material.
    public func inputFiles(year: Int, folder: URL) -> [InputFile] {
        var files: [InputFile] = []
        let base = Self.year(root.lastPathComponent) == nil ? root : root.deletingLastPathComponent()
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey],
                                                        options: [], errorHandler: { _, _ in true })
        while let url = enumerator?.nextObject() as? URL {
            if isDirectory(url) { continue }
            let relativeToYear = relativePath(url, to: folder)
            if !relativeToYear.contains("/"), Self.referenceFiles.contains(relativeToYear.lowercased()) { continue }
            files.append(InputFile(url: url, relativePath: relativePath(url, to: base), year: year))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    /// Files in `<root>/svar/`, the pile of answers not yet sorted into year folders, in path
    /// order. Their year is found from their text.
    public func unsortedFiles() -> [InputFile] {
        guard Self.year(root.lastPathComponent) == nil else { return [] }
        let folder = root.appendingPathComponent("svar")
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey],
                                                        options: [], errorHandler: { _, _ in true })
        var files: [InputFile] = []
        while let url = enumerator?.nextObject() as? URL {
            if isDirectory(url) { continue }
            files.append(InputFile(url: url, relativePath: relativePath(url, to: root), year: nil))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    /// True when the file lies under a year's `svar/` folder or the unsorted `svar/` pile.
    public static func isInAnswerFolder(_ file: InputFile) -> Bool {
        let components = file.relativePath.split(separator: "/")
        return components.first == "svar" || components.dropFirst().first == "svar"
    }

    static func year(_ name: String) -> Int? {
        guard name.count == 4, let value = Int(name), (1990 ... 2100).contains(value) else { return nil }
        return value
    }

    private func isDirectory(_ url: URL) -> Bool {
        (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
    }

    private func relativePath(_ url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent
    }
}
