import CutoverFormats
import CutoverSystem
import Foundation

/// Reads a plan file and checks everything it names before anything is touched: every problem is collected,
/// each naming the plan key or the input file and line at fault.
public enum PlanLoader {
    public static func load(_ planPath: String) throws -> Plan {
        let file = absolute(planPath, against: FileManager.default.currentDirectoryPath)
        let problems = ProblemCollector(planFile: planPath)
        let object: [String: Any]
        do {
            let bytes = try FileReading.bytes(file, sizeLimit: FileReading.inputSizeLimit)
            object = try parseJSON(bytes, file: planPath)
            PlanStrictness(problems: problems).check(object, bytes: bytes)
        } catch let error as SystemError {
            throw PlanInvalid(problems: [InputProblem(file: planPath, message: "cannot read the plan: \(error.reason)")])
        } catch let error as UnsuitableInput {
            throw PlanInvalid(problems: [InputProblem(file: planPath, message: error.problem)])
        }
        let reader = PlanReader(root: JSONFields(object, keyPath: "", problems: problems),
                                folder: (file as NSString).deletingLastPathComponent, problems: problems)
        let plan = reader.read(file: file)
        if let plan { PlanInputCheck(plan: plan, planLabel: planPath, problems: problems).run() }
        guard let plan, problems.problems.isEmpty else { throw PlanInvalid(problems: problems.problems) }
        return plan
    }

    static func parseJSON(_ bytes: [UInt8], file: String) throws -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw PlanInvalid(problems: [InputProblem(file: file, line: JSONErrorLine.line(of: error, in: bytes),
                                                      message: "not valid JSON")])
        }
        guard let object = value as? [String: Any] else {
            throw PlanInvalid(problems: [InputProblem(file: file, message: "the plan must be a JSON object")])
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
    static func line(of error: Error, in bytes: [UInt8]) -> Int? {
        let text = "\(error)"
        guard let range = text.range(of: #"(character|offset) \d+"#, options: .regularExpression) else { return nil }
        guard let offset = Int(text[range].split(separator: " ").last ?? "") else { return nil }
        return bytes.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
    }
}
