import Pipeline

/// Exit codes of the command line.
enum ExitCode {
    static let success: Int32 = 0
    /// Some inputs failed; the rest were processed.
    static let someFailed: Int32 = 1
    /// The program was called wrongly.
    static let usage: Int32 = 64
    /// The reports could not be written (full disk, no write permission); the previous ones stay.
    static let cannotWrite: Int32 = 74
}

/// A subcommand of `debattsvar`.
protocol Command {
    static var name: String { get }
    /// One line for the overview.
    static var abstract: String { get }
    /// Full `--help` text.
    static var help: String { get }
    static func run(_ arguments: [String]) throws -> Int32
}

/// Every subcommand, in the order `--help` lists them.
nonisolated(unsafe) let commands: [any Command.Type] = [
    RunCommand.self, NormalizeCommand.self, ClassifyCommand.self, ThemesCommand.self, EvaluateCommand.self, TrainCommand.self,
    KwicCommand.self, LexiconCommand.self,
]

let overview = """
debattsvar – analyse av kommunenes svar på KS' debatthefte

Bruk: debattsvar <kommando> [valg]

Kommandoer:
\(commands.map { "  " + $0.name.padding(toLength: 11, withPad: " ", startingAt: 0) + $0.abstract }.joined(separator: "\n"))

«debattsvar <kommando> --help» forklarer hver kommando.
Avslutningskoder: 0 alt gikk bra, 1 noen filer feilet (resten er behandlet), 64 feil bruk,
74 rapportene kunne ikke skrives (de forrige står urørt).
"""
