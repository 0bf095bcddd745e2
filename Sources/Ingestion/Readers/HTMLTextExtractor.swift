import CLibXML2
import Foundation

/// Text and head metadata of an HTML page, parsed with libxml2's HTML parser (lenient, like a
/// browser). Scripts, styles, navigation and page chrome are left out; block elements break lines.
struct HTMLText {
    var text: String
    var title: String?
    var firstHeading: String?
    /// `<meta name|property=… content=…>`, keys lowercased.
    var meta: [String: String]
}

enum HTMLTextExtractor {
    /// Elements whose content is never article text.
    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "button", "select", "option", "svg", "iframe",
        "object", "embed", "canvas", "map", "head",
    ]
    /// Page chrome: skipped unless inside `<main>` or `<article>`, where they belong to the article.
    private static let chrome: Set<String> = ["header", "footer", "aside"]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "thead", "tbody", "tfoot", "pre", "section", "article", "main", "blockquote", "header", "footer",
        "aside", "caption", "hr", "figure", "figcaption", "address", "details", "summary", "form", "fieldset",
        "legend", "body", "html",
    ]

    /// Extracts `html`. With `followSourceLines`, text lines are kept on the lines they stand on in
    /// the source file, so reported line numbers are the file's; otherwise each block is a line.
    static func extract(_ html: String, followSourceLines: Bool) throws(IngestionError) -> HTMLText {
        guard !html.allSatisfy(\.isWhitespace) else { throw .empty }
        let htmlOptions: [UInt32] = [HTML_PARSE_RECOVER.rawValue, HTML_PARSE_NOERROR.rawValue, HTML_PARSE_NOWARNING.rawValue,
                                     HTML_PARSE_NONET.rawValue, HTML_PARSE_NOBLANKS.rawValue, HTML_PARSE_IGNORE_ENC.rawValue,
                                     XML_PARSE_HUGE.rawValue]  // HUGE lifts the nesting limit of 256
        let options = Int32(bitPattern: htmlOptions.reduce(0, |))
        var source = html
        let document = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .extractionFailed("HTML could not be parsed") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .empty }

        var walker = Walker(followSourceLines: followSourceLines)
        walker.walk(root)
        return HTMLText(text: walker.output.text, title: walker.title, firstHeading: walker.firstHeading, meta: walker.meta)
    }

    /// A depth-first walk with an explicit stack, so deeply nested pages cannot overflow the call stack.
    private struct Walker {
        var output: LineKeepingText
        var title: String?
        var firstHeading: String?
        var meta: [String: String] = [:]
        let followSourceLines: Bool

        init(followSourceLines: Bool) {
            self.followSourceLines = followSourceLines
            output = LineKeepingText()
        }

        private enum Step {
            case enter(xmlNodePtr, hidden: Bool, inArticle: Bool)
            case leave(isBlock: Bool)
        }

        mutating func walk(_ root: xmlNodePtr) {
            var stack: [Step] = [.enter(root, hidden: false, inArticle: false)]
            while let step = stack.popLast() {
                switch step {
                case .leave(let isBlock):
                    if isBlock { output.breakLine() }
                case .enter(let node, let hidden, let inArticle):
                    switch node.pointee.type {
                    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                        if !hidden, let content = node.pointee.content {
                            let line = followSourceLines ? Int(xmlGetLineNo(node)) : nil
                            let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                            output.append(utf8: UnsafeBufferPointer(start: content, count: length), sourceLine: line)
                        }
                    case XML_ELEMENT_NODE:
                        let name = String(cString: node.pointee.name).lowercased()
                        readHeadElement(node, name: name)
                        let isHidden = hidden || Self.isSkipped(name, inArticle: inArticle)
                        let isBlock = HTMLTextExtractor.blocks.contains(name)
                        if isBlock && !isHidden { output.breakLine() }
                        if name == "h1", firstHeading == nil, !isHidden {
                            firstHeading = MetadataText.nonEmpty(Self.textContent(node))
                        }
                        stack.append(.leave(isBlock: isBlock && !isHidden))
                        let childInArticle = inArticle || name == "main" || name == "article"
                        var children: [xmlNodePtr] = []
                        var child = node.pointee.children
                        while let current = child {
                            children.append(current)
                            child = current.pointee.next
                        }
                        for current in children.reversed() {
                            stack.append(.enter(current, hidden: isHidden, inArticle: childInArticle))
                        }
                    default:
                        break
                    }
                }
            }
        }

        private static func isSkipped(_ name: String, inArticle: Bool) -> Bool {
            HTMLTextExtractor.skipped.contains(name) || (!inArticle && HTMLTextExtractor.chrome.contains(name))
        }

        private mutating func readHeadElement(_ node: xmlNodePtr, name: String) {
            if name == "title", title == nil {
                title = MetadataText.nonEmpty(Self.textContent(node))
            } else if name == "meta", let content = Self.attribute("content", of: node) {
                for key in ["name", "property", "itemprop"] {
                    if let value = Self.attribute(key, of: node)?.lowercased(), meta[value] == nil {
                        meta[value] = content
                    }
                }
            }
        }

        private static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
            var attribute = node.pointee.properties
            while let current = attribute {
                if String(cString: current.pointee.name).lowercased() == name {
                    return current.pointee.children.flatMap { $0.pointee.content.map { String(cString: $0) } }
                }
                attribute = current.pointee.next
            }
            return nil
        }

        private static func textContent(_ node: xmlNodePtr) -> String {
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { content.deallocate() }
            return String(cString: content)
        }
    }
}

/// Builds extracted text line by line, optionally padding so text keeps its source line number.
/// Works on UTF-8 bytes: whitespace and line breaks are all ASCII, except the no-break space.
struct LineKeepingText {
    private var bytes: [UInt8] = []
    private var line = 1
    private var atLineStart = true
    private var pendingSpace = false

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Ends the current line, unless it is empty.
    mutating func breakLine() {
        guard !atLineStart else { return }
        newline()
    }

    /// Appends a text node (valid UTF-8) whose last character stands on `sourceLine`, if given.
    /// Line breaks in the node then only break the text where it would otherwise fall behind
    /// the source lines.
    mutating func append(utf8 content: UnsafeBufferPointer<UInt8>, sourceLine: Int?) {
        var contentLine = sourceLine.map { $0 - content.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        if let contentLine {
            while line < contentLine { newline() }
        }
        var index = 0
        while index < content.count {
            let byte = content[index]
            index += 1
            switch byte {
            case 0x0A:
                guard let current = contentLine else {
                    newline()
                    continue
                }
                contentLine = current + 1
                if line < current + 1 { newline() } else if !atLineStart { pendingSpace = true }
            case 0x20, 0x09, 0x0D, 0x0C:
                if !atLineStart { pendingSpace = true }
            case 0xC2 where index < content.count && content[index] == 0xA0:  // U+00A0
                index += 1
                if !atLineStart { pendingSpace = true }
            default:
                if pendingSpace { bytes.append(0x20) }
                bytes.append(byte)
                atLineStart = false
                pendingSpace = false
            }
        }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        line += 1
        atLineStart = true
        pendingSpace = false
    }
}
