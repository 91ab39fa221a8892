import PipelineCore

/// Joins words split by a hyphen at a line end: `nødven-` + `dig er` becomes `nødvendig` + `er`.
/// The non-breaking hyphen U+2011 that PDF text often carries counts as a hyphen; a word split
/// over three lines (`ut-` / `for-` / `dringer`) is joined whole; web addresses are left alone.
///
/// The fragment moves up to the line where the word starts; the rest of the next line stays,
/// so line numbers still point at the source. Suspended compounds (`helse-` + `og omsorg`) are
/// left alone. After a lowercase letter the hyphen is dropped (`indivi-der` → `individer`);
/// after a capital or digit it is kept (`KS-` + `verktøyet` → `KS-verktøyet`), and before a
/// capital too (`Kommune-` + `Norge` → `Kommune-Norge`). With a lexicon, the hyphen also stays
/// when both halves are known words and the joined word is not (`sosial-` + `politikk` stays
/// hyphenated only if `sosialpolitikk` is unknown).
public struct LineEndHyphenJoiner: RepairingTextFilter {
    public let id = "join-lines"
    public let lexicon: Lexicon?

    /// Words after which a trailing hyphen marks a suspended compound, not a split word.
    public static let coordinators: Set<String> = ["og", "eller", "samt", "enn", "til", "som", "and", "&"]

    public init(lexicon: Lexicon? = nil) {
        self.lexicon = lexicon
    }

    public func apply(_ text: String, changes: inout [TextChange]) -> String {
        guard Self.hasHyphenAtLineEnd(text) else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        var joined = false
        while index + 1 < lines.count {
            // A word split over three lines (`ut-` / `for-` / `dringer`) joins in two steps.
            // The rest of each line stays on its own line.
            if Self.endsWithHyphen(lines[index]), joinIntoLine(index, from: index + 1, &lines, &changes) {
                joined = true
                if index + 2 < lines.count, lines[index + 1].isEmpty {
                    _ = joinIntoLine(index, from: index + 2, &lines, &changes)
                }
            }
            index += 1
        }
        return joined ? lines.joined(separator: "\n") : text
    }

    /// A hyphen (`-`, U+2010, U+2011) right before a line end, found on the bytes.
    static func hasHyphenAtLineEnd(_ text: String) -> Bool {
        var previous: [UInt8] = [0, 0, 0]
        for b in text.utf8 {
            if b == 0x0A, previous[2] == UInt8(ascii: "-") || (previous[0] == 0xE2 && previous[1] == 0x80
                && (previous[2] == 0x90 || previous[2] == 0x91)) {
                return true
            }
            previous[0] = previous[1]
            previous[1] = previous[2]
            previous[2] = b
        }
        return false
    }

    static func endsWithHyphen(_ line: Substring) -> Bool {
        guard let last = line.utf8.last else { return false }
        return last == UInt8(ascii: "-") || last == 0x90 || last == 0x91
    }

    /// Hyphen, non-breaking hyphen (common in PDF text) and the Unicode hyphen.
    static let hyphens: Set<Character> = ["-", "\u{2011}", "\u{2010}"]

    /// Moves the first word of line `source` up to line `index` when line `index` ends in a
    /// split word. Returns true when it joined.
    private func joinIntoLine(_ index: Int, from source: Int, _ lines: inout [Substring], _ changes: inout [TextChange]) -> Bool {
        let line = lines[index]
        guard let hyphen = line.last, Self.hyphens.contains(hyphen), line.count >= 3 else { return false }
        let beforeHyphen = line.dropLast()
        guard let last = beforeHyphen.last, last.isLetter || last.isNumber,
              let secondLast = beforeHyphen.dropLast().last, secondLast.isLetter || secondLast.isNumber
        else { return false }
        // Web addresses keep their hyphens; joining would change the address.
        let lastWord = beforeHyphen.split(separator: " ").last ?? ""
        if lastWord.contains("://") || lastWord.lowercased().hasPrefix("www.") { return false }
        let next = lines[source]
        let indentation = next.prefix { $0 == " " }
        let rest = next.dropFirst(indentation.count)
        guard let first = rest.first, first.isLetter else { return false }
        let fragment = rest.prefix { $0 != " " }
        let fragmentWord = fragment.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        if Self.coordinators.contains(fragmentWord.lowercased()) { return false }
        var keepHyphen = !last.isLowercase || first.isUppercase
        var reason = keepHyphen ? "orddeling ved linjeskift; bindestreken beholdt ved stor bokstav eller tall" : "orddeling ved linjeskift"
        if !keepHyphen, let lexicon {
            let head = String(lastWord.drop { !$0.isLetter })
            let tail = String(fragmentWord)
            if !lexicon.isKnown(head + tail, minPart: Lexicon.candidatePartLength), lexicon.isKnown(head), lexicon.isKnown(tail) {
                keepHyphen = true
                reason = "orddeling ved linjeskift; begge deler er ord, det samlede ordet ikke: bindestreken beholdt"
            }
        }
        let joined = (keepHyphen ? String(beforeHyphen) + "-" : String(beforeHyphen)) + fragment
        changes.append(TextChange(line: index + 1, original: "\(lastWord)- / \(fragment)",
                                  replacement: String(joined.split(separator: " ").last ?? ""), stage: id, reason: reason))
        lines[index] = Substring(joined)
        let remainder = rest.dropFirst(fragment.count).drop { $0 == " " }
        lines[source] = remainder.isEmpty ? "" : Substring(String(indentation) + remainder)
        return true
    }
}
