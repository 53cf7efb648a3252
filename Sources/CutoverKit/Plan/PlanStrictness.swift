import CutoverFormats
import Foundation

/// Checks of the plan's JSON as a whole, before its fields are read: no key twice, no key the format does not have,
/// no control character in any key or string. Each problem names the key by its full path.
struct PlanStrictness {
    let problems: ProblemCollector

    func check(_ object: [String: Any], bytes: [UInt8]) {
        for duplicate in JSONDuplicateKeys.find(in: bytes) {
            problems.add(InputProblem(file: problems.planFile, line: duplicate.line, message: "`\(UserID.printable(duplicate.keyPath))`: "
                + "the key is given twice (first on line \(duplicate.firstLine)); JSON keeps only one of them"))
        }
        walk(object, path: "", schemaPath: "")
    }

    private func walk(_ value: Any, path: String, schemaPath: String?) {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                let keyPath = path.isEmpty ? key : path + "." + key
                if let bad = Self.controlCharacter(in: key) {
                    problems.add(path.isEmpty ? "(top level)" : path, "a key contains the control character \(bad)")
                    continue
                }
                var childSchema: String?
                if let schemaPath, let known = PlanSchema.keys[schemaPath] {
                    guard known.contains(key) else {
                        let hint = PlanSchema.suggestion(for: key, among: known).map { "; did you mean `\($0)`?" } ?? ""
                        // Cut and escaped: the key is the plan writer's text, possibly a megabyte of it.
                        problems.add(UserID.printable(keyPath), "unknown key\(hint)")
                        continue
                    }
                    let candidate = schemaPath.isEmpty ? key : schemaPath + "." + key
                    // Objects of free keys (such as `routes.set`) are not in the table: their keys are data.
                    childSchema = PlanSchema.keys[candidate] != nil || PlanSchema.keys[candidate + "[]"] != nil
                        ? candidate : nil
                }
                walk(object[key]!, path: keyPath, schemaPath: childSchema)
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                walk(element, path: path + "[\(index)]", schemaPath: schemaPath.map { $0 + "[]" })
            }
        case let text as String:
            if let bad = Self.controlCharacter(in: text) { problems.add(path, "contains the control character \(bad)") }
        default:
            break
        }
    }

    /// `U+0000`-style name of the first C0 control or DEL in `text`, if any.
    static func controlCharacter(in text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
