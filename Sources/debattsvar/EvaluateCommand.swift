import Foundation
import Pipeline
import PipelineCore
import Themes

struct EvaluateCommand: Command {
    static let name = "evaluate"
    static let abstract = "måle en klassifikator mot gullmerker (presisjon, dekning, F1)"
    static let help = """
    Bruk: debattsvar evaluate --gold GULL.tsv [--pred PRED.tsv | --classifier NAVN] [--themes MAPPE] [--model FIL]
                              [--folds K] [--no-misses]

    Sammenlikner temaer med håndsatte gullmerker og skriver presisjon, dekning (recall) og F1 per
    tema, mikro og makro, og deretter hver bom med teksten.

    GULL.tsv: id<TAB>tema,tema<TAB>tekst per linje (en første linje «id<TAB>…» er overskrift,
    linjer som starter med # er kommentarer). Se corpora/gold/.

    Valg:
      --gold FIL           gullfila (påkrevd)
      --pred FIL           ferdige prediksjoner, id<TAB>tema,tema per linje (det «classify» skriver)
      --classifier NAVN    klassifiser tekstene i gullfila selv: ordliste (standard), logistisk, kombinert
      --themes MAPPE       egne temafiler i stedet for de innebygde
      --model FIL          trent modell for logistisk og kombinert (standard: den innebygde)
      --folds K            kryssvalidering for logistisk og kombinert: del gullfila i K deler
                           (blokker på fire tekster etter tur), tren en modell på de andre delene
                           og klassifiser hver del med den; den innebygde modellen brukes ikke
      --no-misses          bare tabellen, uten bommene

    Eksempler:
      debattsvar evaluate --gold corpora/gold/test.tsv --classifier ordliste
      debattsvar evaluate --gold corpora/gold/tuning.tsv --classifier logistisk --folds 5
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--no-misses"],
                                   valued: ["--gold", "--pred", "--classifier", "--themes", "--model", "--folds"], maxPositionals: 0)
        guard let goldPath = parsed.values["--gold"] else { throw UsageError("--gold GULL.tsv mangler") }
        if parsed.values["--pred"] != nil, parsed.values["--classifier"] != nil || parsed.values["--folds"] != nil {
            throw UsageError("bruk enten --pred eller --classifier/--folds, ikke begge")
        }
        let folds = try parsed.integer("--folds", in: 2 ... 50)
        if folds != nil, parsed.values["--model"] != nil {
            throw UsageError("--folds trener sine egne modeller; --model kan ikke brukes sammen med det")
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
            let classifierID = parsed.values["--classifier"] ?? "ordliste"
            let analyzer = try TextAnalyzer.make(themesFolder: parsed.values["--themes"].map { URL(fileURLWithPath: $0) },
                                                 classifierID: classifierID,
                                                 modelFile: parsed.values["--model"].map { URL(fileURLWithPath: $0) })
            if let folds {
                guard analyzer.classifier is any ModelBasedClassifier else {
                    throw UsageError("«\(classifierID)» bruker ingen trent modell; --folds gjelder logistisk og kombinert")
                }
                let analysed = gold.map { analyzer.analyse($0.text) }
                predicted = try CrossValidation.predictions(units: gold, analysed: analysed, folds: folds) { model in
                    try TextAnalyzer.make(chain: analyzer.chain, themes: analyzer.themes, classifierID: classifierID, model: model).classifier
                }
                printError("kryssvalidering: \(folds) deler, hver klassifisert med en modell trent på de andre")
            } else {
                let results = gold.parallelMap(jobs: availableCores) { unit in
                    Set(analyzer.classify(unit.text).map(\.themeID))
                }
                for (unit, themes) in zip(gold, results) { predicted[unit.id] = themes }
            }
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
