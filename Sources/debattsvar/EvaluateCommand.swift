import Foundation
import Pipeline
import PipelineCore
import Themes

struct EvaluateCommand: Command {
    static let name = "evaluate"
    static let abstract = "måle en klassifikator mot gullmerker (presisjon, dekning, F1)"
    static let help = """
    Bruk: debattsvar evaluate --gold GULL.tsv [--pred PRED.tsv | --classifier NAVN] [--themes MAPPE] [--no-misses]

    Sammenlikner temaer med håndsatte gullmerker og skriver presisjon, dekning (recall) og F1 per
    tema, mikro og makro, og deretter hver bom med teksten.

    GULL.tsv: id<TAB>tema,tema<TAB>tekst per linje (en første linje «id<TAB>…» er overskrift,
    linjer som starter med # er kommentarer). Se corpora/gold/.

    Valg:
      --gold FIL           gullfila (påkrevd)
      --pred FIL           ferdige prediksjoner, id<TAB>tema,tema per linje (det «classify» skriver)
      --classifier NAVN    klassifiser tekstene i gullfila selv (standard: ordliste)
      --themes MAPPE       egne temafiler i stedet for de innebygde
      --no-misses          bare tabellen, uten bommene

    Eksempel: debattsvar evaluate --gold corpora/gold/test.tsv --classifier ordliste
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--no-misses"],
                                   valued: ["--gold", "--pred", "--classifier", "--themes"], maxPositionals: 0)
        guard let goldPath = parsed.values["--gold"] else { throw UsageError("--gold GULL.tsv mangler") }
        if parsed.values["--pred"] != nil, parsed.values["--classifier"] != nil {
            throw UsageError("bruk enten --pred eller --classifier, ikke begge")
        }
        let gold: [GoldUnit]
        do {
            gold = try LabelFile.gold(try readText(goldPath), path: goldPath)
        } catch let error as LabelFileError {
            printError(error.description)
            return ExitCode.someFailed
        }
        var predicted: [String: Set<String>] = [:]
        if let predPath = parsed.values["--pred"] {
            do {
                predicted = try LabelFile.predictions(try readText(predPath), path: predPath)
            } catch let error as LabelFileError {
                printError(error.description)
                return ExitCode.someFailed
            }
            let missing = gold.filter { predicted[$0.id] == nil }.map(\.id)
            if !missing.isEmpty {
                printError("\(predPath): mangler prediksjon for \(missing.count) enheter (regnes som uten tema): "
                    + missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : ""))
            }
        } else {
            let analyzer = try TextAnalyzer.make(themesFolder: parsed.values["--themes"].map { URL(fileURLWithPath: $0) },
                                                 classifierID: parsed.values["--classifier"] ?? "ordliste")
            let results = gold.parallelMap(jobs: availableCores) { unit in
                Set(analyzer.classify(unit.text).map(\.themeID))
            }
            for (unit, themes) in zip(gold, results) { predicted[unit.id] = themes }
        }
        var output = Output.standardOutput()
        output.write(EvaluationReport(gold: gold, predicted: predicted).rendered(showMisses: !parsed.flags.contains("--no-misses")))
        output.flush()
        return ExitCode.success
    }

    /// The text of a file, or a message naming it.
    static func readText(_ path: String) throws -> String {
        do {
            return try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            throw LabelFileError(path: path, line: 0, reason: "kan ikke lese fila som UTF-8")
        }
    }
}
