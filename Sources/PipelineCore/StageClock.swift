import Foundation

/// Adds up the time spent in each stage of a run, across threads; for `run --timings` and the
/// benchmark. Safe to share between threads.
public final class StageClock: @unchecked Sendable {
    private var seconds: [String: Double] = [:]
    private var order: [String] = []
    private let lock = NSLock()

    public init() {}

    /// Runs `body` and adds its wall time to `stage`.
    @inline(__always)
    public func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try body()
    }

    public func add(_ stage: String, _ elapsed: Double) {
        lock.lock()
        if seconds[stage] == nil { order.append(stage) }
        seconds[stage, default: 0] += elapsed
        lock.unlock()
    }

    /// Stages in the order they were first measured, with their summed seconds.
    public var totals: [(stage: String, seconds: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return order.map { ($0, seconds[$0]!) }
    }
}
