import Foundation
import PipelineCore

/// One numbered question of a booklet.
public struct Question: Sendable, Hashable {
    public var number: Int
    /// The booklet part (`Forventningsgapet`).
    public var part: String
    /// The sub-heading in the question box, empty when none.
    public var section: String
    public var text: String

    public init(number: Int, part: String, section: String = "", text: String) {
        self.number = number
        self.part = part
        self.section = section
        self.text = text
    }
}

/// The questions of one year's booklet, read from `sporsmal.tsv`.
public struct QuestionList: Sendable, Hashable {
    public var year: Int
    public var questions: [Question]

    public init(year: Int, questions: [Question]) {
        self.year = year
        self.questions = questions
    }

    public func question(_ number: Int) -> Question? {
        questions.first { $0.number == number }
    }

    /// Parses the TSV format: header `nummer<TAB>del<TAB>avsnitt<TAB>sporsmal`, one question a line.
    public init(tsv: String, year: Int, path: String) throws(IngestionError) {
        self.year = year
        questions = []
        let lines = tsv.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first else { throw .malformed(path: path, line: 1, reason: "tom spørsmålsliste") }
        let expected = ["nummer", "del", "avsnitt", "sporsmal"]
        let columns = header.trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"]))
            .split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard columns == expected else {
            throw .malformed(path: path, line: 1, reason: "overskriften skal være \(expected.joined(separator: "<TAB>")), fant \(columns.joined(separator: "<TAB>"))")
        }
        for (offset, raw) in lines.enumerated().dropFirst() {
            let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else {
                throw .malformed(path: path, line: offset + 1, reason: "forventet 4 kolonner adskilt med tabulator, fant \(fields.count)")
            }
            guard let number = Int(fields[0]), number > 0 else {
                throw .malformed(path: path, line: offset + 1, reason: "spørsmålsnummeret «\(fields[0])» er ikke et positivt heltall")
            }
            guard !fields[3].isEmpty else {
                throw .malformed(path: path, line: offset + 1, reason: "spørsmål \(number) mangler tekst")
            }
            guard question(number) == nil else {
                throw .malformed(path: path, line: offset + 1, reason: "spørsmål \(number) står to ganger")
            }
            questions.append(Question(number: number, part: fields[1], section: fields[2], text: fields[3]))
        }
        guard !questions.isEmpty else { throw .malformed(path: path, line: 1, reason: "ingen spørsmål i lista") }
    }

    /// Reads `sporsmal.tsv` from a file.
    public init(contentsOf url: URL, year: Int) throws(IngestionError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: "kan ikke lese spørsmålslista som UTF-8 (\(error.localizedDescription))")
        }
        try self.init(tsv: text, year: year, path: url.path)
    }
}
