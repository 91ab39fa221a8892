import PipelineCore

/// Joins words split by a hyphen at a line end: `nødven-` + `dig er` becomes `nødvendig` + `er`.
///
/// The fragment moves up to the line where the word starts; the rest of the next line stays,
/// so line numbers still point at the source. Suspended compounds (`helse-` + `og omsorg`) are
/// left alone. After a lowercase letter the hyphen is dropped (`indivi-der` → `individer`);
/// after a capital or digit it is kept (`KS-` + `verktøyet` → `KS-verktøyet`), and before a
/// capital too (`Kommune-` + `Norge` → `Kommune-Norge`).
public struct LineEndHyphenJoiner: TextFilter {
    public let id = "join-lines"

    /// Words after which a trailing hyphen marks a suspended compound, not a split word.
    public static let coordinators: Set<String> = ["og", "eller", "samt", "enn", "til", "som", "and", "&"]

    public init() {}

    public func apply(_ text: String) -> String {
        guard text.contains("-\n") else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index + 1 < lines.count {
            defer { index += 1 }
            let line = lines[index]
            guard line.hasSuffix("-"), line.count >= 3 else { continue }
            let beforeHyphen = line.dropLast()
            guard let last = beforeHyphen.last, last.isLetter || last.isNumber,
                  let secondLast = beforeHyphen.dropLast().last, secondLast.isLetter || secondLast.isNumber
            else { continue }
            let next = lines[index + 1]
            let indentation = next.prefix { $0 == " " }
            let rest = next.dropFirst(indentation.count)
            guard let first = rest.first, first.isLetter else { continue }
            let fragment = rest.prefix { $0 != " " }
            let fragmentWord = fragment.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if Self.coordinators.contains(fragmentWord.lowercased()) { continue }
            let keepHyphen = !last.isLowercase || first.isUppercase
            lines[index] = (keepHyphen ? String(line) : String(beforeHyphen)) + fragment
            let remainder = rest.dropFirst(fragment.count).drop { $0 == " " }
            lines[index + 1] = remainder.isEmpty ? "" : String(indentation) + remainder
        }
        return lines.joined(separator: "\n")
    }
}
