import CutoverFormats
import CutoverKit

/// What the value of an option is, read from its value name in the option table: the completion offers it and the
/// manual page lists it, so an option added to the table is documented and completed without further work.
enum OptionValue: Equatable {
    /// `text|json`: one of these words.
    case oneOf([String])
    /// `STEP`: a step name.
    case step
    case file, directory
    /// Anything else (`F`): nothing to offer.
    case free

    init(_ option: CommandOption) {
        switch option.valueName {
        case nil: self = .free
        case "STEP": self = .step
        case "FILE": self = .file
        case "DIR": self = .directory
        case let name? where name.contains("|"): self = .oneOf(name.split(separator: "|").map(String.init))
        default: self = .free
        }
    }

    /// The words a shell may offer for the value; empty when it is a path or free text.
    var words: [String] {
        switch self {
        case .oneOf(let words): return words
        case .step: return StepName.cutover.map(\.rawValue)
        case .file, .directory, .free: return []
        }
    }
}
