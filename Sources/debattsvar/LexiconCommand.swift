import Foundation
import NorwegianText
import PipelineCore

struct LexiconCommand: Command {
    static let name = "lexicon"
    static let abstract = "slå opp ord i ordlista (lagret form, sammensetning, målform, frekvens)"
    static let help = """
    Bruk: debattsvar lexicon ORD...

    Skriver én linje per ord: ord<TAB>lagret<TAB>sammensetning<TAB>målform<TAB>frekvens, der
    «lagret» er målformene ordet står med i ordlista, «sammensetning» målformene når ordet
    kjennes igjen som sammensatt av kjente ord (deler på minst 3 byte, med s/e som fuge), og
    frekvens hvor ofte ordet forekommer i teksttellingene. Tomt felt: ikke funnet.
    Skriver også hvor lang tid lasting av ordliste og tellinger tok, til standard feil.
    """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: [], valued: [], maxPositionals: Int.max)
        let clock = ContinuousClock()
        let start = clock.now
        let lexicon = try Lexicon.bundled()
        let loadedLexicon = clock.now
        let statistics = try WordStatistics.bundled()
        let loadedStatistics = clock.now
        var output = Output.standardOutput()
        for word in parsed.positionals {
            let lowered = Array(NorwegianCase.lowercased(word).utf8)
            let (stored, compound, known) = lowered.withUnsafeBufferPointer {
                (lexicon.storedStandards($0), lexicon.compoundStandards($0, minPart: Lexicon.candidatePartLength), lexicon.standards($0))
            }
            let frequency = Int(statistics.count(statistics.id(word)))
            output.write("\(word)\t\(stored.isEmpty ? "" : stored.name)\t\(compound.isEmpty ? "" : compound.name)\t\(known.isEmpty ? "" : known.name)\t\(frequency)\n")
        }
        output.flush()
        printError("ordliste: \(lexicon.count) former på \(loadedLexicon - start); tellinger: \(statistics.vocabularySize) ord, \(statistics.pairCount) ordpar på \(loadedStatistics - loadedLexicon)")
        return ExitCode.success
    }
}
