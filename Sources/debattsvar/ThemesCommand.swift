import Foundation
import NorwegianText
import Pipeline
import PipelineCore
import Themes

struct ThemesCommand: Command {
    static let name = "themes"
    static let abstract = "vise eller sjekke temaene som er lastet"
    static let help = """
    Bruk: debattsvar themes [--themes MAPPE] [--check]

    Skriver én linje per tema: id<TAB>navn<TAB>antall mønstre, sortert på id. En temafil med feil
    meldes med fil og linjenummer, og avslutningskoden blir 1.

    Valg:
      --themes MAPPE   les temafilene i MAPPE i stedet for de innebygde
      --check          sjekk alle temafilene og meld hver feil og advarsel med fil og linje
                       (fil:linje: feil: …); avslutter med 1 når noen fil har feil, ellers 0
                       med en kort oppsummering
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--check"], valued: ["--themes"], maxPositionals: 0)
        let chain = try NorwegianChain.standard()
        let folder = try parsed.values["--themes"].map { URL(fileURLWithPath: $0) }
            ?? ResourceLocator.url(target: "Themes", subpath: "temaer")
        if parsed.flags.contains("--check") { return check(folder: folder, tokenizer: chain.tokenizer) }
        let themes = try ThemeDictionary.load(folder: folder, tokenizer: chain.tokenizer)
        var output = Output.standardOutput()
        for theme in themes {
            output.write("\(theme.id)\t\(theme.name)\t\(theme.terms.count)\n")
        }
        output.flush()
        return ExitCode.success
    }

    static func check(folder: URL, tokenizer: NorwegianTokenizer) -> Int32 {
        let result = ThemeDictionary.check(folder: folder, tokenizer: tokenizer)
        let problems = (result.errors.map { ($0, "feil") } + result.warnings.map { ($0, "advarsel") })
            .sorted { ($0.0.path, $0.0.line) < ($1.0.path, $1.0.line) }
        for (problem, kind) in problems {
            printError("\(problem.path):\(problem.line): \(kind): \(problem.reason)")
        }
        let warnings = result.warnings.isEmpty ? "" : ", \(result.warnings.count) advarsler"
        if !result.errors.isEmpty {
            let files = Set(result.errors.map(\.path)).count
            printError("\(result.errors.count) feil i \(files) av \(result.files) filer\(warnings)")
            return ExitCode.someFailed
        }
        let patterns = result.themes.reduce(0) { $0 + $1.terms.count }
        let exclusions = result.themes.reduce(0) { $0 + $1.patterns.count } - patterns
        var output = Output.standardOutput()
        output.write("OK: \(result.themes.count) temaer, \(patterns) mønstre og \(exclusions) ekskluderinger i \(folder.path)\(warnings)\n")
        output.flush()
        return ExitCode.success
    }
}
