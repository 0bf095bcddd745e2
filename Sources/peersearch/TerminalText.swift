/// Text from articles and file names made safe to print on a terminal. Their control characters
/// (C0, DEL and C1) would reach the terminal as commands: `ESC[2J` clears the screen, `ESC]0;…`
/// retitles the window. Each is shown as its Unicode control picture (`␛`, `␇`), a C1 one as
/// U+FFFD: one scalar for one, so highlight offsets still fit. JSON output needs none of this
/// (it escapes them).
enum TerminalText {
    /// `text` with its control characters made visible; tabs stay, and line ends (LF, CR LF)
    /// when `keepingLineBreaks`.
    static func printable(_ text: String, keepingLineBreaks: Bool = false) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isControl) else { return text }
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let lineEnd = scalar == "\n" || (scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n")
            if scalar == "\t" || (keepingLineBreaks && lineEnd) || !isControl(scalar) {
                output.append(scalar)
            } else if scalar.value < 0x20 {
                output.append(Unicode.Scalar(0x2400 + scalar.value)!)
            } else if scalar.value == 0x7F {
                output.append("\u{2421}")
            } else {
                output.append("\u{FFFD}")
            }
        }
        return String(output)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
