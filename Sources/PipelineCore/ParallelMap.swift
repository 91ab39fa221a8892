import Dispatch
import Foundation

/// Storage written from several threads at distinct indices only.
private final class ResultSlots<R>: @unchecked Sendable {
    var values: [R?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
}

extension Array where Element: Sendable {
    /// Maps every element with `transform` on up to `jobs` threads and returns the results in
    /// input order, so the output never depends on the thread count.
    public func parallelMap<R: Sendable>(jobs: Int, _ transform: @Sendable (Element) -> R) -> [R] {
        let jobs = Swift.max(1, Swift.min(jobs, count))
        if jobs == 1 { return map(transform) }
        let slots = ResultSlots<R>(count: count)
        let items = self
        slots.values.withUnsafeMutableBufferPointer { buffer in
            let base = UncheckedPointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                var index = worker
                while index < items.count {
                    base.pointer[index] = transform(items[index])
                    index += jobs
                }
            }
        }
        return slots.values.map { $0! }
    }
}

private struct UncheckedPointer<R>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<R?>
    init(_ pointer: UnsafeMutablePointer<R?>) { self.pointer = pointer }
}

/// The number of cores, used as the default number of jobs.
public var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
