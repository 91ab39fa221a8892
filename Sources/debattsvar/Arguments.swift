import Pipeline

/// Parsed command-line arguments of one subcommand: flags, valued options, positionals.
struct Arguments {
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var positionals: [String] = []

    /// Parses `arguments` against the options a command accepts.
    /// - Parameters:
    ///   - flags: options without a value, e.g. `--join-lines`.
    ///   - valued: options taking a value, e.g. `--out`; given as `--out DIR` or `--out=DIR`.
    ///   - maxPositionals: how many plain arguments the command takes.
    init(_ arguments: [String], flags allowedFlags: Set<String>, valued: Set<String>, maxPositionals: Int) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if allowedFlags.contains(name) {
                guard inlineValue == nil else { throw UsageError("\(name) tar ingen verdi") }
                flags.insert(name)
            } else if valued.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) mangler en verdi") }
                    values[name] = arguments[index]
                    index += 1
                }
            } else {
                throw UsageError("ukjent valg \(name)")
            }
        }
        guard positionals.count <= maxPositionals else {
            throw UsageError("for mange argumenter: \(positionals.dropFirst(maxPositionals).joined(separator: " "))")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("\(name) må være et heltall fra \(range.lowerBound) til \(range.upperBound), fikk «\(text)»")
        }
        return value
    }
}
