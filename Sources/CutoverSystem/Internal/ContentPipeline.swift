import Foundation

/// Worker threads that copy and hash file contents while the caller's thread walks the tree: hashing is the
/// copier's main CPU cost, and spreading it over the cores is what keeps a snapshot as fast as `cp -a`.
/// Results are taken back by sequence number, so the caller still reports files in tree order.
final class ContentPipeline: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [ContentJob] = []
    private var queueStart = 0
    private var results: [Int: Result<FileContent, any Error>] = [:]
    /// Submitted and not yet finished: bounds the descriptors and buffers in use.
    private var outstanding = 0
    private var stopping = false
    private var liveWorkers = 0
    private let window: Int

    init(workers: Int, window: Int) {
        self.window = window
        liveWorkers = workers
        for _ in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.name = "cutover-copy"
            thread.start()
        }
    }

    /// Queues `job`, waiting first while `window` jobs are outstanding.
    func submit(_ job: ContentJob) {
        condition.lock()
        defer { condition.unlock() }
        while outstanding >= window { condition.wait() }
        queue.append(job)
        outstanding += 1
        condition.broadcast()
    }

    /// The result of job `sequence`, removed from the pipeline; nil when it is not done and `wait` is false.
    func take(_ sequence: Int, wait: Bool) -> Result<FileContent, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        while results[sequence] == nil && wait { condition.wait() }
        return results.removeValue(forKey: sequence)
    }

    /// Cancels the jobs not started yet, waits for the running ones, and ends the workers.
    func shutdown() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        for job in queue[queueStart...] { job.cancel() }
        queue.removeAll()
        queueStart = 0
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
    }

    private func work() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { buffer.deallocate() }
        condition.lock()
        while true {
            while queueStart == queue.count && !stopping { condition.wait() }
            if queueStart == queue.count { break }
            let job = queue[queueStart]
            queueStart += 1
            if queueStart > 1024 && queueStart * 2 > queue.count {
                queue.removeFirst(queueStart)
                queueStart = 0
            }
            condition.unlock()
            let result = Result { try job.perform(buffer: buffer) }
            condition.lock()
            results[job.sequence] = result
            outstanding -= 1
            condition.broadcast()
        }
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }
}
