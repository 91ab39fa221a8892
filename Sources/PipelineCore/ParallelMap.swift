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

extension Array where Element: Sendable {
    /// Transforms every element on up to `jobs` threads and hands each result to `consume` on the
    /// calling thread, in input order, while later elements are still being transformed. At most
    /// `window` results are done but not yet consumed, so memory stays bounded however many
    /// elements there are, and the order `consume` sees never depends on the thread count.
    /// When `consume` throws, no new element is started and the error is rethrown once the
    /// running transforms have finished.
    public func parallelStream<R: Sendable>(jobs: Int, window: Int? = nil, _ transform: @Sendable (Element) -> R,
                                            consume: (R) throws -> Void) rethrows {
        let jobs = Swift.max(1, Swift.min(jobs, count))
        if jobs == 1 {
            for element in self { try consume(transform(element)) }
            return
        }
        let state = StreamState<R>(window: Swift.max(jobs, window ?? 4 * jobs))
        let items = self
        try withoutActuallyEscaping(transform) { transform in
            // The threads reach `transform` through a box that is emptied before this block
            // returns: a thread object may outlive its work, and must not keep the closure.
            let box = TransformBox(transform)
            let group = DispatchGroup()
            for _ in 0 ..< jobs {
                group.enter()
                let thread = Thread {
                    state.work(items, box)
                    group.leave()
                }
                // As large as the main thread's: deep documents (nested lists, long XML) recurse.
                thread.stackSize = 8 << 20
                thread.start()
            }
            defer {
                state.stop()
                group.wait()
                box.transform = nil
            }
            for index in items.indices {
                try consume(state.take(index))
            }
        }
    }
}

private final class TransformBox<Element, R>: @unchecked Sendable {
    var transform: (@Sendable (Element) -> R)?
    init(_ transform: @escaping @Sendable (Element) -> R) { self.transform = transform }
}

/// What the threads of `parallelStream` share: which element comes next, and the results not
/// yet consumed, under one condition lock.
private final class StreamState<R>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: R] = [:]
    private var next = 0
    private var consumed = 0
    private var stopped = false
    private let window: Int

    init(window: Int) { self.window = window }

    /// One thread's loop: transform elements until none is left.
    func work<Element>(_ items: [Element], _ box: TransformBox<Element, R>) {
        guard let transform = box.transform else { return }
        while let index = claim(below: items.count) {
            deliver(transform(items[index]), at: index)
        }
    }

    /// The next element to transform, waiting while `window` results are ahead of the consumer;
    /// nil when there is none left or the stream stopped.
    func claim(below count: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, next < count, next - consumed >= window { condition.wait() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ result: R, at index: Int) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result of element `index`, waiting until it is there.
    func take(_ index: Int) -> R {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        consumed = index + 1
        condition.broadcast()
        return results.removeValue(forKey: index)!
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
