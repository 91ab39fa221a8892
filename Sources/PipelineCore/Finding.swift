/// Something a stage noticed about a document: a repair made, a fallback taken, a problem met.
///
/// Stages record findings instead of throwing, so one odd file never stops a run; findings reach
/// the manifest and the reports.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// The stage that made the finding, e.g. `decode`, `segment`.
    public var stage: String
    public var message: String
    /// 1-based line in the source document, when the finding is about one line.
    public var line: Int?

    public init(_ severity: Severity, stage: String, _ message: String, line: Int? = nil) {
        self.severity = severity
        self.stage = stage
        self.message = message
        self.line = line
    }

    /// `stage: message` with the line when known; for manifests and logs.
    public var summary: String {
        if let line { return "\(stage) (linje \(line)): \(message)" }
        return "\(stage): \(message)"
    }
}
