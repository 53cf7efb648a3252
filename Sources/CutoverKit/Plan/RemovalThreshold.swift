/// `accounts.maxRemoved`: how many of the domain's accounts one import may remove, as a count (`800`) or a
/// percentage of the accounts the index holds now (`"25%"`). A truncated or wrong import list removes most
/// accounts; a yearly replacement removes a cohort. The default, half, tells the two apart.
public enum RemovalThreshold: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case percent(Int)

    public static let standard = RemovalThreshold.percent(50)

    /// The most accounts that may go out of `total`; a percentage rounds down.
    public func allowed(outOf total: Int) -> Int {
        switch self {
        case .count(let count): count
        case .percent(let percent): total * percent / 100
        }
    }

    /// As the plan spells it: `800` or `"25%"`.
    public var description: String {
        switch self {
        case .count(let count): "\(count)"
        case .percent(let percent): "\"\(percent)%\""
        }
    }

    /// `"25%"` (0–100, whole percent); nil for anything else.
    static func parsePercent(_ text: String) -> RemovalThreshold? {
        guard text.hasSuffix("%"), let percent = Int(text.dropLast()), (0...100).contains(percent),
              text.dropLast().allSatisfy(\.isASCII) else { return nil }
        return .percent(percent)
    }
}
