import CutoverFormats
import CutoverSystem
import Foundation

/// Reads a plan file and checks everything it names before anything is touched: every problem is collected,
/// each naming the plan key or the input file and line at fault.
public enum PlanLoader {
    public static func load(_ planPath: String) throws -> Plan {
        let file = absolute(planPath, against: FileManager.default.currentDirectoryPath)
        let problems = ProblemCollector(planFile: planPath)
        let bytes: [UInt8]
        do {
            bytes = try FileReading.bytes(file, sizeLimit: FileReading.inputSizeLimit)
        } catch let error as SystemError {
            throw PlanInvalid(problems: [InputProblem(file: planPath, message: "cannot read the plan: \(error.reason)")])
        } catch let error as UnsuitableInput {
            throw PlanInvalid(problems: [InputProblem(file: planPath, message: error.problem)])
        }
        let plan = try read(bytes, file: file, problems: problems)
        if let plan { PlanInputCheck(plan: plan, planLabel: planPath, problems: problems).run() }
        guard let plan, problems.problems.isEmpty else { throw PlanInvalid(problems: problems.problems) }
        return plan
    }

    /// The plan in `bytes` (read from `file`), checked on its own: the files it names are not looked at. Problems go
    /// to `problems`; JSON that cannot be parsed at all throws `PlanInvalid`.
    static func read(_ bytes: [UInt8], file: String, problems: ProblemCollector) throws -> Plan? {
        let object = try parseJSON(bytes, file: problems.planFile)
        PlanStrictness(problems: problems).check(object, bytes: bytes)
        let reader = PlanReader(root: JSONFields(object, keyPath: "", problems: problems),
                                folder: (file as NSString).deletingLastPathComponent, problems: problems)
        return reader.read(file: file)
    }

    static func parseJSON(_ bytes: [UInt8], file: String) throws -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let (line, reason) = JSONErrorLine.locate(error, in: bytes)
            throw PlanInvalid(problems: [InputProblem(file: file, line: line, message: "not valid JSON" + reason)])
        }
        guard let object = value as? [String: Any] else {
            throw PlanInvalid(problems: [InputProblem(file: file, line: JSONErrorLine.firstTextLine(of: bytes),
                                                      message: "the plan must be a JSON object, {...}")])
        }
        return object
    }

    static func absolute(_ path: String, against folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        return (joined as NSString).standardizingPath
    }
}

/// Foundation reports a JSON syntax error's byte offset in its message; turn it into a line for the user.
enum JSONErrorLine {
    /// The line at fault and a few words on why, from Foundation's message: the offset it names, else the end of
    /// the text (it stopped inside a value), else the first line with text on it.
    static func locate(_ error: Error, in bytes: [UInt8]) -> (line: Int, reason: String) {
        let text = "\(error)"
        if let range = text.range(of: #"(character|offset) \d+"#, options: .regularExpression),
           let offset = Int(text[range].split(separator: " ").last ?? "") {
            return (line(at: offset, in: bytes), "")
        }
        if text.contains("Unexpected end of file") {
            return (line(at: bytes.count, in: bytes), ": the file ends inside a value (a missing '}', ']' or '\"'?)")
        }
        return (firstTextLine(of: bytes), ": a plan is one JSON object, {...}")
    }

    static func firstTextLine(of bytes: [UInt8]) -> Int {
        line(at: bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? 0, in: bytes)
    }

    private static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
    }
}
