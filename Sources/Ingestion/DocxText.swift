import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The text of a Word `.docx` file: one line per paragraph, headings as Markdown headings
/// (`## Spørsmål 3`), list items as `- ` or, for numbered lists, `1. `, `2. `, … — so the
/// answer splitting sees what a reader sees.
public enum DocxText {
    /// Paragraph text from `word/document.xml`, with numbered lists counted using
    /// `word/numbering.xml` when given. Nil when the XML cannot be parsed.
    public static func text(document: Data, numbering: Data?) -> String? {
        let formats = numbering.flatMap(NumberingParser.formats(from:)) ?? [:]
        let parser = XMLParser(data: document)
        let delegate = DocumentParser(formats: formats)
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        return delegate.lines.joined(separator: "\n") + "\n"
    }

    /// Reads a member of the zip archive with `unzip -p`, or with Python's `zipfile` module.
    public static func extract(_ member: String, from archive: URL, tools: ExternalTools) -> Result<Data?, ExtractionProblem> {
        if let unzip = tools.unzip, let output = ExternalTools.run(unzip, ["-p", archive.path, member]) {
            if output.status == 0 { return .success(output.standardOutput) }
            // 11: no such member; 9: not a zip file.
            if output.status == 11 { return .success(nil) }
            return .failure(.notAnArchive)
        }
        if let python = tools.python3 {
            let script = """
            import sys, zipfile
            try:
                archive = zipfile.ZipFile(sys.argv[1])
            except Exception:
                sys.exit(9)
            try:
                sys.stdout.buffer.write(archive.read(sys.argv[2]))
            except KeyError:
                sys.exit(11)
            """
            if let output = ExternalTools.run(python, ["-c", script, archive.path, member]) {
                if output.status == 0 { return .success(output.standardOutput) }
                if output.status == 11 { return .success(nil) }
                return .failure(.notAnArchive)
            }
        }
        return .failure(.noTool)
    }

    public enum ExtractionProblem: Error {
        case noTool
        case notAnArchive
    }

    /// `w:numId` → `w:ilvl` → `w:numFmt` (`decimal`, `bullet`, …).
    final class NumberingParser: NSObject, XMLParserDelegate {
        var abstractFormats: [String: [String: String]] = [:]
        var numToAbstract: [String: String] = [:]
        private var abstractID: String?
        private var level: String?
        private var numID: String?

        static func formats(from data: Data) -> [String: [String: String]]? {
            let parser = XMLParser(data: data)
            let delegate = NumberingParser()
            parser.delegate = delegate
            guard parser.parse() else { return nil }
            return delegate.numToAbstract.mapValues { delegate.abstractFormats[$0] ?? [:] }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "w:abstractNum": abstractID = attributes["w:abstractNumId"]
            case "w:lvl": level = attributes["w:ilvl"]
            case "w:numFmt":
                if let abstractID, let level, numID == nil { abstractFormats[abstractID, default: [:]][level] = attributes["w:val"] }
            case "w:num": numID = attributes["w:numId"]
            case "w:abstractNumId":
                if let numID, let value = attributes["w:val"] { numToAbstract[numID] = value }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:abstractNum": abstractID = nil
            case "w:lvl": level = nil
            case "w:num": numID = nil
            default: break
            }
        }
    }

    final class DocumentParser: NSObject, XMLParserDelegate {
        let formats: [String: [String: String]]
        var lines: [String] = []
        private var text = ""
        private var inText = false
        private var style = ""
        private var numID: String?
        private var level = "0"
        private var counters: [String: [Int]] = [:]

        init(formats: [String: [String: String]]) {
            self.formats = formats
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "w:p": text = ""; style = ""; numID = nil; level = "0"
            case "w:pStyle": style = attributes["w:val"] ?? ""
            case "w:numId": numID = attributes["w:val"]
            case "w:ilvl": level = attributes["w:val"] ?? "0"
            case "w:t": inText = true
            case "w:tab": text += "\t"
            case "w:br", "w:cr": text += "\n"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p": lines.append(paragraph())
            default: break
            }
        }

        private func paragraph() -> String {
            let body = text.trimmingCharacters(in: .whitespaces)
            if body.isEmpty { return "" }
            let lowered = style.lowercased()
            for prefix in ["heading", "overskrift", "berschrift"] where lowered.hasPrefix(prefix) {
                let level = Int(lowered.dropFirst(prefix.count)) ?? 1
                return String(repeating: "#", count: max(1, min(6, level))) + " " + body
            }
            if lowered == "title" || lowered == "tittel" { return "# " + body }
            guard let numID, numID != "0" else { return body }
            let depth = Int(level) ?? 0
            let indent = String(repeating: "  ", count: depth)
            let format = formats[numID]?[level] ?? "bullet"
            guard format == "decimal" else { return indent + "- " + body }
            var counts = counters[numID] ?? []
            while counts.count <= depth { counts.append(0) }
            counts[depth] += 1
            for deeper in (depth + 1) ..< counts.count { counts[deeper] = 0 }
            counters[numID] = counts
            return indent + "\(counts[depth]). " + body
        }
    }
}
