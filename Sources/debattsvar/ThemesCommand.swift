import Foundation
import NorwegianText
import Pipeline
import Themes

struct ThemesCommand: Command {
    static let name = "themes"
    static let abstract = "vise temaene som er lastet"
    static let help = """
    Bruk: debattsvar themes [--themes MAPPE]

    Skriver én linje per tema: id<TAB>navn<TAB>antall mønstre, sortert på id. En temafil med feil
    meldes med fil og linjenummer, og avslutningskoden blir 1.

    Valg:
      --themes MAPPE   les temafilene i MAPPE i stedet for de innebygde
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: [], valued: ["--themes"], maxPositionals: 0)
        let chain = try NorwegianChain.standard()
        let themes = try parsed.values["--themes"].map {
            try ThemeDictionary.load(folder: URL(fileURLWithPath: $0), tokenizer: chain.tokenizer)
        } ?? ThemeDictionary.bundled(tokenizer: chain.tokenizer)
        var output = Output.standardOutput()
        for theme in themes {
            output.write("\(theme.id)\t\(theme.name)\t\(theme.terms.count)\n")
        }
        output.flush()
        return ExitCode.success
    }
}
