import Foundation

/// Numbers as Norwegian readers expect them: comma decimal, one decimal for shares.
public enum NorwegianNumber {
    /// A share as a percentage with one decimal and a decimal comma: `33,3`; empty when `whole`
    /// is zero.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard let tenths = tenths(part, of: whole) else { return "" }
        return "\(tenths / 10),\(tenths % 10)"
    }

    /// The same share with a point, for JSON and the tidy file: `33.3`; `null` when `whole` is zero.
    public static func percentPoint(_ part: Int, of whole: Int) -> String {
        guard let tenths = tenths(part, of: whole) else { return "null" }
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Tenths of a percent, rounded half up; nil when `whole` is zero.
    static func tenths(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 1000 + whole / 2) / whole
    }

    /// A score with at most two decimals, trailing zeros dropped: `2`, `2,5`, `1,25`.
    public static func decimal(_ value: Double, separator: String = ",") -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        var text = sign + String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += separator + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
        }
        return text
    }

    /// An integer with a space (no-break) between thousands, as Norwegian text writes it: `13 048`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "\u{00A0}" }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A count with a noun in the right number: `1 kommune`, `3 kommuner`.
    public static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(value) \(value == 1 ? singular : plural)"
    }
}

/// Characters that change the direction text is shown in (U+202A–U+202E embeddings and
/// overrides, U+2066–U+2069 isolates). In an answer they can make a quote or a file name read
/// differently from what it says, so every report format drops them (JSON escapes them).
public enum BidiControls {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A ... 0x202E).contains(scalar.value) || (0x2066 ... 0x2069).contains(scalar.value)
    }

    /// `text` without direction controls.
    public static func removed(from text: String) -> String {
        // Every control is E2 80 AA–AE or E2 81 A6–A9 in UTF-8: text without a 0xE2 byte has none.
        guard text.utf8.contains(0xE2), text.unicodeScalars.contains(where: contains) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !contains($0) }))
    }
}

/// Escaping for text from answers placed in Markdown.
public enum MarkdownText {
    /// Text shown literally: Markdown and HTML characters are escaped, line breaks become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "{", "}", "!", "~":
                out += "\\" + String(scalar)
            case "\n", "\r", "\t":
                out += " "
            default:
                if !BidiControls.contains(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Text placed inside a code span: backticks and line breaks cannot end it. In a table cell
    /// a `|` would end the cell even inside a code span, so it is escaped there.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        let plain = replacing(replacing(BidiControls.removed(from: text), 0x60, with: "'"), 0x0A, with: " ")
        return inTable ? replacing(plain, 0x7C, with: "\\|") : plain
    }

    /// `text` with every `byte` (ASCII, so never part of a longer character) replaced; the text
    /// itself when the byte does not occur, which is most of the time.
    static func replacing(_ text: String, _ byte: UInt8, with replacement: String) -> String {
        guard text.utf8.contains(byte) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for b in text.utf8 {
            if b == byte { out.append(contentsOf: replacement.utf8) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// JSON string literals.
public enum JSONText {
    /// `text` as a quoted JSON string: quotes, backslashes and control characters escaped.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || BidiControls.contains(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An array of strings on one line.
    public static func strings(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ", ") + "]"
    }
}

/// Escaping for HTML (and the XML-compatible way the reports write it).
public enum HTMLText {
    /// Text or an attribute value shown literally: `&`, `<`, `>`, `"` and `'` become references;
    /// control characters other than line breaks and tabs are dropped (they are not allowed in
    /// HTML or XML).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out += " "
            default:
                if scalar.value < 0x20 || (0x7F ..< 0xA0).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                    || BidiControls.contains(scalar) {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A value usable as an element id or a `data-` value: letters, digits and `-` only.
    public static func token(_ text: String) -> String {
        ReportFileName.slug(text, fallback: "x")
    }
}

/// File names for report files made from names (municipalities): letters and digits only, so
/// a name can never reach outside the folder it is written to.
public enum ReportFileName {
    /// `Nord-Fron` → `nord-fron`, `Ås` → `as`, `Bø i Telemark` → `bo-i-telemark`,
    /// `../../etc` → `etc`. At most 60 characters; `fallback` when nothing is left.
    public static func slug(_ name: String, fallback: String = "ukjent") -> String {
        var out = ""
        var pendingDash = false
        for character in name.lowercased() {
            let mapped: String
            switch character {
            case "æ": mapped = "ae"
            case "ø": mapped = "o"
            case "å": mapped = "a"
            default:
                let folded = String(character).folding(options: [.diacriticInsensitive], locale: nil)
                mapped = folded.unicodeScalars.allSatisfy { ("a" ... "z").contains($0) || ("0" ... "9").contains($0) } ? folded : ""
            }
            if mapped.isEmpty {
                pendingDash = !out.isEmpty
                continue
            }
            if pendingDash { out += "-" }
            pendingDash = false
            out += mapped
            if out.count >= 60 { break }
        }
        return out.isEmpty ? fallback : String(out.prefix(60))
    }
}
