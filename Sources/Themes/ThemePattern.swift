/// One line of a theme file: what to look for, and how much a match counts.
///
/// The pattern language (see `Resources/temaer/README.md`):
///
/// | written | matches the token |
/// | --- | --- |
/// | `tilsyn` | the word and its inflected forms: tilsyn, tilsynet, tilsyna, tilsynene |
/// | `=ito` | exactly this form, nothing added |
/// | `heltid*` | anything starting with it: heltidskultur, heltidsstillinger |
/// | `*norm` | a compound ending in the word, inflected: bemanningsnorm, bemanningsnormene |
/// | `*undervisning*` | anything containing it |
/// | `stilling+størrelse` | a compound of the parts, with or without a linking s, e or hyphen, inflected: stillingsstørrelser, stillingsstørrelsene |
/// | `uønsket deltid*` | a phrase: one element per word, in a row |
/// | `!deltidsbrann*` | an exclusion: tokens it matches never count for the theme |
/// | `bpa^3` | a weight (default 1) used by the score |
public struct ThemePattern: Sendable, Hashable {
    /// One element of a pattern, matched against one lowercased token.
    public struct Element: Sendable, Hashable {
        /// What may follow the last part.
        public enum Ending: Sendable, Hashable {
            /// Nothing (`=ord`).
            case exact
            /// An inflection ending: -en, -et, -er, -ene, -a, -ar, -ane, -s, … (`ord`, `*ord`, `a+b`).
            case inflected
            /// Anything (`ord*`).
            case any
        }

        /// The parts of a compound in order (`bemanning+norm`); one part for a plain word.
        public let parts: [String]
        /// `*ord`: the token may begin with anything (the word is the head of a compound).
        public let leadingWildcard: Bool
        public let ending: Ending
        /// For each part, the UTF-8 forms it may take: the part itself, then forms with æ/ø/å
        /// as OCR with a Latin model damages them (`økonomi` → `gkonomi`, `skonomi`).
        let alternatives: [[[UInt8]]]
        /// The bytes a match can start with (the first bytes of the first part's forms), as a
        /// 256-bit set; nil when a form is empty and any start is possible.
        let firstBytes: ByteSet?
        /// For each part, the bytes every way of matching it starts with: the longest prefix its
        /// forms share, short of the last byte of the shortest (a final -e may be dropped).
        let sharedPrefixes: [[UInt8]]

        public init(parts: [String], leadingWildcard: Bool, ending: Ending) {
            self.parts = parts
            self.leadingWildcard = leadingWildcard
            self.ending = ending
            alternatives = parts.map(OCRVariants.forms)
            firstBytes = alternatives.first.flatMap(ByteSet.init(firstBytesOf:))
            sharedPrefixes = alternatives.map { forms in
                guard var prefix = forms.first else { return [] }
                for form in forms.dropFirst() {
                    var length = 0
                    while length < prefix.count, length < form.count, prefix[length] == form[length] { length += 1 }
                    prefix.removeSubrange(length...)
                }
                let shortest = forms.map(\.count).min() ?? 0
                return Array(prefix.prefix(max(0, shortest - 1)))
            }
        }

        /// The word the element spells with nothing added (`deltidsstilling`); nil for `*ord`.
        var literal: String? { leadingWildcard ? nil : parts.joined() }

        /// True when the lowercased token matches.
        public func matches(_ token: String) -> Bool {
            matches(Array(token.utf8))
        }

        /// False when no token starting with `byte` can match.
        func mayStart(with byte: UInt8) -> Bool {
            leadingWildcard || firstBytes?.contains(byte) ?? true
        }

        func matches(_ token: [UInt8]) -> Bool {
            // Every way to match starts with the first byte of a form of the first part.
            if !leadingWildcard {
                if let firstBytes, let first = token.first, !firstBytes.contains(first) { return false }
                return match(token, from: 0, part: 0)
            }
            for start in 0 ..< token.count where token[start] & 0xC0 != 0x80 {
                if let firstBytes, !firstBytes.contains(token[start]) { continue }
                if match(token, from: start, part: 0) { return true }
            }
            return false
        }

        private func match(_ token: [UInt8], from start: Int, part: Int) -> Bool {
            guard token.hasPrefix(sharedPrefixes[part], at: start) else { return false }
            for form in alternatives[part] where token.hasPrefix(form, at: start) {
                let next = start + form.count
                if part == parts.count - 1 {
                    if endingMatches(token, stemEnd: next, stem: form) { return true }
                } else {
                    for link in Self.links where token.hasPrefix(link, at: next) {
                        if match(token, from: next + link.count, part: part + 1) { return true }
                    }
                }
            }
            // A stem ending in -e may drop it before a vowel ending: helse → helsa.
            if part == parts.count - 1, ending == .inflected {
                for form in alternatives[part] where form.count > 3 && form.last == UInt8(ascii: "e") {
                    let stem = form.dropLast()
                    guard token.hasPrefix(stem, at: start) else { continue }
                    let rest = token[(start + stem.count)...]
                    if let first = rest.first, first == UInt8(ascii: "a") || first == UInt8(ascii: "e"),
                       Inflection.vowelEndings.contains(Array(rest)) { return true }
                }
            }
            return false
        }

        private func endingMatches(_ token: [UInt8], stemEnd: Int, stem: [UInt8]) -> Bool {
            switch ending {
            case .any: return true
            case .exact: return stemEnd == token.count
            case .inflected: return Inflection.isEnding(token[stemEnd...], afterStem: stem)
            }
        }

        /// What may stand between the parts of a compound.
        static let links: [[UInt8]] = [[], [UInt8(ascii: "s")], [UInt8(ascii: "e")], [UInt8(ascii: "-")]]
    }

    /// The pattern as written in the file, lowercased, without its weight (`brukerstyrt personlig assistanse`).
    public var source: String
    /// One element per word; several for a phrase.
    public var elements: [Element]
    /// An exclusion (`!deltidsbrann*`): tokens matching it never count for the theme.
    public var isExclusion: Bool
    /// Line in the theme file.
    public var line: Int
    /// How much a match counts towards the theme's score (`^2`); 1 when not given.
    public var weight: Double

    public init(source: String, elements: [Element], isExclusion: Bool, line: Int, weight: Double = 1) {
        self.source = source
        self.elements = elements
        self.isExclusion = isExclusion
        self.line = line
        self.weight = weight
    }
}

/// A set of bytes.
struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The first bytes of the forms; nil when one is empty.
    init?(firstBytesOf forms: [[UInt8]]) {
        for form in forms {
            guard let first = form.first else { return nil }
            insert(first)
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    static func == (a: ByteSet, b: ByteSet) -> Bool {
        a.words == b.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// Norwegian inflection endings (bokmål and nynorsk) accepted after a pattern word.
enum Inflection {
    /// Endings allowed after any stem.
    static let endings: Set<[UInt8]> = Set([
        "", "e", "en", "et", "er", "ere", "ene", "erne", "a", "ar", "ane", "as", "s", "ens", "ets", "es",
        "ers", "enes", "ede", "est", "este", "ende", "ande", "ast",
    ].map { Array($0.utf8) })
    /// Endings that only follow a stem ending in a vowel: tjeneste → tjenester, tjenesten, tjenestene.
    static let afterVowel: Set<[UInt8]> = Set(["n", "r", "t", "ne", "ns", "nes", "rs", "te", "de"].map { Array($0.utf8) })
    /// Endings starting with a vowel, used when a final -e is dropped (helse → helsa).
    static let vowelEndings: Set<[UInt8]> = Set(["a", "ar", "ane", "as", "en", "er", "ene", "et"].map { Array($0.utf8) })

    static func isEnding(_ rest: ArraySlice<UInt8>, afterStem stem: [UInt8]) -> Bool {
        let rest = Array(rest)
        if endings.contains(rest) { return true }
        guard let last = stem.last else { return false }
        if isVowel(last) { return afterVowel.contains(rest) }
        // A doubled final consonant before a vowel ending: rom → rommet.
        if rest.count >= 2, rest[0] == last, endings.contains(Array(rest.dropFirst())), let vowel = rest.dropFirst().first,
           isVowel(vowel) { return true }
        return false
    }

    static func isVowel(_ byte: UInt8) -> Bool {
        "aeiouy".utf8.contains(byte)
    }
}

/// The forms a word takes when OCR with a Latin model has damaged æ, ø and å, as in the 2026
/// booklet (`gkonomi`, `sykefraveer`, `baerekraftig`, `arsturnus`). Only words of five letters or
/// more get variants, so short words cannot turn into other words.
enum OCRVariants {
    static let replacements: [Character: [String]] = [
        "æ": ["ae", "ee", "e", "a", "z", "ze"],
        "ø": ["o", "g", "e", "s", "a", "@"],
        "å": ["a", "4", "&", "é", "d"],
    ]
    /// At most this many forms per word.
    static let limit = 64

    static func forms(_ word: String) -> [[UInt8]] {
        var forms: [String] = [word]
        if word.count >= 5, word.contains(where: { replacements[$0] != nil }) {
            var partial: [String] = [""]
            for character in word {
                let options = [String(character)] + (replacements[character] ?? [])
                partial = partial.flatMap { prefix in options.map { prefix + $0 } }
                if partial.count > limit { partial = Array(partial.prefix(limit)) }
            }
            forms += partial.filter { $0 != word }
        }
        return forms.map { Array($0.utf8) }
    }
}

extension Array where Element == UInt8 {
    func hasPrefix<C: Collection>(_ prefix: C, at start: Int) -> Bool where C.Element == UInt8 {
        guard start + prefix.count <= count else { return false }
        var index = start
        for byte in prefix {
            if self[index] != byte { return false }
            index += 1
        }
        return true
    }
}
