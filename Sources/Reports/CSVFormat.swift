/// CSV as Norwegian Excel and LibreOffice open it: UTF-8 with byte order mark, `;` between
/// columns, `"` quoting, CRLF line ends, and cells that could start a formula made inert.
public enum CSVFormat {
    public static let separator = ";"

    /// Renders a header and rows.
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = "\u{FEFF}"
        for row in [header] + rows {
            out += row.map(cell).joined(separator: separator)
            out += "\r\n"
        }
        return out
    }

    /// One cell, quoted when needed. A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
    /// leading apostrophe so a spreadsheet shows it as text instead of running it — except
    /// plain numbers such as `-3`.
    public static func cell(_ value: String) -> String {
        let value = inert(value)
        let needsQuotes = value.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// `value` with a leading apostrophe when a spreadsheet would take it as a formula, and
    /// without direction controls.
    static func inert(_ value: String) -> String {
        let value = BidiControls.removed(from: value)
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
           Double(value.replacingOccurrences(of: ",", with: ".")) == nil {
            return "'" + value
        }
        return value
    }

    /// A share as a Norwegian percentage with one decimal: `33,3`.
    public static func percent(_ part: Int, of whole: Int) -> String {
        NorwegianNumber.percent(part, of: whole)
    }
}

/// CSV for R, Python and other programs: UTF-8 without byte order mark, `,` between columns,
/// `.` as decimal point, `"` quoting (RFC 4180), LF line ends. Text cells that a spreadsheet
/// would run as a formula get the same leading apostrophe as in `CSVFormat`.
public enum TidyCSVFormat {
    public static func header(_ columns: [String]) -> String {
        line(columns)
    }

    /// One record with its line end.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\n"
    }

    public static func cell(_ value: String) -> String {
        let value = CSVFormat.inert(value)
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
