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
    /// fuzzing: one form would stop the server), so such a body never reaches its parser. Every
    /// line after any boundary line, up to an empty line, is checked: more than the parser
    /// reads as headers, never less.
    static func headerNamesAreASCII(_ body: ByteBufferView, boundary: [UInt8]) -> Bool {
        let bytes = Array(body)
        let delimiter = Array("--".utf8) + boundary
        var searchFrom = 0
        while searchFrom < bytes.count, let found = bytes[searchFrom...].firstRange(of: delimiter) {
            guard let boundaryLineEnd = bytes[found.upperBound...].firstIndex(of: 0x0A) else { return true }
            var index = boundaryLineEnd + 1
            while index < bytes.count {
                let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
                var line = bytes[index..<end]
                if line.last == 0x0D { line = line.dropLast() }
                if line.isEmpty { break }
                if line.prefix(while: { $0 != 0x3A }).contains(where: { $0 >= 0x80 }) { return false }
                index = end + 1
            }
            searchFrom = max(index, found.upperBound)
        }
        return true
    }
}
