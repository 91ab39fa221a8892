import Foundation
import TestSupport
import Testing

/// `debattsvar run` on the embedded corpus and on small corpora made here.
@Suite struct CorpusRunTests {
    /// Parses a report CSV (BOM, `;`, CRLF; quoted cells may hold `;`, `""` and LF) into rows of cells.
    static func rows(_ csv: String) -> [[String]] {
        csv.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
            .map { line in
                var cells: [String] = [], cell = "", quoted = false
                let characters = Array(line)
                var index = 0
                while index < characters.count {
                    let character = characters[index]
                    if character == "\"" {
                        // `""` inside quotes is one quote character.
                        if quoted, index + 1 < characters.count, characters[index + 1] == "\"" {
                            cell.append("\"")
                            index += 1
                        } else {
                            quoted.toggle()
                        }
                    } else if character == ";" && !quoted {
                        cells.append(cell)
                        cell = ""
                    } else {
                        cell.append(character)
                    }
                    index += 1
                }
                cells.append(cell)
                return cells
            }
    }

    @Test func embeddedCorpusReportIsUpToDateAndShowsDrammensThemes() throws {
        let output = try TemporaryFolder()
        defer { output.remove() }
        let result = try Executable.run(["run", Repository.url("corpora").path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("1 behandlet, 0 hoppet over, 0 feilet"))

        let table = Self.rows(try String(contentsOf: output.url.appendingPathComponent("2025/tema-per-sporsmal.csv"), encoding: .utf8))
        let header = try #require(table.first)
        let question = header.firstIndex(of: "spørsmål")!, theme = header.firstIndex(of: "tema")!
        let with = header.firstIndex(of: "kommuner_med_tema")!, total = header.firstIndex(of: "kommuner_totalt")!
        func count(_ q: String, _ t: String) -> (Int, Int)? {
            table.first { $0[question] == q && $0[theme] == t }.map { (Int($0[with])!, Int($0[total])!) }
        }
        #expect(count("4", "spesialundervisning")! == (1, 1))
        #expect(count("4", "bpa")! == (1, 1))
        #expect(count("7", "heltid")! == (1, 1))
        #expect(count("1", "bpa")! == (0, 1))
        #expect(count("5", "heltid")! == (0, 1))

        // Each of those counts is backed by evidence in the same run.
        let evidence = Self.rows(try String(contentsOf: output.url.appendingPathComponent("2025/evidens.csv"), encoding: .utf8))
        let eHeader = evidence[0]
        let eQuestion = eHeader.firstIndex(of: "spørsmål")!, eTheme = eHeader.firstIndex(of: "tema")!
        let matched = eHeader.firstIndex(of: "treff")!, line = eHeader.firstIndex(of: "linje")!
        let source = try Repository.text("corpora/2025/svar/drammen.md").components(separatedBy: "\n")
        for (q, t) in [("4", "spesialundervisning"), ("4", "bpa"), ("7", "heltid")] {
            let hits = evidence.filter { $0[eQuestion] == q && $0[eTheme] == t }
            #expect(!hits.isEmpty, "no evidence for \(t) in question \(q)")
            for hit in hits {
                #expect(source[Int(hit[line])! - 1].contains(hit[matched]), "line \(hit[line]) lacks «\(hit[matched])»")
            }
        }
        // The question text of question 4 names «statlig detaljstyring»; it must not count.
        #expect(!evidence.contains { $0[eTheme] == "detaljstyring" && $0[matched].lowercased() == "detaljstyring" && $0[eQuestion] == "4" })

        // Every year with a question list has its reports, and the committed reports are current:
        // the same files, byte for byte.
        let fresh = try Self.reportFiles(in: output.url)
        for year in ["2021", "2022", "2025", "2026"] {
            for name in Self.yearFiles {
                #expect(fresh.contains("\(year)/\(name)"), "\(year)/\(name) was not written")
            }
        }
        for name in Self.corpusFiles + ["2025/kommuner/3301-drammen.md"] {
            #expect(fresh.contains(name), "\(name) was not written")
        }
        let committed = try Self.reportFiles(in: Repository.url("reports"))
        #expect(fresh == committed, "reports/ has other files than a run writes: run `make report` and commit")
        for name in fresh.sorted() {
            let new = try Data(contentsOf: output.url.appendingPathComponent(name))
            let old = try? Data(contentsOf: Repository.url("reports/\(name)"))
            #expect(new == old, "reports/\(name) is out of date: run `make report` and commit")
        }
    }

    /// Files every year folder gets.
    static let yearFiles = ["tema-per-sporsmal.csv", "tema-per-sporsmal.md", "tema-per-fylke.csv", "tema-per-kommune.csv",
                            "dekning.csv", "tidy.csv", "termer.csv", "evidens.csv", "rapport.md", "rapport.json", "rapport.html",
                            "manifest.csv", "manifest.json"]
    /// Files for all years, at the top of the output folder.
    static let corpusFiles = ["manifest.csv", "manifest.json", "trend.csv", "tidy.csv", "rapport.md", "rapport.json", "rapport.html"]

    /// Every file below `folder`, relative to it; hidden files (temporary ones) and hidden
    /// folders (the result cache) left out.
    static func reportFiles(in folder: URL) throws -> Set<String> {
        var files = Set<String>()
        let base = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasPrefix(".") { enumerator?.skipDescendants() }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
                  !url.lastPathComponent.hasPrefix(".") else { continue }
            files.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return files
    }

    @Test func everyFileLandsInTheManifestAndOneBadFileDoesNotSinkTheRun() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try corpus.write(try Repository.text("corpora/2025/sporsmal.tsv"), to: "2025/sporsmal.tsv")
        try corpus.write(try Repository.text("corpora/register/kommuner-2020.tsv"), to: "register/kommuner-2020.tsv")
        try corpus.write(try Repository.text("corpora/register/fylker-2020.tsv"), to: "register/fylker-2020.tsv")
        try corpus.write("\u{FEFF}Spørsmål 7\r\nVi trenger flere heltidsstillinger.\r\n", to: "2025/svar/as.txt")
        try corpus.write("Spørsmål 4\nRettigheter til BPA.\n", to: "2025/svar/nord fron.md")
        try corpus.write(Data([0x53, 0x70, 0xF8, 0x72, 0x73, 0x6D, 0xE5, 0x6C, 0x20, 0x34, 0x0A, 0x42, 0x50, 0x41]), to: "2025/svar/undersokelse/baerum.txt")
        try corpus.write("", to: "2025/svar/tom.txt")
        try corpus.write("  \n\t\n", to: "2025/svar/blank.md")
        try corpus.write(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]), to: "2025/svar/bilde.txt")
        try corpus.write("%PDF-1.4", to: "2025/svar/vedtak.pdf")
        try corpus.write("Spørsmål 1\nIngen kommune.\n", to: "2025/svar/notat.txt")
        try corpus.write("Svar fra Os kommune\n\n" + CommandLineTests.damaged, to: "2025/svar/os.txt")
        try corpus.write("svar utenfor mappa", to: "2025/feil-sted.txt")

        // Without pdftotext, so the fake PDF is skipped the same way on every machine.
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path, "--jobs", "2"],
                                        environment: ["DEBATTSVAR_PDFTOTEXT": ""])
        #expect(result.status == 1)
        #expect(result.standardError.contains("2025/svar/bilde.txt: binærfil"))
        #expect(result.standardError.contains("10 filer: 5 behandlet, 4 hoppet over, 1 feilet"))

        let manifest = Self.rows(try String(contentsOf: output.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
        let h = manifest[0]
        let path = h.firstIndex(of: "fil")!, status = h.firstIndex(of: "status")!, name = h.firstIndex(of: "kommune")!
        let encoding = h.firstIndex(of: "tegnkoding")!, perQuestion = h.firstIndex(of: "svar_per_spørsmål")!
        let byPath = Dictionary(uniqueKeysWithValues: manifest.dropFirst().map { ($0[path], $0) })
        #expect(byPath.count == 10)
        // OCR repairs of a damaged answer are counted in its manifest row.
        #expect(byPath["2025/svar/os.txt"]?[status] == "ok")
        #expect(byPath["2025/svar/os.txt"]?.last?.contains("ocr:") == true)
        #expect(byPath["2025/svar/os.txt"]?.last?.contains("endringer (ma → må") == true)
        #expect(byPath["2025/svar/as.txt"]?[status] == "ok")
        #expect(byPath["2025/svar/as.txt"]?[name] == "Ås")
        #expect(byPath["2025/svar/as.txt"]?[encoding] == "UTF-8 med BOM")
        #expect(byPath["2025/svar/as.txt"]?[perQuestion] == "7:1")
        #expect(byPath["2025/svar/nord fron.md"]?[name] == "Nord-Fron")
        #expect(byPath["2025/svar/undersokelse/baerum.txt"]?[encoding] == "Windows-1252")
        #expect(byPath["2025/svar/undersokelse/baerum.txt"]?[perQuestion] == "4:1")
        #expect(byPath["2025/svar/tom.txt"]?[status] == "skipped")
        #expect(byPath["2025/svar/blank.md"]?[status] == "skipped")
        #expect(byPath["2025/svar/bilde.txt"]?[status] == "failed")
        #expect(byPath["2025/svar/vedtak.pdf"]?[status] == "skipped")
        #expect(byPath["2025/svar/notat.txt"]?[status] == "ok")
        #expect(byPath["2025/svar/notat.txt"]?.last?.contains("fant ikke kommunen") == true)
        #expect(byPath["2025/feil-sted.txt"]?[status] == "skipped")

        let table = Self.rows(try String(contentsOf: output.url.appendingPathComponent("2025/tema-per-sporsmal.csv"), encoding: .utf8))
        let q = table[0].firstIndex(of: "spørsmål")!, t = table[0].firstIndex(of: "tema")!, w = table[0].firstIndex(of: "kommuner_med_tema")!
        #expect(table.first { $0[q] == "4" && $0[t] == "bpa" }?[w] == "2")
        #expect(table.first { $0[q] == "7" && $0[t] == "heltid" }?[w] == "1")
    }

    /// `--jobs 1` and `--jobs 4` give the same bytes, and so does a second run in a row.
    @Test func outputIsTheSameBytesWhateverTheThreadCount() throws {
        let one = try TemporaryFolder(), two = try TemporaryFolder()
        defer { one.remove(); two.remove() }
        #expect(try Executable.run(["run", Repository.url("corpora").path, "--out", one.url.path, "--jobs", "1"]).status == 0)
        #expect(try Executable.run(["run", Repository.url("corpora").path, "--out", two.url.path, "--jobs", "4"]).status == 0)
        let files = try Self.reportFiles(in: one.url)
        #expect(files == (try Self.reportFiles(in: two.url)))
        #expect(files.count > 50)
        for name in files {
            #expect(try Data(contentsOf: one.url.appendingPathComponent(name)) == Data(contentsOf: two.url.appendingPathComponent(name)), "\(name)")
        }
        // A second run in a row over the same output gives the same bytes again.
        #expect(try Executable.run(["run", Repository.url("corpora").path, "--out", two.url.path, "--jobs", "4"]).status == 0)
        #expect(try Self.reportFiles(in: two.url) == files)
        for name in files {
            #expect(try Data(contentsOf: one.url.appendingPathComponent(name)) == Data(contentsOf: two.url.appendingPathComponent(name)),
                    "\(name) differs on the second run")
        }
    }

    /// Each run of the program must find the entries the last one wrote (the fingerprint of the
    /// program and its libraries is the same from process to process), and `--no-cache` neither
    /// reads nor writes them.
    @Test func rerunsOfTheProgramUseTheCacheAndNoCacheLeavesItAlone() throws {
        let output = try TemporaryFolder(), plain = try TemporaryFolder()
        defer { output.remove(); plain.remove() }
        let corpus = Repository.url("corpora").path
        let first = try Executable.run(["run", corpus, "--out", output.url.path, "--timings"])
        #expect(first.standardError.contains("cache\tstored\t1\n"), "\(first.standardError)")
        for _ in 0 ..< 5 {
            let again = try Executable.run(["run", corpus, "--out", output.url.path, "--timings"])
            #expect(again.standardError.contains("cache\thits\t1\n"), "\(again.standardError)")
        }
        let uncached = try Executable.run(["run", corpus, "--out", plain.url.path, "--timings", "--no-cache"])
        #expect(uncached.status == 0)
        #expect(!uncached.standardError.contains("cache\t"))
        #expect(!FileManager.default.fileExists(atPath: plain.url.appendingPathComponent(".debattsvar-cache").path))
        let files = try Self.reportFiles(in: output.url)
        #expect(files == (try Self.reportFiles(in: plain.url)))
        for name in files {
            #expect(try Data(contentsOf: output.url.appendingPathComponent(name)) == Data(contentsOf: plain.url.appendingPathComponent(name)), "\(name)")
        }
        #expect(try Executable.run(["run", "--help"]).standardOutput.contains("--no-cache"))
    }

    @Test func yearOptionRunsOneYear() throws {
        let output = try TemporaryFolder()
        defer { output.remove() }
        let result = try Executable.run(["run", Repository.url("corpora").path, "--out", output.url.path, "--year", "2022"])
        #expect(result.status == 0)
        let years = try FileManager.default.contentsOfDirectory(atPath: output.url.path).filter { Int($0) != nil }
        #expect(years == ["2022"])
        #expect(FileManager.default.fileExists(atPath: output.url.appendingPathComponent("2022/rapport.html").path))
        // The all-years files are left to a run over all years.
        #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent("rapport.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent("manifest.csv").path))
    }
}

@Suite struct UnsortedPileTests {
    @Test func answersOutsideYearFoldersGetTheirYearFromTheText() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        for year in [2022, 2025] {
            try corpus.write(try Repository.text("corpora/\(year)/sporsmal.tsv"), to: "\(year)/sporsmal.tsv")
        }
        for name in ["kommuner-2020.tsv", "fylker-2020.tsv", "kommuner-2024.tsv", "fylker-2024.tsv"] {
            try corpus.write(try Data(contentsOf: Repository.url("corpora/register/\(name)")), to: "register/\(name)")
        }
        try corpus.write("Ås kommune – svar på debattheftet 2025\nSpørsmål 4\nRettigheter til BPA.\n", to: "svar/as.txt")
        try corpus.write("Spørsmål 3\nHvilke andre endringer i Hovedtariffavtalen bør prioriteres?\nHeltid.\n", to: "svar/innkommet/bodo.md")
        try corpus.write("Vi ønsker mer handlingsrom.\n", to: "svar/ukjent.txt")
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        let all = try String(contentsOf: output.url.appendingPathComponent("manifest.csv"), encoding: .utf8)
        let rows = CorpusRunTests.rows(all)
        let path = rows[0].firstIndex(of: "fil")!, year = rows[0].firstIndex(of: "år")!, status = rows[0].firstIndex(of: "status")!
        let byPath = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[path], $0) })
        #expect(byPath["svar/as.txt"]?[year] == "2025")
        #expect(byPath["svar/as.txt"]?[status] == "ok")
        #expect(byPath["svar/innkommet/bodo.md"]?[year] == "2022")
        #expect(byPath["svar/ukjent.txt"]?[status] == "skipped")
        #expect(byPath["svar/ukjent.txt"]?.joined().contains("fant ikke året") == true)
        let table = try String(contentsOf: output.url.appendingPathComponent("2025/tema-per-sporsmal.csv"), encoding: .utf8)
        #expect(table.contains("2025;4;Forventningsgapet;bpa;"))
    }
}

/// A run that fails halfway leaves the reports of the previous run as they were.
@Suite struct InterruptedRunTests {
    @Test func aRunThatCannotFinishLeavesThePreviousReports() throws {
        let output = try TemporaryFolder()
        defer { output.remove() }
        let corpus = Repository.url("corpora").path
        #expect(try Executable.run(["run", corpus, "--out", output.url.path]).status == 0)
        let before = try Data(contentsOf: output.url.appendingPathComponent("2025/rapport.html"))
        try output.write("eldre rapport", to: "2021/rapport.md")
        // The last year's folder cannot be written: the run stops there.
        try FileManager.default.removeItem(at: output.url.appendingPathComponent("2026"))
        try output.write("ikke en mappe", to: "2026")
        let result = try Executable.run(["run", corpus, "--out", output.url.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("2026"))
        // Nothing of the failed run is in place, and no temporary files are left behind.
        #expect(try String(contentsOf: output.url.appendingPathComponent("2021/rapport.md"), encoding: .utf8) == "eldre rapport")
        #expect(try Data(contentsOf: output.url.appendingPathComponent("2025/rapport.html")) == before)
        for year in ["2021", "2022", "2025"] {
            let hidden = try FileManager.default.contentsOfDirectory(atPath: output.url.appendingPathComponent(year).path).filter { $0.hasPrefix(".") }
            #expect(hidden.isEmpty, "\(year): \(hidden)")
        }
    }
}
