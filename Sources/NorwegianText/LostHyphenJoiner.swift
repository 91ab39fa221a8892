import PipelineCore

/// Joins words that PDF text split at a line end after losing the soft hyphen:
/// `Budsjettover` + `skridelsene` → `Budsjettoverskridelsene`.
///
/// Joins only when the line's last word is not a stored word form, the next line's first word
/// is neither a known form nor a compound of known words, and together they make a stored form
/// or a compound. The second half moves up to the first half's line; the rest of the next line
/// stays, so the line count does not change.
public struct LostHyphenJoiner: RepairingTextFilter {
    public let id = "split-words"
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    public func apply(_ text: String, changes: inout [TextChange]) -> String {
        var copy = text
        return copy.withUTF8 { p -> String? in
            var out: [UInt8] = []
            var copied = 0 // bytes of `p` already in `out`
            var line = 1
            var lineStart = 0
            var i = 0
            while i < p.count {
                guard p[i] == 0x0A else { i += 1; continue }
                // A line ending in a lowercase letter, the next starting with one.
                if i > lineStart, i + 1 < p.count, TextEdits.isLower(p, at: i + 1),
                   let join = joinAt(p, lineStart: lineStart, newline: i) {
                    if out.isEmpty { out.reserveCapacity(p.count) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied ..< i]))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[(i + 1) ..< join.fragmentEnd]))
                    out.append(0x0A)
                    copied = join.restStart
                    changes.append(TextChange(line: line, original: join.head + " / " + join.tail, replacement: join.head + join.tail,
                                              stage: id, reason: "delt ord ved linjeskift (myk bindestrek tapt); delene er ikke ord, det samlede er"))
                }
                line += 1
                lineStart = i + 1
                i += 1
            }
            guard copied > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied...]))
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    private struct Join {
        var head: String
        var tail: String
        /// End of the moved fragment (with its punctuation) on the next line.
        var fragmentEnd: Int
        /// Where the rest of the next line starts, after the spaces that followed the fragment.
        var restStart: Int
    }

    private func joinAt(_ p: UnsafeBufferPointer<UInt8>, lineStart: Int, newline: Int) -> Join? {
        guard p[newline - 1] != 0x20 else { return nil }
        var headStart = newline
        while headStart > lineStart, p[headStart - 1] != 0x20 { headStart -= 1 }
        let next = newline + 1
        var fragmentEnd = next
        while fragmentEnd < p.count, p[fragmentEnd] != 0x20, p[fragmentEnd] != 0x0A { fragmentEnd += 1 }
        let tailRange = TextEdits.core(p, next, fragmentEnd)
        guard tailRange.lowerBound == next, tailRange.count >= 2, newline - headStart >= 2 else { return nil }
        let head = UnsafeBufferPointer(rebasing: p[headStart ..< newline])
        let tail = UnsafeBufferPointer(rebasing: p[tailRange])
        var headLower: [UInt8] = []
        var tailLower: [UInt8] = []
        guard TextEdits.isLetters(head), TextEdits.lowercase(head, into: &headLower),
              TextEdits.isLetters(tail), TextEdits.isLower(tail, at: 0), TextEdits.lowercase(tail, into: &tailLower)
        else { return nil }
        guard headLower.withUnsafeBufferPointer({ lexicon.storedStandards($0).isEmpty }),
              tailLower.withUnsafeBufferPointer({
                  lexicon.standards($0).isEmpty && lexicon.compoundStandards($0, minPart: Lexicon.knownPartLength).isEmpty
              }),
              (headLower + tailLower).withUnsafeBufferPointer({
                  !lexicon.storedStandards($0).isEmpty || !lexicon.compoundStandards($0, minPart: Lexicon.knownPartLength).isEmpty
              })
        else { return nil }
        var restStart = fragmentEnd
        while restStart < p.count, p[restStart] == 0x20 { restStart += 1 }
        return Join(head: String(decoding: head, as: UTF8.self), tail: String(decoding: tail, as: UTF8.self),
                    fragmentEnd: fragmentEnd, restStart: restStart)
    }
}
