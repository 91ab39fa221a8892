import Foundation
import Pipeline
import PipelineCore
import Themes

struct TrainCommand: Command {
    static let name = "train"
    static let abstract = "trene den logistiske modellen på gullmerker"
    static let help = """
    Bruk: debattsvar train --labels MERKER.tsv [--out MODELL]

    Trener én logistisk regresjon per tema på ordene i tekstene i MERKER.tsv (samme format som
    gullfilene: id<TAB>tema,tema<TAB>tekst) og skriver modellen som en lesbar TSV-fil:
    tema<TAB>egenskap<TAB>vekt, med terskel og konstantledd per tema. Samme merker gir samme
    modell. Bruk modellen med --classifier logistisk eller kombinert og --model MODELL.

    Valg:
      --labels FIL   treningsmerkene (påkrevd); tren bare på justeringsdelen, aldri på testdelen
      --out FIL      hvor modellen skrives (standard: logistisk-modell.tsv)

    Eksempel (den innebygde modellen):
      debattsvar train --labels corpora/gold/tuning.tsv --out Sources/Themes/Resources/modeller/logistisk.tsv
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: [], valued: ["--labels", "--out"], maxPositionals: 0)
        guard let labelsPath = parsed.values["--labels"] else { throw UsageError("--labels MERKER.tsv mangler") }
        let outPath = parsed.values["--out"] ?? "logistisk-modell.tsv"
        let units: [GoldUnit]
        do {
            units = try LabelFile.gold(try EvaluateCommand.readText(labelsPath), path: labelsPath)
        } catch let error as LabelFileError {
            printError(error.description)
            return ExitCode.someFailed
        }
        guard !units.isEmpty else {
            printError("\(labelsPath): ingen merkede tekster")
            return ExitCode.someFailed
        }
        let analyzer = try TextAnalyzer.make()
        let examples = units.map { TrainingExample(text: analyzer.analyse($0.text), themes: $0.themes) }
        let model = LogisticModel.train(examples, notes: ["trent på: \(labelsPath) (\(units.count) tekster)"])
        do {
            try AtomicFile.write(model.fileText, to: URL(fileURLWithPath: outPath))
        } catch {
            printError("\(outPath): kan ikke skrive modellen (\(error.localizedDescription))")
            return ExitCode.someFailed
        }
        let weights = model.themes.values.reduce(0) { $0 + $1.weights.count }
        printError("trente logistisk modell: \(units.count) tekster, \(model.themes.count) temaer, \(weights) vekter → \(outPath)")
        return ExitCode.success
    }
}

/// Writes a file through a temporary file in the same folder and a rename, so a reader never
/// sees half a file and an old file stays whole when writing fails.
enum AtomicFile {
    struct Failure: Error, LocalizedError {
        var errorDescription: String?
    }

    static func write(_ text: String, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(errorDescription: reason)
        }
    }
}
