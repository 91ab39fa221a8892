import Foundation

/// One hand-labelled unit of a gold file.
public struct GoldUnit: Sendable, Hashable {
    public var id: String
    /// The themes that apply, by id.
    public var themes: Set<String>
    public var text: String
    /// Line in the gold file.
    public var line: Int

    public init(id: String, themes: Set<String>, text: String, line: Int = 0) {
        self.id = id
        self.themes = themes
        self.text = text
        self.line = line
    }

    /// The source the unit was cut from: its id up to the first `-` (`h26` for `h26-x402`), or
    /// the whole id when it has none.
    public var source: String {
        id.firstIndex(of: "-").map { String(id[..<$0]) } ?? id
    }
}

/// A gold or prediction file that cannot be read; names the file and line.
public struct LabelFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    public var reason: String
    public var description: String { "\(path):\(line): \(reason)" }

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}

/// The label files: gold (`id<TAB>themes<TAB>text`) and predictions (`id<TAB>themes`, what
/// `debattsvar classify` writes). Themes are comma-separated theme ids, empty when none. A first
/// line starting with `id<TAB>` is a header; lines starting with `#` are comments.
public enum LabelFile {
    public static func gold(_ text: String, path: String) throws(LabelFileError) -> [GoldUnit] {
        var units: [GoldUnit] = []
        var seen: [String: Int] = [:]
        for (number, fields) in try rows(text, path: path, columns: 3) {
            let id = fields[0]
            if let earlier = seen[id] {
                throw LabelFileError(path: path, line: number, reason: "id «\(id)» står også på linje \(earlier)")
            }
            seen[id] = number
            units.append(GoldUnit(id: id, themes: themes(fields[1]), text: fields[2], line: number))
        }
        return units
    }

    /// Predicted themes by unit id.
    public static func predictions(_ text: String, path: String) throws(LabelFileError) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for (number, fields) in try rows(text, path: path, columns: 2) {
            guard result[fields[0]] == nil else {
                throw LabelFileError(path: path, line: number, reason: "id «\(fields[0])» står to ganger")
            }
            result[fields[0]] = themes(fields[1])
        }
        return result
    }

    static func themes(_ field: String) -> Set<String> {
        Set(field.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Data lines with their line numbers, split into at least `columns` fields (the last one
    /// takes the rest of the line).
    static func rows(_ text: String, path: String, columns: Int) throws(LabelFileError) -> [(Int, [String])] {
        var rows: [(Int, [String])] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if number == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            if number == 1 || rows.isEmpty, line.lowercased().hasPrefix("id\t") { continue }
            let fields = line.split(separator: "\t", maxSplits: columns - 1, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= columns || (columns == 2 && fields.count == 1) else {
                throw LabelFileError(path: path, line: number,
                                     reason: "venter \(columns) felt skilt med tabulator (id, temaer\(columns == 3 ? ", tekst" : "")), fant \(fields.count)")
            }
            guard !fields[0].isEmpty else { throw LabelFileError(path: path, line: number, reason: "tom id") }
            rows.append((number, fields.count == 1 ? fields + [""] : fields))
        }
        return rows
    }
}

/// Precision, recall and F1 per theme, micro and macro, and every miss.
public struct EvaluationReport: Sendable {
    public struct Counts: Sendable, Hashable {
        /// Units the gold labels give the theme.
        public var gold = 0
        /// Units the classifier gives the theme.
        public var predicted = 0
        /// Units both give the theme.
        public var correct = 0

        public var precision: Double { predicted == 0 ? (gold == 0 ? 1 : 0) : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? (predicted == 0 ? 1 : 0) : Double(correct) / Double(gold) }
        public var f1: Double {
            let denominator = gold + predicted
            return denominator == 0 ? 1 : 2 * Double(correct) / Double(denominator)
        }
    }

    public struct Miss: Sendable, Hashable {
        public var id: String
        public var theme: String
        /// True when the gold has the theme and the classifier missed it; false when the
        /// classifier gave a theme the gold does not have.
        public var isMissing: Bool
        public var text: String
    }

    /// Per theme, for every theme in the gold labels or the predictions, sorted by id.
    public var themes: [(id: String, counts: Counts)]
    public var micro: Counts
    public var misses: [Miss]
    public var units: Int

    /// Mean over the themes listed (those in the gold or the predictions).
    public var macroPrecision: Double { mean(\.precision) }
    public var macroRecall: Double { mean(\.recall) }
    public var macroF1: Double { mean(\.f1) }

    private func mean(_ value: KeyPath<Counts, Double>) -> Double {
        themes.isEmpty ? 0 : themes.map { $0.counts[keyPath: value] }.reduce(0, +) / Double(themes.count)
    }

    /// Figures for the units of one source (see `GoldUnit.source`).
    public struct SourceSummary: Sendable, Hashable {
        public var source: String
        public var units: Int
        public var micro: Counts
        public var macroF1: Double
    }

    /// The same comparison for each source on its own, sorted by source. Macro-F1 of a source is
    /// the mean over the themes in its gold labels or predictions.
    public var sources: [SourceSummary]

    /// Compares predictions with gold labels. Units without a prediction count as having no theme.
    public init(gold: [GoldUnit], predicted: [String: Set<String>]) {
        self.init(counting: gold, predicted: predicted)
        var bySource: [String: [GoldUnit]] = [:]
        for unit in gold { bySource[unit.source, default: []].append(unit) }
        sources = bySource.keys.sorted().map { source in
            let part = EvaluationReport(counting: bySource[source]!, predicted: predicted)
            return SourceSummary(source: source, units: part.units, micro: part.micro, macroF1: part.macroF1)
        }
    }

    private init(counting gold: [GoldUnit], predicted: [String: Set<String>]) {
        var counts: [String: Counts] = [:]
        var micro = Counts()
        var misses: [Miss] = []
        for unit in gold {
            let guess = predicted[unit.id] ?? []
            for theme in unit.themes.union(guess).sorted() {
                let inGold = unit.themes.contains(theme), inGuess = guess.contains(theme)
                counts[theme, default: Counts()].gold += inGold ? 1 : 0
                counts[theme, default: Counts()].predicted += inGuess ? 1 : 0
                counts[theme, default: Counts()].correct += inGold && inGuess ? 1 : 0
                micro.gold += inGold ? 1 : 0
                micro.predicted += inGuess ? 1 : 0
                micro.correct += inGold && inGuess ? 1 : 0
                if inGold != inGuess { misses.append(Miss(id: unit.id, theme: theme, isMissing: inGold, text: unit.text)) }
            }
        }
        themes = counts.keys.sorted().map { ($0, counts[$0]!) }
        self.micro = micro
        self.misses = misses
        units = gold.count
        sources = []
    }

    /// The report as text: a table, optionally the figures per source, then the misses with
    /// their text.
    public func rendered(showMisses: Bool = true, showSources: Bool = false) -> String {
        func number(_ value: Double) -> String {
            String(format: "%.3f", value).replacingOccurrences(of: ".", with: ",")
        }
        let width = max(22, (themes.map(\.id.count).max() ?? 0) + 2)
        func row(_ name: String, _ c: Counts?, _ p: Double, _ r: Double, _ f: Double) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0)
                + [c.map { String($0.gold) } ?? "", c.map { String($0.predicted) } ?? "", c.map { String($0.correct) } ?? ""]
                    .map { $0.leftPadded(to: 7) }.joined()
                + [number(p).leftPadded(to: 11), number(r).leftPadded(to: 9), number(f).leftPadded(to: 8)].joined()
        }
        var lines = ["tema".padding(toLength: width, withPad: " ", startingAt: 0)
            + ["gull", "gitt", "riktig"].map { $0.leftPadded(to: 7) }.joined()
            + "presisjon".leftPadded(to: 11) + "dekning".leftPadded(to: 9) + "F1".leftPadded(to: 8)]
        for (id, c) in themes { lines.append(row(id, c, c.precision, c.recall, c.f1)) }
        lines.append(row("mikro", micro, micro.precision, micro.recall, micro.f1))
        lines.append(row("makro", nil, macroPrecision, macroRecall, macroF1))
        lines.append("")
        lines.append("\(units) enheter, \(themes.count) temaer. gull: enheter med temaet i gullfila; gitt: enheter klassifikatoren ga temaet; "
            + "dekning = riktig/gull (recall); makro er snittet over temaene i tabellen.")
        if showSources {
            lines.append("")
            lines.append("Etter kilde (id-en fram til første «-»):")
            lines.append("kilde".padding(toLength: width, withPad: " ", startingAt: 0) + "enheter".leftPadded(to: 8)
                + ["gull", "gitt", "riktig"].map { $0.leftPadded(to: 7) }.joined()
                + "presisjon".leftPadded(to: 11) + "dekning".leftPadded(to: 9) + "mikro-F1".leftPadded(to: 10)
                + "makro-F1".leftPadded(to: 10))
            for part in sources {
                lines.append(part.source.padding(toLength: width, withPad: " ", startingAt: 0) + String(part.units).leftPadded(to: 8)
                    + [part.micro.gold, part.micro.predicted, part.micro.correct].map { String($0).leftPadded(to: 7) }.joined()
                    + number(part.micro.precision).leftPadded(to: 11) + number(part.micro.recall).leftPadded(to: 9)
                    + number(part.micro.f1).leftPadded(to: 10) + number(part.macroF1).leftPadded(to: 10))
            }
        }
        if showMisses {
            lines.append("")
            lines.append("Bommer (\(misses.count)): «mangler» = i gull, ikke gitt; «for mye» = gitt, ikke i gull")
            for miss in misses.sorted(by: { ($0.theme, $0.id) < ($1.theme, $1.id) }) {
                lines.append("\(miss.theme)\t\(miss.isMissing ? "mangler" : "for mye")\t\(miss.id)\t\(miss.text)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
