import Foundation

/// Buffered writing to standard output and standard error.
struct Output {
    private var buffer: [UInt8] = []
    private let handle: FileHandle

    static func standardOutput() -> Output { Output(handle: .standardOutput) }

    private init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Reads a command's input: the file at `path`, or standard input when `path` is nil or `-`.
/// Returns the name to use in messages and the bytes; prints the problem and returns nil when
/// the file cannot be read.
func readInput(_ path: String?) -> (name: String, data: Data)? {
    guard let path, path != "-" else { return ("<standard inn>", FileHandle.standardInput.readDataToEndOfFile()) }
    do {
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        printError("\(path): kan ikke lese fila (\(error.localizedDescription))")
        return nil
    }
}
