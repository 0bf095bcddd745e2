import Foundation
import Ingestion
import MultipartKit
import NIOCore

/// A `multipart/form-data` body of `POST /articles`, as an upload form sends it: the fields `id`,
/// `file` (a file in any format peersearch reads) or `text` (pasted text), and optional `format`,
/// `title`, `author`, `source` and `date`. The parts are cut by multipart-kit's parser; this type
/// checks what they say.
enum FormUploadBody {
    /// More parts than a form of all the fields above cannot be an upload.
    static let maximumParts = 16
    static let fields: Set<String> = Set(["id", "file", "text", "format"] + ArticleUpload.metadataFields)

    /// One part of the form: its field name, the file name it was sent with, and its bytes.
    struct Part {
        var name: String
        var fileName: String?
        var mediaType: MediaType?
        var bytes: [UInt8]
    }

    /// Reads the upload from the body of a request with this `Content-Type`: 400 when it is not a
    /// well-formed form of the fields above.
    static func decode(_ body: ByteBuffer, contentType: MediaType) throws(APIError) -> ArticleUpload {
        try decode(try self.parts(of: body, contentType: contentType))
    }

    /// Reads the upload from a form's parts (see `parts(of:contentType:)`).
    static func decode(_ formParts: [Part]) throws(APIError) -> ArticleUpload {
        var parts: [String: Part] = [:]
        for part in formParts {
            guard fields.contains(part.name) else {
                throw .badRequest("unknown form field '\(part.name)' (known: \(fields.sorted().joined(separator: ", ")))")
            }
            guard parts.updateValue(part, forKey: part.name) == nil else { throw .badRequest("form field '\(part.name)' given twice") }
        }
        func text(_ name: String) throws(APIError) -> String? {
            guard let part = parts[name] else { return nil }
            guard let text = String(validating: part.bytes, as: UTF8.self) else { throw .badRequest("form field '\(name)' is not UTF-8 text") }
            return text
        }
        let id = try ArticleUpload.validated(id: try text("id"))
        let content: Part
        switch (parts["file"], parts["text"]) {
        case (let file?, nil): content = file
        case (nil, let pasted?): content = Part(name: "text", mediaType: MediaType(essence: "text/plain"), bytes: pasted.bytes)
        case (nil, nil): throw .badRequest("the form has neither a 'file' nor a 'text' field")
        case (_?, _?): throw .badRequest("the form has both a 'file' and a 'text' field; send one")
        }
        guard !content.bytes.isEmpty else { throw .badRequest("the uploaded \(content.name) is empty") }
        let format = try ArticleUpload.format(named: text("format")?.nonEmpty, fileName: content.fileName,
                                              mediaType: content.mediaType, bytes: content.bytes)
        return ArticleUpload(id: id, bytes: content.bytes, format: format, title: try text("title"),
                             author: try text("author"), source: try text("source"), date: try text("date"))
    }

    /// The form's parts, in order: 400 for a missing or bad boundary, a part without a field name,
    /// more than `maximumParts` parts, or a body that ends before its closing boundary.
    static func parts(of body: ByteBuffer, contentType: MediaType) throws(APIError) -> [Part] {
        // RFC 2046: a boundary is 1 to 70 characters; the parser takes a non-empty one only.
        guard let boundary = contentType.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw .badRequest("multipart/form-data needs a boundary of 1 to 70 characters")
        }
        guard headerNamesAreASCII(body.readableBytesView, boundary: Array(boundary.utf8)) else {
            throw .badRequest("the multipart/form-data body is malformed (a header name that is not ASCII)")
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        var problem: APIError?
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { chunk in bytes += chunk.readableBytesView }
        parser.onPartComplete = {
            defer { headers = []; bytes = [] }
            guard problem == nil else { return }
            guard parts.count < maximumParts else {
                problem = .badRequest("the form has more than \(maximumParts) parts")
                return
            }
            let disposition = MediaType(headers.last { $0.0 == "content-disposition" }?.1)
            guard let name = disposition?.parameters["name"], !name.isEmpty else {
                problem = .badRequest("a form part has no field name (Content-Disposition: form-data; name=…)")
                return
            }
            parts.append(Part(name: name, fileName: disposition?.parameters["filename"],
                              mediaType: MediaType(headers.last { $0.0 == "content-type" }?.1), bytes: bytes))
        }
        do {
            try parser.execute(body)
        } catch {
            throw .badRequest("the multipart/form-data body is malformed")
        }
        if let problem { throw problem }
        guard !parts.isEmpty else { throw .badRequest("the multipart/form-data body has no parts (is the boundary right?)") }
        // A part is complete only at the boundary after it: a body cut short leaves one open, or
        // (cut right after a boundary) lacks the closing one, and later fields with it.
        guard headers.isEmpty && bytes.isEmpty, body.readableBytesView.firstRange(of: Array("--\(boundary)--".utf8)) != nil else {
            throw .badRequest("the multipart/form-data body ends inside a part")
        }
        return parts
    }

    /// Whether every header name of every part is ASCII. multipart-kit 4.7.1 looks a header
    /// name's bytes up in a table of 128 entries and traps on a byte over 0x7F (found by
    /// fuzzing: one form would stop the server), so such a body never reaches its parser.
    ///
    /// The check reads header lines as that parser does: they start after `--boundary` and CR LF;
    /// a name runs to `:`, its value to the next CR, which LF must follow; a CR where a name would
    /// start ends them. It starts at every `--boundary` CR LF in the body, so at every place the
    /// parser can, and more. A header line is read once however many starts reach it, so the
    /// check stays linear in the body's size.
    static func headerNamesAreASCII(_ body: ByteBufferView, boundary: [UInt8]) -> Bool {
        let bytes = Array(body)
        let (colon, cr, lf): (UInt8, UInt8, UInt8) = (0x3A, 0x0D, 0x0A)
        let delimiter = Array("--".utf8) + boundary + [cr, lf]
        var lineStartsRead: Set<Int> = []
        var searchFrom = 0
        while searchFrom < bytes.count, let found = bytes[searchFrom...].firstRange(of: delimiter) {
            var index = found.upperBound
            while index < bytes.count, lineStartsRead.insert(index).inserted {
                guard let nameEnd = bytes[index...].firstIndex(where: { $0 == colon || $0 == cr || $0 >= 0x80 }) else { break }
                if bytes[nameEnd] >= 0x80 { return false }
                guard bytes[nameEnd] == colon, let valueEnd = bytes[nameEnd...].firstIndex(of: cr),
                      valueEnd + 1 < bytes.count, bytes[valueEnd + 1] == lf else { break }
                index = valueEnd + 2
            }
            searchFrom = found.lowerBound + 1
        }
        return true
    }
}
