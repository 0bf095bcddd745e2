import Foundation
import NIOCore

/// The server's own reading of what a client sends, open to the fuzzer (Fuzz/): a search's query
/// string and an upload's body, as the routes read them. Each answers with the parsed request or
/// the 400 message it would send; nothing a client sends may crash or hang it.
public enum RequestParsing {
    /// `GET /search?…`'s parameters, or the error message.
    public static func searchParameters(queryString: String) -> Result<String, RequestParsingError> {
        do {
            return .success(try SearchParameters(queryString: queryString).query)
        } catch {
            return .failure(RequestParsingError(message: error.message))
        }
    }

    /// `POST /articles`'s JSON body as the article to add (its id, checked), or the error message.
    public static func upload(body: [UInt8]) -> Result<String, RequestParsingError> {
        do {
            return .success(try JSONUploadBody.decode(Data(body)).incoming().id)
        } catch {
            return .failure(RequestParsingError(message: error.message))
        }
    }

    /// `POST /articles`'s `multipart/form-data` body, sent with this `Content-Type`, as the article
    /// to add (its id and format, checked), or the error message.
    public static func formUpload(body: [UInt8], contentType: String) -> Result<String, RequestParsingError> {
        guard let type = MediaType(contentType) else { return .failure(RequestParsingError(message: "no content type")) }
        do throws(APIError) {
            let upload = try FormUploadBody.decode(ByteBuffer(bytes: body), contentType: type)
            return .success(try upload.incoming().id + " " + upload.format.rawValue)
        } catch {
            return .failure(RequestParsingError(message: error.message))
        }
    }
}

/// Why the server would refuse a request (its 400 message).
public struct RequestParsingError: Error, Sendable {
    public let message: String
}
