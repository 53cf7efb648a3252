import CutoverSystem
import Foundation

extension AuditBuilder {
    /// Every step of every run in the journal, with start, end and duration, and the downtime of the last run
    /// that stopped the services.
    func timeline() throws -> AuditReport.TimelineSection {
        var steps: [AuditReport.TimelineStep] = []
        var open: [String: Int] = [:]  // run + step → index of its "started" row
        for entry in try Journal.read(state) {
            let key = entry.run + " " + entry.step.rawValue
            if entry.event != .started, let index = open.removeValue(forKey: key) {
                steps[index].outcome = entry.event.rawValue
                steps[index].end = entry.time
                steps[index].seconds = Self.seconds(from: steps[index].start, to: entry.time)
                continue
            }
            if entry.event == .started { open[key] = steps.count }
            steps.append(AuditReport.TimelineStep(run: entry.run, step: entry.step.rawValue,
                                                  outcome: entry.event.rawValue, start: entry.time,
                                                  end: entry.event == .started ? nil : entry.time, seconds: 0))
        }
        var downtime: AuditReport.Downtime?
        if let stop = steps.last(where: { $0.step == StepName.stopServices.rawValue && $0.outcome == "completed" }),
           let start = steps.first(where: { $0.run == stop.run && $0.step == StepName.startServices.rawValue
               && $0.outcome == "completed" }), let end = start.end {
            downtime = AuditReport.Downtime(from: stop.start, to: end, seconds: Self.seconds(from: stop.start, to: end))
        }
        return AuditReport.TimelineSection(steps: steps, downtime: downtime)
    }

    static func seconds(from start: String, to end: String) -> Double {
        guard let from = date(start), let to = date(end) else { return 0 }
        return max(0, (to.timeIntervalSince(from) * 1000).rounded() / 1000)
    }

    /// The journal's RFC 3339 UTC time with milliseconds.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
