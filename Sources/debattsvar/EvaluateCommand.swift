import Foundation
import NorwegianText
import Pipeline
import PipelineCore
import Themes

struct EvaluateCommand: Command {
    static let name = "evaluate"
    static let abstract = "måle en klassifikator mot gullmerker (presisjon, dekning, F1)"
    static let help = """
    Bruk: debattsvar evaluate --gold GULL.tsv [--pred PRED.tsv | --classifier NAVN] [--themes MAPPE] [--model FIL]
                              [--folds K] [--source KILDE,…] [--by-source] [--each-alone]
                              [--no-misses]

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
      --source KILDE,…     bare enhetene fra disse kildene: id-en fram til første «-» (h26 er den
                           OCR-skadde teksten fra 2026; d25,h21,h22,h25 den rene)
      --by-source          skriv også mikro og makro for hver kilde for seg
      --each-alone         normaliser hver tekst for seg; uten dette normaliseres tekstene fra samme
                           kilde sammen, slik «run» normaliserer en hel fil, så OCR-reparasjonen
                           avgjør ut fra hele dokumentet om teksten er skadet
      --no-misses          bare tabellen, uten bommene

    Eksempler:
      debattsvar evaluate --gold corpora/gold/test-2.tsv --classifier ordliste --by-source
      debattsvar evaluate --gold corpora/gold/test-2.tsv --source h26 --no-misses
      debattsvar evaluate --gold corpora/gold/tuning.tsv --classifier logistisk --folds 5
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--no-misses", "--by-source", "--each-alone"],
                                   valued: ["--gold", "--pred", "--classifier", "--themes", "--model", "--folds", "--source"], maxPositionals: 0)
        guard let goldPath = parsed.values["--gold"] else { throw UsageError("--gold GULL.tsv mangler") }
        if parsed.values["--pred"] != nil, parsed.values["--classifier"] != nil || parsed.values["--folds"] != nil {
            throw UsageError("bruk enten --pred eller --classifier/--folds, ikke begge")
        }
        let folds = try parsed.integer("--folds", in: 2 ... 50)
        if folds != nil, parsed.values["--model"] != nil {
            throw UsageError("--folds trener sine egne modeller; --model kan ikke brukes sammen med det")
        }
        var gold: [GoldUnit]
        do {
            gold = try LabelFile.gold(try readText(goldPath), path: goldPath)
        } catch let error as LabelFileError {
            printError(error.description)
            return ExitCode.someFailed
        }
        if let list = parsed.values["--source"] {
            let wanted = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            guard !wanted.isEmpty else { throw UsageError("--source trenger minst én kilde, for eksempel h26") }
            let known = Set(gold.map(\.source))
            let unknown = wanted.subtracting(known)
            guard unknown.isEmpty else {
                throw UsageError("--source: ingen enheter fra \(unknown.sorted().joined(separator: ", ")) i \(goldPath); "
                    + "kildene der er \(known.sorted().joined(separator: ", "))")
            }
            gold = gold.filter { wanted.contains($0.source) }
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
            let normalized = parsed.flags.contains("--each-alone")
                ? gold.parallelMap(jobs: availableCores) { analyzer.chain.normalize($0.text, joinLines: true) }
                : normalizedBySource(gold, chain: analyzer.chain)
            if let folds {
                guard analyzer.classifier is any ModelBasedClassifier else {
                    throw UsageError("«\(classifierID)» bruker ingen trent modell; --folds gjelder logistisk og kombinert")
                }
                let analysed = normalized.map { AnalysedText(text: $0, tokens: analyzer.chain.tokenizer.tokenize($0)) }
                predicted = try CrossValidation.predictions(units: gold, analysed: analysed, folds: folds) { model in
                    try TextAnalyzer.make(chain: analyzer.chain, themes: analyzer.themes, classifierID: classifierID, model: model).classifier
                }
                printError("kryssvalidering: \(folds) deler, hver klassifisert med en modell trent på de andre")
            } else {
                let results = normalized.parallelMap(jobs: availableCores) { text in
                    Set(analyzer.classifyNormalized(text).map(\.themeID))
                }
                for (unit, themes) in zip(gold, results) { predicted[unit.id] = themes }
            }
        }
        var output = Output.standardOutput()
        output.write(EvaluationReport(gold: gold, predicted: predicted).rendered(showMisses: !parsed.flags.contains("--no-misses"),
                                                                                    showSources: parsed.flags.contains("--by-source")))
        output.flush()
        return ExitCode.success
    }

    /// The units' texts normalised the way `run` normalises a file: the units of one source
    /// (`GoldUnit.source`) joined by blank lines into one document, normalised together and split
    /// again, so a repair that judges the whole document (OCR damage needs 30 words and several
    /// marks of it) sees all the text of the source and not one heading. A source whose text does
    /// not split back into as many paragraphs as it has units is normalised unit by unit.
    static func normalizedBySource(_ gold: [GoldUnit], chain: NorwegianChain) -> [String] {
        var grouping: [String: [Int]] = [:]
        for (index, unit) in gold.enumerated() { grouping[unit.source, default: []].append(index) }
        let indicesBySource = grouping
        let sources = indicesBySource.keys.sorted()
        let parts = sources.parallelMap(jobs: availableCores) { source -> [String] in
            let indices = indicesBySource[source]!
            let texts = indices.map { gold[$0].text.replacingOccurrences(of: "\n", with: " ") }
            let joined = chain.normalize(texts.joined(separator: "\n\n"), joinLines: true)
                .components(separatedBy: "\n\n")
            return joined.count == texts.count ? joined : texts.map { chain.normalize($0, joinLines: true) }
        }
        var result = [String](repeating: "", count: gold.count)
        for (source, texts) in zip(sources, parts) {
            for (index, text) in zip(indicesBySource[source]!, texts) { result[index] = text }
        }
        return result
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
