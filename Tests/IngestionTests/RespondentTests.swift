import Ingestion
import TestSupport
import Testing

@Suite struct RespondentTests {
    let identifier: RespondentIdentifier

    init() throws {
        identifier = RespondentIdentifier(register: try MunicipalityRegister(folder: Repository.url("corpora/register")))
    }

    @Test(arguments: [
        ("drammen.md", "3005", "Drammen"),
        ("Drammen kommune - svar debatthefte.txt", "3005", "Drammen"),
        ("as.txt", "3021", "Ås"),
        ("aas.md", "3021", "Ås"),
        ("Ås.md", "3021", "Ås"),
        ("nord-fron.md", "3436", "Nord-Fron"),
        ("nord_fron_svar.md", "3436", "Nord-Fron"),
        ("baerum.md", "3024", "Bærum"),
        ("guovdageaidnu.md", "5430", "Kautokeino"),
        ("vestland-fylkeskommune.md", "46", "Vestland fylkeskommune"),
        ("oslo.md", "0301", "Oslo"),
    ])
    func fileNameNamesTheRespondent(file: String, number: String, name: String) {
        let (respondent, findings) = identifier.identify(fileName: file, text: "")
        #expect(respondent?.number == number)
        #expect(respondent?.name == name)
        #expect(findings.isEmpty)
    }

    @Test func ambiguousNameIsFlaggedWithCandidates() {
        let (respondent, findings) = identifier.identify(fileName: "heroy.md", text: "")
        #expect(respondent == nil)
        #expect(findings.first?.message.contains("1515") == true)
        #expect(findings.first?.message.contains("1818") == true)
    }

    @Test func textNamesTheRespondentWhenTheFileNameDoesNot() {
        let (respondent, _) = identifier.identify(fileName: "svar-2025.txt",
                                                  text: "Innspill fra Lillehammer kommune.\nLillehammer kommune mener at …")
        #expect(respondent?.name == "Lillehammer")
    }

    @Test func unknownRespondentIsFlagged() {
        let (respondent, findings) = identifier.identify(fileName: "notat.txt", text: "Ingen navn her.")
        #expect(respondent == nil)
        #expect(findings.first?.severity == .warning)
    }
}
