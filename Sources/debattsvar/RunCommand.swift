import Foundation
import Pipeline
import PipelineCore

struct RunCommand: Command {
    static let name = "run"
    static let abstract = "behandle et korpus og skrive rapportene"
    static let help = """
    Bruk: debattsvar run [KORPUSMAPPE] [--out MAPPE] [--year ÅR] [--jobs N] [--themes MAPPE] [--classifier NAVN] [--model FIL]
                         [--max-file-size MB] [--no-cache] [--timings]

    Leser alle svarfiler under KORPUSMAPPE/<år>/svar/ (standard: corpora/), deler dem i svar per
    spørsmål, finner temaene og skriver for hvert år:
      <MAPPE>/<år>/rapport.html, .md og .json     rapporten: figurer, tabeller, sitater, dekning, datakvalitet
      <MAPPE>/<år>/tema-per-sporsmal.csv og .md   temaer per spørsmål, med antall svar og kommuner
      <MAPPE>/<år>/tema-per-fylke.csv             temaer per fylke
      <MAPPE>/<år>/tema-per-kommune.csv           én rad per kommune, én kolonne per tema
      <MAPPE>/<år>/dekning.csv                    hvem som svarte, mot kommuneregisteret for året
      <MAPPE>/<år>/tidy.csv                       én rad per svar og tema, for R og Python
      <MAPPE>/<år>/termer.csv                     mønstrene som ga treff, per tema, med ordformene
      <MAPPE>/<år>/evidens.csv                    hvert treff: mønster, ord, linje og byteposisjon
      <MAPPE>/<år>/kommuner/<nr>-<navn>.md        én side per kommune som svarte
      <MAPPE>/<år>/manifest.csv og .json          hver fil (hver rad i en CSV-eksport) og hva som skjedde med den
    og for alle år: <MAPPE>/rapport.html, .md og .json, trend.csv, tidy.csv, manifest.csv og .json.
    Alle filene skrives først til midlertidige filer og flyttes på plass samlet til slutt.

    Resultatet for hver fil lagres i <MAPPE>/.debattsvar-cache/ og brukes igjen ved neste kjøring
    når verken fila, temafilene, klassifikatoren eller modellen, leksikonet, spørsmålslista,
    kommuneregisteret eller programmet er endret; da behandles bare filene som er endret.
    Rapportene blir byte for byte de samme med og uten mellomlageret.

    Leser .txt, .md, .csv/.tsv (spørreundersøkelser), .pdf (med pdftotext) og .docx.

    Valg:
      --out MAPPE          hvor rapportene skrives (standard: reports/)
      --year ÅR            bare dette året (filene for alle år skrives da ikke)
      --jobs N             antall tråder (standard: antall kjerner)
      --themes MAPPE       egne temafiler i stedet for de innebygde
      --timings            skriv tid per steg til standard feil (stage<TAB>steg<TAB>sekunder) og hva
                           mellomlageret gjorde (cache<TAB>hva<TAB>antall filer)
      --no-cache           behandle alle filene på nytt, uten å lese eller skrive mellomlageret
      --classifier NAVN    klassifikator: ordliste (standard), logistisk eller kombinert
      --model FIL          trent modell for logistisk og kombinert (standard: den innebygde)
      --max-file-size MB   filer med mer tekst enn dette hoppes over, med årsak i manifestet (standard: 32)

    Avslutter med 1 når noen filer feilet; de andre er behandlet likevel. Avslutter med 74 når
    rapportene ikke kunne skrives (full disk, manglende skrivetilgang); de forrige står da urørt.
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--timings", "--no-cache"],
                                   valued: ["--out", "--year", "--jobs", "--themes", "--classifier", "--model", "--max-file-size"],
                                   maxPositionals: 1)
        var options = RunOptions(
            corpus: URL(fileURLWithPath: parsed.positionals.first ?? "corpora"),
            output: URL(fileURLWithPath: parsed.values["--out"] ?? "reports"),
            year: try parsed.integer("--year", in: 1990 ... 2100),
            jobs: try parsed.integer("--jobs", in: 1 ... 256) ?? availableCores,
            themesFolder: parsed.values["--themes"].map { URL(fileURLWithPath: $0) },
            classifierID: parsed.values["--classifier"] ?? "ordliste",
            modelFile: parsed.values["--model"].map { URL(fileURLWithPath: $0) })
        if let megabytes = try parsed.integer("--max-file-size", in: 1 ... 100_000) { options.maxFileBytes = megabytes * 1_000_000 }
        options.useCache = !parsed.flags.contains("--no-cache")
        let analyzer = try options.clock.measure("oppstart") {
            try TextAnalyzer.make(themesFolder: options.themesFolder, classifierID: options.classifierID, modelFile: options.modelFile)
        }
        let interruption = Interruption(progress: options.progress, output: options.output)
        // Opening the cache fingerprints the program and its data.
        let corpusRun = options.useCache ? options.clock.measure("mellomlager") { CorpusRun(options: options, analyzer: analyzer) }
            : CorpusRun(options: options, analyzer: analyzer)
        let summary: RunSummary
        do {
            summary = try corpusRun.run()
        } catch let error as ReportWriteError {
            printError("debattsvar run: rapportene ble ikke skrevet – \(error). "
                + "Ingen ny rapport er lagt på plass; rapportene fra forrige kjøring i \(options.output.path) er urørt.")
            return ExitCode.cannotWrite
        }
        if let signalNumber = interruption.pendingSignal {
            printError("debattsvar run: avbrutt etter at rapportene var skrevet ferdig")
            return Interruption.exitCode(signalNumber)
        }
        if parsed.flags.contains("--timings") {
            // One line per stage, tab-separated, for people and for the benchmark.
            for (stage, seconds) in options.clock.totals {
                printError("stage\t\(stage)\t\(String(format: "%.3f", seconds))")
            }
            if let statistics = corpusRun.cache?.statistics {
                // Files whose results came from the cache, were processed and stored, or not stored;
                // entries that could not be used, and entries no file used any more.
                for (what, count) in [("hits", statistics.hits), ("stored", statistics.stored), ("not-stored", statistics.notStored),
                                      ("rejected", statistics.rejected), ("removed", statistics.removed)] {
                    printError("cache\t\(what)\t\(count)")
                }
            }
        }
        for entry in summary.entries where entry.status == .failed {
            printError("\(entry.path): \(entry.reason)")
        }
        printError(summary.line + " → \(options.output.path)")
        return summary.count(.failed) > 0 ? ExitCode.someFailed : ExitCode.success
    }
}
