import Foundation
import NorwegianText
import PipelineCore
import TestSupport
import Testing
@testable import Themes

/// The shortcuts in pattern matching (first byte, shared prefix, first-byte index) never change
/// what matches: checked against the plain algorithm for every bundled pattern.
@Suite struct MatchingShortcutTests {
    /// Matching as the pattern language defines it, trying every form of every part.
    static func reference(_ element: ThemePattern.Element, _ token: [UInt8]) -> Bool {
        func match(_ start: Int, _ part: Int) -> Bool {
            for form in element.alternatives[part] where token.hasPrefix(form, at: start) {
                let next = start + form.count
                if part == element.parts.count - 1 {
                    switch element.ending {
                    case .any: return true
                    case .exact: if next == token.count { return true }
                    case .inflected: if Inflection.isEnding(token[next...], afterStem: form) { return true }
                    }
                } else {
                    for link in ThemePattern.Element.links where token.hasPrefix(link, at: next) {
                        if match(next + link.count, part + 1) { return true }
                    }
                }
            }
            if part == element.parts.count - 1, element.ending == .inflected {
                for form in element.alternatives[part] where form.count > 3 && form.last == UInt8(ascii: "e") {
                    let stem = form.dropLast()
                    guard token.hasPrefix(stem, at: start) else { continue }
                    let rest = token[(start + stem.count)...]
                    if let first = rest.first, first == UInt8(ascii: "a") || first == UInt8(ascii: "e"),
                       Inflection.vowelEndings.contains(Array(rest)) { return true }
                }
            }
            return false
        }
        if !element.leadingWildcard { return match(0, 0) }
        for start in 0 ..< token.count where token[start] & 0xC0 != 0x80 {
            if match(start, 0) { return true }
        }
        return false
    }

    /// Lowercased words of the embedded texts, the patterns' own words and some of their OCR
    /// forms, inflected.
    static func forms(_ themes: [ThemeDictionary]) throws -> [[UInt8]] {
        var words = Set<[UInt8]>()
        for path in ["corpora/2025/svar/drammen.md"] {
            let text = try Repository.text(path).lowercased()
            for word in text.split(whereSeparator: { !$0.isLetter && $0 != "-" }) { words.insert(Array(word.utf8)) }
        }
        for theme in themes {
            for pattern in theme.patterns {
                for element in pattern.elements {
                    for forms in element.alternatives {
                        for form in forms.prefix(3) {
                            for ending in ["", "e", "ene", "a", "s", "er", "x"] {
                                words.insert(form + Array(ending.utf8))
                                words.insert(Array("stats".utf8) + form + Array(ending.utf8))
                            }
                            words.insert(Array(form.dropLast()))
                            words.insert(Array(form.dropLast()) + Array("a".utf8))
                        }
                    }
                }
            }
        }
        words.insert([])
        return Array(words)
    }

    @Test func everyBundledElementMatchesAsThePlainAlgorithm() throws {
        let themes = try ThemeDictionary.bundled(tokenizer: try NorwegianChain.standard().tokenizer)
        let forms = try Self.forms(themes)
        var mismatches: [String] = []
        for theme in themes {
            let elements = theme.patterns.flatMap(\.elements)
            let index = ElementIndex(elements)
            for form in forms {
                let expected = elements.indices.filter { Self.reference(elements[$0], form) }
                let found = elements.indices.filter { elements[$0].matches(form) }
                if found != expected || index.all(matching: form) != expected || index.first(matching: form) != expected.first {
                    mismatches.append("\(theme.id) ~ \(String(decoding: form, as: UTF8.self))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}
