import Foundation
import PipelineCore
import Reports

/// The compact binary form of one input file's results (its documents: manifest entries and
/// classified answers), as the result cache stores them: variable-length integers and
/// length-prefixed UTF-8. Decoding checks every length and value and returns nil for anything it
/// did not write, so a damaged entry is a miss, never a crash or a wrong result.
enum ResultCodec {
    /// Raised when the form changes; older entries then no longer decode.
    static let version: UInt32 = 1

    struct Corrupt: Error {}

    static func encode(_ documents: [ProcessedDocument]) -> [UInt8] {
        var out = Writer()
        out.bytes.reserveCapacity(documents.reduce(256) { total, document in
            document.answers.reduce(total) { $0 + $1.answer.text.utf8.count + 64 * $1.themes.count + 256 }
        })
        out.count(documents.count)
        for document in documents {
            out.entry(document.entry)
            out.count(document.answers.count)
            for classified in document.answers { out.answer(classified) }
        }
        return out.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [ProcessedDocument]? {
        var reader = Reader(bytes: bytes)
        do {
            var documents: [ProcessedDocument] = []
            for _ in 0 ..< (try reader.count()) {
                let entry = try reader.entry()
                var answers: [ClassifiedAnswer] = []
                let answerCount = try reader.count()
                answers.reserveCapacity(answerCount)
                for _ in 0 ..< answerCount { answers.append(try reader.answer()) }
                documents.append(ProcessedDocument(entry: entry, answers: answers))
            }
            guard reader.position == bytes.count else { return nil }
            return documents
        } catch {
            return nil
        }
    }

    struct Writer {
        var bytes: [UInt8] = []

        /// Zigzag LEB128: small numbers of either sign take one byte.
        mutating func int(_ value: Int) {
            var rest = UInt64(bitPattern: Int64(value) << 1) ^ UInt64(bitPattern: Int64(value) >> 63)
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func count(_ value: Int) { int(value) }

        mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func optional(_ value: Int?) {
            flag(value != nil)
            if let value { int(value) }
        }

        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                int(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func question(_ key: QuestionKey) {
            switch key {
            case .general: int(0)
            case let .number(number):
                int(1)
                int(number)
            }
        }

        mutating func entry(_ entry: ManifestEntry) {
            string(entry.path)
            string(entry.format)
            string(entry.encoding)
            optional(entry.year)
            flag(entry.respondent != nil)
            if let respondent = entry.respondent {
                string(respondent.number)
                string(respondent.name)
                string(respondent.county)
            }
            int(entry.status == .ok ? 0 : entry.status == .skipped ? 1 : 2)
            string(entry.reason)
            count(entry.answersPerQuestion.count)
            for (key, value) in entry.answersPerQuestion.sorted(by: { $0.key < $1.key }) {
                question(key)
                int(value)
            }
            int(entry.charactersKept)
            int(entry.charactersRemoved)
            int(entry.repairs)
            count(entry.findings.count)
            for finding in entry.findings {
                int(finding.severity == .info ? 0 : finding.severity == .warning ? 1 : 2)
                string(finding.stage)
                string(finding.message)
                optional(finding.line)
            }
        }

        mutating func answer(_ classified: ClassifiedAnswer) {
            question(classified.answer.question)
            string(classified.answer.text)
            count(classified.answer.sourceLines.count)
            for line in classified.answer.sourceLines { int(line) }
            count(classified.themes.count)
            for theme in classified.themes {
                string(theme.themeID)
                withUnsafeBytes(of: theme.score.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
                count(theme.hits.count)
                for hit in theme.hits {
                    string(hit.term)
                    string(hit.matched)
                    int(hit.byteRange.lowerBound)
                    int(hit.byteRange.upperBound - hit.byteRange.lowerBound)
                }
            }
        }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func byte() throws(Corrupt) -> UInt8 {
            guard position < bytes.count else { throw Corrupt() }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func int() throws(Corrupt) -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try byte()
                // The tenth byte may carry one bit only.
                guard shift < 63 || (shift == 63 && byte <= 1) else { throw Corrupt() }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
        }

        /// A count of things that each take at least one byte: never more than the bytes left.
        mutating func count() throws(Corrupt) -> Int {
            let value = try int()
            guard value >= 0, value <= bytes.count - position else { throw Corrupt() }
            return value
        }

        mutating func flag() throws(Corrupt) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Corrupt()
            }
        }

        mutating func optional() throws(Corrupt) -> Int? {
            try flag() ? try int() : nil
        }

        mutating func string() throws(Corrupt) -> String {
            let length = try count()
            let slice = UnsafeRawBufferPointer(rebasing: bytes[position ..< position + length]).assumingMemoryBound(to: UInt8.self)
            position += length
            // The entry's hash already vouches for its bytes; this concrete decoding is several
            // times faster than the generic `String(validating:as:)`, and a byte sequence it had
            // to repair changes the length.
            let text = String(decoding: slice, as: UTF8.self)
            guard text.utf8.count == length else { throw Corrupt() }
            return text
        }

        mutating func question() throws(Corrupt) -> QuestionKey {
            switch try int() {
            case 0: return .general
            case 1: return .number(try int())
            default: throw Corrupt()
            }
        }

        mutating func entry() throws(Corrupt) -> ManifestEntry {
            let path = try string(), format = try string(), encoding = try string()
            let year = try optional()
            var respondent: Respondent?
            if try flag() {
                respondent = Respondent(number: try string(), name: try string(), county: try string())
            }
            let status: FileStatus
            switch try int() {
            case 0: status = .ok
            case 1: status = .skipped
            case 2: status = .failed
            default: throw Corrupt()
            }
            let reason = try string()
            var perQuestion: [QuestionKey: Int] = [:]
            for _ in 0 ..< (try count()) {
                let key = try question()
                guard perQuestion[key] == nil else { throw Corrupt() }
                perQuestion[key] = try int()
            }
            let kept = try int(), removed = try int(), repairs = try int()
            var findings: [Finding] = []
            for _ in 0 ..< (try count()) {
                let severity: Finding.Severity
                switch try int() {
                case 0: severity = .info
                case 1: severity = .warning
                case 2: severity = .error
                default: throw Corrupt()
                }
                findings.append(Finding(severity, stage: try string(), try string(), line: try optional()))
            }
            return ManifestEntry(path: path, format: format, encoding: encoding, year: year, respondent: respondent,
                                 status: status, reason: reason, answersPerQuestion: perQuestion, charactersKept: kept,
                                 charactersRemoved: removed, repairs: repairs, findings: findings)
        }

        mutating func answer() throws(Corrupt) -> ClassifiedAnswer {
            let question = try question()
            let text = try string()
            var lines: [Int] = []
            let lineCount = try count()
            lines.reserveCapacity(lineCount)
            for _ in 0 ..< lineCount { lines.append(try int()) }
            var themes: [ThemeScore] = []
            for _ in 0 ..< (try count()) {
                let id = try string()
                guard position + 8 <= bytes.count else { throw Corrupt() }
                let score = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
                position += 8
                var hits: [ThemeHit] = []
                for _ in 0 ..< (try count()) {
                    let term = try string(), matched = try string()
                    let start = try int(), length = try int()
                    guard start >= 0, length >= 0, start <= Int.max - length else { throw Corrupt() }
                    hits.append(ThemeHit(term: term, matched: matched, byteRange: start ..< start + length))
                }
                themes.append(ThemeScore(themeID: id, score: score, hits: hits))
            }
            return ClassifiedAnswer(answer: Answer(question: question, text: text, sourceLines: lines), themes: themes)
        }
    }
}
