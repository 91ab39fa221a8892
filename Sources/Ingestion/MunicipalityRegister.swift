import Foundation
import PipelineCore

/// The register of municipalities and counties, read from `corpora/register/`.
///
/// Names are matched on a folded key: case, æ/ø/å spelled `ae`/`o`/`a`/`aa`, accents, hyphens and
/// spaces do not matter, so `Nord-Fron`, `nord fron` and `NORD FRON` are one name, as are `Ås`,
/// `As` and `Aas`. Official parallel names (Sámi, Kven) are names too.
public struct MunicipalityRegister: Sendable {
    public struct Entry: Sendable, Hashable {
        public var number: String
        public var name: String
        public var countyNumber: String
        public var county: String
        public var parallelNames: [String]
        /// True for a county (fylkeskommune), false for a municipality.
        public var isCounty: Bool
    }

    public private(set) var entries: [Entry] = []
    private var byKey: [String: [Int]] = [:]

    public init(entries: [Entry]) {
        for entry in entries { add(entry) }
    }

    private mutating func add(_ entry: Entry) {
        entries.append(entry)
        for name in [entry.name] + entry.parallelNames {
            let key = Self.key(name)
            if !key.isEmpty, !(byKey[key]?.contains(entries.count - 1) ?? false) {
                byKey[key, default: []].append(entries.count - 1)
            }
        }
    }

    /// The year the structure took effect (`2020`, `2024`).
    public private(set) var validFrom: Int = 0

    /// Reads the structure in force in `year` from `folder`: the pair `kommuner-<år>.tsv` and
    /// `fylker-<år>.tsv` with the latest `<år>` not after `year` (the earliest pair when `year`
    /// is before all of them).
    public init(folder: URL, year: Int) throws(IngestionError) {
        let available = Self.structureYears(in: folder)
        guard let first = available.first else {
            throw .unreadable(path: folder.path, reason: "fant ingen kommuner-<år>.tsv med fylker-<år>.tsv i registermappa")
        }
        let chosen = available.last { $0 <= year } ?? first
        try self.init(municipalities: folder.appendingPathComponent("kommuner-\(chosen).tsv"),
                      counties: folder.appendingPathComponent("fylker-\(chosen).tsv"))
        validFrom = chosen
    }

    /// Years with both `kommuner-<år>.tsv` and `fylker-<år>.tsv` in `folder`, sorted.
    public static func structureYears(in folder: URL) -> [Int] {
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("kommuner-"), name.hasSuffix(".tsv"),
                  let year = Int(name.dropFirst("kommuner-".count).dropLast(4)),
                  names.contains("fylker-\(year).tsv") else { return nil }
            return year
        }.sorted()
    }

    /// Reads one structure: a municipality file and a county file.
    public init(municipalities: URL, counties: URL) throws(IngestionError) {
        for row in try Self.rows(municipalities, columns: 6) {
            let parallel = row[4].split(separator: ";").map {
                String($0.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            add(Entry(number: row[0], name: row[1], countyNumber: row[2], county: row[3],
                      parallelNames: parallel, isCounty: false))
        }
        for row in try Self.rows(counties, columns: 2) {
            add(Entry(number: row[0], name: row[1], countyNumber: row[0], county: row[1],
                      parallelNames: [], isCounty: true))
        }
    }

    private static func rows(_ url: URL, columns: Int) throws(IngestionError) -> [[String]] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: "kan ikke lese registeret (\(error.localizedDescription))")
        }
        var rows: [[String]] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns else {
                throw .malformed(path: url.path, line: index + 1, reason: "forventet \(columns) kolonner, fant \(fields.count)")
            }
            rows.append(fields)
        }
        return rows
    }

    /// Entries whose name or parallel name folds to the same key as `name`. Also understands
    /// the forms of Statistics Norway's lists: `Guovdageaidnu - Kautokeino` (any of the names)
    /// and `Herøy (Nordland)` (the county in brackets picks one of several).
    public func lookup(_ name: String) -> [Entry] {
        if let hits = byKey[Self.key(name)] { return hits.map { entries[$0] } }
        if let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
            let base = lookup(String(name[..<open]))
            let county = Self.key(String(name[name.index(after: open) ..< close]))
            let inCounty = base.filter { Self.key($0.county) == county }
            return inCounty.isEmpty ? base : inCounty
        }
        let parts = name.components(separatedBy: " - ").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if parts.count > 1 {
            var found: [Entry] = []
            for part in parts {
                for entry in lookup(part) where !found.contains(entry) { found.append(entry) }
            }
            return found
        }
        return []
    }

    /// The folded matching key of a name.
    public static func key(_ name: String) -> String {
        var folded = name.lowercased()
            .replacingOccurrences(of: "æ", with: "ae")
            .replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "å", with: "a")
            .folding(options: [.diacriticInsensitive], locale: nil)
        folded = String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        return folded.replacingOccurrences(of: "aa", with: "a")
    }
}

/// Finds who answered, in this order: a name given for the document (a survey export's
/// municipality column), the file name, a header line (`Kommune: Ås`), then the text
/// (`Drammen kommune`, `Vestland fylkeskommune`, `Kommunestyret i Ås`).
public struct RespondentIdentifier: Sendable {
    public let register: MunicipalityRegister

    /// Words in file names that are not part of a name.
    static let fileNameNoise: Set<String> = [
        "svar", "svaret", "kommune", "kommunes", "kommunen", "fylkeskommune", "fylkeskommunen", "fylke",
        "debatthefte", "debattheftet", "ks", "innspill", "innspel", "hoeringssvar", "horingssvar", "høringssvar",
        "vedtak", "protokoll", "saksframlegg", "utkast", "endelig", "til", "fra", "frå", "sak", "møteprotokoll",
        "særutskrift", "saerutskrift", "kommunestyret", "kommunestyre", "bystyret", "formannskapet", "fylkestinget",
        "heradsstyret", "v", "versjon", "docx", "pdf", "utskrift", "kopi", "ny", "final", "og", "i",
    ]

    /// Councils and boards named as `<organ> i <Navn>` in protocols.
    static let councils: Set<String> = [
        "kommunestyret", "kommunestyre", "bystyret", "bystyre", "formannskapet", "heradsstyret", "heradsstyre",
        "fylkestinget", "fylkesting", "fylkesutvalget", "kommunedirektøren", "rådmannen", "ordføreren",
        "kommunedirektoren", "radmannen", "ordforeren", "kommunestyremøte", "kommunestyremøtet",
    ]

    /// Labels of header lines naming the respondent (`Kommune: Ås`, `Avsender: Drammen kommune`).
    static let headerLabels: Set<String> = [
        "kommune", "kommunenavn", "kommunens navn", "fylkeskommune", "avsender", "fra", "frå", "organisasjon",
        "respondent", "kommune/fylkeskommune", "navn på kommune", "innsender",
    ]

    public init(register: MunicipalityRegister) {
        self.register = register
    }

    /// The respondent and what was noticed on the way (ambiguous or unknown names).
    public func identify(fileName: String, text: String, declaredName: String? = nil) -> (Respondent?, [Finding]) {
        var findings: [Finding] = []
        if let declaredName, !declaredName.trimmingCharacters(in: .whitespaces).isEmpty {
            switch resolve(declaredName, source: "oppgitt navn «\(declaredName)»") {
            case let .found(entry): return (respondent(entry), [])
            case let .ambiguous(finding), let .unknown(finding): return (nil, [finding])
            }
        }
        switch fromFileName(fileName) {
        case let .found(entry): return (respondent(entry), [])
        case let .ambiguous(finding): findings.append(finding)
        case .unknown: break
        }
        switch fromHeader(text) {
        case let .found(entry): return (respondent(entry), [])
        case let .ambiguous(finding): findings.append(finding)
        case .unknown: break
        }
        switch fromText(text) {
        case let .found(entry): return (respondent(entry), [])
        case let .ambiguous(finding): findings.append(finding)
        case .unknown: break
        }
        if findings.isEmpty {
            findings.append(Finding(.warning, stage: "kommune",
                                    "fant ikke kommunen eller fylkeskommunen i filnavnet «\(fileName)» eller i teksten"))
        }
        return (nil, findings)
    }

    enum Resolution {
        case found(MunicipalityRegister.Entry)
        case ambiguous(Finding)
        case unknown(Finding)
    }

    /// Looks a written name up: `Drammen`, `Drammen kommune`, `Vestland fylkeskommune`, `Ås`.
    func resolve(_ written: String, source: String) -> Resolution {
        var words = written.split { !$0.isLetter && $0 != "-" && $0 != "(" && $0 != ")" }.map(String.init)
        var wantsCounty: Bool? = nil
        if let last = words.last?.lowercased() {
            if last.hasPrefix("fylkeskommun") || last == "fylke" { wantsCounty = true; words.removeLast() }
            else if last.hasPrefix("kommun") || last == "herad" { wantsCounty = false; words.removeLast() }
        }
        let name = words.joined(separator: " ")
        guard !name.isEmpty else { return .unknown(Finding(.warning, stage: "kommune", "\(source): ikke et kommunenavn")) }
        let all = register.lookup(name)
        let preferred = wantsCounty.map { want in all.filter { $0.isCounty == want } } ?? all.filter { !$0.isCounty }
        let candidates = preferred.isEmpty ? all : preferred
        if candidates.count == 1 { return .found(candidates[0]) }
        if candidates.count > 1 { return .ambiguous(ambiguity(source, candidates)) }
        return .unknown(Finding(.warning, stage: "kommune",
                                "\(source): finnes ikke i kommuneregisteret for \(register.validFrom)-strukturen"))
    }

    private func ambiguity(_ source: String, _ candidates: [MunicipalityRegister.Entry]) -> Finding {
        let names = candidates.map { "\($0.isCounty ? "\($0.name) fylkeskommune" : $0.name) (\($0.number), \($0.county))" }
        return Finding(.warning, stage: "kommune", "\(source) passer på flere: \(names.joined(separator: ", "))")
    }

    func fromFileName(_ fileName: String) -> Resolution {
        let stem = (fileName as NSString).deletingPathExtension
        let words = stem.lowercased().split { !$0.isLetter }.map(String.init)
        let wantsCounty = words.contains { $0.hasPrefix("fylke") }
        let nameWords = words.filter { !Self.fileNameNoise.contains($0) }
        let source = "filnavnet «\(fileName)»"
        guard !nameWords.isEmpty else { return .unknown(Finding(.info, stage: "kommune", source)) }
        let all = register.lookup(nameWords.joined(separator: " "))
        let preferred = all.filter { $0.isCounty == wantsCounty }
        let candidates = preferred.isEmpty ? all : preferred
        if candidates.count == 1 { return .found(candidates[0]) }
        if candidates.count > 1 { return .ambiguous(ambiguity(source, candidates)) }
        return .unknown(Finding(.info, stage: "kommune", source))
    }

    /// A labelled line among the first lines: `Kommune: Ås`, `Avsender: Drammen kommune`.
    func fromHeader(_ text: String) -> Resolution {
        var seen = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            seen += 1
            if seen > 15 { break }
            let trimmed = line.drop { $0 == " " || $0 == "#" || $0 == "*" }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let label = trimmed[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: " *_")).lowercased()
            guard Self.headerLabels.contains(label) else { continue }
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " *_\t"))
            guard !value.isEmpty else { continue }
            var resolution = resolve(value, source: "overskriftslinja «\(line.trimmingCharacters(in: .whitespaces))»")
            if case .unknown = resolution, label.hasPrefix("fylke") {
                resolution = resolve(value + " fylkeskommune", source: "overskriftslinja «\(line)»")
            }
            return resolution
        }
        return .unknown(Finding(.info, stage: "kommune", "ingen overskriftslinje"))
    }

    /// The register entry most often named in the text as `<Navn> kommune`, `<Navn> fylkeskommune`
    /// or `Kommunestyret i <Navn>`; ambiguous when two are named equally often.
    func fromText(_ text: String) -> Resolution {
        let words = text.split { !$0.isLetter && $0 != "-" }.map(String.init)
        var counts: [String: (MunicipalityRegister.Entry, Int)] = [:]
        func count(_ entry: MunicipalityRegister.Entry) { counts[entry.number + (entry.isCounty ? "f" : ""), default: (entry, 0)].1 += 1 }
        for (index, word) in words.enumerated() {
            let lowered = word.lowercased()
            if index > 0, lowered == "kommune" || lowered == "fylkeskommune" {
                let wantsCounty = lowered == "fylkeskommune"
                for span in 1 ... min(3, index) {
                    let name = words[(index - span) ..< index].joined(separator: " ")
                    let hits = register.lookup(name).filter { $0.isCounty == wantsCounty }
                    if hits.count == 1 { count(hits[0]); break }
                }
            } else if Self.councils.contains(lowered), index + 2 < words.count, words[index + 1].lowercased() == "i" {
                for span in (1 ... min(3, words.count - index - 2)).reversed() {
                    let name = words[(index + 2) ..< (index + 2 + span)].joined(separator: " ")
                    guard name.first?.isUppercase == true else { continue }
                    let hits = register.lookup(name).filter { $0.isCounty == lowered.hasPrefix("fylke") }
                    if hits.count == 1 { count(hits[0]); break }
                }
            }
        }
        let ranked = counts.values.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.number < $1.0.number }
        guard let best = ranked.first else { return .unknown(Finding(.info, stage: "kommune", "ingen navn i teksten")) }
        if ranked.count > 1, ranked[1].1 == best.1 {
            return .ambiguous(ambiguity("teksten nevner like ofte", ranked.filter { $0.1 == best.1 }.map(\.0)))
        }
        return .found(best.0)
    }

    private func respondent(_ entry: MunicipalityRegister.Entry) -> Respondent {
        Respondent(number: entry.number, name: entry.isCounty ? "\(entry.name) fylkeskommune" : entry.name,
                   county: entry.county)
    }
}
