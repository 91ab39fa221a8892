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
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
           Double(value.replacingOccurrences(of: ",", with: ".")) == nil {
            value = "'" + value
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// A share as a Norwegian percentage with one decimal: `33,3`.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10),\(tenths % 10)"
    }
}
