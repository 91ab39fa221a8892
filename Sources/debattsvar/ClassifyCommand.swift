import Foundation
import Pipeline

struct ClassifyCommand: Command {
    static let name = "classify"
    static let abstract = "finne temaer i tekster fra JSON Lines"
    static let help = """
    Bruk: debattsvar classify [FIL] [--themes MAPPE] [--classifier NAVN] [--model FIL]

    Leser JSON Lines, ett objekt per linje: {"id": "...", "text": "..."} (standard inn når FIL
    mangler eller er «-»). Skriver én linje per objekt: id<TAB>tema,tema med tema-id-ene sortert,
    tomt etter tabulatoren når ingen temaer passer. Tomme linjer hoppes over. En linje som ikke
    kan leses, meldes på standard feil med fil og linjenummer; de andre behandles, og
    avslutningskoden blir 1.

    Valg:
      --themes MAPPE       egne temafiler i stedet for de innebygde
      --classifier NAVN    klassifikator: ordliste (standard), logistisk eller kombinert
      --model FIL          trent modell for logistisk og kombinert (standard: den innebygde)
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: [], valued: ["--themes", "--classifier", "--model"], maxPositionals: 1)
        let analyzer = try TextAnalyzer.make(themesFolder: parsed.values["--themes"].map { URL(fileURLWithPath: $0) },
                                             classifierID: parsed.values["--classifier"] ?? "ordliste",
                                             modelFile: parsed.values["--model"].map { URL(fileURLWithPath: $0) })
        guard let (name, data) = readInput(parsed.positionals.first) else { return ExitCode.someFailed }
        var output = Output.standardOutput()
        var failures = 0
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            switch parseRecord(Data(trimmed)) {
            case let .success((id, text)):
                let themes = analyzer.classify(text).map(\.themeID).sorted()
                output.write(id + "\t" + themes.joined(separator: ",") + "\n")
            case let .failure(problem):
                failures += 1
                output.flush()
                printError("\(name):\(lineNumber): \(problem.description)")
            }
        }
        output.flush()
        return failures > 0 ? ExitCode.someFailed : ExitCode.success
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The id and text of one JSON Lines record.
    static func parseRecord(_ data: Data) -> Result<(String, String), Problem> {
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            return .failure(Problem(description: "mangler «\(key.stringValue)»"))
        } catch let DecodingError.typeMismatch(_, context) {
            let key = context.codingPath.last?.stringValue
            if key == "id" { return .failure(Problem(description: "«id» må være en streng eller et tall")) }
            if key == "text" { return .failure(Problem(description: "«text» må være en streng")) }
            return .failure(Problem(description: "forventet et JSON-objekt med «id» og «text»"))
        } catch let DecodingError.valueNotFound(_, context) {
            return .failure(Problem(description: "«\(context.codingPath.last?.stringValue ?? "?")» er null"))
        } catch {
            return .failure(Problem(description: "ugyldig JSON"))
        }
        guard !record.id.contains(where: { $0 == "\t" || $0.isNewline }) else {
            return .failure(Problem(description: "«id» kan ikke inneholde tabulator eller linjeskift"))
        }
        return .success((record.id, record.text))
    }

    /// `{"id": "…" or number, "text": "…"}`; other keys are ignored.
    struct Record: Decodable {
        var id: String
        var text: String

        enum CodingKeys: String, CodingKey { case id, text }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let string = try? container.decode(String.self, forKey: .id) {
                id = string
            } else if let integer = try? container.decode(Int.self, forKey: .id) {
                id = String(integer)
            } else if (try? container.decode(Bool.self, forKey: .id)) == nil, let number = try? container.decode(Double.self, forKey: .id) {
                id = String(number)
            } else if !container.contains(.id) {
                throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: [], debugDescription: "id"))
            } else {
                throw DecodingError.typeMismatch(String.self, .init(codingPath: [CodingKeys.id], debugDescription: "id"))
            }
            text = try container.decode(String.self, forKey: .text)
        }
    }
}
