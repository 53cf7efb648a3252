/// `90`, `30s`, `2m`, `6h`, `1d`: a duration on the command line, in seconds. Pure.
public enum DurationText {
    public static func seconds(_ text: String, option: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let factor = units[last] {
            number = number.dropLast()
            unit = factor
        }
        guard let value = Double(number), value > 0, value.isFinite else {
            throw UsageError("\(option): '\(text)' is not a duration (like 90, 30s, 2m, 6h, 1d)")
        }
        return value * unit
    }
}
