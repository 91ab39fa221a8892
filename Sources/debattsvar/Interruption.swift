import Dispatch
import Foundation
import Pipeline
import PipelineCore

/// Handles SIGINT and SIGTERM during `run`: says where the run stopped, removes this run's
/// temporary report files and exits, leaving the previous reports whole. While the finished
/// reports are being renamed into place it waits for that to end instead.
final class Interruption: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var pending: Int32?

    init(progress: RunProgress, output: URL) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
                if progress.isCommitting {
                    self?.lock.lock()
                    self?.pending = signalNumber
                    self?.lock.unlock()
                    printError("debattsvar run: \(name) mottatt mens rapportene flyttes på plass; avslutter når det er gjort")
                    return
                }
                printError("debattsvar run: avbrutt (\(name)) – \(progress.description). "
                    + "Rapportene fra forrige kjøring i \(output.path) er urørt; kjør på nytt for å fullføre.")
                Self.removeTemporaryFiles(in: output)
                exit(Self.exitCode(signalNumber))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that arrived while reports were renamed, if any.
    var pendingSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return pending
    }

    /// 128 + the signal number, as shells report it.
    static func exitCode(_ signalNumber: Int32) -> Int32 { 128 + signalNumber }

    /// Removes `.<name>.tmp-<pid>` files this process staged under the output folder.
    static func removeTemporaryFiles(in output: URL) {
        let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasSuffix(suffix) { try? FileManager.default.removeItem(at: url) }
        }
    }
}
