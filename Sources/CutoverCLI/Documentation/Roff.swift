/// Text made safe for roff (man(7)): the page is rendered from the option tables, so nothing in them may be taken
/// for a request or an escape.
enum Roff {
    /// Backslashes become `\e`, hyphens `\-` (so options copy and paste as ASCII), and a line that would start
    /// with `.` or `'` (a request) is guarded with `\&`.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            default: escaped.append(character)
            }
        }
        return escaped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.first == "." || $0.first == "'" ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }

    static func bold(_ text: String) -> String { "\\fB" + escape(text) + "\\fR" }
    static func italic(_ text: String) -> String { "\\fI" + escape(text) + "\\fR" }

    /// `.TP` paragraph: a tag line, then its body.
    static func tagged(_ tag: String, _ body: String) -> String { ".TP\n\(tag)\n\(escape(body))" }
}
