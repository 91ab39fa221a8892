/// Broken configuration met while reading a corpus: a question list or register that cannot be
/// used. Problems with single answer files are manifest entries, never errors.
public enum IngestionError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): \(reason)"
        case let .malformed(path, line, reason): "\(path):\(line): \(reason)"
        }
    }
}
