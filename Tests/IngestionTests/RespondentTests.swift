import Ingestion
import TestSupport
import Testing

@Suite struct RespondentTests {
    let identifier2022: RespondentIdentifier
    let identifier2025: RespondentIdentifier

    init() throws {
        let folder = Repository.url("corpora/register")
        identifier2022 = RespondentIdentifier(register: try MunicipalityRegister(folder: folder, year: 2022))
        identifier2025 = RespondentIdentifier(register: try MunicipalityRegister(folder: folder, year: 2025))
    }

    @Test func registerAnswersPerYear() throws {
        let folder = Repository.url("corpora/register")
        #expect(MunicipalityRegister.structureYears(in: folder) == [2020, 2024])
        for (year, from, municipalities, counties) in [(2021, 2020, 356, 11), (2023, 2020, 356, 11), (2024, 2024, 357, 15), (2026, 2024, 357, 15), (2019, 2020, 356, 11)] {
            let register = try MunicipalityRegister(folder: folder, year: year)
            #expect(register.validFrom == from)
            #expect(register.entries.filter { !$0.isCounty }.count == municipalities)
            #expect(register.entries.filter(\.isCounty).count == counties)
        }
    }

    @Test(arguments: [
        (2022, "3005", "Viken"), (2023, "3005", "Viken"), (2024, "3301", "Buskerud"), (2025, "3301", "Buskerud"),
    ])
    func drammenIsInTheCountyOfTheYear(year: Int, number: String, county: String) throws {
        let register = try MunicipalityRegister(folder: Repository.url("corpora/register"), year: year)
        let (respondent, _) = RespondentIdentifier(register: register).identify(fileName: "drammen.md", text: "")
        #expect(respondent?.number == number)
        #expect(respondent?.county == county)
    }

    @Test func haramExistsFrom2024Only() {
        #expect(identifier2022.identify(fileName: "haram.md", text: "").0 == nil)
        #expect(identifier2025.identify(fileName: "haram.md", text: "").0?.number == "1580")
        #expect(identifier2025.identify(fileName: "ålesund.md", text: "").0?.number == "1508")
        #expect(identifier2022.identify(fileName: "ålesund.md", text: "").0?.number == "1507")
    }

    @Test(arguments: [
        ("drammen.md", "3005", "Drammen"),
        ("Drammen kommune - svar debatthefte.txt", "3005", "Drammen"),
        ("as.txt", "3021", "Ås"),
        ("aas.md", "3021", "Ås"),
        ("Ås.md", "3021", "Ås"),
        ("AAS.txt", "3021", "Ås"),
        ("nord-fron.md", "3436", "Nord-Fron"),
        ("nord_fron_svar.md", "3436", "Nord-Fron"),
        ("Nord Fron.md", "3436", "Nord-Fron"),
        ("baerum.md", "3024", "Bærum"),
        ("guovdageaidnu.md", "5430", "Kautokeino"),
        ("kautokeino.md", "5430", "Kautokeino"),
        ("vestland-fylkeskommune.md", "46", "Vestland fylkeskommune"),
        ("oslo.md", "0301", "Oslo"),
        ("Særutskrift kommunestyret Ås 2022.pdf", "3021", "Ås"),
    ])
    func fileNameNamesTheRespondent(file: String, number: String, name: String) {
        let (respondent, findings) = identifier2022.identify(fileName: file, text: "")
        #expect(respondent?.number == number)
        #expect(respondent?.name == name)
        #expect(findings.isEmpty)
    }

    @Test(arguments: [
        ("Kautokeino", "5612"), ("Guovdageaidnu", "5612"), ("Guovdageaidnu - Kautokeino", "5612"),
        ("Herøy (Nordland)", "1818"), ("Våler (Østfold)", "3114"), ("Ås kommune", "3218"), ("As", "3218"),
        ("Nord Fron", "3436"), ("Vestland fylkeskommune", "46"), ("Buskerud fylkeskommune", "33"),
    ])
    func declaredNamesAreMatchedInTheYearsRegister(name: String, number: String) {
        let (respondent, findings) = identifier2025.identify(fileName: "undersokelse.csv", text: "", declaredName: name)
        #expect(respondent?.number == number, "\(name)")
        #expect(findings.isEmpty)
    }

    @Test func ambiguousNameIsFlaggedWithCandidates() {
        let (respondent, findings) = identifier2022.identify(fileName: "heroy.md", text: "")
        #expect(respondent == nil)
        #expect(findings.first?.message.contains("1515") == true)
        #expect(findings.first?.message.contains("1818") == true)
        let (declared, declaredFindings) = identifier2025.identify(fileName: "x.csv", text: "", declaredName: "Våler")
        #expect(declared == nil)
        #expect(declaredFindings.first?.message.contains("3114") == true)
        #expect(declaredFindings.first?.message.contains("3419") == true)
    }

    @Test func textNamesTheRespondentWhenTheFileNameDoesNot() {
        let (respondent, _) = identifier2022.identify(fileName: "svar-2025.txt",
                                                      text: "Innspill fra Lillehammer kommune.\nLillehammer kommune mener at …")
        #expect(respondent?.name == "Lillehammer")
    }

    @Test(arguments: [
        ("Kommune: Ås\nSpørsmål 1\nSvar.", "3218"),
        ("**Avsender:** Drammen kommune\n\nSvar.", "3301"),
        ("Møteprotokoll\n\nKommunestyret i Nord-Fron behandlet saken.\nVedtak:\n1. Ja.", "3436"),
        ("Saka vart handsama av heradsstyret i Ulvik. Kommunen vår meiner dette.", "4620"),
        ("Vestland fylkeskommune sitt innspel til KS.", "46"),
    ])
    func headerLinesAndProtocolPhrasesNameTheRespondent(text: String, number: String) {
        let (respondent, _) = identifier2025.identify(fileName: "svar.txt", text: text)
        #expect(respondent?.number == number)
    }

    @Test func unknownRespondentIsFlagged() {
        let (respondent, findings) = identifier2022.identify(fileName: "notat.txt", text: "Ingen navn her.")
        #expect(respondent == nil)
        #expect(findings.first?.severity == .warning)
    }

    @Test func textNamingTwoEquallyOftenIsAmbiguous() {
        let (respondent, findings) = identifier2025.identify(fileName: "felles.txt", text: "Drammen kommune og Lier kommune svarer sammen.")
        #expect(respondent == nil)
        #expect(findings.contains { $0.message.contains("3301") && $0.message.contains("3312") })
    }
}
