import Foundation
import Pipeline
import PipelineCore
import Reports

struct KwicCommand: Command {
    static let name = "kwic"
    static let abstract = "vise et ord i sammenhengen det står i (nøkkelord i kontekst)"
    static let help = """
    Bruk: debattsvar kwic [ORD] [--theme ID] [--year ÅR] [--corpus MAPPE] [--limit N]
                          [--themes MAPPE] [--classifier NAVN] [--model FIL] [--jobs N]

    Leser korpuset som «run» gjør (uten å skrive rapporter) og skriver hvert sted ORD står i
    svarene, med setningen rundt, ordet uthevet, kommunen, spørsmålet, fil og linje, og temaene
    som treffet teller for. Spørsmålstekst som svarene gjentar, er tatt ut som i rapportene.

    ORD er ett eller flere ord; store og små bokstaver er likegyldige, og hele ord må stemme.
    * først eller sist i et ord står for hva som helst: heltid* (heltidsstillinger),
    *tjenester, «uønsket deltid». Med --theme og uten ORD vises alle treffene for temaet, de
    samme som i rapportenes sitater og evidens.csv.

    Valg:
      --theme ID           bare steder som teller for dette temaet (i svar der temaet gjelder)
      --year ÅR            bare dette året
      --corpus MAPPE       korpuset (standard: corpora/)
      --limit N            høyst N steder
      --themes MAPPE       egne temafiler i stedet for de innebygde
      --classifier NAVN    klassifikator: ordliste (standard), logistisk eller kombinert
      --model FIL          trent modell for logistisk og kombinert
      --jobs N             antall tråder (standard: antall kjerner)

    Utheving: fet skrift i en terminal, ellers **ord** (som i Markdown). NO_COLOR slår av fargene.
    Eksempler:
      debattsvar kwic BPA
      debattsvar kwic 'heltid*' --year 2025
      debattsvar kwic --theme detaljstyring --limit 10
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: [],
                                   valued: ["--theme", "--year", "--corpus", "--limit", "--themes", "--classifier", "--model", "--jobs"],
                                   maxPositionals: 1)
        let theme = parsed.values["--theme"]
        guard let concordance = Concordance(term: parsed.positionals.first ?? "", theme: theme) else {
            throw UsageError("oppgi et ORD, eller --theme ID for alle treff på et tema")
        }
        let limit = try parsed.integer("--limit", in: 1 ... 1_000_000)
        let options = RunOptions(
            corpus: URL(fileURLWithPath: parsed.values["--corpus"] ?? "corpora"),
            output: URL(fileURLWithPath: "/dev/null"),
            year: try parsed.integer("--year", in: 1990 ... 2100),
            jobs: try parsed.integer("--jobs", in: 1 ... 256) ?? availableCores,
            themesFolder: parsed.values["--themes"].map { URL(fileURLWithPath: $0) },
            classifierID: parsed.values["--classifier"] ?? "ordliste",
            modelFile: parsed.values["--model"].map { URL(fileURLWithPath: $0) })
        let analyzer = try TextAnalyzer.make(themesFolder: options.themesFolder, classifierID: options.classifierID,
                                             modelFile: options.modelFile)
        if let theme, !analyzer.themes.contains(where: { $0.id == theme }) {
            throw UsageError("ukjent tema «\(theme)»; temaene er: \(analyzer.themes.map(\.id).joined(separator: ", "))")
        }
        let color = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var output = Output.standardOutput()
        var shown = 0, found = 0
        var respondents = Set<String>()
        _ = try CorpusRun(options: options, analyzer: analyzer).forEachYear { context, documents in
            try documents.forEach { document in
                for line in concordance.search(document, year: context.year) {
                    found += 1
                    respondents.insert(document.respondentKey)
                    guard limit.map({ shown < $0 }) ?? true else { continue }
                    shown += 1
                    output.write(line.terminalText(color: color))
                }
            }
        }
        output.flush()
        let what = parsed.positionals.first.map { "«\($0)»" } ?? "temaet \(theme ?? "")"
        var summary = "\(found) \(found == 1 ? "sted" : "steder") med \(what) hos \(respondents.count) "
            + (respondents.count == 1 ? "avsender" : "avsendere")
        if let theme, parsed.positionals.first != nil { summary += " som teller for \(theme)" }
        if shown < found { summary += "; viser \(shown)" }
        printError(summary)
        return ExitCode.success
    }
}
