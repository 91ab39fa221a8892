import Foundation
import PipelineCore

/// Reads one answer file in any supported format into text, or into a table for survey exports.
public struct DocumentReader: Sendable {
    public let tools: ExternalTools

    /// Formats read as plain text.
    public static let textFormats: Set<String> = ["txt", "md", "markdown", "text"]
    public static let tableFormats: Set<String> = ["csv", "tsv"]
    /// Everything that can be read, for the message on a file that cannot.
    static let supported = ".txt, .md, .csv, .tsv, .pdf eller .docx"

    public init(tools: ExternalTools = .fromEnvironment()) {
        self.tools = tools
    }

    public enum Content: Sendable {
        /// Text with LF line ends, and how it was decoded.
        case text(TextDecoder.Result)
        /// A survey export, and how its bytes were decoded.
        case table(SurveyTable, TextDecoder.Result)
        /// Deliberately not read; the reason says why and what to do.
        case skipped(String, encoding: String = "", findings: [Finding] = [])
        /// Could not be read.
        case failed(String, encoding: String = "")
    }

    public func read(_ url: URL, format: String) -> Content {
        if let problem = Self.notAFile(url) { return problem }
        if Self.textFormats.contains(format) { return readText(url) }
        if Self.tableFormats.contains(format) { return readTable(url, format: format) }
        switch format {
        case "pdf": return readPDF(url)
        case "docx": return readDocx(url)
        case "doc": return .skipped("Word 97–2003-formatet (.doc) kan ikke leses; lagre fila som .docx eller PDF")
        case "rtf": return .skipped("RTF kan ikke leses; lagre fila som .docx, PDF eller ren tekst (.txt)")
        case "odt": return .skipped("OpenDocument-tekst (.odt) kan ikke leses; lagre fila som .docx eller PDF")
        case "xls", "xlsx", "ods":
            return .skipped("regneark (.\(format)) kan ikke leses; eksporter arket til CSV (semikolonseparert) først")
        case "": return .skipped("fila har ingen filendelse; gi den riktig endelse (\(Self.supported))")
        default: return .skipped("formatet .\(format) støttes ikke; bruk \(Self.supported)")
        }
    }


    /// Links to folders (never followed, so a link loop cannot trap the run), broken links,
    /// pipes and devices; nil for a regular file or a link to one.
    static func notAFile(_ url: URL) -> Content? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            return .failed("fila finnes ikke lenger (slettet eller flyttet under kjøringen?)")
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            var target = stat()
            guard stat(url.path, &target) == 0 else { return .failed("lenke som peker på noe som ikke finnes") }
            if target.st_mode & S_IFMT == S_IFDIR { return .skipped("lenke til en mappe; følges ikke (unngår løkker)") }
            info = target
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return .skipped("mappe, ikke en fil")
        default: return .skipped("ikke en vanlig fil (rør, sokkel eller enhet)")
        }
    }

    private func decode(_ data: Data) -> Content {
        switch TextDecoder().decode(data) {
        case let .success(result):
            guard result.text.contains(where: { $0.isLetter || $0.isNumber }) else {
                return .skipped("fila har ingen tekst (bare blanktegn)", encoding: result.encoding, findings: result.findings)
            }
            return .text(result)
        case .failure(.empty): return .skipped("tom fil")
        case let .failure(rejection): return .failed(rejection.description)
        }
    }

    func readText(_ url: URL) -> Content {
        do { return decode(try Data(contentsOf: url)) } catch {
            return .failed("kan ikke lese fila: \(error.localizedDescription)")
        }
    }

    func readTable(_ url: URL, format: String) -> Content {
        switch readText(url) {
        case let .text(decoded):
            guard let table = SurveyTable(text: decoded.text, delimiter: format == "tsv" ? "\t" : nil) else {
                return .failed("fant ingen kolonner i tabellen (skilletegn ; , eller tabulator, og en overskriftsrad)",
                               encoding: decoded.encoding)
            }
            return .table(table, decoded)
        case let other: return other
        }
    }

    func readPDF(_ url: URL) -> Content {
        guard let pdftotext = tools.pdftotext else {
            return .skipped("pdftotext mangler, så PDF-en kan ikke leses; installer poppler-utils (apt-get install poppler-utils)")
        }
        // Reading order without -layout: columns are read one after the other, not side by side.
        guard let output = ExternalTools.run(pdftotext, ["-enc", "UTF-8", "-q", url.path, "-"]) else {
            return .failed("kunne ikke starte \(pdftotext.path)")
        }
        guard output.status == 0 else {
            let detail = output.standardError.split(separator: "\n").first.map { ": \($0)" } ?? ""
            return .failed("pdftotext kunne ikke lese PDF-en (skadet eller kryptert fil?)\(detail)")
        }
        // Page breaks (form feed) become line ends.
        let data = Data(output.standardOutput.map { $0 == 0x0C ? 0x0A : $0 })
        switch decode(data) {
        case var .text(result):
            result.encoding = "UTF-8 (pdftotext)"
            return .text(result)
        case .skipped(_, _, _):
            return .skipped("PDF-en har ingen tekst (skannet bilde?); kjør tekstgjenkjenning (OCR) først", encoding: "UTF-8 (pdftotext)")
        case let other: return other
        }
    }

    func readDocx(_ url: URL) -> Content {
        let document: Data
        switch DocxText.extract("word/document.xml", from: url, tools: tools) {
        case .failure(.noTool):
            return .skipped("kan ikke pakke ut .docx: verken unzip eller python3 finnes; installer unzip (apt-get install unzip)")
        case .failure(.notAnArchive): return .failed("ikke en gyldig .docx (fila er ikke et zip-arkiv)")
        case .success(nil): return .failed("ikke en gyldig .docx (mangler word/document.xml)")
        case let .success(data?): document = data
        }
        let numbering = (try? DocxText.extract("word/numbering.xml", from: url, tools: tools).get()) ?? nil
        guard let text = DocxText.text(document: document, numbering: numbering) else {
            return .failed("ikke en gyldig .docx (word/document.xml er ikke gyldig XML)")
        }
        switch decode(Data(text.utf8)) {
        case var .text(result):
            result.encoding = "UTF-8 (docx)"
            return .text(result)
        case let .skipped(reason, _, findings): return .skipped(reason, encoding: "UTF-8 (docx)", findings: findings)
        case let other: return other
        }
    }
}
