import Foundation
import Ingestion
import NorwegianText
import Pipeline

struct NormalizeCommand: Command {
    static let name = "normalize"
    static let abstract = "normalisere tekst (NFC, blanktegn), én linje ut per linje inn"
    static let help = """
    Bruk: debattsvar normalize [FIL] [--join-lines]

    Skriver normalisert tekst til standard ut: Unicode NFC, tabulatorer og spesielle mellomrom
    gjort om til vanlige mellomrom, doble mellomrom slått sammen, usynlige tegn og ligaturer
    (ﬁ → fi) ryddet. Nøyaktig én linje ut per linje inn; ingen tekst flyttes mellom linjer.
    Leser standard inn når FIL mangler eller er «-».

    Valg:
      --join-lines   slå sammen ord som er delt med bindestrek over linjeskift
                     (nødven- / dig → nødvendig); fragmentet flyttes opp til linja der ordet
                     begynner, så linjetallet er fortsatt det samme
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--join-lines"], valued: [], maxPositionals: 1)
        guard let (name, data) = readInput(parsed.positionals.first) else { return ExitCode.someFailed }
        let text: String
        switch TextDecoder().decode(data) {
        case let .success(decoded): text = decoded.text
        case .failure(.empty): return ExitCode.success
        case let .failure(rejection):
            printError("\(name): \(rejection)")
            return ExitCode.someFailed
        }
        let chain = try NorwegianChain.standard()
        var normalized = chain.normalize(text, joinLines: parsed.flags.contains("--join-lines"))
        if !normalized.hasSuffix("\n") { normalized += "\n" }
        var output = Output.standardOutput()
        output.write(normalized)
        output.flush()
        return ExitCode.success
    }
}
