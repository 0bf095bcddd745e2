import CLibXML2
import Foundation

/// One XML part of an office document or e-book (a .docx's `word/document.xml`, an .odt's
/// `content.xml`, their metadata parts, an EPUB's container and package files), parsed with
/// libxml2 with network access off and external entities and DTDs never loaded, so a document
/// cannot make peersearch fetch or read anything; entities that expand out of all proportion
/// (an XML bomb) are refused by libxml2. Gives the text as one line per paragraph, the text of
/// metadata elements and the attributes of elements.
final class OfficeXMLDocument {
    /// Which elements of a format are paragraphs, spaces, text and left out.
    struct Markup {
        /// Each becomes a line.
        var paragraphs: Set<Name>
        /// Tabs and line breaks inside a paragraph: each becomes a space.
        var spaces: Set<Name>
        /// Elements whose text is the text; nil when every text node in a paragraph is.
        var text: Set<Name>?
        /// Never text (tracked deletions, field codes, note numbers).
        var skipped: Set<Name>
        /// Text moved after the body (an .odt's footnotes, which stand inside paragraphs).
        var deferred: Set<Name> = []
    }

    /// An element's namespace URI and local name.
    struct Name: Hashable {
        var namespace: String
        var local: String

        init(_ namespace: String, _ local: String) {
            self.namespace = namespace
            self.local = local
        }
    }

    /// Dublin Core, the metadata elements (title, creator) of both formats.
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let dublinCoreTerms = "http://purl.org/dc/terms/"

    private let document: xmlDocPtr

    init(_ bytes: [UInt8], part: String) throws(IngestionError) {
        // No XML_PARSE_NOENT or XML_PARSE_DTDLOAD: entities are not substituted, DTDs not fetched.
        let flags: [UInt32] = [XML_PARSE_NONET.rawValue, XML_PARSE_NOERROR.rawValue, XML_PARSE_NOWARNING.rawValue]
        let options = Int32(bitPattern: flags.reduce(0, |))
        guard let context = xmlNewParserCtxt() else { throw .extractionFailed("cannot parse \(part): out of memory") }
        defer { xmlFreeParserCtxt(context) }
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(context, $0.baseAddress, Int32(clamping: $0.count), nil, nil, options) }
        }
        guard let parsed, bytes.count <= Int(Int32.max) else {
            if let parsed { xmlFreeDoc(parsed) }
            // libxml2 stops entities that expand out of all proportion to the file (billion laughs).
            if context.pointee.lastError.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
                throw .extractionFailed("\(part) is an XML bomb (entities that expand without bound)")
            }
            throw .extractionFailed("\(part) is not well-formed XML")
        }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The text of the paragraphs, one line each (empty paragraphs left out), then the deferred
    /// elements' paragraphs.
    func lines(_ markup: Markup) -> [String] {
        guard let root = xmlDocGetRootElement(document) else { return [] }
        var walker = Walker(markup: markup)
        walker.walk(root)
        var deferred = walker.deferred
        walker.deferred = []
        while !deferred.isEmpty {
            walker.walk(deferred.removeFirst())
            deferred += walker.deferred
            walker.deferred = []
        }
        walker.endLine()
        return walker.lines
    }

    /// The text of the first element called `name`, whitespace trimmed; nil when none has text.
    func firstText(_ name: Name) -> String? {
        var text: String?
        forEachElement { node in
            guard Self.name(of: node) == name, let content = xmlNodeGetContent(node) else { return true }
            defer { content.deallocate() }
            text = MetadataText.nonEmpty(String(cString: content))
            return text == nil
        }
        return text
    }

    /// The attributes (by local name, namespace dropped) of every element called `name`, in
    /// document order: an EPUB's manifest items and spine, a .docx's content types.
    func attributes(of name: Name) -> [[String: String]] {
        var found: [[String: String]] = []
        forEachElement { node in
            guard Self.name(of: node) == name else { return true }
            var attributes: [String: String] = [:]
            var attribute = node.pointee.properties
            while let current = attribute {
                attributes[String(cString: current.pointee.name)] =
                    current.pointee.children.flatMap { $0.pointee.content.map { String(cString: $0) } } ?? ""
                attribute = current.pointee.next
            }
            found.append(attributes)
            return true
        }
        return found
    }

    /// Calls `body` with each element in document order until it returns false (an explicit
    /// stack, so deep nesting cannot overflow the call stack).
    private func forEachElement(_ body: (xmlNodePtr) -> Bool) {
        var stack: [xmlNodePtr] = xmlDocGetRootElement(document).map { [$0] } ?? []
        while let node = stack.popLast() {
            guard body(node) else { return }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            stack += children.reversed()
        }
    }

    fileprivate static func name(of node: xmlNodePtr) -> Name {
        let namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } ?? ""
        return Name(namespace, String(cString: node.pointee.name))
    }

    /// A depth-first walk with an explicit stack, so deeply nested XML cannot overflow the call stack.
    private struct Walker {
        let markup: OfficeXMLDocument.Markup
        var lines: [String] = []
        var deferred: [xmlNodePtr] = []
        private var line = ""

        init(markup: OfficeXMLDocument.Markup) {
            self.markup = markup
        }

        private enum Step {
            case enter(xmlNodePtr, inText: Bool)
            case leaveParagraph
        }

        mutating func walk(_ root: xmlNodePtr) {
            var stack: [Step] = [.enter(root, inText: markup.text == nil)]
            while let step = stack.popLast() {
                guard case .enter(let node, let inText) = step else {
                    endLine()
                    continue
                }
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if inText, let content = node.pointee.content { append(String(cString: content)) }
                case XML_ELEMENT_NODE:
                    let name = OfficeXMLDocument.name(of: node)
                    if markup.skipped.contains(name) { continue }
                    if markup.deferred.contains(name) {
                        deferred.append(node)
                        continue
                    }
                    if markup.spaces.contains(name) { append(" ") }
                    if markup.paragraphs.contains(name) {
                        endLine()
                        stack.append(.leaveParagraph)
                    }
                    let childInText = inText || markup.text?.contains(name) == true
                    var children: [xmlNodePtr] = []
                    var child = node.pointee.children
                    while let current = child {
                        children.append(current)
                        child = current.pointee.next
                    }
                    stack += children.reversed().map { .enter($0, inText: childInText) }
                default:
                    break
                }
            }
        }

        /// Appends text, every run of whitespace (line breaks too) as one space.
        private mutating func append(_ text: String) {
            for character in text {
                if character.isWhitespace {
                    if !line.isEmpty, line.last != " " { line.append(" ") }
                } else {
                    line.append(character)
                }
            }
        }

        mutating func endLine() {
            while line.last == " " { line.removeLast() }
            if !line.isEmpty { lines.append(line) }
            line = ""
        }
    }
}
