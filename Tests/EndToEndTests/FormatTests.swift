import Foundation
import TestSupport
import Testing

/// `debattsvar run` on every input format and encoding, made here in a small corpus.
@Suite(.serialized) struct FormatTests {
    /// A corpus with the 2025 questions, both register structures and the given answer files.
    static func corpus(_ files: [(String, Data)]) throws -> TemporaryFolder {
        let corpus = try TemporaryFolder()
        try corpus.write(try Repository.text("corpora/2025/sporsmal.tsv"), to: "2025/sporsmal.tsv")
        for name in ["kommuner-2020.tsv", "fylker-2020.tsv", "kommuner-2024.tsv", "fylker-2024.tsv"] {
            try corpus.write(try Repository.text("corpora/register/\(name)"), to: "register/\(name)")
        }
        for (path, data) in files { try corpus.write(data, to: "2025/svar/\(path)") }
        return corpus
    }

    /// Runs the binary and returns the manifest rows by path, with the header.
    static func run(_ corpus: TemporaryFolder, environment: [String: String] = [:]) throws
        -> (result: Executable.Result, rows: [String: [String: String]]) {
        let output = try TemporaryFolder()
        defer { output.remove() }
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path], environment: environment)
        let table = CorpusRunTests.rows(try String(contentsOf: output.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
        let header = table[0]
        var rows: [String: [String: String]] = [:]
        for row in table.dropFirst() {
            rows[row[0]] = Dictionary(uniqueKeysWithValues: zip(header, row))
        }
        return (result, rows)
    }

    static func windows1252(_ text: String) -> Data {
        text.data(using: .windowsCP1252)!
    }

    @Test func surveyExportWithSemicolonsInWindows1252GivesOneDocumentPerRow() throws {
        let csv = """
        Tidsstempel;Kommune;Spørsmål 1;Sp. 2;4;Hva bør KS prioritere i utviklingen av avtaleverket for å møte framtidens arbeidskraftutfordringer og sikre forsvarlige tjenester?\r
        01.02.2025 10:00;Drammen;Mer realistiske partiprogram.;Folkevalgtopplæring;;Heltidskultur og færre deltidsstillinger.\r
        01.02.2025 11:00;Ås kommune;"Vi må prioritere; hardt.
        Og snakke med innbyggerne.";"Hun sa ""nei"".";Rettigheter til BPA og bemanningsnormer.;\r
        ;;;;;\r
        02.02.2025 09:00;Atlantis;Noe.;;;\r
        02.02.2025 09:30;Våler;Svar fra Våler.;;;\r
        """
        let corpus = try Self.corpus([("undersokelse.csv", Self.windows1252(csv))])
        defer { corpus.remove() }
        let (result, rows) = try Self.run(corpus)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(rows.count == 5)
        let drammen = try #require(rows["2025/svar/undersokelse.csv#rad 2"])
        #expect(drammen["kommunenummer"] == "3301")
        #expect(drammen["fylke"] == "Buskerud")
        #expect(drammen["tegnkoding"] == "Windows-1252")
        #expect(drammen["svar_per_spørsmål"] == "1:1 2:1 7:1")
        let aas = try #require(rows["2025/svar/undersokelse.csv#rad 3"])
        #expect(aas["kommune"] == "Ås")
        #expect(aas["svar_per_spørsmål"] == "1:1 2:1 4:1")
        // Rows are numbered as a spreadsheet shows them: the header is row 1, and Ås's row holds two lines.
        #expect(rows["2025/svar/undersokelse.csv#rad 4"]?["status"] == "skipped")
        #expect(rows["2025/svar/undersokelse.csv#rad 4"]?["årsak"] == "tom rad")
        #expect(rows["2025/svar/undersokelse.csv#rad 5"]?["merknader"]?.contains("Atlantis") == true)
        let valer = try #require(rows["2025/svar/undersokelse.csv#rad 6"]?["merknader"])
        #expect(valer.contains("3114") && valer.contains("3419"))
    }

    @Test func tabSeparatedExportWithQuestionNumbersAsHeaders() throws {
        let tsv = "Kommune\t1\t2\nNord-Fron\tRealistiske program.\tOpplæring.\nLillehammer\t\"To\nlinjer.\"\t\n"
        let corpus = try Self.corpus([("svar.tsv", Data(tsv.utf8))])
        defer { corpus.remove() }
        let (_, rows) = try Self.run(corpus)
        #expect(rows["2025/svar/svar.tsv#rad 2"]?["kommunenummer"] == "3436")
        #expect(rows["2025/svar/svar.tsv#rad 2"]?["svar_per_spørsmål"] == "1:1 2:1")
        #expect(rows["2025/svar/svar.tsv#rad 3"]?["svar_per_spørsmål"] == "1:1")
    }

    @Test func utf16AndDoublyEncodedFiles() throws {
        let utf16 = Data([0xFF, 0xFE] + Array("Spørsmål 7\r\nVi trenger heltidsstillinger.\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let noBOM = Data(Array("Spørsmål 4\nRettigheter til BPA.\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let mojibake = Data("SpÃ¸rsmÃ¥l 7\nVi trenger flere heltidsstillinger i BodÃ¸.\n".utf8)
        let corpus = try Self.corpus([("nord-fron.txt", utf16), ("lier.txt", noBOM), ("bodø.md", mojibake)])
        defer { corpus.remove() }
        let (_, rows) = try Self.run(corpus)
        #expect(rows["2025/svar/nord-fron.txt"]?["tegnkoding"] == "UTF-16 LE")
        #expect(rows["2025/svar/nord-fron.txt"]?["svar_per_spørsmål"] == "7:1")
        #expect(rows["2025/svar/lier.txt"]?["tegnkoding"] == "UTF-16 LE uten BOM")
        #expect(rows["2025/svar/lier.txt"]?["svar_per_spørsmål"] == "4:1")
        #expect(rows["2025/svar/bodø.md"]?["ord_reparert_tegnkoding"] == "2") // SpÃ¸rsmÃ¥l, BodÃ¸.
        #expect(rows["2025/svar/bodø.md"]?["svar_per_spørsmål"] == "7:1")
    }

    /// A .docx made here: the XML written by hand, zipped with Python's zipfile module.
    static func docx(paragraphs: String) throws -> Data {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        try folder.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \(w)><w:body>\(paragraphs)</w:body></w:document>",
                         to: "word/document.xml")
        try folder.write("""
            <?xml version="1.0" encoding="UTF-8"?><w:numbering \(w)>
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>
            """, to: "word/numbering.xml")
        try folder.write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
                         to: "[Content_Types].xml")
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
            for name in ['[Content_Types].xml', 'word/document.xml', 'word/numbering.xml']:
                z.write(sys.argv[2] + '/' + name, name)
        """
        let target = folder.url.appendingPathComponent("svar.docx")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, target.path, folder.url.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try Data(contentsOf: target)
    }

    static func paragraph(_ text: String, style: String? = nil, list: Int? = nil) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if let list { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(list)\"/></w:numPr>" }
        return "<w:p><w:pPr>\(properties)</w:pPr><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    @Test func wordDocumentWithHeadingsAndLists() throws {
        let body = [
            Self.paragraph("Lier kommune – svar på debattheftet", style: "Title"),
            Self.paragraph("Spørsmål 4", style: "Heading2"),
            Self.paragraph("Dette binder opp ressursene:", style: nil),
            Self.paragraph("Rettigheter til BPA", list: 2),
            Self.paragraph("Bemanningsnormer", list: 2),
            Self.paragraph("Spørsmål 7", style: "Heading2"),
            Self.paragraph("Heltidskultur", list: 1),
        ].joined()
        let corpus = try Self.corpus([("lier.docx", try Self.docx(paragraphs: body)), ("ødelagt.docx", Data("ikke zip".utf8))])
        defer { corpus.remove() }
        let (result, rows) = try Self.run(corpus)
        let lier = try #require(rows["2025/svar/lier.docx"])
        #expect(lier["status"] == "ok")
        #expect(lier["tegnkoding"] == "UTF-8 (docx)")
        #expect(lier["kommunenummer"] == "3312")
        #expect(lier["svar_per_spørsmål"] == "4:1 7:1 generelt:1")
        #expect(rows["2025/svar/ødelagt.docx"]?["status"] == "failed")
        #expect(result.status == 1)
        #expect(result.standardError.contains("ødelagt.docx: ikke en gyldig .docx"))
    }

    @Test func wordDocumentTextKeepsListsAndHeadings() throws {
        let body = [Self.paragraph("Spørsmål 1", style: "Heading1"), Self.paragraph("Først", list: 1),
                    Self.paragraph("Deretter", list: 1), Self.paragraph("Punkt", list: 2)].joined()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write(try Self.docx(paragraphs: body), to: "x.docx")
        // Through the command line's normalize? No: the reader is a library type; check via a run.
        let corpus = try Self.corpus([("oslo.docx", try Data(contentsOf: file))])
        defer { corpus.remove() }
        let (_, rows) = try Self.run(corpus)
        #expect(rows["2025/svar/oslo.docx"]?["svar_per_spørsmål"] == "1:1")
    }

    static func tool(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// A PDF made with groff (Debian: groff), read back with pdftotext (Debian: poppler-utils).
    @Test func pdfIsReadWithPdftotext() throws {
        guard let groff = Self.tool("groff"), Self.tool("pdftotext") != nil else {
            print("NOTE: pdfIsReadWithPdftotext skipped: groff or pdftotext is not installed (apt-get install groff poppler-utils)")
            return
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try folder.write("Kongsberg kommune\n.br\nSpørsmål 4\n.br\nRettigheter til BPA og bemanningsnormer.\n.br\nSpørsmål 7\n.br\nVi vil ha heltidskultur.\n", to: "svar.ms")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: groff)
        process.arguments = ["-k", "-Tpdf", source.path]
        let pdf = Pipe()
        process.standardOutput = pdf
        try process.run()
        let data = pdf.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(data.starts(with: Array("%PDF".utf8)))
        let corpus = try Self.corpus([("kongsberg.pdf", data)])
        defer { corpus.remove() }
        let (result, rows) = try Self.run(corpus)
        #expect(result.status == 0, "\(result.standardError)")
        let row = try #require(rows["2025/svar/kongsberg.pdf"])
        #expect(row["status"] == "ok")
        #expect(row["tegnkoding"] == "UTF-8 (pdftotext)")
        #expect(row["kommunenummer"] == "3303")
        #expect(row["svar_per_spørsmål"] == "4:1 7:1 generelt:1")

        // The same PDF when pdftotext is not there: skipped with how to install it, never a crash.
        let (hidden, hiddenRows) = try Self.run(corpus, environment: ["DEBATTSVAR_PDFTOTEXT": ""])
        #expect(hidden.status == 0)
        #expect(hiddenRows["2025/svar/kongsberg.pdf"]?["status"] == "skipped")
        #expect(hiddenRows["2025/svar/kongsberg.pdf"]?["årsak"]?.contains("apt-get install poppler-utils") == true)
    }

    @Test func pdfWithoutPdftotextIsSkippedWithAnInstallHint() throws {
        let corpus = try Self.corpus([("vedtak.pdf", Data("%PDF-1.4\n%%EOF\n".utf8))])
        defer { corpus.remove() }
        let (result, rows) = try Self.run(corpus, environment: ["DEBATTSVAR_PDFTOTEXT": ""])
        #expect(result.status == 0)
        #expect(rows["2025/svar/vedtak.pdf"]?["status"] == "skipped")
        #expect(rows["2025/svar/vedtak.pdf"]?["årsak"] == "pdftotext mangler, så PDF-en kan ikke leses; installer poppler-utils (apt-get install poppler-utils)")
    }

    @Test func docxWithoutAnyUnzipToolIsSkipped() throws {
        let corpus = try Self.corpus([("asker.docx", Data("PK".utf8))])
        defer { corpus.remove() }
        let (_, rows) = try Self.run(corpus, environment: ["DEBATTSVAR_UNZIP": "", "DEBATTSVAR_PYTHON3": ""])
        #expect(rows["2025/svar/asker.docx"]?["status"] == "skipped")
        #expect(rows["2025/svar/asker.docx"]?["årsak"]?.contains("apt-get install unzip") == true)
    }

    @Test func legacyAndUnknownFormatsAreSkippedWithAReason() throws {
        let corpus = try Self.corpus([("gammel.doc", Data([0xD0, 0xCF, 0x11, 0xE0])), ("notat.rtf", Data("{\\rtf1}".utf8)),
                                      ("svar.odt", Data("PK".utf8)), ("tall.xlsx", Data("PK".utf8)), ("bilde.png", Data([0x89, 0x50])),
                                      ("uten-endelse", Data("tekst".utf8))])
        defer { corpus.remove() }
        let (result, rows) = try Self.run(corpus)
        #expect(result.status == 0)
        #expect(rows.values.allSatisfy { $0["status"] == "skipped" })
        #expect(rows["2025/svar/gammel.doc"]?["årsak"]?.contains(".docx") == true)
        #expect(rows["2025/svar/notat.rtf"]?["årsak"]?.hasPrefix("RTF kan ikke leses") == true)
        #expect(rows["2025/svar/svar.odt"]?["årsak"]?.contains("OpenDocument") == true)
        #expect(rows["2025/svar/tall.xlsx"]?["årsak"]?.contains("CSV") == true)
        #expect(rows["2025/svar/bilde.png"]?["årsak"] == "formatet .png støttes ikke; bruk .txt, .md, .csv, .tsv, .pdf eller .docx")
        #expect(rows["2025/svar/uten-endelse"]?["årsak"]?.contains("ingen filendelse") == true)
    }
}
