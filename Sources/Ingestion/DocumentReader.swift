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

    /// Largest text read, in bytes (the file for text and tables, the extracted text for PDF
    /// and .docx). An answer is rarely over 100 KB; a larger file is skipped with a reason that
    /// names the option raising the limit, so one huge file cannot hold up a whole run.
    public var maxBytes: Int

    /// The default of `maxBytes`: 32 MB.
    public static let defaultMaxBytes = 32_000_000

    public init(tools: ExternalTools = .fromEnvironment(), maxBytes: Int = DocumentReader.defaultMaxBytes) {
        self.tools = tools
        self.maxBytes = maxBytes
    }

    /// The reason given for a file over `maxBytes`.
    func tooLarge(_ size: Int) -> Content {
        func megabytes(_ bytes: Int) -> String {
            let tenths = (bytes + 50_000) / 100_000
            return "\(tenths / 10),\(tenths % 10) MB"
        }
        let needed = (size + 999_999) / 1_000_000
        return .skipped("fila er for stor: \(megabytes(size)) tekst, grensen er \(maxBytes / 1_000_000) MB "
            + "(et vanlig svar er under 1 MB); les den likevel med --max-file-size \(needed)")
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
        if let problem = Self.notAFile(url) ?? Self.cannotOpen(url) { return problem }
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
        guard lstat(url.path, &info) == 0 else { return .failed(Self.reason(errno)) }
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

    /// A file that cannot be opened for reading (no read permission, gone since the folder was
    /// listed, …), with the reason; nil when it opens.
    static func cannotOpen(_ url: URL) -> Content? {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(reason(errno)) }
        close(descriptor)
        return nil
    }

    /// Why a file could not be read, in words a person understands.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "fila forsvant under kjøringen (slettet eller flyttet etter at mappa ble lest)"
        case EACCES, EPERM: "kan ikke lese fila: mangler lesetilgang (sjekk filrettighetene)"
        case ENAMETOOLONG: "kan ikke lese fila: filnavnet er for langt"
        case ELOOP: "kan ikke lese fila: for mange lenker etter hverandre"
        case EIO: "kan ikke lese fila: lesefeil på disken"
        default: "kan ikke lese fila: \(String(cString: strerror(code)))"
        }
    }

    private func decode(_ data: Data) -> Content {
        if data.count > maxBytes { return tooLarge(data.count) }
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
        var info = stat()
        if stat(url.path, &info) == 0, Int(info.st_size) > maxBytes { return tooLarge(Int(info.st_size)) }
        do { return decode(try Data(contentsOf: url)) } catch {
            if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError {
                return .failed(Self.reason(posix.code.rawValue))
            }
            if let cocoa = error as? CocoaError {
                switch cocoa.code {
                case .fileReadNoSuchFile, .fileNoSuchFile: return .failed(Self.reason(ENOENT))
                case .fileReadNoPermission: return .failed(Self.reason(EACCES))
                default: break
                }
            }
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
