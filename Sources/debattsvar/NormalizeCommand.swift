import Foundation
import Ingestion
import NorwegianText
import Pipeline
import PipelineCore

struct NormalizeCommand: Command {
    static let name = "normalize"
    static let abstract = "normalisere og reparere tekst (NFC, blanktegn, æ/ø/å, ligaturer), én linje ut per linje inn"
    static let help = """
    Bruk: debattsvar normalize [FIL] [--join-lines] [--explain] [--no-ocr-repair]
                               [--no-ligature-repair] [--no-spacing-repair] [--no-hyphen-join]
                               [--no-split-join] [--no-repairs]

    Skriver normalisert tekst til standard ut: Unicode NFC, tabulatorer og spesielle mellomrom
    gjort om til vanlige mellomrom, doble mellomrom slått sammen, usynlige tegn og ligaturer
    (ﬁ → fi) ryddet. Nøyaktig én linje ut per linje inn. Leser standard inn når FIL mangler
    eller er «-».

    Reparasjoner (på som standard, hver med sin bryter; alle styres av ordlista):
      æ/ø/å fra OCR    bare i dokumenter som ser OCR-skadet ut (ingen æ/ø/å, mange &, |, pa):
                       gkonomi → økonomi, & diskutere → å diskutere, | tillegg → I tillegg
      ligaturer        bare i dokumenter med mønsteret: ere → flere, demogra sk → demografisk
      sperret skrift   H vord an forebygge → Hvordan forebygge

    Valg:
      --join-lines          slå sammen ord som er delt over linjeskift, med bindestrek
                            (nødven- / dig → nødvendig) eller uten (Budsjettover / skridelsene);
                            fragmentet flyttes opp til linja der ordet begynner, så linjetallet
                            er fortsatt det samme
      --explain             skriv hver endring til standard feil: linje, original, erstatning,
                            reparasjon og hvorfor (tabulatorseparert)
      --no-ocr-repair       ikke rett æ/ø/å/I fra OCR
      --no-ligature-repair  ikke sett inn tapte fi/fl/ff
      --no-spacing-repair   ikke samle sperret skrift
      --no-hyphen-join      ikke slå sammen ord delt med bindestrek (med --join-lines)
      --no-split-join       ikke slå sammen ord delt uten bindestrek (med --join-lines)
      --no-repairs          bare normalisering, ingen reparasjoner
    """

    static let switches: [(String, RepairOptions)] = [
        ("--no-ocr-repair", .ocr), ("--no-ligature-repair", .ligatures), ("--no-spacing-repair", .letterSpacing),
        ("--no-hyphen-join", .hyphenJoin), ("--no-split-join", .splitJoin), ("--no-repairs", .all),
    ]

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: Set(["--join-lines", "--explain"] + switches.map(\.0)),
                                   valued: [], maxPositionals: 1)
        guard let (name, data) = readInput(parsed.positionals.first) else { return ExitCode.someFailed }
        let text: String
        switch TextDecoder().decode(data) {
        case let .success(decoded): text = decoded.text
        case .failure(.empty): return ExitCode.success
        case let .failure(rejection):
            printError("\(name): \(rejection)")
            return ExitCode.someFailed
        }
        var repairs = RepairOptions.all
        for (flag, option) in switches where parsed.flags.contains(flag) { repairs.subtract(option) }
        let chain = try NorwegianChain.standard()
        var changes: [TextChange] = []
        var normalized = chain.normalize(text, joinLines: parsed.flags.contains("--join-lines"), repairs: repairs,
                                         changes: &changes)
        if !normalized.hasSuffix("\n") { normalized += "\n" }
        var output = Output.standardOutput()
        output.write(normalized)
        output.flush()
        if parsed.flags.contains("--explain") {
            var explanation = "linje\toriginal\terstatning\treparasjon\thvorfor\n"
            for change in changes {
                explanation += "\(change.line)\t\(change.original)\t\(change.replacement)\t\(change.stage)\t\(change.reason)\n"
            }
            explanation += "# \(changes.count) endringer\n"
            FileHandle.standardError.write(Data(explanation.utf8))
        }
        return ExitCode.success
    }
}
