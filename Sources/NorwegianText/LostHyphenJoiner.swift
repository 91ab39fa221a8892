import PipelineCore

/// Joins words that PDF text split at a line end after losing the soft hyphen:
/// `Budsjettover` + `skridelsene` → `Budsjettoverskridelsene`.
///
/// Joins only when the line's last word is not a stored word form, the next line's first word
/// is neither a known form nor a compound of known words, and together they make a stored form
/// or a compound. The second
/// half moves up to the first half's line; the rest of the next line stays, so the line count
/// does not change.
public struct LostHyphenJoiner: RepairingTextFilter {
    public let id = "split-words"
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    public func apply(_ text: String, changes: inout [TextChange]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard lines.count > 1 else { return text }
        var changed = false
        for index in 0 ..< lines.count - 1 {
            changed = join(index, &lines, &changes) || changed
        }
        guard changed else { return text }
        var out: [UInt8] = []
        for (k, line) in lines.enumerated() {
            if k > 0 { out.append(0x0A) }
            out += line
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func join(_ index: Int, _ lines: inout [[UInt8]], _ changes: inout [TextChange]) -> Bool {
        let line = lines[index]
        guard let last = line.last, last != 0x20 else { return false }
        let headStart = (line.lastIndex(of: 0x20) ?? -1) + 1
        let head = Array(line[headStart...])
        let next = lines[index + 1]
        guard let first = next.first, first != 0x20 else { return false }
        let fragmentEnd = next.firstIndex(of: 0x20) ?? next.count
        let fragment = Array(next[..<fragmentEnd])
        let tailRange = fragment.withUnsafeBufferPointer { TextEdits.core($0, 0, $0.count) }
        guard tailRange.lowerBound == 0, tailRange.count >= 2 else { return false }
        let tail = Array(fragment[tailRange])
        var headLower: [UInt8] = []
        var tailLower: [UInt8] = []
        guard head.count >= 2,
              head.withUnsafeBufferPointer({ TextEdits.isLetters($0) && TextEdits.lowercase($0, into: &headLower) }),
              tail.withUnsafeBufferPointer({ TextEdits.isLetters($0) && TextEdits.isLower($0, at: 0) && TextEdits.lowercase($0, into: &tailLower) })
        else { return false }
        guard headLower.withUnsafeBufferPointer({ lexicon.storedStandards($0).isEmpty }),
              tailLower.withUnsafeBufferPointer({
                  lexicon.standards($0).isEmpty && lexicon.compoundStandards($0, minPart: Lexicon.knownPartLength).isEmpty
              }),
              (headLower + tailLower).withUnsafeBufferPointer({
                  !lexicon.storedStandards($0).isEmpty || !lexicon.compoundStandards($0, minPart: Lexicon.knownPartLength).isEmpty
              })
        else { return false }
        lines[index] = line + fragment
        var rest = next[fragmentEnd...].drop { $0 == 0x20 }
        if rest.isEmpty { rest = [] }
        lines[index + 1] = Array(rest)
        changes.append(TextChange(line: index + 1, original: String(decoding: head, as: UTF8.self) + " / " + String(decoding: tail, as: UTF8.self),
                                  replacement: String(decoding: head + tail, as: UTF8.self), stage: id,
                                  reason: "delt ord ved linjeskift (myk bindestrek tapt); delene er ikke ord, det samlede er"))
        return true
    }
}
