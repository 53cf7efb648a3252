import CutoverKit
import CutoverSystem

/// `cutover audit PLAN`: the report, rendered; exit 4 when a finding is an error. Changes nothing, takes no lock.
struct AuditCommand {
    var arguments: AuditArguments

    func execute(effects: Effects, output: Output) throws -> ExitCode {
        let plan = try PlanLoader.load(arguments.plan)
        let report = try Audit.report(plan: plan, effects: effects)
        let text: String
        switch arguments.format {
        case .text: text = report.renderText()
        case .markdown: text = report.renderMarkdown()
        case .html: text = report.renderHTML()
        case .json: text = try report.renderJSON()
        }
        if let file = arguments.output {
            do {
                try AtomicFile.write(text.hasSuffix("\n") ? text : text + "\n", to: file)
            } catch {
                throw Failure(kind: .invalidInput, message: "--output \(file): \(error)",
                              hint: "name a file in a folder that exists and can be written")
            }
            output.error("audit: report written to \(file)")
        } else {
            output.print(text)
        }
        return report.hasErrors ? .auditErrors : .success
    }
}
