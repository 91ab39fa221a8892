import Ingestion
import Testing

@Suite struct SurveyTableTests {
    @Test(arguments: [("a;b;c\n1;2;3\n", ";"), ("a,b,c\n1,2,3\n", ","), ("a\tb\tc\n1\t2\t3\n", "\t"), ("\"a;b\",c,d\n", ",")])
    func delimiterIsSniffedFromTheHeader(text: String, delimiter: String) throws {
        #expect(try #require(SurveyTable(text: text)).delimiter == Character(delimiter))
    }

    @Test func quotedCellsKeepDelimitersQuotesAndLineBreaks() throws {
        let table = try #require(SurveyTable(text: "Kommune;Spørsmål 1;Spørsmål 2\nÅs;\"To\nlinjer; ja\";\"Sa \"\"nei\"\"\"\nLier;x;y\n"))
        #expect(table.header == ["Kommune", "Spørsmål 1", "Spørsmål 2"])
        #expect(table.rows.map(\.number) == [2, 3])
        #expect(table.rows[0].cells == ["Ås", "To\nlinjer; ja", "Sa \"nei\""])
        #expect(table.rows[0].lines == [2, 2, 3])
        #expect(table.rows[1].lines == [4, 4, 4])
    }

    @Test func columnsAreFoundByNumberWordOrQuestionText() throws {
        let questions = QuestionList(year: 2025, questions: [
            Question(number: 1, part: "A", text: "Hvordan kan dere som folkevalgte redusere og håndtere forventningsgapet?"),
            Question(number: 2, part: "A", text: "Hvordan kan KS bistå i dette arbeidet i den enkelte kommune og fylkeskommune?"),
            Question(number: 3, part: "A", text: "Hva bør staten gjøre?"),
        ])
        let columns = SurveyColumns(header: ["Tidsstempel", "Hvilken kommune svarer du for?", "Sp. 1",
                                             "Hvordan kan KS bistå i dette arbeidet i den enkelte kommune og fylkeskommune?", "3", "E-post"],
                                    questions: questions)
        #expect(columns.respondent == 1)
        #expect(columns.questions == [2: 1, 3: 2, 4: 3])
        #expect(columns.ignored == [0, 5])
    }
}
