import Foundation

/// Adds up the CPU time spent in each stage of a run, across threads; for `run --timings` and the
/// benchmark. CPU time of the measuring thread, not wall time, so the figures stay the same when
/// other programs share the cores. Safe to share between threads.
public final class StageClock: @unchecked Sendable {
    private var seconds: [String: Double] = [:]
    private var order: [String] = []
    private let lock = NSLock()

    public init() {}

    /// Runs `body` and adds the CPU time the thread spent in it to `stage`.
    @inline(__always)
    public func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = Self.threadCPUSeconds()
        defer { add(stage, Self.threadCPUSeconds() - start) }
        return try body()
    }

    /// CPU seconds used by the calling thread so far.
    public static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
