import PipelineCore
import Testing

@Suite struct ParallelMapTests {
    @Test(arguments: [1, 2, 3, 8, 100])
    func keepsInputOrderWhateverTheJobs(jobs: Int) {
        let input = Array(0 ..< 1000)
        #expect(input.parallelMap(jobs: jobs) { $0 * 2 } == input.map { $0 * 2 })
    }

    @Test func emptyInput() {
        #expect([Int]().parallelMap(jobs: 4) { $0 } == [])
    }
}

@Suite struct AnswerTests {
    @Test func questionKeysSortNumbersFirstThenGeneral() {
        #expect([QuestionKey.general, .number(10), .number(2)].sorted() == [.number(2), .number(10), .general])
        #expect(QuestionKey.general.description == "generelt")
    }

    @Test func sourceLineOfAByteOffset() {
        let answer = Answer(question: .number(1), text: "æøå\nandre linje\ntredje", sourceLines: [10, 11, 14])
        #expect(answer.sourceLine(atByteOffset: 0) == 10)
        #expect(answer.sourceLine(atByteOffset: 6) == 10) // the line break itself
        #expect(answer.sourceLine(atByteOffset: 7) == 11)
        #expect(answer.sourceLine(atByteOffset: 20) == 14)
    }

    @Test(arguments: [("", true), ("  \n - ", true), ("3", false), ("Ø", false), ("a", false)])
    func blankAnswers(text: String, blank: Bool) {
        #expect(Answer(question: .general, text: text, sourceLines: []).isBlank == blank)
    }
}

@Suite struct TokenListTests {
    @Test func textAtCutsByBytes() {
        var tokens = TokenList()
        tokens.append(start: 0, length: 6, kind: .word)
        tokens.append(start: 7, length: 3, kind: .word)
        #expect(tokens.count == 2)
        #expect(tokens.text(at: 0, in: "ærlig gå") == "ærlig")
        #expect(tokens.text(at: 1, in: "ærlig gå") == "gå")
        #expect(tokens.range(at: 1) == 7 ..< 10)
    }
}
