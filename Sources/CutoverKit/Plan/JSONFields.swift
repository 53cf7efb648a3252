import CutoverFormats
import Foundation

/// Reads a decoded JSON object field by field, collecting a problem for every missing or mistyped key
/// (named by its full path, e.g. `accounts.index.path`) instead of stopping at the first.
final class JSONFields {
    private let object: [String: Any]
    private let keyPath: String
    private let problems: ProblemCollector

    init(_ object: [String: Any], keyPath: String, problems: ProblemCollector) {
        self.object = object
        self.keyPath = keyPath
        self.problems = problems
    }

    func path(_ key: String) -> String { keyPath.isEmpty ? key : keyPath + "." + key }

    func has(_ key: String) -> Bool { object[key] != nil && !(object[key] is NSNull) }

    /// The decoded value as it is, for keys that take more than one type.
    func raw(_ key: String) -> Any? { object[key] }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard let text = value as? String else { return mistyped(key, "a string") }
        return text
    }

    func bool(_ key: String) -> Bool? {
        guard let value = present(key, required: false) else { return nil }
        guard let number = value as? NSNumber, isBoolean(number) else { return mistyped(key, "true or false") }
        return number.boolValue
    }

    func integer(_ key: String, required: Bool = true) -> Int? {
        guard let value = present(key, required: required) else { return nil }
        guard let number = value as? NSNumber, !isBoolean(number),
              number.doubleValue == number.doubleValue.rounded() else { return mistyped(key, "a whole number") }
        return number.intValue
    }

    func number(_ key: String) -> Double? {
        guard let value = present(key, required: false) else { return nil }
        guard let number = value as? NSNumber, !isBoolean(number) else { return mistyped(key, "a number") }
        return number.doubleValue
    }

    func object(_ key: String, required: Bool = true) -> JSONFields? {
        guard let value = present(key, required: required) else { return nil }
        guard let dictionary = value as? [String: Any] else { return mistyped(key, "an object") }
        return JSONFields(dictionary, keyPath: path(key), problems: problems)
    }

    func array(_ key: String, required: Bool = true) -> [Any]? {
        guard let value = present(key, required: required) else { return nil }
        guard let array = value as? [Any] else { return mistyped(key, "an array") }
        return array
    }

    /// An argument vector: a non-empty array of strings.
    func command(_ key: String, required: Bool = true) -> [String]? {
        guard let items = array(key, required: required) else { return nil }
        guard !items.isEmpty, let strings = items as? [String], !strings[0].isEmpty else {
            return mistyped(key, "a non-empty array of strings (a command and its arguments)")
        }
        return strings
    }

    func stringMap(_ key: String) -> [String: String]? {
        guard let value = present(key, required: true) else { return nil }
        guard let map = value as? [String: String] else { return mistyped(key, "an object of strings") }
        return map
    }

    /// The elements of an array of objects, each with its key path (`services[0]`).
    func objects(_ key: String, required: Bool = true) -> [JSONFields]? {
        guard let items = array(key, required: required) else { return nil }
        var result: [JSONFields] = []
        for (index, item) in items.enumerated() {
            guard let dictionary = item as? [String: Any] else {
                problems.add(path(key) + "[\(index)]", "must be an object")
                continue
            }
            result.append(JSONFields(dictionary, keyPath: path(key) + "[\(index)]", problems: problems))
        }
        return result
    }

    func problem(_ key: String, _ message: String) { problems.add(path(key), message) }

    private func present(_ key: String, required: Bool) -> Any? {
        guard let value = object[key], !(value is NSNull) else {
            if required { problems.add(path(key), "missing key") }
            return nil
        }
        return value
    }

    private func mistyped<T>(_ key: String, _ expected: String) -> T? {
        problems.add(path(key), "must be \(expected)")
        return nil
    }
}

/// JSON booleans arrive as NSNumber too; Foundation gives them their own subclass, which tells them apart.
private func isBoolean(_ number: NSNumber) -> Bool {
    type(of: number) == type(of: NSNumber(value: true))
}

/// Problems about the plan, each naming the plan file and the key (or input file and line) at fault.
final class ProblemCollector {
    let planFile: String
    private(set) var problems: [InputProblem] = []

    init(planFile: String) { self.planFile = planFile }

    func add(_ keyPath: String, _ message: String) {
        problems.append(InputProblem(file: planFile, message: "`\(keyPath)`: \(message)"))
    }

    func add(_ problem: InputProblem) { problems.append(problem) }

    func add(contentsOf more: [InputProblem]) { problems.append(contentsOf: more) }
}
