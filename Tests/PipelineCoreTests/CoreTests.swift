import Foundation
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

    @Test(arguments: [1, 2, 3, 8])
    func streamConsumesInInputOrderWithBoundedResultsAhead(jobs: Int) {
        let input = Array(0 ..< 500)
        let running = Counter()
        var consumed: [Int] = []
        input.parallelStream(jobs: jobs, window: 6, { value -> Int in
            running.add(1)
            defer { running.add(-1) }
            // Uneven work, so later elements often finish first.
            var sum = 0
            for step in 0 ..< (value % 7) * 2000 { sum &+= step }
            return value * 2 + (sum == -1 ? 1 : 0)
        }, consume: { consumed.append($0) })
        #expect(consumed == input.map { $0 * 2 })
        #expect(running.maximum <= jobs)
    }

    @Test func streamStopsAndRethrowsWhenConsumingFails() {
        struct Stop: Error {}
        let started = Counter()
        var consumed = 0
        #expect(throws: Stop.self) {
            try Array(0 ..< 10_000).parallelStream(jobs: 2, window: 4, { value -> Int in
                started.add(1)
                return value
            }, consume: { value in
                if value == 10 { throw Stop() }
                consumed += 1
            })
        }
        #expect(consumed == 10)
        // Nothing beyond the window after the failing element was started.
        #expect(started.total <= 10 + 1 + 4 + 2)
    }
}

/// A thread-safe counter for the stream tests: running total and its maximum.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private var sum = 0
    private(set) var maximum = 0
    var total: Int { lock.withLock { sum } }

    func add(_ delta: Int) {
        lock.withLock {
            value += delta
            if delta > 0 { sum += delta }
            maximum = max(maximum, value)
        }
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
