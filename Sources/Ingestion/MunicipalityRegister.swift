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

    /// Reads `kommuner-2020.tsv` and `fylker-2020.tsv` from `folder`.
    public init(folder: URL) throws(IngestionError) {
        let municipalities = folder.appendingPathComponent("kommuner-2020.tsv")
        let counties = folder.appendingPathComponent("fylker-2020.tsv")
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

    /// Entries whose name or parallel name folds to the same key as `name`.
    public func lookup(_ name: String) -> [Entry] {
        (byKey[Self.key(name)] ?? []).map { entries[$0] }
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

/// Finds who answered: from the file name first, then from `<Navn> kommune` in the text.
public struct RespondentIdentifier: Sendable {
    public let register: MunicipalityRegister

    /// Words in file names that are not part of a name.
    static let fileNameNoise: Set<String> = [
        "svar", "svaret", "kommune", "kommunes", "kommunen", "fylkeskommune", "fylkeskommunen", "fylke",
        "debatthefte", "debattheftet", "ks", "innspill", "innspel", "hoeringssvar", "horingssvar", "vedtak",
        "protokoll", "saksframlegg", "utkast", "endelig", "til",
    ]

    public init(register: MunicipalityRegister) {
        self.register = register
    }

    public func identify(fileName: String, text: String) -> (Respondent?, [Finding]) {
        let stem = (fileName as NSString).deletingPathExtension
        let words = stem.lowercased().split { !$0.isLetter }.map(String.init)
        let wantsCounty = words.contains { $0.hasPrefix("fylke") }
        let nameWords = words.filter { !Self.fileNameNoise.contains($0) }
        if !nameWords.isEmpty {
            let all = register.lookup(nameWords.joined(separator: " "))
            let preferred = all.filter { $0.isCounty == wantsCounty }
            let candidates = preferred.isEmpty ? all : preferred
            if candidates.count == 1 { return (respondent(candidates[0]), []) }
            if candidates.count > 1 {
                let names = candidates.map { "\($0.name) (\($0.number), \($0.county))" }.joined(separator: ", ")
                return (nil, [Finding(.warning, stage: "kommune", "filnavnet «\(fileName)» passer på flere: \(names)")])
            }
        }
        if let fromText = fromText(text) { return (respondent(fromText), []) }
        return (nil, [Finding(.warning, stage: "kommune", "fant ikke kommunen eller fylkeskommunen i filnavnet «\(fileName)» eller i teksten")])
    }

    /// The register entry most often named as `<Navn> kommune` / `<Navn> fylkeskommune` in the text.
    func fromText(_ text: String) -> MunicipalityRegister.Entry? {
        let words = text.split { !$0.isLetter && $0 != "-" }.map(String.init)
        var counts: [String: (MunicipalityRegister.Entry, Int)] = [:]
        for (index, word) in words.enumerated() where index > 0 {
            let lowered = word.lowercased()
            guard lowered == "kommune" || lowered == "fylkeskommune" else { continue }
            let wantsCounty = lowered == "fylkeskommune"
            for span in 1 ... min(3, index) {
                let name = words[(index - span) ..< index].joined(separator: " ")
                let hits = register.lookup(name).filter { $0.isCounty == wantsCounty }
                if hits.count == 1 {
                    counts[hits[0].number, default: (hits[0], 0)].1 += 1
                    break
                }
            }
        }
        let ranked = counts.values.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.number < $1.0.number }
        guard let best = ranked.first else { return nil }
        if ranked.count > 1, ranked[1].1 == best.1 { return nil }
        return best.0
    }

    private func respondent(_ entry: MunicipalityRegister.Entry) -> Respondent {
        Respondent(number: entry.number, name: entry.isCounty ? "\(entry.name) fylkeskommune" : entry.name,
                   county: entry.county)
    }
}
