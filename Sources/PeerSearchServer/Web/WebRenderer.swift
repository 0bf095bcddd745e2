import Foundation
import Hummingbird
import HTTPTypes
import Mustache

/// Renders the search page's Mustache templates (hummingbird-project/swift-mustache, which
/// HTML-escapes every `{{value}}`; the templates use no unescaped `{{{…}}}`) into responses
/// that carry the page's security headers.
struct WebRenderer: Sendable {
    private let library: MustacheLibrary

    /// A Content-Security-Policy that allows no inline script and no other origin: the page's
    /// only script and style are its own files, its forms post only to itself, and no other
    /// site may frame it.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The headers every page and file of the site carries.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: contentSecurityPolicy,
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    init() throws {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in WebAssets.templates { templates[name] = try MustacheTemplate(string: text) }
        library = MustacheLibrary(templates: templates)
    }

    /// The page `template` renders `model` into, as an HTML response.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        var headers = Self.securityHeaders
        guard let html = library.render(model, withTemplate: template) else {
            // Only a template missing from the build gets here: never an empty 200.
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .internalServerError, headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "no page template '\(template)'")))
        }
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page: a heading and one line, in Danish.
    func error(_ status: HTTPResponse.Status, heading: String, message: String, frame: PageFrame) -> Response {
        page("fejl", ErrorPage(frame: frame, heading: heading, message: message), status: status)
    }

    /// A static file of the site (`/static/style.css`), or nil when there is none by that name.
    static func staticFile(_ name: String) -> Response? {
        guard let text = WebAssets.staticFiles[name] else { return nil }
        let type = switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        default: "application/octet-stream"
        }
        var headers = securityHeaders
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// What the error page shows.
struct ErrorPage: Sendable {
    var frame: PageFrame
    var heading: String
    var message: String
}
